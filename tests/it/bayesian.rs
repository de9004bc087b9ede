//! The Bayesian interval and posterior probabilities against two independent references from
//! `tests/data/bayes_reference.py`:
//!
//! - an mpmath (30-digit) integration over the *detractor* share (the crate integrates over
//!   promoter + detractor share), with quantiles by regula falsi to 10⁻¹⁵ — scipy's float64
//!   quadrature with Boost's incomplete beta for the 10⁶-answer case, which mpmath's
//!   hypergeometric series cannot reach. These check the promised accuracy (10⁻⁸ on the −1..=1
//!   scale, 10⁻⁶ points); the crate agrees to 2·10⁻¹⁰ points and is tested at 10⁻⁸.
//! - numpy Dirichlet draws, 10⁷ per case (seeds 20240601 + case index): posterior mean and
//!   variance with their Monte Carlo standard errors, and the 2.5 % and 97.5 % quantiles with
//!   SE √(q(1 − q)/N)/f(x_q) (f estimated from the draws). Agreement is required within 4 SE.
//!
//! All numbers are on the −1..=1 scale; the crate reports points (× 100).

use nps_stats::core::Points;
use nps_stats::{Confidence, Method, inference::Prior};

use crate::intervals::tally;

struct Case {
    counts: (u64, u64, u64),
    prior: Prior,
    mean: f64,
    variance: f64,
    exact_95: (f64, f64),
    exact_999999: (f64, f64),
    above_20: f64,
    /// (value, Monte Carlo SE)
    mc_mean: (f64, f64),
    mc_variance: (f64, f64),
    mc_95: ((f64, f64), (f64, f64)),
}

