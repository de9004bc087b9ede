//! The guarantees of the crate page, attacked (the points are those of the issue that listed them): each test is a reproducer from an attack on the public
//! API with extreme and malformed inputs (an abort, infinities, wrong answers, misleading messages,
//! inconsistent limits, unchecked deserialization), kept so that none of them comes back.
//!
//! Expected values come from closed forms worked here or from the references named at each test.

use std::collections::HashMap;

use nps_stats::accounts::{VarianceMethod, Weighting};
use nps_stats::core::Points;
use nps_stats::inference::{
    BootstrapInterval, ExpectedShares, MAX_PRIOR, MAX_RESAMPLES, MIN_PRIOR, MIN_RESAMPLES, Prior,
    compare_independent, compare_to_target, sample_size, sample_size_for_change, weighted_slope,
};
use nps_stats::tally::{MAX_DENSE_KEY, MAX_WEIGHT, MIN_WEIGHT};
use nps_stats::{AccountId, AccountRollup, Confidence, Error, Method, Response, Score, Tally};

fn answers() -> Vec<Response> {
    [("A", 9), ("A", 3), ("B", 10), ("C", 6), ("C", 8), ("D", 7)]
        .into_iter()
        .map(|(account, score)| Response::new(Score::new(score).unwrap()).with_account(account))
        .collect()
}

/// Point 1: The cluster bootstrap allocated u32::MAX resamples (34 GB, an abort) and accepted 2.
#[test]
fn cluster_bootstrap_resamples_have_the_limits_of_every_bootstrap() {
    let answers = answers();
    let run = |resamples: u32| {
        AccountRollup::builder()
            .variance(VarianceMethod::ClusterBootstrap { resamples, seed: 1 })
            .run(&answers)
    };
    let start = std::time::Instant::now();
    assert!(matches!(
        run(u32::MAX),
        Err(Error::InvalidCount { name: "bootstrap resamples", value: 4_294_967_295, .. })
    ));
    assert!(matches!(run(MAX_RESAMPLES + 1), Err(Error::InvalidCount { .. })));
    assert!(start.elapsed().as_secs() < 1, "refused before drawing: {:?}", start.elapsed());
    assert_eq!(run(2).unwrap_err(), Error::TooFewResamples { resamples: 2, needed: 1_000 });
    assert_eq!(run(MIN_RESAMPLES - 1).unwrap_err(), Error::TooFewResamples { resamples: 999, needed: 1_000 });
    assert!(run(MIN_RESAMPLES).is_ok());
    // A level whose tails need more resamples: as for the one-sample bootstrap.
    let level = Confidence::new(0.9999).unwrap();
    let strict = AccountRollup::builder()
        .level(level)
        .variance(VarianceMethod::ClusterBootstrap { resamples: 5_000, seed: 1 })
        .run(&answers);
    assert!(matches!(strict, Err(Error::TooFewResamples { resamples: 5_000, needed }) if needed >= 19_999));
}

/// Point 2: One answer with the key 2²⁴ took 1.6 GB; the docs promised a refusal.
#[test]
fn a_dense_key_beyond_the_limit_is_refused_without_allocating() {
    for key in [MAX_DENSE_KEY + 1, 16_777_216, 1 << 27, u32::MAX] {
        let err = Tally::grouped(&[key], &[9]).unwrap_err();
        assert!(
            matches!(err, Error::InvalidCount { name: "largest key", value, .. } if value == u64::from(key))
        );
        assert!(err.to_string().contains("at most 1048575"), "{err}");
    }
    // The limit itself is fine (2²⁰ tallies, about 100 MB), and labels take any key.
    let tallies = Tally::grouped(&[MAX_DENSE_KEY, 0], &[9, 3]).unwrap();
    assert_eq!(tallies.len(), 1 << 20);
    assert_eq!((tallies[0].detractors(), tallies[MAX_DENSE_KEY as usize].promoters()), (1, 1));
    let by_label = Tally::grouped_by_label(&[16_777_216u32, u32::MAX], &[9, 3]).unwrap();
    assert_eq!(by_label.len(), 2);
    // A breakdown by dense ids obeys the same limit.
    assert!(nps_stats::Breakdown::builder().by_ids(&[16_777_216], &[9]).is_err());
}

