//! Reference values for the one-sample intervals, the tests against a target and the two-sample
//! comparisons. Expected values come from `tests/data/interval_reference.py` (numpy/scipy on the
//! expanded −1/0/+1 answers; Tango's interval by scipy's brentq, checked against a grid scan of
//! the set {δ : |T(δ)| ≤ z}), and agree with the tables of Rocks' R package `NPS` reproduced in
//! the crate's methods notes. Numbers are in NPS points.

use nps_stats::core::Points;
use nps_stats::{
    Confidence, Error, Method, Scale, Tally,
    inference::{BootstrapInterval, Prior, Samples, compare_independent, compare_to_target},
};

/// A tally with `promoters`, `passives` and `detractors` answers (scores 10, 8 and 0).
pub(crate) fn tally(promoters: u64, passives: u64, detractors: u64) -> Tally {
    let mut histogram = [0u64; 11];
    histogram[10] = promoters;
    histogram[8] = passives;
    histogram[0] = detractors;
    Tally::from_histogram(Scale::STANDARD, histogram).unwrap()
}

fn close(got: f64, expected: f64, tolerance: f64, what: &str) {
    assert!((got - expected).abs() <= tolerance, "{what}: got {got}, expected {expected}");
}

const L95: Confidence = Confidence::NINETY_FIVE;

/// (counts, Wald [nps, se, lower, upper], adjusted Wald [centre, se, lower, upper], Tango [lower, upper])
#[allow(clippy::type_complexity)]
const ONE_SAMPLE: [((u64, u64, u64), [f64; 4], [f64; 4], [f64; 2]); 5] = [
    (
        (50, 30, 20),
        [30.0, 7.810249675907, 14.692191924957, 45.307808075043],
        [29.126213592233, 7.691510421815, 14.051130178762, 44.201297005704],
        [13.955141614196, 44.339306633586],
    ),
    (
        (7, 63, 30),
        [-23.0, 5.631163290120, -34.036877239700, -11.963122760300],
        [-22.330097087379, 5.607926811547, -33.321431665948, -11.338762508809],
        [-34.092397423034, -11.742311854259],
    ),
    (
        (3, 1, 0),
        [75.0, 21.650635094611, 32.565534972144, 100.0],
        [42.857142857143, 25.612041628594, -7.341536305442, 93.055822019728],
        [-10.730896379555, 95.441273919030],
    ),
    (
        (0, 0, 5),
        [-100.0, 0.0, -100.0, -100.0],
        [-62.5, 22.963966338592, -100.0, -17.491453034169],
        [-100.0, -13.103507043365],
    ),
    (
        (120, 40, 40),
        [40.0, 5.656854249492, 28.912769405203, 51.087230594797],
        [39.408866995074, 5.616042392263, 28.401626170587, 50.416107819560],
        [28.322048075588, 50.399126968672],
    ),
];

#[test]
fn wald_adjusted_wald_and_score_match_the_reference() {
    for ((p, a, d), wald, adjusted, score) in ONE_SAMPLE {
        let t = tally(p, a, d);
        let label = format!("({p}, {a}, {d})");
        let w = t.estimate(Method::Wald, L95).unwrap();
        close(w.nps, wald[0], 1e-9, &format!("{label} Wald NPS"));
        close(w.std_error, wald[1], 1e-9, &format!("{label} Wald SE"));
        close(w.interval.lower, wald[2], 1e-9, &format!("{label} Wald lower"));
        close(w.interval.upper, wald[3], 1e-9, &format!("{label} Wald upper"));

        let aw = t.estimate(Method::AdjustedWald, L95).unwrap();
        // The point estimate stays the observed NPS; the interval is centred on the adjusted one.
        close(aw.nps, wald[0], 1e-9, &format!("{label} adjusted NPS"));
        if aw.interval.lower > -100.0 && aw.interval.upper < 100.0 {
            let centre = (aw.interval.lower + aw.interval.upper) / 2.0;
            close(centre, adjusted[0], 1e-9, &format!("{label} adjusted centre"));
        }
        close(aw.std_error, adjusted[1], 1e-9, &format!("{label} adjusted SE"));
        close(aw.interval.lower, adjusted[2], 1e-9, &format!("{label} adjusted lower"));
        close(aw.interval.upper, adjusted[3], 1e-9, &format!("{label} adjusted upper"));

        let s = t.estimate(Method::Score, L95).unwrap();
        close(s.interval.lower, score[0], 1e-8, &format!("{label} score lower"));
        close(s.interval.upper, score[1], 1e-8, &format!("{label} score upper"));
        close(s.std_error, wald[1], 1e-9, &format!("{label} score SE (the Wald one)"));
    }
}