fn tenth() -> Prior {
    Prior::new(0.1, 0.1, 0.1).unwrap()
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            counts: (50, 30, 20),
            prior: Prior::UNIFORM,
            mean: 0.29126213592233,
            variance: 0.0059057259076111,
            exact_95: (0.1368191354107149, 0.4376975029308475),
            exact_999999: (-0.10712559195455933, 0.6270405723263738),
            above_20: 0.8807495803861982,
            mc_mean: (0.2912987, 2.4e-05),
            mc_variance: (0.0059106117, 2.6e-06),
            mc_95: ((0.1368096, 6.9e-05), (0.4377574, 5.9e-05)),
        },
        Case {
            counts: (50, 30, 20),
            prior: Prior::JEFFREYS,
            mean: 0.295566502463054,
            variance: 0.005972173968627502,
            exact_95: (0.14016675086249294, 0.442726522600299),
            exact_999999: (-0.10569273983645537, 0.6324238162020435),
            above_20: 0.8898280867110617,
            mc_mean: (0.2956043, 2.4e-05),
            mc_variance: (0.0059655097, 2.7e-06),
            mc_95: ((0.1402521, 6.9e-05), (0.4427639, 6.1e-05)),
        },
        Case {
            counts: (7, 63, 30),
            prior: Prior::UNIFORM,
            mean: -0.223300970873786,
            variance: 0.00316132166447936,
            exact_95: (-0.3335099439440037, -0.1128297217465501),
            exact_999999: (-0.4978974391379745, 0.06600495740026552),
            above_20: 2.873578750082259e-12,
            mc_mean: (-0.2232985, 1.8e-05),
            mc_variance: (0.0031596289, 1.4e-06),
            mc_95: ((-0.3334976, 4.7e-05), (-0.1128787, 4.8e-05)),
        },
        Case {
            counts: (3, 1, 0),
            prior: Prior::UNIFORM,
            mean: 0.428571428571429,
            variance: 0.0663265306122449,
            exact_95: (-0.14162578106744297, 0.8504230937874303),
            exact_999999: (-0.8585786437626906, 0.9963074484003883),
            above_20: 0.815104,
            mc_mean: (0.428548, 8.1e-05),
            mc_variance: (0.066358974, 3.1e-05),
            mc_95: ((-0.141868, 0.00028), (0.8504007, 0.00011)),
        },
        Case {
            counts: (3, 1, 0),
            prior: Prior::JEFFREYS,
            mean: 0.545454545454545,
            variance: 0.06611570247933886,
            exact_95: (-0.048259591278109096, 0.9293971050230666),
            exact_999999: (-0.8826628582329841, 0.9997002824742129),
            above_20: 0.8990880551887728,
            mc_mean: (0.545572, 8.1e-05),
            mc_variance: (0.066063668, 3.3e-05),
            mc_95: ((-0.0478939, 0.00033), (0.9294012, 7.4e-05)),
        },
        Case {
            counts: (0, 0, 5),
            prior: Prior::UNIFORM,
            mean: -0.625,
            variance: 0.05381944444444445,
            exact_95: (-0.9479080641928207, -0.06944884767205646),
            exact_999999: (-0.9997817225605046, 0.7720295437904806),
            above_20: 0.0032768,
            mc_mean: (-0.6250629, 7.3e-05),
            mc_variance: (0.053796394, 2.9e-05),
            mc_95: ((-0.9479124, 5.5e-05), (-0.0696546, 0.0003)),
        },
        Case {
            counts: (0, 0, 5),
            prior: Prior::JEFFREYS,
            mean: -0.769230769230769,
            variance: 0.04418145956607496,
            exact_95: (-0.9935009059440827, -0.21601817478289834),
            exact_999999: (-0.9999998714351028, 0.7863206481252655),
            above_20: 0.0016548774988206704,
            mc_mean: (-0.769344, 6.6e-05),
            mc_variance: (0.044143494, 3.1e-05),
            mc_95: ((-0.9935219, 1.3e-05), (-0.2165302, 0.00036)),
        },
        Case {
            counts: (120, 40, 40),
            prior: Prior::UNIFORM,
            mean: 0.394088669950739,
            variance: 0.003150606259150509,
            exact_95: (0.28109001915491605, 0.500908129975191),
            exact_999999: (0.09924234333419006, 0.6403007621347394),
            above_20: 0.9994958816070384,
            mc_mean: (0.3940425, 1.8e-05),
            mc_variance: (0.0031505576, 1.4e-06),
            mc_95: ((0.2810791, 5e-05), (0.5008824, 4.4e-05)),
        },
        Case {
            counts: (1, 0, 0),
            prior: Prior::UNIFORM,
            mean: 0.25,
            variance: 0.1375,
            exact_95: (-0.5358411166387221, 0.8663583415116314),
            exact_999999: (-0.9874007895010513, 0.9994225663673928),
            above_20: 0.576,
            mc_mean: (0.2499043, 0.00012),
            mc_variance: (0.13757072, 5.5e-05),
            mc_95: ((-0.5359128, 0.00031), (0.8664102, 0.00014)),
        },
        Case {
            counts: (0, 4, 0),
            prior: tenth(),
            mean: 0.0,
            variance: 0.008775778850372975,
            exact_95: (-0.2172025828933762, 0.2172025828933762),
            exact_999999: (-0.9260596095761671, 0.9260596095761671),
            above_20: 0.02862291231906832,
            mc_mean: (-1e-05, 3e-05),
            mc_variance: (0.0087821815, 1.1e-05),
            mc_95: ((-0.2173066, 0.00025), (0.2174167, 0.00025)),
        },
        Case {
            counts: (500000, 300000, 200000),
            prior: Prior::UNIFORM,
            mean: 0.2999991000027,
            variance: 6.0999800000587e-07,
            exact_95: (0.2984678933565937, 0.30152944955896277),
            exact_999999: (0.2961751653241304, 0.303816118725221),
            above_20: 0.999999999999985,
            mc_mean: (0.2999989, 2.5e-07),
            mc_variance: (6.0983191e-07, 2.7e-10),
            mc_95: ((0.2984676, 6.5e-07), (0.3015293, 6.7e-07)),
        },
        // Asymmetric priors (tests/data/bayes_reference_asymmetric.txt, `--only 11 12 13`): a swap
        // of the promoter and detractor parameters, or of any two, changes every number here.
        Case {
            counts: (50, 30, 20),
            prior: Prior::new(4.0, 2.0, 0.5).unwrap(),
            mean: 0.314553990610329,
            variance: 5.586849334167835e-03,
            exact_95: (0.16407535569111668, 0.4567264953492553),
            exact_999999: (-0.07567277289694826, 0.6396741675683338),
            above_20: 0.9341140997863315,
            mc_mean: (0.3145515, 2.4e-05),
            mc_variance: (5.5893362e-03, 2.5e-06),
            mc_95: ((0.1641216, 6.8e-05), (0.4567573, 5.7e-05)),
        },
        Case {
            counts: (3, 1, 0),
            prior: Prior::new(0.25, 1.0, 2.0).unwrap(),
            mean: 0.172413793103448,
            variance: 8.417108060389868e-02,
            exact_95: (-0.419858031583186, 0.6985367619079091),
            exact_999999: (-0.9311457318123334, 0.9818487596710705),
            above_20: 0.4785911048512328,
            mc_mean: (0.1724274, 9.2e-05),
            mc_variance: (8.4183249e-02, 3.5e-05),
            mc_95: ((-0.4196013, 2.4e-04), (0.6987743, 1.7e-04)),
        },
        Case {
            counts: (2, 5, 9),
            prior: Prior::new(1e-6, 3.0, 0.75).unwrap(),
            mean: -0.392404992789621,
            variance: 2.125084480738434e-02,
            exact_95: (-0.6591822260577316, -0.0891621624644312),
            exact_999999: (-0.9063320724895904, 0.4368683926667086),
            above_20: 0.00018692280005112098,
            mc_mean: (-0.3924302, 4.6e-05),
            mc_variance: (2.1251283e-02, 9.7e-06),
            mc_95: ((-0.6591277, 9.8e-05), (-0.0892492, 1.5e-04)),
        },
    ]
}

