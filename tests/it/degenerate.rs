//! Degenerate data: every method has defined, documented behaviour for unanimous samples, a
//! single answer, no answers and a confidence level of 0.999999. Expected values from
//! `tests/data/interval_reference.py` and `bayes_reference.py` (the all-promoter cases are the
//! mirror images of the all-detractor ones there), in points.

use nps_stats::{
    Confidence, Error, Method, Tally,
    inference::{BootstrapInterval, Prior, compare_independent, compare_to_target},
};

use crate::intervals::tally;

fn all_methods() -> Vec<Method> {
    vec![
        Method::Wald,
        Method::AdjustedWald,
        Method::Score,
        Method::Bayesian { prior: Prior::UNIFORM },
        Method::Bayesian { prior: Prior::JEFFREYS },
        Method::Bootstrap { resamples: 2_000, seed: 9, interval: BootstrapInterval::Percentile },
        Method::Bootstrap { resamples: 2_000, seed: 9, interval: BootstrapInterval::Bca },
    ]
}

fn bounds(t: &Tally, method: Method, level: Confidence) -> (f64, f64) {
    let est = t.estimate(method, level).unwrap();
    assert!(est.interval.lower.is_finite() && est.interval.upper.is_finite(), "{method}");
    assert!(
        -100.0 <= est.interval.lower
            && est.interval.lower <= est.interval.upper
            && est.interval.upper <= 100.0
    );
    assert!(est.std_error.is_finite() && est.std_error >= 0.0);
    (est.interval.lower, est.interval.upper)
}

fn near(got: (f64, f64), expected: (f64, f64), tolerance: f64, what: &str) {
    assert!(
        (got.0 - expected.0).abs() <= tolerance && (got.1 - expected.1).abs() <= tolerance,
        "{what}: got {got:?}, expected {expected:?}"
    );
}

const L95: Confidence = Confidence::NINETY_FIVE;

#[test]
fn no_answers_is_an_error_for_every_method() {
    let empty = Tally::new();
    for method in all_methods() {
        assert_eq!(empty.estimate(method, L95).unwrap_err(), Error::EmptySample { what: "the sample" });
        assert!(matches!(compare_to_target(&empty, 0, method, L95), Err(Error::EmptySample { .. })));
        assert!(matches!(
            compare_independent(&tally(1, 0, 0), &empty, method, L95),
            Err(Error::EmptySample { .. })
        ));
    }
    assert!(matches!(empty.probability_above(0, Prior::UNIFORM), Err(Error::EmptySample { .. })));
}

#[test]
fn all_promoters_and_all_detractors() {
    let promoters = tally(5, 0, 0);
    let detractors = tally(0, 0, 5);
    // Wald and the bootstrap have no spread when all answers agree: width 0, SE 0.
    for method in [all_methods()[0], all_methods()[5], all_methods()[6]] {
        near(bounds(&promoters, method, L95), (100.0, 100.0), 0.0, &format!("{method} promoters"));
        near(bounds(&detractors, method, L95), (-100.0, -100.0), 0.0, &format!("{method} detractors"));
        assert_eq!(promoters.estimate(method, L95).unwrap().std_error, 0.0);
    }
    // The others keep a real interval; mirror images of each other.
    let cases = [
        (Method::AdjustedWald, (17.491453034169, 100.0)),
        (Method::Score, (13.103507043365, 100.0)),
        (Method::Bayesian { prior: Prior::UNIFORM }, (6.944884767205646, 94.79080641928207)),
        (Method::Bayesian { prior: Prior::JEFFREYS }, (21.601_817_478_289_83, 99.350_090_594_408_27)),
    ];
    for (method, expected) in cases {
        near(bounds(&promoters, method, L95), expected, 1e-6, &format!("{method} promoters"));
        near(
            bounds(&detractors, method, L95),
            (-expected.1, -expected.0),
            1e-6,
            &format!("{method} detractors"),
        );
    }
    // Against a target: the Wald test of a unanimous sample is degenerate (SE 0, z infinite).
    let wald = compare_to_target(&promoters, 50, Method::Wald, L95).unwrap();
    assert_eq!((wald.statistic, wald.p_value), (f64::INFINITY, 0.0));
    let on_target = compare_to_target(&promoters, 100, Method::Wald, L95).unwrap();
    assert_eq!((on_target.statistic, on_target.p_value), (0.0, 1.0));
    let adjusted = compare_to_target(&promoters, 50, Method::AdjustedWald, L95).unwrap();
    assert!(adjusted.statistic.is_finite() && adjusted.p_value > 0.05);
}