#[test]
fn score_interval_of_an_all_passive_sample_is_closed_form() {
    // P = D = 0: the bounds are ±z²/(n + z²) (Tango's statistic is −√(nδ/(1 − δ)) for δ > 0);
    // for n = 10 at 95 %: ±0.2775327999.
    let z = L95.z();
    for n in [1u64, 10, 57, 1000] {
        let est = tally(0, n, 0).estimate(Method::Score, L95).unwrap();
        let half = 100.0 * z * z / (n as f64 + z * z);
        close(est.interval.upper, half, 1e-9, "upper");
        close(est.interval.lower, -half, 1e-9, "lower");
    }
    let ten = tally(0, 10, 0).estimate(Method::Score, L95).unwrap();
    close(ten.interval.upper, 27.753_279_99, 1e-7, "n = 10");
}

#[test]
fn tests_against_a_target() {
    // Counts (50, 30, 20) against −30 (a low benchmark) and +20 (a goal); reference z from the
    // script, p = 2(1 − Φ(|z|)).
    let t = tally(50, 30, 20);
    let cases = [
        (-30.0, Method::Wald, 7.682212795974, 1.563638145784e-14, Samples::Target),
        (-30.0, Method::AdjustedWald, 7.687204508563, 1.503846512361e-14, Samples::Target),
        (-30.0, Method::Score, 7.312263459799, 2.626794268388e-13, Samples::Target),
        (20.0, Method::Wald, 1.280368799329, 2.004154616929e-01, Samples::Target),
        (20.0, Method::AdjustedWald, 1.186530745164, 2.354127672303e-01, Samples::Target),
        (20.0, Method::Score, 1.239886295081, 2.150174536713e-01, Samples::Target),
    ];
    for (target, method, z, p, test) in cases {
        let cmp = compare_to_target(&t, Points::new(target).unwrap(), method, L95).unwrap();
        close(cmp.difference, 30.0 - target, 1e-12, "difference");
        close(cmp.statistic, z, 1e-9, &format!("{method} z against {target}"));
        assert!((cmp.p_value - p).abs() <= 1e-9 * p, "{method} p against {target}: {} vs {p}", cmp.p_value);
        assert_eq!(cmp.samples, test);
        assert_eq!(cmp.degrees_of_freedom, None);
        // The interval of the difference is the method's interval shifted by the target.
        let est = t.estimate(method, L95).unwrap();
        close(cmp.interval.lower, est.interval.lower - target, 1e-12, "shifted lower");
        close(cmp.interval.upper, est.interval.upper - target, 1e-12, "shifted upper");
    }
    // The Bayesian version: p = 2·min of the posterior tails, statistic Φ⁻¹(P(NPS > target)).
    // P(NPS > 20 | (50, 30, 20), uniform) = 0.88074958038619817 (mpmath, bayes_reference.py).
    let bayes = compare_to_target(&t, 20, Method::Bayesian { prior: Prior::UNIFORM }, L95).unwrap();
    let above = 0.880_749_580_386_198_2;
    close(bayes.p_value, 2.0 * (1.0 - above), 1e-10, "Bayesian p");
    close(bayes.statistic, 1.178_742_217_678, 1e-8, "Bayesian statistic = Φ⁻¹(0.8807)"); // scipy norm.ppf
    assert_eq!(bayes.samples, Samples::Target);
    let prob = t.probability_above(20, Prior::UNIFORM).unwrap();
    close(prob, above, 1e-10, "probability above +20");
}