#[test]
fn credible_intervals_match_the_high_precision_reference() {
    let level_999999 = Confidence::new(0.999_999).unwrap();
    for case in cases() {
        let (p, a, d) = case.counts;
        let t = tally(p, a, d);
        let method = Method::Bayesian { prior: case.prior };
        let label = format!("({p}, {a}, {d}) {}", case.prior);
        for (level, (lower, upper)) in
            [(Confidence::NINETY_FIVE, case.exact_95), (level_999999, case.exact_999999)]
        {
            let est = t.estimate(method, level).unwrap();
            // 10⁻⁸ points (10⁻¹⁰ on −1..=1), a hundred times tighter than the promised 10⁻⁶ points.
            assert!(
                (est.interval.lower - 100.0 * lower).abs() < 1e-8,
                "{label} {level} lower {}",
                est.interval.lower
            );
            assert!(
                (est.interval.upper - 100.0 * upper).abs() < 1e-8,
                "{label} {level} upper {}",
                est.interval.upper
            );
        }
        let above = t.probability_above(20, case.prior).unwrap();
        assert!((above - case.above_20).abs() < 1e-10, "{label} P(NPS > 20) = {above}");
        if case.above_20 < 1e-3 {
            // Small tail probabilities keep their relative precision (7/63/30: 2.9·10⁻¹²).
            assert!((above / case.above_20 - 1.0).abs() < 1e-6, "{label} P(NPS > 20) = {above}");
        }
        let est = t.estimate(method, Confidence::NINETY_FIVE).unwrap();
        assert!((est.std_error - 100.0 * case.variance.sqrt()).abs() < 1e-9 * 100.0, "{label} SD");
        assert!(est.interval.contains(100.0 * case.mean), "{label}: mean outside");
    }
}

#[test]
fn credible_intervals_match_monte_carlo() {
    for case in cases() {
        let (p, a, d) = case.counts;
        let t = tally(p, a, d);
        let label = format!("({p}, {a}, {d}) {}", case.prior);
        let est = t.estimate(Method::Bayesian { prior: case.prior }, Confidence::NINETY_FIVE).unwrap();
        let ((lo, lo_se), (hi, hi_se)) = case.mc_95;
        assert!(
            (est.interval.lower - 100.0 * lo).abs() < 4.0 * 100.0 * lo_se,
            "{label}: {} vs MC {lo}",
            est.interval.lower
        );
        assert!(
            (est.interval.upper - 100.0 * hi).abs() < 4.0 * 100.0 * hi_se,
            "{label}: {} vs MC {hi}",
            est.interval.upper
        );
        // The closed-form moments against the draws.
        let (mc_mean, mean_se) = case.mc_mean;
        assert!((case.mean - mc_mean).abs() < 4.0 * mean_se, "{label}: mean");
        let (mc_var, var_se) = case.mc_variance;
        assert!((est.std_error.powi(2) / 1e4 - mc_var).abs() < 4.0 * var_se, "{label}: variance");
    }
}

/// ∫ over [lo, hi] by composite Simpson with `steps` (even) intervals.
fn simpson(f: impl Fn(f64) -> f64, lo: f64, hi: f64, steps: usize) -> f64 {
    let h = (hi - lo) / steps as f64;
    let inner: f64 = (1..steps).map(|i| f(lo + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 }).sum();
    (f(lo) + f(hi) + inner) * h / 3.0
}