/// Point 3: The Bayesian test of NPS 0 (n = 100) against a target of +99 had statistic −∞: the tail
/// P(NPS > 0.99) = 2.94e-122 was lost by integrating only the bulk of the posterior.
#[test]
fn a_far_bayesian_tail_keeps_its_digits_and_its_statistic() {
    let tally = Tally::from_counts(33, 34, 33).unwrap();
    // mpmath at 40 digits, integrating over the detractor share in 41 pieces
    // (tests/data/bayes_tails_reference.py).
    for (target, expected) in
        [(99, 2.944_922_599_356_8e-122), (90, 2.966_739_163_242_9e-54), (80, 1.133_194_866_962_4e-34)]
    {
        let above = tally.probability_above(target, Prior::UNIFORM).unwrap();
        assert!(
            (above / expected - 1.0).abs() < 1e-9,
            "P(NPS > {target}) = {above:e}, expected {expected:e}"
        );
    }
    let level = Confidence::NINETY_FIVE;
    let cmp = compare_to_target(&tally, 99, Method::Bayesian { prior: Prior::UNIFORM }, level).unwrap();
    // Φ⁻¹(2.944922599e-122) = −23.484387129… (the statistic is Φ⁻¹ of the smaller tail).
    assert!((cmp.statistic + 23.484_387_129).abs() < 1e-6, "{}", cmp.statistic);
    assert!((cmp.p_value / (2.0 * 2.944_922_599_356_8e-122) - 1.0).abs() < 1e-9, "{}", cmp.p_value);
    // A tail beyond the smallest double: still a finite statistic, at least as far out as the last
    // quantile, and p = 0.
    let all_detractors = Tally::from_counts(0, 0, 1_000).unwrap();
    let cmp =
        compare_to_target(&all_detractors, 50, Method::Bayesian { prior: Prior::UNIFORM }, level).unwrap();
    assert!(cmp.statistic.is_finite() && cmp.statistic < -38.0, "{}", cmp.statistic);
    assert_eq!(cmp.p_value, 0.0);
}

/// Found by the `bayesian` fuzz target: where promoters and detractors together have a shape
/// below 1, S = θP + θD has a pole at 0, and a target next to 0 gave P(NPS > t) = 1 (the density
/// overflowed at the quadrature's first nodes) or lost 10⁻⁵ (a rule in s cannot resolve mass spread
/// over the orders of magnitude of s). mpmath at 40 digits, integrating in u = s^(aP + aD)
/// (tests/data/bayes_tails_reference.py).
#[test]
fn a_target_next_to_zero_with_a_pole_of_the_posterior() {
    let tally = Tally::from_counts(0, 1_279, 0).unwrap();
    let prior = Prior::new(2f64.powi(-8), 256.0, 2f64.powi(-8)).unwrap();
    for (target, expected) in [
        (1e-298, 0.497_589_651_645_980_6),
        (1e-98, 0.411_980_314_344_081_5),
        (1e-8, 0.055_670_843_049_203_64),
        (1e-3, 0.013_913_181_714_769_01),
    ] {
        let above = tally.probability_above(Points::new(target).unwrap(), prior).unwrap();
        assert!((above - expected).abs() < 1e-12, "P(NPS > {target:e}) = {above}, expected {expected}");
    }
    // A subnormal target: the answer of a symmetric posterior, just below ½ (no longer 1).
    let above = tally.probability_above(Points::new(3.2375e-319).unwrap(), prior).unwrap();
    assert!(above > 0.498 && above < 0.5, "{above}");
    let cmp = compare_to_target(
        &tally,
        Points::new(3.2375e-319).unwrap(),
        Method::Bayesian { prior },
        Confidence::NINETY_FIVE,
    )
    .unwrap();
    assert!(cmp.statistic.is_finite() && cmp.p_value > 0.99, "{cmp:?}");
}