#[test]
fn two_independent_samples_fifty_thirty_twenty_against_forty_thirty_thirty() {
    // Methods notes §5.1 and interval_reference.py.
    let (a, b) = (tally(50, 30, 20), tally(40, 30, 30));
    let wald = compare_independent(&b, &a, Method::Wald, L95).unwrap();
    close(wald.difference, 20.0, 1e-12, "difference");
    close(wald.std_error, 11.401754250991, 1e-9, "Wald SE");
    close(wald.statistic, 1.754116038614, 1e-9, "Wald z");
    close(wald.p_value, 0.079410625999, 1e-10, "Wald p");
    close(wald.interval.lower, -2.347027692520, 1e-9, "Wald lower");
    close(wald.interval.upper, 42.347027692520, 1e-9, "Wald upper");

    let adjusted = compare_independent(&b, &a, Method::AdjustedWald, L95).unwrap();
    close(adjusted.difference, 20.0, 1e-12, "observed difference");
    close(adjusted.std_error, 11.208916023086, 1e-9, "adjusted SE");
    close(adjusted.statistic, 1.732324132696, 1e-9, "adjusted z");
    close(adjusted.p_value, 0.083215867532, 1e-10, "adjusted p");
    close(adjusted.interval.lower, -2.551595982827, 1e-9, "adjusted lower");
    close(adjusted.interval.upper, 41.386547439138, 1e-9, "adjusted upper");

    let mover = compare_independent(&b, &a, Method::Score, L95).unwrap();
    close(mover.interval.lower, -2.528654357887, 1e-8, "MOVER lower");
    close(mover.interval.upper, 41.786366634512, 1e-8, "MOVER upper");
    close(mover.statistic, 1.739997610686, 1e-8, "MOVER z (level where the interval reaches 0)");
    close(mover.p_value, 0.081859437503, 1e-9, "MOVER p");
    assert_eq!(mover.samples, Samples::Independent);

    let err = compare_independent(&b, &a, Method::Bayesian { prior: Prior::UNIFORM }, L95).unwrap_err();
    assert!(matches!(err, Error::UnsupportedMethod { .. }));
    assert_eq!(
        err.to_string(),
        "the Bayesian method is not available for two independent samples: \
         expected Wald, adjusted Wald, score or bootstrap"
    );
}

#[test]
fn two_sample_bootstrap_matches_the_ideal_bootstrap() {
    // bootstrap_reference.py: the exact distribution of the resampled difference (convolution of
    // the two enumerated trinomial distributions) has SD 0.114017542510 (the Wald SE), percentile
    // bounds [−0.02, 0.42], BCa bounds [−0.03, 0.42], and the percentile p-value at 0 is 0.0803.
    // With B = 20,000 the SD is within 2 % (4 × its Monte Carlo error 1/√(2B) = 0.5 %), a
    // bound within one atom (0.01) of the ideal one, and p within 0.01 (4 × √(p(1 − p)/B)·2).
    let (a, b) = (tally(50, 30, 20), tally(40, 30, 30));
    for (kind, lower, upper) in
        [(BootstrapInterval::Percentile, -2.0, 42.0), (BootstrapInterval::Bca, -3.0, 42.0)]
    {
        let method = Method::Bootstrap { resamples: 20_000, seed: 11, interval: kind };
        let cmp = compare_independent(&b, &a, method, L95).unwrap();
        close(cmp.difference, 20.0, 1e-12, "difference");
        close(cmp.std_error, 11.401754250991, 0.02 * 11.4, "bootstrap SD");
        close(cmp.interval.lower, lower, 1.0 + 1e-9, &format!("{kind} lower"));
        close(cmp.interval.upper, upper, 1.0 + 1e-9, &format!("{kind} upper"));
        assert_eq!(cmp.samples, Samples::Independent);
        if kind == BootstrapInterval::Percentile {
            close(cmp.p_value, 0.080266, 0.01, "percentile p-value");
        }
    }
}

