//! Every edge named in the crate's `# Guarantees`, each with its documented behaviour: empty, one
//! answer, all answers in one category, confidence levels close to 1, weights from 1e-6 to 1e12
//! and at the limits of `f64`, and counts near `u64::MAX`.

use nps_stats::{
    Category, Confidence, Error, Method, Scale, Score, Tally, WeightedTally,
    inference::{Samples, compare_independent},
};

fn histogram(bins: &[(usize, u64)]) -> [u64; 11] {
    let mut histogram = [0u64; 11];
    for &(score, count) in bins {
        histogram[score] = count;
    }
    histogram
}

fn level(level: f64) -> Confidence {
    Confidence::new(level).unwrap()
}

/// Levels from the common to the most extreme one below 1 (1 − 2⁻⁵³, where 0.5 + level/2 rounds
/// to 1 and a naive quantile is infinite).
fn levels() -> [Confidence; 5] {
    [level(0.95), level(0.99), level(0.999_999), level(1.0 - 1e-12), level(1.0 - f64::EPSILON / 2.0)]
}

fn assert_sane(nps: f64, std_error: f64, lower: f64, upper: f64) {
    assert!(nps.is_finite() && (-100.0..=100.0).contains(&nps), "nps {nps}");
    assert!(std_error.is_finite() && std_error >= 0.0, "se {std_error}");
    assert!(lower.is_finite() && upper.is_finite(), "[{lower}, {upper}]");
    assert!(-100.0 <= lower && lower <= upper && upper <= 100.0, "[{lower}, {upper}]");
}

#[test]
fn empty() {
    let tally = Tally::new();
    assert_eq!((tally.total(), tally.is_empty()), (0, true));
    assert_eq!(tally.nps(), None);
    assert_eq!(tally.share(Category::Promoter), None);
    assert_eq!(tally.mean_rating(), None);
    assert_eq!(tally.to_string(), "n = 0: 0 promoters, 0 passives, 0 detractors, NPS n/a");
    for method in [Method::Wald, Method::AdjustedWald] {
        assert_eq!(
            tally.estimate(method, Confidence::NINETY_FIVE),
            Err(Error::EmptySample { what: "the sample" })
        );
        let one = Tally::from_scores(&[9]).unwrap();
        assert!(matches!(
            compare_independent(&one, &tally, method, level(0.9)),
            Err(Error::EmptySample { .. })
        ));
        assert!(matches!(
            compare_independent(&tally, &one, method, level(0.9)),
            Err(Error::EmptySample { .. })
        ));
    }
    assert_eq!(Tally::from_scores(&[]).unwrap(), tally);
    assert_eq!(Tally::grouped(&[], &[]).unwrap(), Vec::<Tally>::new());

    let weighted = WeightedTally::new();
    assert_eq!(
        (weighted.nps(), weighted.effective_n(), weighted.share(Category::Passive)),
        (None, None, None)
    );
    assert_eq!((weighted.total_weight(), weighted.total_weight_squared()), (0.0, 0.0));
    assert!(matches!(weighted.linearized_estimate(Confidence::NINETY_FIVE), Err(Error::EmptySample { .. })));
    assert_eq!(weighted.to_string(), "n = 0, NPS n/a");
}

#[test]
fn one_answer() {
    let tally = Tally::from_scores(&[9]).unwrap();
    assert_eq!(tally.nps(), Some(100.0));
    assert_eq!(tally.mean_rating(), Some(9.0));
    for level in levels() {
        // Wald has no spread with one answer: a zero-width interval at the point, never NaN.
        let wald = tally.estimate(Method::Wald, level).unwrap();
        assert_eq!((wald.std_error, wald.interval.lower, wald.interval.upper), (0.0, 100.0, 100.0));
        // The adjusted Wald pseudo-answers give it a width, clipped to the NPS range.
        let adjusted = tally.estimate(Method::AdjustedWald, level).unwrap();
        assert_sane(adjusted.nps, adjusted.std_error, adjusted.interval.lower, adjusted.interval.upper);
        assert!(adjusted.std_error > 0.0 && adjusted.interval.width() > 0.0);
    }
    let mut weighted = WeightedTally::new();
    weighted.add(Score::MIN, 3.5).unwrap();
    assert_eq!((weighted.nps(), weighted.effective_n()), (Some(-100.0), Some(1.0)));
    // A variance needs two answers.
    assert_eq!(
        weighted.linearized_estimate(Confidence::NINETY_FIVE),
        Err(Error::TooFewForVariance { what: "answers", found: 1 })
    );
}