/// Point 3: Tango's two-sample test stopped its search at z = 38 and reported +∞ for a sample of 2⁶⁴
/// answers with spread against a unanimous one; the crossing is finite (about √(2n)).
#[test]
fn the_score_test_of_two_samples_finds_its_statistic_past_38() {
    let level = Confidence::NINETY_FIVE;
    let spread = Tally::from_counts(u64::MAX / 2, 1, u64::MAX / 2).unwrap();
    let unanimous = Tally::from_counts(u64::MAX, 0, 0).unwrap();
    let cmp = compare_independent(&spread, &unanimous, Method::Score, level).unwrap();
    assert!(cmp.statistic.is_finite() && cmp.statistic > 1e9, "{}", cmp.statistic);
    assert_eq!(cmp.p_value, 0.0);
    let reverse = compare_independent(&unanimous, &spread, Method::Score, level).unwrap();
    assert!((reverse.statistic + cmp.statistic).abs() <= 1e-9 * cmp.statistic, "{}", reverse.statistic);
    // The statistic is the z at which the MOVER interval reaches 0: at that level the bound is 0.
    let p = cmp.p_value;
    assert!((0.0..=1.0).contains(&p));
    // Opposite unanimous samples are as certain as data get, and still finite for the score test.
    let promoters = Tally::from_counts(1_000, 0, 0).unwrap();
    let detractors = Tally::from_counts(0, 0, 1_000).unwrap();
    let cmp = compare_independent(&promoters, &detractors, Method::Score, level).unwrap();
    assert!(cmp.statistic.is_finite() && cmp.statistic < -38.0, "{}", cmp.statistic);
}

/// Point 3: the score test of a target of +100 points had statistic −∞. That one is right: under
/// NPS = +100 every answer is a promoter, so a single other answer rules the target out with no
/// doubt left, as a unanimous sample does a different target under Wald. Both are the documented
/// exception (a statistic of ±∞ with p = 0, listed in the crate's Guarantees); a target a hair
/// inside the range has a finite statistic.
#[test]
fn a_target_the_answers_rule_out_is_the_documented_exception() {
    let level = Confidence::NINETY_FIVE;
    let tally = Tally::from_counts(33, 34, 33).unwrap();
    for (target, sign) in [(100, -1.0), (-100, 1.0)] {
        let cmp = compare_to_target(&tally, target, Method::Score, level).unwrap();
        assert_eq!((cmp.statistic, cmp.p_value), (sign * f64::INFINITY, 0.0), "{target}");
        let inside = Points::new(f64::from(target) * (1.0 - 1e-12)).unwrap();
        let cmp = compare_to_target(&tally, inside, Method::Score, level).unwrap();
        assert!(cmp.statistic.is_finite() && cmp.statistic.signum() == sign, "{cmp:?}");
    }
    // Nothing contradicts +100 when every answer is a promoter: no evidence against it at all.
    let promoters = Tally::from_counts(10, 0, 0).unwrap();
    let cmp = compare_to_target(&promoters, 100, Method::Score, level).unwrap();
    assert_eq!((cmp.statistic, cmp.p_value), (0.0, 1.0));
    // Every other method gives a finite statistic against +100.
    for method in [Method::AdjustedWald, Method::Bayesian { prior: Prior::UNIFORM }] {
        let cmp = compare_to_target(&tally, 100, method, level).unwrap();
        assert!(cmp.statistic.is_finite() && cmp.statistic < 0.0, "{method:?}: {cmp:?}");
    }
}