#[test]
fn one_sample_bootstrap_matches_the_ideal_bootstrap() {
    // bootstrap_reference.py: exact bootstrap distribution by enumerating Multinomial(n, p̂).
    // (counts, SD, percentile bounds, BCa bounds, atom spacing 100/n), all in points.
    let cases = [
        ((50, 30, 20), 7.8102496759, (14.0, 45.0), (14.0, 45.0), 1.0),
        ((7, 63, 30), 5.6311632901, (-34.0, -12.0), (-34.0, -12.0), 1.0),
        ((3, 1, 0), 21.650635095, (25.0, 100.0), (25.0, 100.0), 25.0),
        ((120, 40, 40), 5.6568542495, (29.0, 51.0), (28.5, 50.5), 0.5),
        ((9, 1, 0), 9.4868329805, (70.0, 100.0), (50.0, 100.0), 10.0),
    ];
    for ((p, a, d), sd, percentile, bca, atom) in cases {
        let t = tally(p, a, d);
        for (kind, (lower, upper)) in
            [(BootstrapInterval::Percentile, percentile), (BootstrapInterval::Bca, bca)]
        {
            let method = Method::Bootstrap { resamples: 20_000, seed: 5, interval: kind };
            let est = t.estimate(method, L95).unwrap();
            let label = format!("({p}, {a}, {d}) {kind}");
            // SD within 4 Monte Carlo standard errors (1/√(2B) relative = 0.5 %).
            close(est.std_error, sd, 0.02 * sd, &format!("{label} SD"));
            // A bound is the ideal one or a neighbouring atom: the empirical CDF at a 2.5 % bound
            // has Monte Carlo SD 0.0011, far below the mass of one atom there (≥ 0.007).
            close(est.interval.lower, lower, atom + 1e-9, &format!("{label} lower"));
            close(est.interval.upper, upper, atom + 1e-9, &format!("{label} upper"));
            assert_eq!(est.method, method);
        }
    }
}

#[test]
fn bootstrap_is_reproducible_and_seeded() {
    let t = tally(12, 5, 9);
    let method = |seed| Method::Bootstrap { resamples: 5_000, seed, interval: BootstrapInterval::Bca };
    let first = t.estimate(method(42), L95).unwrap();
    let again = t.estimate(method(42), L95).unwrap();
    assert_eq!(first.interval.lower.to_bits(), again.interval.lower.to_bits());
    assert_eq!(first.interval.upper.to_bits(), again.interval.upper.to_bits());
    assert_eq!(first.std_error.to_bits(), again.std_error.to_bits());
    let other = t.estimate(method(43), L95).unwrap();
    assert_ne!(first.std_error.to_bits(), other.std_error.to_bits());
    let a = compare_to_target(&t, 0, method(42), L95).unwrap();
    let b = compare_to_target(&t, 0, method(42), L95).unwrap();
    assert_eq!(a, b);
}

#[test]
fn bootstrap_resamples_are_validated() {
    let t = tally(5, 3, 2);
    let with = |resamples| Method::Bootstrap { resamples, seed: 1, interval: BootstrapInterval::Percentile };
    let err = t.estimate(with(999), L95).unwrap_err();
    assert_eq!(err, Error::TooFewResamples { resamples: 999, needed: 1000 });
    assert_eq!(
        err.to_string(),
        "999 bootstrap resamples are too few: expected at least 1000 for this confidence level"
    );
    assert!(t.estimate(with(1_000), L95).is_ok());
    // 99.9 %: (B + 1)·0.0005 ≥ 1 needs B ≥ 1999.
    let level = Confidence::new(0.999).unwrap();
    assert_eq!(
        t.estimate(with(1_998), level).unwrap_err(),
        Error::TooFewResamples { resamples: 1_998, needed: 1_999 }
    );
    assert!(t.estimate(with(1_999), level).is_ok());
    assert!(matches!(t.estimate(with(10_000_001), L95), Err(Error::InvalidCount { value: 10_000_001, .. })));
    assert!(compare_independent(&t, &t, with(10), L95).is_err());
    assert!(compare_to_target(&t, 0, with(10), L95).is_err());
}

#[test]
fn target_must_be_a_score() {
    let t = tally(5, 3, 2);
    for bad in [100.5, -101.0, 1e300] {
        let err = compare_to_target(&t, Points::new(bad).unwrap(), Method::AdjustedWald, L95).unwrap_err();
        assert!(matches!(err, Error::InvalidParameter { name: "target NPS", .. }), "{err}");
        assert!(t.probability_above(Points::new(bad).unwrap(), Prior::UNIFORM).is_err());
    }
    // Not a number of points at all: refused before any target can be formed.
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(matches!(Points::new(bad), Err(Error::InvalidParameter { name: "points", .. })));
    }
    assert!(compare_to_target(&Tally::new(), 0, Method::Wald, L95).is_err());
}