#[test]
fn a_single_answer() {
    let one = tally(1, 0, 0);
    near(bounds(&one, Method::Wald, L95), (100.0, 100.0), 0.0, "Wald");
    // The adjusted Wald interval of one promoter, [−48.5, 98.5], does not contain the observed
    // +100: the shrinkage 3/(n + 3) exceeds the half-width only at n = 1 (see Method::AdjustedWald).
    near(bounds(&one, Method::AdjustedWald, L95), (-48.49864942025203, 98.49864942025202), 1e-9, "adjusted");
    near(bounds(&one, Method::Score, L95), (-58.69013712455252, 100.0), 1e-8, "score");
    let bayes = (-53.58411166387221, 86.63583415116314);
    near(bounds(&one, Method::Bayesian { prior: Prior::UNIFORM }, L95), bayes, 1e-6, "Bayesian");
    near(bounds(&one, all_methods()[6], L95), (100.0, 100.0), 0.0, "bootstrap");
    let passive = tally(0, 1, 0);
    near(bounds(&passive, Method::Wald, L95), (0.0, 0.0), 0.0, "Wald, one passive");
    near(
        bounds(&passive, Method::AdjustedWald, L95),
        (-60.01139595444137, 60.01139595444137),
        1e-9,
        "adjusted",
    );
    near(bounds(&passive, Method::Score, L95), (-79.34506856227628, 79.34506856227625), 1e-8, "score");
}

#[test]
fn confidence_of_0_999999() {
    let level = Confidence::new(0.999_999).unwrap();
    let t = tally(50, 30, 20);
    // interval_reference.py with z = Φ⁻¹(0.9999995) = 4.891638475671085.
    near(bounds(&t, Method::Wald, level), (-8.204917819262613, 68.20491781926262), 1e-9, "Wald");
    near(bounds(&t, Method::AdjustedWald, level), (-8.49787472314119, 66.7503019076072), 1e-9, "adjusted");
    near(bounds(&t, Method::Score, level), (-11.098239530595391, 61.5660487268887), 1e-8, "score");
    let bayes = (-10.712559195455933, 62.704057232637374);
    near(bounds(&t, Method::Bayesian { prior: Prior::UNIFORM }, level), bayes, 1e-6, "Bayesian");
    near(
        bounds(&tally(5, 0, 0), Method::AdjustedWald, level),
        (-49.831421295873724, 100.0),
        1e-9,
        "adjusted, promoters",
    );
    near(bounds(&tally(1, 0, 0), Method::AdjustedWald, level), (-100.0, 100.0), 0.0, "adjusted, one answer");
    near(
        bounds(&tally(1, 0, 0), Method::Score, level),
        (-91.97693432052829, 100.0),
        1e-8,
        "score, one answer",
    );
    // The bootstrap needs a resample in each tail: (B + 1)·5·10⁻⁷ ≥ 1.
    let few = Method::Bootstrap { resamples: 10_000, seed: 1, interval: BootstrapInterval::Bca };
    assert_eq!(
        t.estimate(few, level).unwrap_err(),
        Error::TooFewResamples { resamples: 10_000, needed: 1_999_999 }
    );
    let enough = Method::Bootstrap { resamples: 1_999_999, seed: 1, interval: BootstrapInterval::Percentile };
    let (lower, upper) = bounds(&tally(3, 1, 1), enough, level);
    // With B + 1 = 2·10⁶ the bounds are the extreme resamples; for (3, 1, 1) those are the
    // extremes of the support, 5 detractors or 5 promoters (each of probability ≥ 0.2⁵ = 3·10⁻⁴).
    assert_eq!((lower, upper), (-100.0, 100.0));
}
