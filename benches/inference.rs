//! Interval methods: one benchmark per method on the same tally, and the multinomial bootstrap at
//! 10³ and 10⁶ answers (its cost should not depend on n). Each group has a baseline measured over
//! the same data in the same run, so results read as ratios.
//!
//! Run with `cargo bench --bench inference`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nps_stats::{
    Confidence, Method, Scale, Tally,
    inference::{BootstrapInterval, Prior},
};

/// A tally of n answers in the shares 50 % promoters, 30 % passives, 20 % detractors.
fn tally(n: u64) -> Tally {
    let mut histogram = [0u64; 11];
    histogram[10] = n / 2;
    histogram[8] = 3 * n / 10;
    histogram[0] = n - n / 2 - 3 * n / 10;
    Tally::from_histogram(Scale::STANDARD, histogram).expect("valid histogram")
}

fn bootstrap(interval: BootstrapInterval) -> Method {
    Method::Bootstrap { resamples: 10_000, seed: 7, interval }
}

/// One estimate per method on 100 answers; baseline: the point NPS alone.
fn methods(c: &mut Criterion) {
    let t = tally(100);
    let level = Confidence::NINETY_FIVE;
    let mut group = c.benchmark_group("estimate_n100");
    group.sample_size(20).measurement_time(Duration::from_secs(3)).throughput(Throughput::Elements(1));
    group.bench_function("baseline_nps_only", |b| b.iter(|| black_box(&t).nps()));
    for (name, method) in [
        ("wald", Method::Wald),
        ("adjusted_wald", Method::AdjustedWald),
        ("score", Method::Score),
        ("bayesian_uniform", Method::Bayesian { prior: Prior::UNIFORM }),
        ("bootstrap_percentile_10k", bootstrap(BootstrapInterval::Percentile)),
        ("bootstrap_bca_10k", bootstrap(BootstrapInterval::Bca)),
    ] {
        group.bench_function(name, |b| b.iter(|| black_box(&t).estimate(black_box(method), level)));
    }
    group.finish();
}

/// The multinomial bootstrap (10,000 resamples, BCa) at n = 10³ and 10⁶; baseline: the adjusted
/// Wald interval of the same tallies. Throughput: resamples per second.
fn bootstrap_by_n(c: &mut Criterion) {
    let level = Confidence::NINETY_FIVE;
    let mut group = c.benchmark_group("bootstrap_10k_by_n");
    group.sample_size(20).measurement_time(Duration::from_secs(4)).throughput(Throughput::Elements(10_000));
    for n in [1_000u64, 1_000_000] {
        let t = tally(n);
        group.bench_function(format!("baseline_adjusted_wald_n{n}"), |b| {
            b.iter(|| black_box(&t).estimate(Method::AdjustedWald, level))
        });
        group.bench_function(format!("bootstrap_bca_n{n}"), |b| {
            b.iter(|| black_box(&t).estimate(bootstrap(BootstrapInterval::Bca), level))
        });
    }
    group.finish();
}

/// The exact Bayesian interval as n grows (the incomplete beta's continued fraction needs about
/// √n terms near the mean); baseline: the adjusted Wald interval of the same tallies.
fn bayesian_by_n(c: &mut Criterion) {
    let level = Confidence::NINETY_FIVE;
    let mut group = c.benchmark_group("bayesian_by_n");
    group.sample_size(10).measurement_time(Duration::from_secs(3)).throughput(Throughput::Elements(1));
    for n in [100u64, 10_000, 1_000_000] {
        let t = tally(n);
        group.bench_function(format!("baseline_adjusted_wald_n{n}"), |b| {
            b.iter(|| black_box(&t).estimate(Method::AdjustedWald, level))
        });
        group.bench_function(format!("bayesian_uniform_n{n}"), |b| {
            b.iter(|| black_box(&t).estimate(Method::Bayesian { prior: Prior::UNIFORM }, level))
        });
    }
    group.finish();
}

criterion_group!(benches, methods, bootstrap_by_n, bayesian_by_n);
criterion_main!(benches);
