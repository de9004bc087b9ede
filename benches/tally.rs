//! `Tally::from_scores` against the read limit (a byte sum) and the two naive loops, over the same
//! seeded data.

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nps_stats::Tally;

/// The naive algorithm: a `match` into three counters, with the same validation.
fn naive_match(scores: &[u8]) -> Option<[u64; 3]> {
    let (mut detractors, mut passives, mut promoters) = (0u64, 0u64, 0u64);
    for &score in scores {
        match score {
            0..=6 => detractors += 1,
            7 | 8 => passives += 1,
            9 | 10 => promoters += 1,
            _ => return None,
        }
    }
    Some([detractors, passives, promoters])
}

/// The naive histogram: `counts[s] += 1`, with the same validation.
fn naive_index(scores: &[u8]) -> Option<[u64; 11]> {
    let mut counts = [0u64; 11];
    for &score in scores {
        *counts.get_mut(usize::from(score))? += 1;
    }
    Some(counts)
}

fn tally(c: &mut Criterion) {
    let mut rng = common::SplitMix::new(common::SEED);
    for n in common::SIZES {
        let scores = common::scores(n, &mut rng);
        let mut group = c.benchmark_group("tally");
        common::configure(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("byte_sum", n), &scores, |b, s| {
            b.iter(|| common::byte_sum(black_box(s)))
        });
        group.bench_with_input(BenchmarkId::new("naive_match", n), &scores, |b, s| {
            b.iter(|| naive_match(black_box(s)))
        });
        group.bench_with_input(BenchmarkId::new("naive_index", n), &scores, |b, s| {
            b.iter(|| naive_index(black_box(s)))
        });
        group.bench_with_input(BenchmarkId::new("from_scores", n), &scores, |b, s| {
            b.iter(|| Tally::from_scores(black_box(s)))
        });
        #[cfg(feature = "rayon")]
        group.bench_with_input(BenchmarkId::new("from_scores_par", n), &scores, |b, s| {
            b.iter(|| Tally::from_scores_par(black_box(s)))
        });
        group.finish();
    }
}

criterion_group!(benches, tally);
criterion_main!(benches);
