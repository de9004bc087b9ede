//! Trends and paired changes: 20,000 contacts answering in each of 8 quarters, beside a baseline
//! that only counts the same answers per quarter.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nps_stats::{
    Confidence, Method, Quarter, Response, Score, Tally, Trend,
    analysis::{Unit, Window, compare_repeated},
};

const CONTACTS: usize = 20_000;
const QUARTERS: u8 = 8;

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Each contact answers in about 80 % of the quarters; answers drift a little between quarters.
fn answers() -> Vec<Response> {
    let mut state = 11;
    let mut responses = Vec::new();
    for contact in 0..CONTACTS {
        let mut score = (splitmix(&mut state) % 11) as i64;
        for quarter in 0..QUARTERS {
            score = (score + (splitmix(&mut state) % 3) as i64 - 1).clamp(0, 10);
            if splitmix(&mut state).is_multiple_of(5) {
                continue;
            }
            let label = format!("{}-Q{}", 2025 + u16::from(quarter / 4), quarter % 4 + 1);
            responses.push(
                Response::new(Score::try_from(score as u8).unwrap_or(Score::MIN))
                    .with_respondent(format!("contact-{contact}"))
                    .with_period(label),
            );
        }
    }
    responses
}

fn trends(c: &mut Criterion) {
    let responses = answers();
    let quarters: Vec<Quarter> = responses.iter().filter_map(|r| r.period()?.parse().ok()).collect();
    let first = quarters.iter().min().copied();
    let ids: Vec<u32> = quarters
        .iter()
        .map(|q| first.map_or(0, |f| u32::from((q.year() - f.year()) * 4 + u16::from(q.quarter()) - 1)))
        .collect();
    let scores: Vec<u8> = responses.iter().map(|r| r.score().value()).collect();

    let mut group = c.benchmark_group("trend_8_quarters_20000_contacts");
    group.sample_size(10).measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(responses.len() as u64));
    group.bench_function("baseline_count_per_quarter", |b| {
        b.iter(|| Tally::grouped(black_box(&ids), black_box(&scores)))
    });
    group.bench_function("baseline_parse_labels_and_count", |b| {
        b.iter(|| {
            let mut tallies = vec![Tally::new(); usize::from(QUARTERS)];
            for response in black_box(&responses) {
                if let Some(q) = response.period().and_then(|p| p.parse::<Quarter>().ok()) {
                    let index = usize::from((q.year() - 2025) * 4 + u16::from(q.quarter()) - 1);
                    if let Some(tally) = tallies.get_mut(index) {
                        let _ = tally.add(response.score());
                    }
                }
            }
            tallies
        })
    });
    for (name, window) in [
        ("per_period_paired", Window::Period),
        ("rolling_4", Window::Rolling(4)),
        ("cumulative", Window::Cumulative),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| Trend::builder().window(window).by_period::<Quarter>(black_box(&responses)))
        });
    }
    group.finish();

    let q1: Vec<Response> = responses.iter().filter(|r| r.period() == Some("2025-Q1")).cloned().collect();
    let q2: Vec<Response> = responses.iter().filter(|r| r.period() == Some("2025-Q2")).cloned().collect();
    let mut group = c.benchmark_group("paired_change_two_quarters");
    group.sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements((q1.len() + q2.len()) as u64));
    group.bench_function("baseline_two_tallies", |b| {
        b.iter(|| {
            let first: Tally = black_box(&q1).iter().map(Response::score).collect();
            let second: Tally = black_box(&q2).iter().map(Response::score).collect();
            (first, second)
        })
    });
    group.bench_function("compare_repeated", |b| {
        b.iter(|| {
            compare_repeated(
                black_box(&q1),
                black_box(&q2),
                Unit::Respondent,
                Method::AdjustedWald,
                Confidence::NINETY_FIVE,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, trends);
criterion_main!(benches);
