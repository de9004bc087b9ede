//! Benchmarks of the account layer: the weighted NPS over 10⁷ (score, weight) pairs and the account
//! roll-up over 10⁶ responses in 10⁴ accounts, each beside a baseline over the same data in the same
//! run, so a result reads as a ratio.
//!
//! The weighted pass here is the per-answer `WeightedTally::try_add` path (validation, compensated
//! sums of w and w² per answer). A bulk slice constructor is a separate piece of work; when it lands,
//! add it to the `weighted_nps` group beside this one.
//!
//! Run with `cargo bench --bench accounts`.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nps_stats::{
    AccountRollup, Confidence, Response, Score, WeightedTally,
    accounts::{Strategy, Weighting},
};

/// A small deterministic generator (xorshift64*), so the data is the same in every run.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A log-uniform value between 1e3 and 1e7: account values a hundredfold apart and more.
    fn value(&mut self) -> f64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        10f64.powf(3.0 + 4.0 * u)
    }
}

fn weighted_nps(c: &mut Criterion) {
    const N: usize = 10_000_000;
    let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
    let scores: Vec<u8> = (0..N).map(|_| rng.below(11) as u8).collect();
    let weights: Vec<f64> = (0..N).map(|_| rng.value()).collect();

    let mut group = c.benchmark_group("weighted_nps");
    group.sample_size(10).measurement_time(Duration::from_secs(4)).throughput(Throughput::Elements(N as u64));
    group.bench_function("baseline: f64 sum of the weights", |b| {
        b.iter(|| black_box(&weights).iter().sum::<f64>())
    });
    group.bench_function("WeightedTally::try_add per answer + linearized estimate", |b| {
        b.iter(|| {
            let mut tally = WeightedTally::new();
            for (&score, &weight) in black_box(&scores).iter().zip(black_box(&weights)) {
                tally.try_add(score, weight).unwrap();
            }
            tally.linearized_estimate(Confidence::NINETY_FIVE).unwrap()
        })
    });
    group.finish();
}

fn account_rollup(c: &mut Criterion) {
    const RESPONSES: usize = 1_000_000;
    const ACCOUNTS: u64 = 10_000;
    let mut rng = Xorshift(0xD1B5_4A32_D192_ED03);
    let names: Vec<String> = (0..ACCOUNTS).map(|a| format!("account-{a:05}")).collect();
    let values: HashMap<&str, f64> = names.iter().map(|name| (name.as_str(), rng.value())).collect();
    let roles = ["decision maker", "influencer", "end user"];
    let responses: Vec<Response> = (0..RESPONSES)
        .map(|i| {
            let account = &names[rng.below(ACCOUNTS) as usize];
            Response::new(Score::new(rng.below(11) as u8).unwrap())
                .with_account(account.as_str())
                .with_respondent(format!("r{i}"))
                .with_role(roles[rng.below(3) as usize])
        })
        .collect();

    let mut group = c.benchmark_group("account_rollup");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(RESPONSES as u64));
    group.bench_function("baseline: HashMap count of answers per account", |b| {
        b.iter(|| {
            let mut counts: HashMap<&str, u64> = HashMap::new();
            for response in black_box(&responses) {
                if let Some(account) = response.account() {
                    *counts.entry(account.as_str()).or_default() += 1;
                }
            }
            counts.len()
        })
    });
    group.bench_function("respondent level, value spread, cluster-robust", |b| {
        b.iter(|| {
            AccountRollup::builder()
                .values(&values)
                .strategy(Strategy::Respondent)
                .weighting(Weighting::AccountValueSpread)
                .run(black_box(&responses))
                .unwrap()
        })
    });
    group.bench_function("decision maker first, account value, cluster-robust", |b| {
        b.iter(|| {
            AccountRollup::builder()
                .values(&values)
                .strategy(Strategy::decision_maker_first(["decision maker", "influencer"]))
                .weighting(Weighting::AccountValue)
                .run(black_box(&responses))
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, weighted_nps, account_rollup);
criterion_main!(benches);
