//! The conventions every wing shares, checked through the public API: the builders' defaults, the
//! direction of every two-sample result (later minus earlier), and units that cannot be mistaken.
//!
//! Expected values are worked by hand: the quarter before, (13, 22, 9), has NPS 100·(13 − 9)/44 =
//! 9.0909…; the quarter after, (31, 40, 29), has NPS 2; the change is 2 − 400/44 = −7.0909… points.

use nps_stats::accounts::VarianceMethod;
use nps_stats::analysis::{DEFAULT_MIN_SAMPLE, compare_repeated};
use nps_stats::inference::{BootstrapInterval, compare_independent};
use nps_stats::{
    AccountRollup, Breakdown, Confidence, Method, Quarter, Response, Scale, Score, Tally, Trend,
};

const BEFORE: (u64, u64, u64) = (13, 22, 9);
const AFTER: (u64, u64, u64) = (31, 40, 29);
const CHANGE: f64 = 2.0 - 400.0 / 44.0;

fn tally((promoters, passives, detractors): (u64, u64, u64)) -> Tally {
    Tally::from_counts(promoters, passives, detractors).unwrap()
}

/// Answers with the given counts (scores 10, 8 and 0), each from a respondent of its own in `period`.
fn answers((promoters, passives, detractors): (u64, u64, u64), period: &str) -> Vec<Response> {
    let scores = [(10, promoters), (8, passives), (0, detractors)];
    scores
        .iter()
        .flat_map(|&(score, count)| (0..count).map(move |_| score))
        .enumerate()
        .map(|(i, score)| {
            Response::new(Score::try_from(score).unwrap())
                .with_respondent(format!("{period}-{i}"))
                .with_account(format!("{period}-{i}"))
                .with_period(period)
                .with_segment("region", if i % 2 == 0 { "north" } else { "south" })
        })
        .collect()
}

fn close(actual: f64, expected: f64, what: &str) {
    assert!((actual - expected).abs() < 1e-9, "{what}: {actual} vs {expected}");
}

#[test]
fn every_two_sample_result_is_later_minus_earlier() {
    let (before, after) = (tally(BEFORE), tally(AFTER));
    assert_eq!(before.nps(), Some(100.0 * 4.0 / 44.0));
    assert_eq!(after.nps(), Some(2.0));
    let level = Confidence::NINETY_FIVE;
    let bootstrap = Method::Bootstrap { resamples: 2_000, seed: 7, interval: BootstrapInterval::Bca };
    for method in [Method::Wald, Method::AdjustedWald, Method::Score, bootstrap] {
        let cmp = compare_independent(&before, &after, method, level).unwrap();
        close(cmp.difference, CHANGE, &format!("compare_independent, {method}"));
    }

    // A trend from tallies and from answers, and the change between two sets of answers.
    let q2: Quarter = "2026-Q2".parse().unwrap();
    let q3: Quarter = "2026-Q3".parse().unwrap();
    let from_tallies = Trend::builder().from_tallies([(q3, after.clone()), (q2, before.clone())]).unwrap();
    close(from_tallies.points[1].change.as_ref().unwrap().difference, CHANGE, "Trend::from_tallies");
    let mut all = answers(BEFORE, "2026-Q2");
    all.extend(answers(AFTER, "2026-Q3"));
    let by_period = Trend::builder().by_period::<Quarter>(&all).unwrap();
    close(by_period.points[1].change.as_ref().unwrap().difference, CHANGE, "Trend::by_period");
    let repeated = compare_repeated(
        &answers(BEFORE, "2026-Q2"),
        &answers(AFTER, "2026-Q3"),
        nps_stats::analysis::Unit::Respondent,
        Method::AdjustedWald,
        level,
    )
    .unwrap();
    close(repeated.difference, CHANGE, "compare_repeated");
    close(repeated.independent.as_ref().unwrap().difference, CHANGE, "compare_repeated, independent part");

    // The mix-shift decomposition of the same change: the total moves by the same −7.09 points.
    let (earlier, later) = (answers(BEFORE, "2026-Q2"), answers(AFTER, "2026-Q3"));
    let split = nps_stats::analysis::mix_shift_by(&earlier, &later, |r| r.segment("region")).unwrap();
    close(split.total_change, CHANGE, "mix_shift_by");
}

#[test]
fn counts_only_tally_matches_the_hand_worked_wald_interval() {
    // p = 0.31, d = 0.29: σ² = 0.6 − 0.02² = 0.5996, SE = √(0.5996/100) = 7.7434 points,
    // z·SE = 1.959964 × 7.7434 = 15.177: [−13.177, 17.177].
    let export = Tally::from_counts(31, 40, 29).unwrap();
    assert_eq!(export.nps(), Some(2.0));
    let wald = export.estimate(Method::Wald, Confidence::NINETY_FIVE).unwrap();
    let se = 100.0 * (0.5996_f64 / 100.0).sqrt();
    close(wald.std_error, se, "standard error");
    assert!((wald.std_error - 7.7434).abs() < 5e-5);
    assert!((wald.interval.lower - -13.177).abs() < 5e-4, "{}", wald.interval.lower);
    assert!((wald.interval.upper - 17.177).abs() < 5e-4, "{}", wald.interval.upper);
    // The three counts say nothing about the scores behind them.
    assert_eq!((export.histogram(), export.mean_rating()), (None, None));
    assert!(!export.has_scores());
    // A scale from the ranges people say, and the counts on it.
    let dutch = Scale::from_ranges(1..=5, 6..=7, 8..=10).unwrap();
    assert_eq!(Tally::from_counts_on(dutch, 31, 40, 29).unwrap().nps(), Some(2.0));
}

#[test]
fn builders_share_their_defaults() {
    let mut answers = answers(AFTER, "2026-Q3");
    answers.extend(self::answers(BEFORE, "2026-Q2"));

    let breakdown = Breakdown::builder().by_dimension(&answers, "region").unwrap();
    let row = &breakdown.rows[0];
    let estimate = row.estimate.as_ref().unwrap();
    assert_eq!((estimate.method, estimate.interval.level), (Method::AdjustedWald, Confidence::NINETY_FIVE));
    assert_eq!(breakdown.min_sample, DEFAULT_MIN_SAMPLE);
    assert_eq!(DEFAULT_MIN_SAMPLE, 30);

    let trend = Trend::builder().by_period::<Quarter>(&answers).unwrap();
    let estimate = trend.points[0].estimate.as_ref().unwrap();
    assert_eq!((estimate.method, estimate.interval.level), (Method::AdjustedWald, Confidence::NINETY_FIVE));
    assert_eq!(trend.min_sample, DEFAULT_MIN_SAMPLE);

    let rollup = AccountRollup::builder().run(&answers).unwrap();
    assert_eq!(rollup.weighted.interval.level, Confidence::NINETY_FIVE);
    assert_eq!(rollup.weighted.method, VarianceMethod::ClusterRobust);
    assert_eq!(rollup.min_sample, 2); // an account with one contact's answer is thin
}