/// Found by the `comparisons` fuzz target: the score test of an all-passive sample against a target
/// within 10⁻¹⁵² points of 0 had statistic +∞ and p = 0 (the restricted variance lost itself to an
/// underflow of b²); it is √(n·|δ|) and p = 1: T(δ) = −nδ/√(n·|δ|(1 − |δ|)) for δ < 0 (the
/// closed form of Tango's restricted variance with P = D = 0).
#[test]
fn the_score_test_next_to_zero_keeps_its_variance() {
    let passives = Tally::from_counts(0, 1_860, 0).unwrap();
    for points in [-2.271_523_828_775_377e-214, -1e-200, -1e-300] {
        let cmp = compare_to_target(
            &passives,
            Points::new(points).unwrap(),
            Method::Score,
            Confidence::NINETY_FIVE,
        )
        .unwrap();
        let delta: f64 = points / 100.0;
        let expected = (1_860.0 * delta.abs()).sqrt();
        assert!((cmp.statistic / expected - 1.0).abs() < 1e-12, "{points:e}: {cmp:?}");
        assert_eq!(cmp.p_value, 1.0);
    }
}

/// Point 3: A slope of ±1e308 values was +∞: y is an NPS, and a slope that cannot be finite is an error.
#[test]
fn the_weighted_slope_is_finite_or_an_error() {
    let level = Confidence::NINETY_FIVE;
    let err = weighted_slope(&[(0.0, -1e308, 1.0), (1.0, 1e308, 1.0)], level).unwrap_err();
    assert!(matches!(err, Error::InvalidParameter { name: "y", .. }), "{err:?}");
    // Extreme but valid: standard errors from 1e-300 to 1e300 and x near f64::MAX stay finite.
    let tiny_and_huge = [(0.0, 10.0, 1e-300), (1.0, 20.0, 1e300), (2.0, 30.0, 1e-300)];
    let slope = weighted_slope(&tiny_and_huge, level).unwrap();
    assert!((slope.slope - 10.0).abs() < 1e-12, "{slope:?}");
    // SE = 1/√(Σw(x − x̄)²) with the two precise points: 1e-300/√(2·1²) = 7.07e-301.
    assert!((slope.std_error / (1e-300 / 2f64.sqrt()) - 1.0).abs() < 1e-12, "{}", slope.std_error);
    let far = [(1e308, -50.0, 1.0), (1.5e308, 50.0, 1.0)];
    let slope = weighted_slope(&far, level).unwrap();
    // 100 points over 5e307: 2e-306 per unit of x.
    assert!((slope.slope / 2e-306 - 1.0).abs() < 1e-12, "{slope:?}");
    assert!(slope.interval.lower.is_finite() && slope.interval.upper.is_finite());
    // x values an ulp apart far from 0 (found by the `slope` fuzz target: centred on their mean they
    // lost their digits, and the slope came out 10⁴ times the largest one possible): 2¹³⁶ and the
    // next double, 2¹³⁶ + 2⁸⁴, give exactly 200/2⁸⁴ points per unit of x.
    let (x0, x1) = (2f64.powi(136), 2f64.powi(136) + 2f64.powi(84));
    let close = weighted_slope(&[(x0, -100.0, 1.0), (x1, 100.0, 1.0), (x0, -100.0, 1.0)], level).unwrap();
    assert!((close.slope / (200.0 / 2f64.powi(84)) - 1.0).abs() < 1e-12, "{close:?}");
    assert!(close.interval.contains(close.slope));
    // x 1e-300 apart: 200 points over 1e-300 is large but finite.
    let steep = weighted_slope(&[(0.0, -100.0, 1.0), (1e-300, 100.0, 1.0)], level).unwrap();
    assert!((steep.slope / 2e302 - 1.0).abs() < 1e-12, "{steep:?}");
    // Where no finite answer exists, an error: a statistic of 200/(√2·5e-324), or x values closer
    // than any normal double can tell apart.
    for points in [[(0.0, -100.0, 5e-324), (1.0, 100.0, 5e-324)], [(0.0, -100.0, 1.0), (1e-310, 100.0, 1.0)]]
    {
        let err = weighted_slope(&points, level).unwrap_err();
        assert!(matches!(err, Error::InvalidParameter { name: "weighted spread of x", .. }), "{err:?}");
    }
}