#[test]
fn all_in_one_category() {
    let detractors = Tally::from_scores(&[0, 3, 6, 6, 2]).unwrap();
    let promoters = Tally::from_scores(&[9, 10, 10]).unwrap();
    assert_eq!((detractors.nps(), promoters.nps()), (Some(-100.0), Some(100.0)));
    assert_eq!(detractors.share(Category::Detractor), Some(1.0));
    assert_eq!(detractors.share(Category::Promoter), Some(0.0));
    for level in levels() {
        let wald = detractors.estimate(Method::Wald, level).unwrap();
        assert_eq!((wald.std_error, wald.interval.lower, wald.interval.upper), (0.0, -100.0, -100.0));
        let adjusted = detractors.estimate(Method::AdjustedWald, level).unwrap();
        assert_sane(adjusted.nps, adjusted.std_error, adjusted.interval.lower, adjusted.interval.upper);
        assert_eq!(adjusted.interval.lower, -100.0); // clipped, not below

        // Two samples without spread: the same → z = 0, p = 1; different → z = ±∞, p = 0.
        let same = compare_independent(&promoters, &promoters, Method::Wald, level).unwrap();
        assert_eq!((same.difference, same.std_error, same.statistic, same.p_value), (0.0, 0.0, 0.0, 1.0));
        let apart = compare_independent(&detractors, &promoters, Method::Wald, level).unwrap();
        assert_eq!((apart.difference, apart.statistic, apart.p_value), (200.0, f64::INFINITY, 0.0));
        assert_eq!((apart.interval.lower, apart.interval.upper), (200.0, 200.0));
        assert_eq!(apart.samples, Samples::Independent);
    }
    let mut weighted = WeightedTally::new();
    for weight in [1e-6, 1.0, 1e12] {
        weighted.add(Score::MAX, weight).unwrap();
    }
    assert_eq!(weighted.nps(), Some(100.0));
    assert_eq!(weighted.share(Category::Promoter), Some(1.0));
    let estimate = weighted.linearized_estimate(Confidence::NINETY_FIVE).unwrap();
    assert_eq!((estimate.nps, estimate.std_error), (100.0, 0.0));
    assert_eq!((estimate.interval.lower, estimate.interval.upper), (100.0, 100.0));
}

#[test]
fn levels_close_to_one() {
    // z from scipy 1.17: `scipy.stats.norm.isf((1 - level) / 2)` for level = 0.999999, 1 - 1e-12 and
    // 1 - 2**-53, each level as the f64 the test passes.
    let expected_z = [4.8916384756929325, 7.130509892879273, 8.292361075813597];
    for (level, z) in levels()[2..].iter().zip(expected_z) {
        assert!(((level.z() - z) / z).abs() < 1e-12, "{level}: {} vs {z}", level.z());
    }
    assert!(Confidence::new(1.0).is_err() && Confidence::new(1.0 - f64::EPSILON / 4.0).is_err()); // rounds to 1
    let tally = Tally::from_scores(&[10, 9, 8, 7, 6, 0, 10]).unwrap();
    let mut widths = Vec::new();
    for level in levels() {
        for method in [Method::Wald, Method::AdjustedWald] {
            let estimate = tally.estimate(method, level).unwrap();
            assert_sane(estimate.nps, estimate.std_error, estimate.interval.lower, estimate.interval.upper);
            assert!(estimate.interval.contains(estimate.nps) || method == Method::AdjustedWald);
        }
        widths.push(tally.estimate(Method::Wald, level).unwrap().interval.width());
        let cmp =
            compare_independent(&Tally::from_scores(&[3, 9]).unwrap(), &tally, Method::AdjustedWald, level)
                .unwrap();
        assert!(cmp.interval.lower.is_finite() && cmp.interval.upper.is_finite());
        assert!((0.0..=1.0).contains(&cmp.p_value));
    }
    // Wider as the level rises, up to the whole range.
    assert!(widths.windows(2).all(|pair| pair[0] <= pair[1]), "{widths:?}");
    assert_eq!(*widths.last().unwrap(), 200.0);

    // The t interval of the linearized estimate, from 1 df (Cauchy) to many.
    let mut weighted = WeightedTally::new();
    weighted.add(Score::MAX, 1.0).unwrap();
    weighted.add(Score::MIN, 1.0).unwrap();
    for level in levels() {
        let estimate = weighted.linearized_estimate(level).unwrap();
        assert_sane(estimate.nps, estimate.std_error, estimate.interval.lower, estimate.interval.upper);
    }
}