#[test]
fn the_exact_cdf_reproduces_the_closed_form_moments() {
    // For X on [−1, 1]: E[X] = −1 + ∫₋₁¹ P(X > t) dt and E[X²] = ∫₀¹ 2t·(P(X > t) + 1 − P(X > −t)) dt.
    // Composite Simpson on 400 intervals of the CDF computed by the crate; the integrands are
    // smooth for parameters ≥ ½, so the quadrature error is far below the 10⁻⁷ tolerance (a
    // parameter of 0.1 puts a cusp in the CDF that Simpson needs 1,600 steps for). Closed forms (Dirichlet
    // moments): E = (aP − aD)/a₀, Var = [(aP + aD)/a₀ − E²]/(a₀ + 1).
    let informative = Prior::new(2.0, 1.0, 0.5).unwrap();
    for (counts, prior) in
        [((3, 1, 0), Prior::UNIFORM), ((7, 10, 4), Prior::JEFFREYS), ((0, 2, 1), informative)]
    {
        let (p, a, d) = counts;
        let t = tally(p, a, d);
        let above =
            |x: f64| t.probability_above(Points::new(100.0 * x.clamp(-1.0, 1.0)).unwrap(), prior).unwrap();
        let mean = -1.0 + simpson(above, -1.0, 1.0, 400);
        let second = simpson(|x| 2.0 * x * (above(x) + 1.0 - above(-x)), 0.0, 1.0, 400);
        let (a_p, a_a, a_d) =
            (p as f64 + prior.promoters(), a as f64 + prior.passives(), d as f64 + prior.detractors());
        let total = a_p + a_a + a_d;
        let expected_mean = (a_p - a_d) / total;
        let expected_var = ((a_p + a_d) / total - expected_mean.powi(2)) / (total + 1.0);
        assert!((mean - expected_mean).abs() < 1e-7, "{counts:?}: mean {mean} vs {expected_mean}");
        let var = second - mean * mean;
        assert!((var - expected_var).abs() < 1e-7, "{counts:?}: variance {var} vs {expected_var}");
    }
}

#[test]
fn uniform_prior_centres_on_the_adjusted_wald_centre() {
    // Costa & Ponte's observation: under Dirichlet(1, 1, 1) the posterior mean is (P − D)/(n + 3).
    let t = tally(13, 4, 2);
    let est = t.estimate(Method::Bayesian { prior: Prior::UNIFORM }, Confidence::NINETY_FIVE).unwrap();
    let adjusted = t.estimate(Method::AdjustedWald, Confidence::NINETY_FIVE).unwrap();
    let adjusted_centre = (adjusted.interval.lower + adjusted.interval.upper) / 2.0;
    assert!((adjusted_centre - 100.0 * 11.0 / 22.0).abs() < 1e-9);
    assert!(est.interval.contains(adjusted_centre));
    assert_eq!(est.nps, 100.0 * (11.0 / 19.0)); // the observed NPS stays the point estimate (as `Tally::nps` computes it)
}

#[test]
fn probability_above_is_monotone_and_complementary() {
    let t = tally(9, 6, 5);
    let mut previous = 1.0;
    for target in (-100..=100).step_by(10) {
        let p = t.probability_above(Points::new(f64::from(target)).unwrap(), Prior::JEFFREYS).unwrap();
        assert!(p <= previous + 1e-12 && (0.0..=1.0).contains(&p), "{target}: {p}");
        previous = p;
    }
    assert_eq!(t.probability_above(100, Prior::JEFFREYS).unwrap(), 0.0);
    assert_eq!(t.probability_above(-100, Prior::JEFFREYS).unwrap(), 1.0);
    // Mirror symmetry: P(NPS > x | P, A, D) = P(NPS < −x | D, A, P) = 1 − P(NPS > −x | D, A, P).
    let mirrored = tally(5, 6, 9);
    for x in [-35.0, 0.0, 12.5, 60.0] {
        let left = t.probability_above(Points::new(x).unwrap(), Prior::UNIFORM).unwrap();
        let right = 1.0 - mirrored.probability_above(Points::new(-x).unwrap(), Prior::UNIFORM).unwrap();
        assert!((left - right).abs() < 1e-11, "{x}: {left} vs {right}");
    }
}
