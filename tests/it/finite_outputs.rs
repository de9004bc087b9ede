//! The guarantees as properties over the whole public API, for random valid inputs (counts up to
//! `u64::MAX`, levels up to 1 − 2⁻⁵³, every method, priors and weights across their limits):
//!
//! - **No panic**: every call returns.
//! - **Finite and in range**: every `f64` a call returns is finite and within its documented range
//!   (NPS ±100, differences ±200, shares and p-values 0..=1, standard errors and effective n ≥ 0,
//!   bounds ordered), or the call is one of the documented errors.
//! - **Receiver unchanged**: a mutating call that fails leaves its receiver as it was.
//!
//! The one documented exception, listed as in the crate's Guarantees, is [`certain`]: a test
//! statistic of ±∞ with p = 0 where the answers leave no doubt.

use std::collections::HashMap;

use nps_stats::accounts::{SingleContact, Strategy as Roll, VarianceMethod, Weighting};
use nps_stats::analysis::{AccountScore, OutcomeBuilder, OutcomeUnit, Unit, compare_repeated, mix_shift};
use nps_stats::inference::{
    Adjustment, BootstrapInterval, Comparison, ExpectedShares, MAX_PRIOR, MIN_PRIOR, Prior, Samples,
    Transitions, compare_independent, compare_paired, compare_rates, compare_to_target, margin_of_error,
    roc_auc, sample_size, sample_size_for_change, sample_size_for_paired_change, spearman, weighted_slope,
};
use nps_stats::tally::{MAX_WEIGHT, MIN_WEIGHT};
use nps_stats::{
    AccountRollup, Breakdown, Category, Confidence, Error, Estimate, Interval, Method, Response, Score,
    Tally, Trend, WeightedTally,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// The documented exception (the crate page, Guarantees: "No NaN, no value out of range").

/// Whether an infinite statistic is the documented exception: the answers leave no doubt that the
/// null hypothesis is false, so the statistic is ±∞ and p = 0. Exactly these cases:
///
/// 1. a Wald-type z-test whose standard error is 0 while its difference is not: a unanimous sample
///    against another value (`compare_to_target` and `compare_independent` with `Method::Wald`),
///    or a panel in which every respondent moved alike (`compare_paired`, the paired and
///    overlapping tests of `compare_repeated`);
/// 2. Tango's score test of a target of ±100 points that an answer contradicts
///    (`compare_to_target` with `Method::Score`).
fn certain(comparison: &Comparison, target: Option<f64>) -> bool {
    let wald_type = comparison.method == Method::Wald
        || matches!(comparison.samples, Samples::Paired | Samples::Overlapping);
    let zero_spread = wald_type && comparison.std_error == 0.0 && comparison.difference != 0.0;
    let score_at_the_end = comparison.method == Method::Score
        && comparison.samples == Samples::Target
        && target.is_some_and(|t| t.abs() == 100.0);
    zero_spread || score_at_the_end
}

// ---------------------------------------------------------------------------------------------
// The documented ranges.

fn in_range(value: f64, low: f64, high: f64, what: &str) -> Result<(), TestCaseError> {
    prop_assert!((low..=high).contains(&value), "{} = {:?}, expected {}..={}", what, value, low, high);
    Ok(())
}

fn interval(interval: &Interval, limit: f64) -> Result<(), TestCaseError> {
    in_range(interval.lower, -limit, limit, "lower bound")?;
    in_range(interval.upper, -limit, limit, "upper bound")?;
    prop_assert!(interval.lower <= interval.upper, "{:?}", interval);
    Ok(())
}

fn interval_within(interval: &Interval, low: f64, high: f64) -> Result<(), TestCaseError> {
    in_range(interval.lower, low, high, "lower bound")?;
    in_range(interval.upper, low, high, "upper bound")?;
    prop_assert!(interval.lower <= interval.upper, "{:?}", interval);
    Ok(())
}

fn estimate(estimate: &Estimate) -> Result<(), TestCaseError> {
    in_range(estimate.nps, -100.0, 100.0, "NPS")?;
    in_range(estimate.std_error, 0.0, f64::MAX, "standard error")?;
    in_range(estimate.effective_n, 0.0, f64::MAX, "effective n")?;
    interval(&estimate.interval, 100.0)
}

fn comparison(comparison: &Comparison, target: Option<f64>) -> Result<(), TestCaseError> {
    in_range(comparison.difference, -200.0, 200.0, "difference")?;
    in_range(comparison.std_error, 0.0, f64::MAX, "standard error")?;
    in_range(comparison.p_value, 0.0, 1.0, "p-value")?;
    interval(&comparison.interval, 200.0)?;
    if comparison.statistic.is_finite() {
        return Ok(());
    }
    prop_assert!(
        certain(comparison, target),
        "an infinite statistic outside the exception: {:?}",
        comparison
    );
    prop_assert_eq!(comparison.p_value, 0.0);
    Ok(())
}

fn design(estimate: &nps_stats::accounts::DesignEstimate) -> Result<(), TestCaseError> {
    in_range(estimate.nps, -100.0, 100.0, "NPS")?;
    in_range(estimate.std_error, 0.0, f64::MAX, "standard error")?;
    in_range(estimate.effective_n, 0.0, estimate.n as f64 * (1.0 + 1e-9), "effective n")?;
    if let Some(df) = estimate.degrees_of_freedom {
        prop_assert!(df.is_finite() && df > 0.0);
    }
    interval(&estimate.interval, 100.0)
}

/// An error that a documented rule explains (bad settings for these inputs); anything else fails.
fn documented(error: &Error) -> Result<(), TestCaseError> {
    let explained = matches!(
        error,
        Error::EmptySample { .. }
            | Error::TooFewResamples { .. }
            | Error::UnsupportedMethod { .. }
            | Error::TooFewForVariance { .. }
            | Error::InvalidParameter { .. }
            | Error::InvalidCount { .. }
            | Error::CountOverflow
            | Error::LengthMismatch { .. }
            | Error::SingleValue { .. }
            | Error::ConflictingOutcome { .. }
            | Error::SingleContactAccount { .. }
            | Error::SettingRequired { .. }
    );
    prop_assert!(explained, "{:?}", error);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Random valid inputs.

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![8 => 0u64..300, 1 => (0u32..64).prop_map(|k| u64::MAX >> k), 1 => any::<u64>()]
}

fn tally() -> impl Strategy<Value = Tally> {
    (count(), count(), count())
        .prop_filter_map("counts that fit in u64", |(p, a, d)| Tally::from_counts(p, a, d).ok())
}

fn level() -> impl Strategy<Value = Confidence> {
    prop_oneof![
        4 => Just(Confidence::NINETY_FIVE),
        2 => (0.5f64..0.9999).prop_map(|l| Confidence::new(l).unwrap()),
        1 => (1u32..54).prop_map(|k| Confidence::new(1.0 - 2f64.powi(-(k as i32))).unwrap()),
        1 => (1u32..1000).prop_map(|k| Confidence::new(2f64.powi(-(k as i32))).unwrap()),
    ]
}

fn prior() -> impl Strategy<Value = Prior> {
    let parameter =
        (MIN_PRIOR.log10()..=MAX_PRIOR.log10()).prop_map(|e: f64| 10f64.powf(e).clamp(MIN_PRIOR, MAX_PRIOR));
    prop_oneof![
        Just(Prior::UNIFORM),
        Just(Prior::JEFFREYS),
        (parameter.clone(), parameter.clone(), parameter).prop_map(|(p, a, d)| Prior::new(p, a, d).unwrap()),
        prop::sample::select(vec![MIN_PRIOR, MAX_PRIOR]).prop_map(|v| Prior::new(v, v, v).unwrap()),
    ]
}

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::Wald),
        Just(Method::AdjustedWald),
        Just(Method::Score),
        prior().prop_map(|prior| Method::Bayesian { prior }),
        (1_000u32..2_500, any::<u64>(), any::<bool>()).prop_map(|(resamples, seed, bca)| Method::Bootstrap {
            resamples,
            seed,
            interval: if bca { BootstrapInterval::Bca } else { BootstrapInterval::Percentile },
        }),
    ]
}