#[test]
fn weights_from_a_millionth_to_a_trillion() {
    // Expected values: tests/data/edges_reference.py (exact rational sums of the same doubles).
    let mut weighted = WeightedTally::new();
    let answers: [(u8, f64, u32); 5] =
        [(10, 1e12, 1), (9, 1e-6, 1000), (8, 1.0, 10), (0, 1e-6, 100_000), (6, 1e6, 2)];
    for (score, weight, count) in answers {
        for _ in 0..count {
            weighted.try_add(score, weight).unwrap();
        }
    }
    let close = |got: f64, want: f64| ((got - want) / want).abs() < 1e-14;
    assert!(close(weighted.nps().unwrap(), 99.99959999978), "{:?}", weighted.nps());
    assert!(close(weighted.effective_n().unwrap(), 1.0000040000222021), "{:?}", weighted.effective_n());
    assert!(close(weighted.share(Category::Promoter).unwrap(), 0.9999979999939));
    assert!(close(weighted.share(Category::Passive).unwrap(), 9.99997999993899e-12));
    assert!(close(weighted.share(Category::Detractor).unwrap(), 1.999996099987598e-06));
    assert!(close(weighted.weight(Category::Detractor), 2000000.1));
    assert_eq!(weighted.tally().total(), 101_013);
    let estimate = weighted.linearized_estimate(Confidence::NINETY_FIVE).unwrap();
    assert_sane(estimate.nps, estimate.std_error, estimate.interval.lower, estimate.interval.upper);
}

#[test]
fn weights_at_the_limits_of_f64() {
    // 2⁻⁵¹¹ is the smallest weight whose square is a normal f64; below it Σw² would lose digits.
    let smallest = 2f64.powi(-511);
    let mut weighted = WeightedTally::new();
    weighted.add(Score::MAX, smallest).unwrap();
    assert_eq!(weighted.weight_squared(Category::Promoter), f64::MIN_POSITIVE);
    assert_eq!(weighted.effective_n(), Some(1.0));
    let before = weighted.clone();
    for tiny in [smallest / 2.0, 1e-200, f64::MIN_POSITIVE, 5e-324] {
        assert_eq!(weighted.add(Score::MAX, tiny), Err(Error::WeightUnderflow { weight: tiny }));
    }
    assert_eq!(
        Error::WeightUnderflow { weight: 1e-200 }.to_string(),
        "weight 1e-200 is too small: its square would underflow f64; expected at least 2^-511 (about \
         1.5e-154), and since weights are relative they can all be scaled up"
    );
    assert_eq!(weighted, before);

    // 2⁵¹¹ squared is 2¹⁰²²: three fit in Σw² (3·2¹⁰²² < f64::MAX), a fourth would make it 2¹⁰²⁴.
    let largest = 2f64.powi(511);
    let mut heavy = WeightedTally::new();
    for _ in 0..3 {
        heavy.add(Score::MAX, largest).unwrap();
    }
    let before = heavy.clone();
    assert_eq!(heavy.add(Score::MAX, largest), Err(Error::WeightOverflow { weight: largest }));
    // The same across categories: the total Σw² must stay finite too, or Kish's n would be 0.
    assert_eq!(heavy.add(Score::MIN, largest), Err(Error::WeightOverflow { weight: largest }));
    assert_eq!(heavy, before);
    assert_eq!(heavy.effective_n(), Some(3.0));
    assert!(matches!(heavy.merge(&before), Err(Error::WeightOverflow { .. })));
    assert_eq!(heavy, before);
}

