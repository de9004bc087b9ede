//! Breakdowns: 10⁷ answers over 1,000 dense segment ids, beside plain-Rust baselines over the same
//! data (a byte sum, and a dense per-segment count table), and a breakdown by label over responses.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nps_stats::{Breakdown, Response, Score, Tally};

const ANSWERS: usize = 10_000_000;
const SEGMENTS: u32 = 1_000;

/// SplitMix64: a fixed, dependency-free stream so every run measures the same data.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn data() -> (Vec<u32>, Vec<u8>) {
    let mut state = 42;
    let keys = (0..ANSWERS).map(|_| (splitmix(&mut state) % u64::from(SEGMENTS)) as u32).collect();
    let scores = (0..ANSWERS).map(|_| (splitmix(&mut state) % 11) as u8).collect();
    (keys, scores)
}

fn dense_ids(c: &mut Criterion) {
    let (keys, scores) = data();
    let mut group = c.benchmark_group("breakdown_1e7_answers_1000_segments");
    group.sample_size(10).measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(ANSWERS as u64));

    group.bench_function("baseline_byte_sum", |b| {
        b.iter(|| black_box(&scores).iter().map(|&s| u64::from(s)).sum::<u64>())
    });
    group.bench_function("baseline_dense_table", |b| {
        b.iter(|| {
            let mut table = vec![[0u64; 11]; SEGMENTS as usize];
            for (&key, &score) in black_box(&keys).iter().zip(black_box(&scores)) {
                table[key as usize][score as usize] += 1;
            }
            table
        })
    });
    group
        .bench_function("tally_grouped", |b| b.iter(|| Tally::grouped(black_box(&keys), black_box(&scores))));
    group.bench_function("breakdown_by_ids", |b| {
        b.iter(|| Breakdown::builder().by_ids(black_box(&keys), black_box(&scores)))
    });
    group.finish();
}

fn labelled_responses(c: &mut Criterion) {
    const RESPONSES: usize = 100_000;
    let mut state = 7;
    let responses: Vec<Response> = (0..RESPONSES)
        .map(|_| {
            let score = Score::try_from((splitmix(&mut state) % 11) as u8).unwrap_or(Score::MIN);
            Response::new(score).with_segment("branch", format!("branch-{:02}", splitmix(&mut state) % 20))
        })
        .collect();
    let mut group = c.benchmark_group("breakdown_1e5_responses_20_labels");
    group.sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(RESPONSES as u64));
    group.bench_function("baseline_tally_all", |b| {
        b.iter(|| black_box(&responses).iter().map(Response::score).collect::<Tally>())
    });
    group.bench_function("by_dimension", |b| {
        b.iter(|| Breakdown::builder().by_dimension(black_box(&responses), "branch"))
    });
    group.finish();
}

criterion_group!(benches, dense_ids, labelled_responses);
criterion_main!(benches);
