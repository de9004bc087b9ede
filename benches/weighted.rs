//! `WeightedTally::from_weighted_scores` against the read limit, a naive `match` loop and adding
//! one answer at a time, over the same seeded data.

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nps_stats::WeightedTally;

/// The naive loop: a `match` into three plain (uncompensated) Σw and Σw², with validation.
fn naive_match(scores: &[u8], weights: &[f64]) -> Option<[f64; 6]> {
    let mut sums = [0.0; 6];
    for (&score, &weight) in scores.iter().zip(weights) {
        if !(weight.is_finite() && weight > 0.0) {
            return None;
        }
        let category = match score {
            0..=6 => 0,
            7 | 8 => 1,
            9 | 10 => 2,
            _ => return None,
        };
        sums[category] += weight;
        sums[3 + category] += weight * weight;
    }
    Some(sums)
}

/// The public one-at-a-time path: `try_add` per answer.
fn one_at_a_time(scores: &[u8], weights: &[f64]) -> nps_stats::Result<WeightedTally> {
    let mut weighted = WeightedTally::new();
    for (&score, &weight) in scores.iter().zip(weights) {
        weighted.try_add(score, weight)?;
    }
    Ok(weighted)
}

/// The read limit over both inputs: the sum of the weights plus the byte sum of the scores.
fn read_limit(scores: &[u8], weights: &[f64]) -> f64 {
    let (chunks, rest) = weights.as_chunks::<8>();
    let mut lanes = [0.0f64; 8];
    for chunk in chunks {
        for (lane, &w) in lanes.iter_mut().zip(chunk) {
            *lane += w;
        }
    }
    lanes.iter().sum::<f64>() + rest.iter().sum::<f64>() + common::byte_sum(scores) as f64
}

fn weighted(c: &mut Criterion) {
    let mut rng = common::SplitMix::new(common::SEED ^ 2);
    for n in common::SIZES {
        let scores = common::scores(n, &mut rng);
        // Account values from 1,000 to about 55 million: log-uniform over four orders of magnitude.
        let weights: Vec<f64> = (0..n).map(|_| 1_000.0 * (10.9 * rng.unit()).exp()).collect();
        let mut group = c.benchmark_group("weighted");
        common::configure(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("read_limit", n), &(), |b, _| {
            b.iter(|| read_limit(black_box(&scores), black_box(&weights)))
        });
        group.bench_with_input(BenchmarkId::new("naive_match", n), &(), |b, _| {
            b.iter(|| naive_match(black_box(&scores), black_box(&weights)))
        });
        group.bench_with_input(BenchmarkId::new("one_at_a_time", n), &(), |b, _| {
            b.iter(|| one_at_a_time(black_box(&scores), black_box(&weights)))
        });
        group.bench_with_input(BenchmarkId::new("from_weighted_scores", n), &(), |b, _| {
            b.iter(|| WeightedTally::from_weighted_scores(black_box(&scores), black_box(&weights)))
        });
        #[cfg(feature = "rayon")]
        group.bench_with_input(BenchmarkId::new("from_weighted_scores_par", n), &(), |b, _| {
            b.iter(|| WeightedTally::from_weighted_scores_par(black_box(&scores), black_box(&weights)))
        });
        group.finish();
    }
}

criterion_group!(benches, weighted);
criterion_main!(benches);
