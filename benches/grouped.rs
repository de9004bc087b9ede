//! `Tally::grouped` (dense keys) and `Tally::grouped_by_label` (sparse keys) against the read limit
//! and the naive loop, over the same seeded data.

mod common;

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nps_stats::Tally;

/// Groups in the acceptance measurement: a programme with 1,000 accounts.
const GROUPS: u64 = 1_000;

/// The naive loop: validate, size by the largest key, then `counts[key][score] += 1`.
fn naive_dense(keys: &[u32], scores: &[u8]) -> Option<Vec<[u64; 11]>> {
    let groups = keys.iter().max().map_or(0, |&k| k as usize + 1);
    let mut counts = vec![[0u64; 11]; groups];
    for (&key, &score) in keys.iter().zip(scores) {
        *counts.get_mut(key as usize)?.get_mut(usize::from(score))? += 1;
    }
    Some(counts)
}

/// The naive sparse loop: `entry(key).or_insert(..)[score] += 1`.
fn naive_sparse(keys: &[u64], scores: &[u8]) -> Option<HashMap<u64, [u64; 11]>> {
    let mut counts: HashMap<u64, [u64; 11]> = HashMap::new();
    for (&key, &score) in keys.iter().zip(scores) {
        *counts.entry(key).or_insert([0; 11]).get_mut(usize::from(score))? += 1;
    }
    Some(counts)
}

/// The read limit over both inputs: the sum of the keys plus the byte sum of the scores.
fn read_limit(keys: &[u32], scores: &[u8]) -> u64 {
    keys.iter().map(|&k| u64::from(k)).sum::<u64>() + common::byte_sum(scores)
}

fn grouped(c: &mut Criterion) {
    let mut rng = common::SplitMix::new(common::SEED ^ 1);
    for n in common::SIZES {
        let scores = common::scores(n, &mut rng);
        let keys: Vec<u32> = (0..n).map(|_| rng.below(GROUPS) as u32).collect();
        let mut group = c.benchmark_group("grouped_1000_keys");
        common::configure(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("read_limit", n), &(), |b, _| {
            b.iter(|| read_limit(black_box(&keys), black_box(&scores)))
        });
        group.bench_with_input(BenchmarkId::new("naive", n), &(), |b, _| {
            b.iter(|| naive_dense(black_box(&keys), black_box(&scores)))
        });
        group.bench_with_input(BenchmarkId::new("grouped", n), &(), |b, _| {
            b.iter(|| Tally::grouped(black_box(&keys), black_box(&scores)))
        });
        #[cfg(feature = "rayon")]
        group.bench_with_input(BenchmarkId::new("grouped_par", n), &(), |b, _| {
            b.iter(|| Tally::grouped_par(black_box(&keys), black_box(&scores)))
        });
        group.finish();
    }

    // Sparse keys (account numbers spread over the u64 range): the HashMap path, up to 10⁷.
    for n in [1_000usize, 100_000, 10_000_000] {
        let scores = common::scores(n, &mut rng);
        let accounts: Vec<u64> = (0..GROUPS).map(|_| rng.next_u64()).collect();
        let keys: Vec<u64> = (0..n).map(|_| accounts[rng.below(GROUPS) as usize]).collect();
        let mut group = c.benchmark_group("grouped_by_label_1000_keys");
        common::configure(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("naive", n), &(), |b, _| {
            b.iter(|| naive_sparse(black_box(&keys), black_box(&scores)))
        });
        group.bench_with_input(BenchmarkId::new("grouped_by_label", n), &(), |b, _| {
            b.iter(|| Tally::grouped_by_label(black_box(&keys), black_box(&scores)))
        });
        group.finish();
    }
}

criterion_group!(benches, grouped);
criterion_main!(benches);