/// Points 3 and 4: Priors at the extremes overflowed (a weight of ∞, an interval [0, 0] where the
/// posterior sits near +50, P(NPS > 0) = 1 where symmetry says ½); they now have limits.
#[test]
fn priors_have_limits_and_are_right_within_them() {
    for bad in [1e308, 5e-324, MAX_PRIOR * 1.000_001, MIN_PRIOR / 2.0, 0.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(Prior::new(bad, 1.0, 1.0), Err(Error::InvalidParameter { .. })), "{bad}");
        assert!(matches!(Prior::new(1.0, 1.0, bad), Err(Error::InvalidParameter { .. })), "{bad}");
    }
    let heaviest = Prior::new(MAX_PRIOR, MAX_PRIOR, MAX_PRIOR).unwrap();
    assert_eq!(heaviest.weight(), 3e6);
    let tally = Tally::from_counts(33, 34, 33).unwrap();
    let two_passives = Tally::from_counts(0, 2, 0).unwrap();
    for edge in [MIN_PRIOR, 1.0, MAX_PRIOR] {
        let symmetric = Prior::new(edge, edge, edge).unwrap();
        for sample in [&tally, &two_passives] {
            let p = sample.probability_above(0, symmetric).unwrap();
            assert!((p - 0.5).abs() < 1e-9, "prior {edge}: P(NPS > 0) = {p}");
        }
    }
    // A heavy prior of promoters and passives: the posterior mean is (aP − aD)/a₀ ≈ +50, and the
    // 95 % interval holds it (the mean ± 1.96 posterior SDs, SD = √((½ − ¼)/(2·10⁶)) = 3.5e-4).
    let heavy = Prior::new(MAX_PRIOR, MAX_PRIOR, 1.0).unwrap();
    let est = tally.estimate(Method::Bayesian { prior: heavy }, Confidence::NINETY_FIVE).unwrap();
    let mean = 100.0 * (1e6 + 33.0 - 34.0) / (2e6 + 101.0);
    assert!(est.interval.contains(mean) && est.interval.lower > 49.9 && est.interval.upper < 50.1, "{est}");
}

/// Point 3: sample_size with a margin of 1e-160 points gave n = 1 with NaN (with a population) and
/// n = u64::MAX with ∞ (without); sample_size_for_change with 1e-200 gave ∞.
#[test]
fn sample_sizes_are_finite_or_an_error() {
    let level = Confidence::NINETY_FIVE;
    let worst = ExpectedShares::WORST_CASE;
    let tiny = Points::new(1e-160).unwrap();
    let census = sample_size(tiny, worst, level, Some(200)).unwrap();
    assert_eq!(census.n, 200);
    assert_eq!(census.unrounded, 200.0);
    let err = sample_size(tiny, worst, level, None).unwrap_err();
    assert!(matches!(err, Error::InvalidParameter { name: "margin of error", .. }), "{err:?}");
    // The smallest margin whose worst-case sample fits in u64: z²/E² < 2⁶⁴, E > z·2⁻³² (4.6e-8 points).
    let z = level.z();
    let fits = sample_size(Points::new(100.0 * z * 2f64.powi(-31)).unwrap(), worst, level, None).unwrap();
    assert!((fits.n as f64 / 2f64.powi(62) - 1.0).abs() < 1e-9, "{}", fits.n);
    let beyond = sample_size(Points::new(100.0 * z * 2f64.powi(-32) * 0.999).unwrap(), worst, level, None);
    assert!(matches!(beyond, Err(Error::InvalidParameter { name: "margin of error", .. })), "{beyond:?}");
    let err = sample_size_for_change(Points::new(1e-200).unwrap(), worst, worst, level, 0.8).unwrap_err();
    assert!(matches!(err, Error::InvalidParameter { name: "change", .. }), "{err:?}");
    // A census of the largest population a u64 counts, where N/(1 + …) rounds to 2⁶⁴ in f64
    // (found by the `planning` fuzz target: a wider margin was refused where a narrower one was not).
    for margin in [1e-160, 1e-9, 8.0, 16.0] {
        let plan = sample_size(Points::new(margin).unwrap(), worst, level, Some(u64::MAX)).unwrap();
        assert!(plan.n >= 1, "{plan:?}");
    }
    assert_eq!(sample_size(tiny, worst, level, Some(u64::MAX)).unwrap().n, u64::MAX);
    // A population of one at a level so low that (E/z)² overflows: still a census of one, not 0·∞.
    let low = Confidence::new(2f64.powi(-133)).unwrap();
    let certainish = ExpectedShares::new(1e-300, 0.0).unwrap();
    assert_eq!(sample_size(16, certainish, low, Some(1)).unwrap().n, 1);
    // A certain sample (variance 0) needs one answer, however small the margin.
    let certain = ExpectedShares::new(1.0, 0.0).unwrap();
    assert_eq!(sample_size(tiny, certain, level, None).unwrap().n, 1);
}