#[test]
fn counts_near_u64_max() {
    // All of u64::MAX answers, half promoters, half detractors and one passive: every statistic is
    // finite and exact where it can be.
    let half = u64::MAX / 2;
    let full = Tally::from_histogram(Scale::STANDARD, histogram(&[(0, half), (7, 1), (10, half)])).unwrap();
    assert_eq!(full.total(), u64::MAX);
    assert_eq!(full.nps(), Some(0.0));
    assert_eq!(full.share(Category::Promoter), Some(0.5));
    assert_eq!(full.mean_rating(), Some(5.0));
    for level in levels() {
        for method in [Method::Wald, Method::AdjustedWald] {
            let estimate = full.estimate(method, level).unwrap();
            assert_sane(estimate.nps, estimate.std_error, estimate.interval.lower, estimate.interval.upper);
            assert_eq!(estimate.n, u64::MAX);
            assert!(estimate.std_error > 0.0 && estimate.std_error < 1e-6, "{}", estimate.std_error);
        }
    }
    let cmp = compare_independent(&full, &full, Method::Wald, Confidence::NINETY_FIVE).unwrap();
    assert_eq!((cmp.difference, cmp.p_value), (0.0, 1.0));

    // One more answer is an error and changes nothing.
    let mut receiver = full.clone();
    assert_eq!(receiver.add(Score::MAX), Err(Error::CountOverflow));
    assert_eq!(receiver.merge(&Tally::from_scores(&[5]).unwrap()), Err(Error::CountOverflow));
    assert_eq!(receiver, full);
    assert_eq!(
        Tally::from_histogram(Scale::STANDARD, histogram(&[(0, u64::MAX), (7, 1)])),
        Err(Error::CountOverflow)
    );

    // A tally of all detractors is −100 exactly at any count. Multiplying before dividing gave
    // −100.00000000000001 and −99.99999999999999 for these (tests/data/edges_reference.py).
    for count in [16_478_931_509_257_029_544, 3 * (1 << 47) + 1, u64::MAX] {
        let detractors = Tally::from_histogram(Scale::STANDARD, histogram(&[(3, count)])).unwrap();
        assert_eq!(detractors.nps(), Some(-100.0), "{count}");
        let wald = detractors.estimate(Method::Wald, Confidence::NINETY_FIVE).unwrap();
        assert_eq!((wald.interval.lower, wald.interval.upper), (-100.0, -100.0));
    }

    // The mean rating stays on the scale. Dividing Σ score × count by the count, each rounded to
    // f64 first, gave 10.000000000000002 for 2⁶⁰ + 105 tens (float(10 n) / float(n) in Python);
    // found by the `merge` fuzz target.
    let tens = (1u64 << 60) + 105;
    let all_tens = Tally::from_histogram(Scale::STANDARD, histogram(&[(10, tens)])).unwrap();
    assert_eq!(all_tens.mean_rating(), Some(10.0));
    for count in [tens, u64::MAX - 1, 3 * (1 << 47) + 1] {
        let ones = Tally::from_histogram(Scale::DUTCH, histogram(&[(1, count)])).unwrap();
        assert_eq!(ones.mean_rating(), Some(1.0), "{count}");
        let mixed = Tally::from_histogram(Scale::STANDARD, histogram(&[(10, count), (0, 1)])).unwrap();
        let mean = mixed.mean_rating().unwrap();
        // Exactly 10 − 10 / (count + 1), to about one unit in the last place of 10 (1.8e-15).
        let exact = 10.0 - 10.0 / (count as f64 + 1.0);
        assert!((mean - exact).abs() <= 2e-15 && mean <= 10.0, "{count}: {mean} vs {exact}");
    }

    // A weighted tally doubled 62 times holds 2⁶³ answers; its t interval with 2⁶³ − 1 degrees of
    // freedom comes back at once (the incomplete-beta inversion would not) and equals the z interval.
    let mut weighted = WeightedTally::new();
    weighted.add(Score::MAX, 2.0).unwrap();
    weighted.add(Score::MIN, 1.0).unwrap();
    for _ in 0..62 {
        let copy = weighted.clone();
        weighted.merge(&copy).unwrap();
    }
    assert_eq!(weighted.tally().total(), 1 << 63);
    assert!((weighted.nps().unwrap() - 100.0 / 3.0).abs() < 1e-12);
    assert!((weighted.effective_n().unwrap() / 2f64.powi(63) - 0.9).abs() < 1e-12);
    let start = std::time::Instant::now();
    let estimate = weighted.linearized_estimate(Confidence::NINETY_FIVE).unwrap();
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    assert_sane(estimate.nps, estimate.std_error, estimate.interval.lower, estimate.interval.upper);
    let half_width = estimate.interval.upper - estimate.nps;
    let z = Confidence::NINETY_FIVE.z();
    // upper − nps loses digits: a half-width of about 6e-8 beside an NPS of 33 keeps about 7 of them
    // (the spacing of doubles at 33 is 7e-15), hence the 1e-6 tolerance; t(2⁶³ − 1) equals z far closer.
    assert!((half_width / estimate.std_error / z - 1.0).abs() < 1e-6, "{}", half_width / estimate.std_error);
    let copy = weighted.clone();
    assert_eq!(weighted.merge(&copy), Err(Error::CountOverflow));
    assert_eq!(weighted, copy);
}