fn target() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-100.0f64..=100.0),
        prop::sample::select(vec![-100.0, 100.0, 0.0, 99.0, -99.0]),
        // Next to 0, where squares underflow.
        (-400i32..-150).prop_flat_map(|e| prop::sample::select(vec![2f64.powi(e), -(2f64.powi(e))])),
    ]
}

fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 1e-3f64..1e9,
        1 => (-511i32..=511).prop_map(|e| 2f64.powi(e)),
        1 => prop::sample::select(vec![MIN_WEIGHT, MAX_WEIGHT]),
    ]
}

// ---------------------------------------------------------------------------------------------

proptest! {
    #[test]
    fn tallies_estimates_and_posteriors(tally in tally(), method in method(), level in level(), target in target()) {
        if let Some(nps) = tally.nps() {
            in_range(nps, -100.0, 100.0, "NPS")?;
            for category in Category::ALL {
                in_range(tally.share(category).unwrap(), 0.0, 1.0, "share")?;
            }
            if let Some(mean) = tally.mean_rating() {
                in_range(mean, 0.0, 10.0, "mean rating")?;
            }
        }
        match tally.estimate(method, level) {
            Ok(est) => estimate(&est)?,
            Err(error) => documented(&error)?,
        }
        if let Method::Bayesian { prior } = method {
            match tally.probability_above(nps_stats::core::Points::new(target).unwrap(), prior) {
                Ok(p) => in_range(p, 0.0, 1.0, "posterior probability")?,
                Err(error) => documented(&error)?,
            }
        }
    }

    #[test]
    fn comparisons(
        first in tally(),
        second in tally(),
        method in method(),
        level in level(),
        target in target(),
        cells in prop::array::uniform9(count()),
    ) {
        let points = nps_stats::core::Points::new(target).unwrap();
        match compare_to_target(&first, points, method, level) {
            Ok(cmp) => comparison(&cmp, Some(target))?,
            Err(error) => documented(&error)?,
        }
        match compare_independent(&first, &second, method, level) {
            Ok(cmp) => comparison(&cmp, None)?,
            Err(error) => documented(&error)?,
        }
        let mut transitions = Transitions::new();
        let mut cells = cells.iter();
        for before in Category::ALL {
            for after in Category::ALL {
                let snapshot = transitions.clone();
                if transitions.add_count(before, after, *cells.next().unwrap()).is_err() {
                    prop_assert_eq!(&transitions, &snapshot, "a failed add changed the table");
                }
            }
        }
        match compare_paired(&transitions, level) {
            Ok(cmp) => comparison(&cmp, None)?,
            Err(error) => documented(&error)?,
        }
    }

    #[test]
    fn repeated_answers_breakdowns_trends_and_mix_shift(
        before in prop::collection::vec((0u8..12, 0u8..=10, 0u8..4), 0..40),
        after in prop::collection::vec((0u8..12, 0u8..=10, 0u8..4), 0..40),
        method in method(),
        level in level(),
    ) {
        let responses = |answers: &[(u8, u8, u8)]| -> Vec<Response> {
            answers
                .iter()
                .map(|&(who, score, team)| {
                    Response::new(Score::new(score).unwrap())
                        .with_respondent(format!("r{who}"))
                        .with_segment("team", format!("t{team}"))
                })
                .collect()
        };
        let (first, second) = (responses(&before), responses(&after));
        match compare_repeated(&first, &second, Unit::Respondent, method, level) {
            Ok(change) => {
                in_range(change.difference, -200.0, 200.0, "difference")?;
                for cmp in change.independent.iter().chain(&change.paired) {
                    comparison(cmp, None)?;
                }
            }
            Err(error) => documented(&error)?,
        }
        let all: Vec<Response> = first.iter().chain(&second).cloned().collect();
        match Breakdown::builder().method(method).level(level).min_sample(1).by_dimension(&all, "team") {
            Ok(breakdown) => {
                for row in &breakdown.rows {
                    if let Some(est) = &row.estimate {
                        estimate(est)?;
                    }
                    if let Some(cmp) = &row.versus_rest {
                        comparison(cmp, None)?;
                    }
                    if let Some(p) = row.adjusted_p_value {
                        in_range(p, 0.0, 1.0, "adjusted p-value")?;
                    }
                }
            }
            Err(error) => documented(&error)?,
        }
        let tallies = |answers: &[(u8, u8, u8)]| -> Tally { answers.iter().map(|a| Score::new(a.1).unwrap()).collect() };
        let periods = [(0u32, tallies(&before)), (1, tallies(&after)), (2, tallies(&before))];
        match Trend::builder().method(method).level(level).from_tallies(periods) {
            Ok(trend) => {
                for point in &trend.points {
                    if let Some(est) = &point.estimate {
                        estimate(est)?;
                    }
                    if let Some(change) = &point.change {
                        in_range(change.difference, -200.0, 200.0, "change")?;
                        for cmp in change.independent.iter().chain(&change.paired) {
                            comparison(cmp, None)?;
                        }
                    }
                }
                if let Some(slope) = &trend.slope {
                    prop_assert!(slope.slope.is_finite() && slope.statistic.is_finite());
                    in_range(slope.p_value, 0.0, 1.0, "p-value")?;
                }
            }
            Err(error) => documented(&error)?,
        }
        let by_team = |answers: &[(u8, u8, u8)]| -> Vec<(u8, Tally)> {
            let mut map: HashMap<u8, Tally> = HashMap::new();
            for &(_, score, team) in answers {
                map.entry(team).or_default().add(Score::new(score).unwrap()).unwrap();
            }
            map.into_iter().collect()
        };
        match mix_shift(by_team(&before), by_team(&after)) {
            Ok(mix) => {
                in_range(mix.before, -100.0, 100.0, "NPS before")?;
                in_range(mix.after, -100.0, 100.0, "NPS after")?;
                for part in [mix.total_change, mix.within, mix.mix] {
                    in_range(part, -200.0, 200.0, "change")?;
                }
                prop_assert!((mix.within + mix.mix - mix.total_change).abs() < 1e-9);
            }
            Err(error) => documented(&error)?,
        }
    }

    #[test]
    fn planning(
        promoters in 0.0f64..=1.0,
        detractors in 0.0f64..=1.0,
        margin in prop_oneof![1e-3f64..=100.0, (1u32..400).prop_map(|k| 2f64.powi(-(k as i32)))],
        change in prop_oneof![1e-3f64..=200.0, (1u32..400).prop_map(|k| 2f64.powi(-(k as i32)))],
        power in 0.0f64..1.0,
        variance in 0.0f64..=4.0,
        n in count(),
        population in prop::option::of(count()),
        level in level(),
    ) {
        let Ok(shares) = ExpectedShares::new(promoters, detractors.min(1.0 - promoters)) else {
            return Err(TestCaseError::fail("valid shares refused"));
        };
        in_range(shares.variance(), 0.0, 1.0, "variance")?;
        match margin_of_error(n, shares, level, population) {
            Ok(moe) => {
                in_range(moe.margin, 0.0, f64::MAX, "margin")?;
                in_range(moe.correction, 0.0, 1.0, "correction")?;
            }
            Err(error) => documented(&error)?,
        }
        let margin = nps_stats::core::Points::new(margin).unwrap();
        match sample_size(margin, shares, level, population) {
            Ok(plan) => {
                prop_assert!(plan.n >= 1 && plan.unrounded.is_finite() && plan.unrounded >= 0.0, "{:?}", plan);
                if let Some(big_n) = population {
                    prop_assert!(plan.n <= big_n.max(1), "{:?}", plan);
                }
            }
            Err(error) => documented(&error)?,
        }
        let change = nps_stats::core::Points::new(change).unwrap();
        match sample_size_for_change(change, shares, shares, level, power) {
            Ok(plan) => prop_assert!(plan.n >= 1 && plan.unrounded.is_finite() && plan.unrounded >= 0.0),
            Err(error) => documented(&error)?,
        }
        match sample_size_for_paired_change(change, variance, level, power) {
            Ok(plan) => prop_assert!(plan.n >= 1 && plan.unrounded.is_finite() && plan.unrounded >= 0.0),
            Err(error) => documented(&error)?,
        }
    }

    #[test]
    fn slopes_and_adjusted_p_values(
        points in prop::collection::vec(
            (prop_oneof![(0u8..20).prop_map(f64::from), -1e300f64..1e300], -100.0f64..=100.0, prop_oneof![1e-3f64..1e3, (-1000i32..1000).prop_map(|e| 2f64.powi(e))]),
            0..12,
        ),
        p_values in prop::collection::vec(0.0f64..=1.0, 0..20),
        level in level(),
    ) {
        match weighted_slope(&points, level) {
            Ok(slope) => {
                prop_assert!(slope.slope.is_finite() && slope.std_error.is_finite() && slope.std_error > 0.0);
                prop_assert!(slope.statistic.is_finite());
                in_range(slope.p_value, 0.0, 1.0, "p-value")?;
                interval(&slope.interval, f64::MAX)?;
            }
            Err(error) => documented(&error)?,
        }
        for adjustment in [Adjustment::Holm, Adjustment::BenjaminiHochberg, Adjustment::Bonferroni, Adjustment::Unadjusted] {
            for p in adjustment.adjust(&p_values).unwrap() {
                in_range(p, 0.0, 1.0, "adjusted p-value")?;
            }
        }
    }

    #[test]
    fn weighted_tallies_and_account_roll_ups(
        answers in prop::collection::vec((0u8..8, 0u8..=10, any::<bool>()), 0..40),
        values in prop::collection::vec(weight(), 8),
        strategy in 0u8..3,
        weighting in 0u8..3,
        variance in 0u8..3,
        seed in any::<u64>(),
        level in level(),
        population in prop::option::of(0u64..30),
    ) {
        let mut weighted = WeightedTally::new();
        for &(account, score, _) in &answers {
            let before = weighted.clone();
            if weighted.add(Score::new(score).unwrap(), values[usize::from(account)]).is_err() {
                prop_assert_eq!(&weighted, &before, "a failed add changed the weighted tally");
            }
        }
        if let Some(nps) = weighted.nps() {
            in_range(nps, -100.0, 100.0, "weighted NPS")?;
            in_range(weighted.effective_n().unwrap(), 0.0, weighted.tally().total() as f64 * (1.0 + 1e-9), "Kish n")?;
            for category in Category::ALL {
                in_range(weighted.share(category).unwrap(), 0.0, 1.0, "weighted share")?;
            }
        }
        match weighted.linearized_estimate(level) {
            Ok(est) => design(&est)?,
            Err(error) => documented(&error)?,
        }
        let responses: Vec<Response> = answers
            .iter()
            .map(|&(account, score, decides)| {
                Response::new(Score::new(score).unwrap())
                    .with_account(format!("A{account}"))
                    .with_role(if decides { "decision maker" } else { "end user" })
            })
            .collect();
        let value_map: HashMap<String, f64> = values.iter().enumerate().map(|(k, &v)| (format!("A{k}"), v)).collect();
        let strategy = match strategy {
            0 => Roll::Respondent,
            1 => Roll::Account,
            _ => Roll::DecisionMakerFirst { roles: vec!["decision maker".to_owned()] },
        };
        let weighting = [Weighting::Equal, Weighting::AccountValue, Weighting::AccountValueSpread][usize::from(weighting)];
        let variance = [
            VarianceMethod::Linearized,
            VarianceMethod::ClusterRobust,
            VarianceMethod::ClusterBootstrap { resamples: 1_000, seed },
        ][usize::from(variance)];
        let mut settings = AccountRollup::builder()
            .values(&value_map)
            .strategy(strategy)
            .weighting(weighting)
            .variance(variance)
            .level(level)
            .min_sample(1);
        if let Some(population) = population {
            settings = settings.population(population);
        }
        match settings.run(&responses) {
            Ok(rollup) => {
                design(&rollup.weighted)?;
                design(&rollup.unweighted)?;
                for row in &rollup.rows {
                    in_range(row.nps, -100.0, 100.0, "account NPS")?;
                    in_range(row.weight_share, 0.0, 1.0, "weight share")?;
                }
            }
            Err(error) => {
                let explained = matches!(error, Error::PopulationTooSmall { .. }) || documented(&error).is_ok();
                prop_assert!(explained, "{:?}", error);
            }
        }
        match settings.close_the_loop(&responses) {
            Ok(follow_up) => {
                for account in follow_up.call_first.iter().chain(&follow_up.ask_for_referrals).chain(&follow_up.insufficient) {
                    in_range(account.nps, -100.0, 100.0, "account NPS")?;
                    in_range(account.value_at_risk, 0.0, account.value, "value at risk")?;
                    in_range(account.value_promoting, 0.0, account.value, "value promoting")?;
                }
            }
            Err(error) => documented(&error)?,
        }
        match settings.coverage(&responses) {
            Ok(coverage) => {
                in_range(coverage.account_coverage, 0.0, 1.0, "account coverage")?;
                in_range(coverage.revenue_coverage, 0.0, 1.0, "revenue coverage")?;
                in_range(coverage.total_value, 0.0, f64::MAX, "total value")?;
            }
            Err(error) => documented(&error)?,
        }
    }

    #[test]
    fn outcome_linkage(
        answers in prop::collection::vec((0u8..6, 0u8..=10, any::<bool>(), prop_oneof![-1e6f64..1e6, Just(0.0)], any::<bool>()), 0..50),
        unit in 0u8..3,
        scores in prop::collection::vec(prop_oneof![0.0f64..=10.0, -1e300f64..1e300], 0..30),
        pairs in prop::collection::vec((-1e300f64..1e300, prop_oneof![0.0f64..=1.0, Just(0.5)]), 0..30),
        rates in ((0u64..200, 1u64..200), (0u64..200, 1u64..200)),
        level in level(),
    ) {
        let responses: Vec<Response> = answers
            .iter()
            .map(|&(account, score, decides, _, _)| {
                Response::new(Score::new(score).unwrap())
                    .with_account(format!("A{account}"))
                    .with_respondent(format!("r{account}-{score}"))
                    .with_role(if decides { "decision maker" } else { "end user" })
            })
            .collect();
        let unit = match unit {
            0 => OutcomeUnit::Respondent,
            1 => OutcomeUnit::Account(AccountScore::Mean),
            _ => OutcomeUnit::ContactsByAccount,
        };
        let builder = OutcomeBuilder::new().unit(unit).level(level).min_sample(1);
        let mut renewed = answers.iter().map(|a| a.2);
        match builder.binary(&responses, |_| renewed.next()) {
            Ok(linkage) => {
                for rate in &linkage.rates {
                    if let Some(r) = rate.rate {
                        in_range(r, 0.0, 1.0, "rate")?;
                    }
                    if let Some(interval) = &rate.interval {
                        in_range(interval.lower, 0.0, 1.0, "rate bound")?;
                        in_range(interval.upper, interval.lower, 1.0, "rate bound")?;
                    }
                    in_range(rate.effective_n, 0.0, f64::MAX, "effective n")?;
                }
                if let Some(diff) = &linkage.promoters_minus_detractors {
                    in_range(diff.difference, -1.0, 1.0, "difference of rates")?;
                    in_range(diff.p_value, 0.0, 1.0, "p-value")?;
                    in_range(diff.interval.lower, -1.0, diff.interval.upper, "difference bound")?;
                    in_range(diff.interval.upper, -1.0, 1.0, "difference bound")?;
                    prop_assert!(diff.statistic.is_none_or(f64::is_finite), "{:?}", diff);
                }
                if let Some(auc) = &linkage.auc {
                    in_range(auc.auc, 0.0, 1.0, "AUC")?;
                    in_range(auc.std_error, 0.0, f64::MAX, "AUC standard error")?;
                    in_range(auc.interval.lower, 0.0, auc.interval.upper, "AUC bound")?;
                    in_range(auc.interval.upper, 0.0, 1.0, "AUC bound")?;
                }
            }
            Err(error) => documented(&error)?,
        }
        let mut amount = answers.iter().map(|a| if a.4 { Some(a.3) } else { None });
        match builder.numeric(&responses, |_| amount.next().flatten()) {
            Ok(linkage) => {
                for mean in &linkage.means {
                    prop_assert!(mean.mean.is_none_or(f64::is_finite), "{:?}", mean);
                }
                if let Some(rho) = &linkage.correlation {
                    in_range(rho.rho, -1.0, 1.0, "rho")?;
                    in_range(rho.p_value, 0.0, 1.0, "p-value")?;
                    in_range(rho.interval.lower, -1.0, rho.interval.upper, "rho bound")?;
                    in_range(rho.interval.upper, -1.0, 1.0, "rho bound")?;
                    prop_assert!(rho.statistic.is_none_or(f64::is_finite), "{:?}", rho);
                }
            }
            Err(error) => documented(&error)?,
        }
        let outcomes: Vec<bool> = scores.iter().enumerate().map(|(i, s)| (i % 3 == 0) ^ (*s > 5.0)).collect();
        match roc_auc(&scores, &outcomes, level) {
            Ok(auc) => {
                in_range(auc.auc, 0.0, 1.0, "AUC")?;
                in_range(auc.std_error, 0.0, f64::MAX, "AUC standard error")?;
                interval_within(&auc.interval, 0.0, 1.0)?;
            }
            Err(error) => documented(&error)?,
        }
        let (x, y): (Vec<f64>, Vec<f64>) = pairs.iter().copied().unzip();
        match spearman(&x, &y, level) {
            Ok(rho) => {
                in_range(rho.rho, -1.0, 1.0, "rho")?;
                in_range(rho.p_value, 0.0, 1.0, "p-value")?;
                interval_within(&rho.interval, -1.0, 1.0)?;
            }
            Err(error) => documented(&error)?,
        }
        let ((k1, n1), (k2, n2)) = rates;
        match compare_rates((k1.min(n1), n1), (k2.min(n2), n2), level) {
            Ok(diff) => {
                in_range(diff.difference, -1.0, 1.0, "difference of rates")?;
                in_range(diff.p_value, 0.0, 1.0, "p-value")?;
                interval_within(&diff.interval, -1.0, 1.0)?;
            }
            Err(error) => documented(&error)?,
        }
    }

    #[test]
    fn two_stage_roll_ups(
        answers in prop::collection::vec((0u8..8, 0u8..=10, 0u8..4), 1..40),
        invited_extra in prop::collection::vec(0u64..5, 8),
        population_extra in 0u64..10,
        single in 0u8..3,
        level in level(),
    ) {
        let responses: Vec<Response> = answers
            .iter()
            .map(|&(account, score, contact)| {
                Response::new(Score::new(score).unwrap())
                    .with_account(format!("A{account}"))
                    .with_respondent(format!("A{account}-c{contact}"))
            })
            .collect();
        let mut answered: HashMap<String, u64> = HashMap::new();
        for r in &responses {
            *answered.entry(r.account().unwrap().as_str().to_owned()).or_default() += 1;
        }
        let invitations: HashMap<String, u64> =
            (0..8).map(|k| (format!("A{k}"), answered.get(&format!("A{k}")).copied().unwrap_or(0) + invited_extra[k])).collect();
        let single = [SingleContact::Adjust, SingleContact::Zero, SingleContact::Refuse][usize::from(single)];
        let settings = AccountRollup::builder()
            .variance(VarianceMethod::TwoStage)
            .invitations(&invitations)
            .single_contact(single)
            .population(answered.len() as u64 + population_extra)
            .level(level)
            .min_sample(1);
        match settings.run(&responses) {
            Ok(rollup) => {
                for est in [&rollup.weighted, &rollup.unweighted] {
                    design(est)?;
                    if let Some(stages) = &est.stages {
                        in_range(stages.between_accounts, 0.0, f64::MAX, "between accounts")?;
                        in_range(stages.within_accounts, 0.0, f64::MAX, "within accounts")?;
                    }
                }
            }
            Err(error) => {
                let explained = matches!(error, Error::PopulationTooSmall { .. } | Error::MissingInvitations { .. })
                    || documented(&error).is_ok();
                prop_assert!(explained, "{:?}", error);
            }
        }
    }

    /// Every mutating call on a tally, a weighted tally and a transition table: a failure changes
    /// nothing (the inputs include counts near `u64::MAX`, scores off the scale, bad weights and
    /// mismatched scales, so failures are common).
    #[test]
    fn failed_calls_leave_the_receiver_unchanged(
        steps in prop::collection::vec((0u8..8, 0u8..14, count(), prop_oneof![weight(), Just(f64::NAN), Just(-1.0), Just(1e300)]), 0..40),
    ) {
        let mut tally = Tally::new();
        let mut weighted = WeightedTally::new();
        let mut transitions = Transitions::new();
        let dutch = Tally::from_scores_on(nps_stats::Scale::DUTCH, &[8]).unwrap();
        for &(op, raw, count, weight) in &steps {
            let (tally_before, weighted_before, transitions_before) = (tally.clone(), weighted.clone(), transitions.clone());
            let score = Score::new(raw.min(10)).unwrap();
            let failed = match op {
                0 => tally.try_add(raw).is_err(),
                1 => tally.add_count(score, count).is_err(),
                2 => tally.try_extend([score, score]).is_err(),
                3 => tally.merge(&Tally::from_counts(count, 0, 0).unwrap_or_default()).is_err(),
                4 => tally.merge(&dutch).is_err(),
                5 => weighted.try_add(raw, weight).is_err(),
                6 => {
                    let mut other = WeightedTally::new();
                    let _ = other.add(score, weight);
                    weighted.merge(&other).is_err()
                }
                _ => transitions.add_count(score.category(), Category::Promoter, count).is_err(),
            };
            if failed {
                prop_assert_eq!(&tally, &tally_before);
                prop_assert_eq!(&weighted, &weighted_before);
                prop_assert_eq!(&transitions, &transitions_before);
            }
        }
    }
}