/// Point 4: sample_size_for_change was not monotone in the power below α/2 (0.8 → 1,570 answers,
/// 0.025 → 1, 0.01 → 27, 1e-10 → 3,875): a power must now exceed α, where it is monotone.
#[test]
fn the_power_of_a_plan_exceeds_alpha_and_more_power_needs_more_answers() {
    let level = Confidence::NINETY_FIVE;
    let worst = ExpectedShares::WORST_CASE;
    for low in [0.05, 0.025, 0.01, 1e-10] {
        let err = sample_size_for_change(10, worst, worst, level, low).unwrap_err();
        assert!(matches!(err, Error::InvalidParameter { name: "power", .. }), "{low}: {err:?}");
    }
    let mut previous = 0;
    for power in [0.050_001, 0.1, 0.2, 0.5, 0.8, 0.9, 0.99, 0.999_999] {
        let n = sample_size_for_change(10, worst, worst, level, power).unwrap().n;
        assert!(n >= previous, "power {power}: {n} < {previous}");
        previous = n;
    }
    assert_eq!(sample_size_for_change(10, worst, worst, level, 0.8).unwrap().n, 1570);
}

/// Point 5: At 99.99999 % the bootstrap asked for 2·10⁷ resamples while refusing anything above 10⁷.
#[test]
fn a_level_no_bootstrap_can_serve_is_refused_as_a_level() {
    let tally = Tally::from_counts(5, 3, 2).unwrap();
    let level = Confidence::new(0.999_999_9).unwrap();
    let method = Method::Bootstrap { resamples: MAX_RESAMPLES, seed: 1, interval: BootstrapInterval::Bca };
    let err = tally.estimate(method, level).unwrap_err();
    assert!(matches!(err, Error::InvalidParameter { value, .. } if value == 0.999_999_9), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("at most 0.9999998") && !message.contains("20000000"), "{message}");
    // The highest level the largest bootstrap serves asks for no more than it allows.
    let highest = Confidence::new(0.999_999_8).unwrap();
    let err = tally
        .estimate(Method::Bootstrap { resamples: 1_000, seed: 1, interval: BootstrapInterval::Bca }, highest);
    assert!(matches!(err, Err(Error::TooFewResamples { needed, .. }) if needed <= u64::from(MAX_RESAMPLES)));
}

/// Point 5: `Confidence` showed 1 − 2⁻⁵³ as "100%" and 5e-324 as "0%".
#[test]
fn levels_never_print_as_the_ends_of_the_range() {
    let top = Confidence::new(1.0 - f64::EPSILON / 2.0).unwrap();
    assert_eq!(top.to_string(), "99.99999999999999%");
    let bottom = Confidence::new(5e-324).unwrap();
    let text = bottom.to_string();
    assert!(text != "0%" && text.ends_with("e-322%"), "{text}");
    assert_eq!(Confidence::NINETY_FIVE.to_string(), "95%");
    assert_eq!(Confidence::new(0.999_999).unwrap().to_string(), "99.9999%");
}