#[test]
fn account_values_at_the_limits_of_f64() {
    use nps_stats::tally::{MAX_WEIGHT, MIN_WEIGHT};
    use nps_stats::{AccountId, AccountRollup, Response, accounts::Weighting};
    use std::collections::HashMap;

    let answer = |account: &str, score: u8| Response::new(Score::new(score).unwrap()).with_account(account);
    let responses = vec![answer("A", 9), answer("B", 3), answer("C", 10), answer("A", 7)];
    let values_of = |value: f64| HashMap::from([("A", value), ("B", value), ("C", value)]);

    // Equal account values give the same roll-up at any scale inside the limits, the limits included
    // (the weights are rescaled before they are summed, so Σw² of four accounts at 2⁵¹¹ is fine).
    let reference = AccountRollup::builder()
        .values(&values_of(1.0))
        .weighting(Weighting::AccountValue)
        .run(&responses)
        .unwrap();
    for value in [MIN_WEIGHT, 1e-150, 1e-6, 1e12, 1e150, MAX_WEIGHT] {
        let values = values_of(value);
        for weighting in [Weighting::AccountValue, Weighting::AccountValueSpread] {
            let rollup =
                AccountRollup::builder().values(&values).weighting(weighting).run(&responses).unwrap();
            let same = AccountRollup::builder()
                .values(&values_of(1.0))
                .weighting(weighting)
                .run(&responses)
                .unwrap();
            assert!((rollup.weighted.nps - same.weighted.nps).abs() < 1e-12, "{value:e}");
            assert!((rollup.weighted.effective_n - same.weighted.effective_n).abs() < 1e-12, "{value:e}");
            assert!((rollup.weighted.std_error - same.weighted.std_error).abs() < 1e-9, "{value:e}");
        }
        let rollup = AccountRollup::builder()
            .values(&values)
            .weighting(Weighting::AccountValue)
            .run(&responses)
            .unwrap();
        assert!((rollup.weighted.nps - reference.weighted.nps).abs() < 1e-12, "{value:e}");
    }
    // Values from one end of the range to the other in one roll-up: finite, and the largest rules.
    let extremes = HashMap::from([("A", MAX_WEIGHT), ("B", MIN_WEIGHT), ("C", MIN_WEIGHT)]);
    for weighting in [Weighting::AccountValue, Weighting::AccountValueSpread] {
        let rollup = AccountRollup::builder().values(&extremes).weighting(weighting).run(&responses).unwrap();
        // A's answers (a promoter and a passive) carry all the weight: +50, two effective answers.
        assert_eq!(rollup.weighted.nps, 50.0, "{weighting:?}");
        assert!((rollup.weighted.effective_n - 2.0).abs() < 1e-12, "{weighting:?}");
    }
    // Beyond them: the same error naming the account, in every analysis that reads the values.
    for value in [MIN_WEIGHT / 2.0, 1e-160, 5e-324, MAX_WEIGHT * 1.000_001, 1e160, f64::MAX] {
        let values = values_of(value);
        let expected = Error::InvalidAccountValue { account: AccountId::from("A"), value };
        for weighting in [Weighting::Equal, Weighting::AccountValue, Weighting::AccountValueSpread] {
            let err =
                AccountRollup::builder().values(&values).weighting(weighting).run(&responses).unwrap_err();
            assert_eq!(err, expected, "{weighting:?}");
        }
        let survey = AccountRollup::builder().values(&values).min_sample(1);
        assert_eq!(survey.close_the_loop(&responses).unwrap_err(), expected);
        assert_eq!(survey.coverage(&responses).unwrap_err(), expected);
    }
    assert_eq!(
        Error::InvalidAccountValue { account: AccountId::from("A"), value: 1e160 }.to_string(),
        "value 1e160 of account A is invalid: expected a number from 2^-511 to 2^511 (about 1.5e-154 to 6.7e153)"
    );

    // Coverage: values at the limit add up without overflowing; invitation counts past u64::MAX do not.
    let coverage = AccountRollup::builder().values(&values_of(MAX_WEIGHT)).coverage(&responses).unwrap();
    assert_eq!((coverage.total_value, coverage.revenue_coverage), (3.0 * MAX_WEIGHT, 1.0));
    let values = values_of(1.0);
    let invitations = HashMap::from([("A", u64::MAX), ("B", u64::MAX), ("C", 5)]);
    let err =
        AccountRollup::builder().values(&values).invitations(&invitations).coverage(&responses).unwrap_err();
    assert_eq!(err, Error::CountOverflow);
    // Coverage obeys the same lower limit as the roll-up: 2^-511 is a value, 5e-324 is not.
    let coverage = AccountRollup::builder().values(&values_of(2f64.powi(-511))).coverage(&responses).unwrap();
    assert_eq!(coverage.revenue_coverage, 1.0);
    let err = AccountRollup::builder().values(&values_of(5e-324)).coverage(&responses).unwrap_err();
    assert!(matches!(err, Error::InvalidAccountValue { value: 5e-324, .. }), "{err}");
}
