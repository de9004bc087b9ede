//! The columnar survey: building it from responses, and the analyses that run on it, at 10⁶ and 10⁷
//! answers (10,000 accounts, 10 branches, 3 roles, 4 quarters, a respondent id each). Every group
//! measures a baseline over the same data in the same run, so a result reads as a ratio.

mod common;

use std::collections::HashMap;
use std::hint::black_box;

use common::{SEED, SplitMix, configure, survey_responses};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nps_stats::accounts::Weighting;
use nps_stats::core::Survey;
use nps_stats::{AccountRollup, Breakdown, Quarter, Response, Tally, Trend};

const SIZES: [usize; 2] = [1_000_000, 10_000_000];

/// The five labels of a bench response: account, respondent, role, period, branch.
fn labels(r: &Response) -> [Option<&str>; 5] {
    [r.account().map(|a| a.as_str()), r.respondent(), r.role(), r.period(), r.segment("branch")]
}

fn build(c: &mut Criterion) {
    // Contacts in the same order each wave at both sizes; in arrival order (shuffled) at 10⁶, where
    // the dictionary of 250,000 respondent ids is probed at random.
    for (n, shuffled) in [(SIZES[0], false), (SIZES[1], false), (SIZES[0], true)] {
        let responses = survey_responses(n, shuffled, &mut SplitMix::new(SEED));
        let order = if shuffled { "_shuffled" } else { "" };
        let mut group = c.benchmark_group(format!("survey_build{order}_{n}"));
        configure(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        // The read limit: touching every label of every response once.
        group.bench_function("baseline_read_labels", |b| {
            b.iter(|| {
                black_box(&responses)
                    .iter()
                    .map(|r| labels(r).iter().map(|label| label.map_or(0, str::len)).sum::<usize>())
                    .sum::<usize>()
            })
        });
        // The floor of any build from responses: the same reads, the score and a code per label
        // written to six fresh columns, without a dictionary (the code is the label's length).
        group.bench_function("baseline_write_columns", |b| {
            b.iter(|| {
                let mut scores = Vec::with_capacity(n);
                let mut codes: Vec<Vec<u32>> = (0..5).map(|_| Vec::with_capacity(n)).collect();
                for r in black_box(&responses) {
                    scores.push(r.score().value());
                    for (codes, label) in codes.iter_mut().zip(labels(r)) {
                        codes.push(label.map_or(u32::MAX, |l| l.len() as u32));
                    }
                }
                (scores, codes)
            })
        });
        // What a user would write: a std HashMap per column.
        group.bench_function("baseline_naive_hashmaps", |b| {
            b.iter(|| {
                let mut maps: [HashMap<&str, u32>; 5] = Default::default();
                let mut codes: Vec<Vec<u32>> = (0..5).map(|_| Vec::with_capacity(n)).collect();
                for r in black_box(&responses) {
                    for ((map, codes), label) in maps.iter_mut().zip(&mut codes).zip(labels(r)) {
                        let next = map.len() as u32;
                        codes.push(label.map_or(u32::MAX, |l| *map.entry(l).or_insert(next)));
                    }
                }
                codes
            })
        });
        group.bench_function("survey_from_responses", |b| {
            b.iter(|| Survey::from_responses(black_box(&responses)))
        });
        group.finish();
    }
}

/// The analyses on the survey, each beside the counting kernel over the same codes.
fn analyses(c: &mut Criterion) {
    for n in SIZES {
        let responses = survey_responses(n, false, &mut SplitMix::new(SEED));
        let survey = Survey::from_responses(&responses).expect("the bench survey fits");
        drop(responses);
        let branches = survey.segment("branch").expect("every answer has a branch");
        let branch_codes = branches.codes().to_vec();
        let account_codes = survey.accounts().codes().to_vec();
        let period_codes = survey.periods().codes().to_vec();
        let values: HashMap<String, f64> = survey
            .accounts()
            .labels()
            .enumerate()
            .map(|(i, label)| (label.to_owned(), 1_000.0 * (1 + i % 97) as f64))
            .collect();

        let mut group = c.benchmark_group(format!("survey_breakdown_{n}"));
        configure(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function("kernel_by_ids", |b| {
            b.iter(|| Breakdown::builder().by_ids(black_box(&branch_codes), black_box(survey.scores())))
        });
        group.bench_function("by_dimension_on_survey", |b| {
            b.iter(|| Breakdown::builder().by_dimension(black_box(&survey), "branch"))
        });
        group.finish();

        let mut group = c.benchmark_group(format!("survey_trend_{n}"));
        configure(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function("kernel_grouped_periods", |b| {
            b.iter(|| Tally::grouped(black_box(&period_codes), black_box(survey.scores())))
        });
        group.bench_function("by_quarter_paired_on_survey", |b| {
            b.iter(|| Trend::builder().by_period::<Quarter>(black_box(&survey)))
        });
        group.finish();

        let mut group = c.benchmark_group(format!("survey_rollup_{n}"));
        configure(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function("kernel_grouped_accounts", |b| {
            b.iter(|| Tally::grouped(black_box(&account_codes), black_box(survey.scores())))
        });
        group.bench_function("value_spread_clusters_on_survey", |b| {
            b.iter(|| {
                AccountRollup::builder()
                    .values(&values)
                    .weighting(Weighting::AccountValueSpread)
                    .run(black_box(&survey))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, build, analyses);
criterion_main!(benches);