/// Point 6: close_the_loop accepted account values (1e-200, 1e308) that run() and coverage() refused.
#[test]
fn account_values_have_one_limit_in_every_analysis() {
    let answers = answers();
    for (bad, value) in [("A", 1e-200), ("B", 1e308), ("C", MIN_WEIGHT / 2.0), ("D", 2.0 * MAX_WEIGHT)] {
        let mut values = HashMap::from([("A", 1.0), ("B", 2.0), ("C", 3.0), ("D", 4.0)]);
        values.insert(bad, value);
        let expected = Error::InvalidAccountValue { account: AccountId::from(bad), value };
        let survey = AccountRollup::builder().values(&values).min_sample(1);
        assert_eq!(survey.close_the_loop(&answers).unwrap_err(), expected);
        assert_eq!(survey.coverage(&answers).unwrap_err(), expected);
        for weighting in [Weighting::Equal, Weighting::AccountValue, Weighting::AccountValueSpread] {
            let run = AccountRollup::builder().values(&values).weighting(weighting).run(&answers);
            assert_eq!(run.unwrap_err(), expected, "{weighting:?}");
        }
    }
}

/// Point 8: Two-sided p-values differed from R's `2*pnorm(-abs(z))` by up to 9e-11 relative (0.0499999999977541
/// at the 97.5 % quantile, where R gives 0.05). Through the public API: four points (0, −z), (0, −z),
/// (1, z), (1, z) with standard error 2 have Σw(x − x̄)² = 1, Σw(x − x̄)(y − ȳ) = 2z and so, exactly,
/// the statistic z; their p-value must be R's to 1e-13 relative (R 4.2.2, cross-checked against
/// mpmath at 30 digits: tests/data/pnorm_reference.R).
#[test]
fn p_values_are_r_to_the_last_digits() {
    let level = Confidence::NINETY_FIVE;
    let mut rows = 0;
    for line in include_str!("../data/pnorm_two_sided.csv").lines().skip(1) {
        let (z, expected) = line.split_once(',').unwrap();
        let (z, expected): (f64, f64) = (z.parse().unwrap(), expected.parse().unwrap());
        if z > 37.0 {
            continue; // beyond, R rounds to 0 below the smallest normal double
        }
        let slope =
            weighted_slope(&[(0.0, -z, 2.0), (0.0, -z, 2.0), (1.0, z, 2.0), (1.0, z, 2.0)], level).unwrap();
        assert_eq!(slope.statistic, z);
        let relative = (slope.p_value / expected - 1.0).abs();
        assert!(relative < 1e-13, "z = {z}: p = {:e}, R {expected:e} ({relative:e})", slope.p_value);
        rows += 1;
    }
    assert!(rows > 150, "{rows}");
    let at_975 = weighted_slope(
        &[
            (0.0, -1.959_963_984_540_054, 2.0),
            (0.0, -1.959_963_984_540_054, 2.0),
            (1.0, 1.959_963_984_540_054, 2.0),
            (1.0, 1.959_963_984_540_054, 2.0),
        ],
        level,
    )
    .unwrap();
    assert!((at_975.p_value - 0.05).abs() < 1e-16, "{}", at_975.p_value);
}

/// Point 7: An `Interval` with lower > upper and an `Estimate` with NPS 500 or effective n −3 were read back.
#[cfg(feature = "serde")]
#[test]
fn result_types_validate_on_deserialization() {
    let tally = Tally::from_counts(13, 22, 9).unwrap();
    let estimate = tally.estimate_default().unwrap();
    let json = serde_json::to_value(&estimate).unwrap();
    assert_eq!(serde_json::from_value::<nps_stats::Estimate>(json.clone()).unwrap(), estimate);
    let with = |path: &[&str], value: serde_json::Value| {
        let mut doc = json.clone();
        let mut cursor = &mut doc;
        for key in path {
            cursor = &mut cursor[*key];
        }
        *cursor = value;
        serde_json::from_value::<nps_stats::Estimate>(doc).unwrap_err().to_string()
    };
    let err = with(&["interval", "lower"], serde_json::json!(50.0));
    assert!(err.starts_with("inconsistent interval: bounds 50.0 and"), "{err}");
    let err = with(&["nps"], serde_json::json!(500.0));
    assert_eq!(err, "NPS 500 is invalid: expected a number of points from -100 to 100");
    let err = with(&["effective_n"], serde_json::json!(-3.0));
    assert_eq!(err, "value -3 is invalid: expected a finite number of at least 0");
}
