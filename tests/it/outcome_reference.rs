//! The outcome statistics against independent references: Wilson's interval against a closed form
//! worked by hand (`tests/data/wilson_by_hand.md`, evaluated with mpmath in `wilson_by_hand.py`) and
//! R's `prop.test` (`wilson_prop_test.R`); the difference of rates against `rate_difference_reference.R`
//! (Newcombe's method 10 built in R from `prop.test`'s Wilson bounds, and `prop.test`'s p-value); the
//! AUC and DeLong's interval against R's `pROC` 1.18.0 (`auc_reference.R`, data from
//! `make_auc_data.R`, cross-checked with exact fractions in `auc_crosscheck.py`); Spearman's ρ
//! against R's `cor.test(method = "spearman")` on data with ties (`spearman_reference.R`, data from
//! `make_spearman_data.R`, cross-checked with scipy in `spearman_crosscheck.py`).
//!
//! Tolerances: 1e-9 relative is the acceptance bound. R's `qnorm(0.975)` is one unit in the last
//! place below the correctly rounded z (see `wilson_by_hand.md`), so values that use a normal quantile
//! agree to about 1e-14 relative, not to the last bit; those without one (AUC, ρ, S, t) agree to
//! about 1e-15.

// The constants are quoted exactly as R printed them (17 significant digits).
#![allow(clippy::excessive_precision, reason = "constants as R printed them")]

use nps_stats::Confidence;
use nps_stats::inference::{compare_rates, roc_auc, spearman, wilson_interval};

/// `ours` within `tolerance` relative (absolute near 0) of `theirs`.
fn agrees(label: &str, ours: f64, theirs: f64, tolerance: f64) {
    let scale = theirs.abs().max(1e-300);
    let ok =
        if theirs == 0.0 { ours.abs() <= tolerance } else { ((ours - theirs) / scale).abs() <= tolerance };
    assert!(ok, "{label}: ours {ours:.17}, reference {theirs:.17}");
}

fn csv_columns(text: &str) -> (Vec<f64>, Vec<f64>) {
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (a, b) = line.split_once(',').unwrap();
            (a.parse::<f64>().unwrap(), b.parse::<f64>().unwrap())
        })
        .unzip()
}

#[test]
fn wilson_matches_the_hand_worked_closed_form_and_prop_test() {
    let level = Confidence::NINETY_FIVE;
    // wilson_by_hand.md (mpmath, 50 digits): 7 of 20 → [0.18119182410108204947, 0.56714572331476376667];
    // 0 of 5 → [0, 0.43448246478317482014]; 5 of 5 → [0.56551753521682517986, 1].
    // wilson_prop_test.txt: 7/20 [0.18119182410108206, 0.56714572331476365]; 0/5 [0, 0.43448246478317465];
    // 5/5 [0.56551753521682535, 1].
    let cases = [
        (
            7,
            20,
            0.181_191_824_101_082_049_47,
            0.567_145_723_314_763_766_67,
            0.18119182410108206,
            0.56714572331476365,
        ),
        (0, 5, 0.0, 0.434_482_464_783_174_820_14, 0.0, 0.43448246478317465),
        (5, 5, 0.565_517_535_216_825_179_86, 1.0, 0.56551753521682535, 1.0),
    ];
    for (k, n, hand_lower, hand_upper, r_lower, r_upper) in cases {
        let interval = wilson_interval(k, n, level).unwrap();
        // Against the exact closed form: the crate's z is the correctly rounded double, so only the
        // rounding of the arithmetic remains.
        agrees(&format!("{k}/{n} lower, by hand"), interval.lower, hand_lower, 1e-14);
        agrees(&format!("{k}/{n} upper, by hand"), interval.upper, hand_upper, 1e-14);
        agrees(&format!("{k}/{n} lower, R"), interval.lower, r_lower, 1e-14);
        agrees(&format!("{k}/{n} upper, R"), interval.upper, r_upper, 1e-14);
        assert!(!interval.clipped);
    }
    // The bounds 0 and 1 are exact, not 1e-17 off.
    assert_eq!(wilson_interval(0, 5, level).unwrap().lower, 0.0);
    assert_eq!(wilson_interval(5, 5, level).unwrap().upper, 1.0);
}

#[test]
fn rate_differences_match_r() {
    // rate_difference_reference.txt: (baseline, other, level, d, lower, upper, z, p)
    let cases = [
        // baseline 9/20 other 17/20 level 0.95: d = 0.39999999999999997 lower = 0.10418822967505104 upper = 0.61522063877706323 z = 2.6519741765271831 p = 0.0080022661883581564
        (
            (9, 20),
            (17, 20),
            0.95,
            0.39999999999999997,
            0.10418822967505104,
            0.61522063877706323,
            2.6519741765271831,
            0.0080022661883581564,
        ),
        // baseline 9/20 other 17/20 level 0.90: ... lower = 0.15274509743210002 upper = 0.58796990790850723
        (
            (9, 20),
            (17, 20),
            0.90,
            0.39999999999999997,
            0.15274509743210002,
            0.58796990790850723,
            2.6519741765271831,
            0.0080022661883581564,
        ),
        // baseline 3/12 other 7/15 level 0.95: d = 0.21666666666666667 lower = -0.14036235316583778 upper = 0.49922585032756356 z = 1.1584726252827091 p = 0.2466712166606603
        (
            (3, 12),
            (7, 15),
            0.95,
            0.21666666666666667,
            -0.14036235316583778,
            0.49922585032756356,
            1.1584726252827091,
            0.2466712166606603,
        ),
        // baseline 0/5 other 5/5 level 0.95: d = 1 lower = 0.38554900569034378 upper = 1 z = 3.1622776601683791 p = 0.0015654022580025519
        ((0, 5), (5, 5), 0.95, 1.0, 0.38554900569034378, 1.0, 3.1622776601683791, 0.0015654022580025519),
        // baseline 4/30 other 1/25 level 0.90: d = -0.093333333333333324 lower = -0.22961257711909741 upper = 0.047371642451206231 z = -1.1988883740087453 p = 0.23057135296393599
        (
            (4, 30),
            (1, 25),
            0.90,
            -0.093333333333333324,
            -0.22961257711909741,
            0.047371642451206231,
            -1.1988883740087453,
            0.23057135296393599,
        ),
    ];
    for (baseline, other, level, d, lower, upper, z, p) in cases {
        let label = format!("{baseline:?} → {other:?} at {level}");
        let diff = compare_rates(baseline, other, Confidence::new(level).unwrap()).unwrap();
        agrees(&format!("{label} d"), diff.difference, d, 1e-15);
        agrees(&format!("{label} lower"), diff.interval.lower, lower, 1e-13);
        agrees(&format!("{label} upper"), diff.interval.upper, upper, 1e-13);
        agrees(&format!("{label} z"), diff.statistic.unwrap(), z, 1e-14);
        // The normal tail comes from statrs' erfc, good to a few parts in 1e11 here.
        agrees(&format!("{label} p"), diff.p_value, p, 1e-9);
        assert_eq!((diff.degrees_of_freedom, diff.clusters), (None, None));
    }
}

#[test]
fn auc_and_delong_interval_match_proc() {
    // auc_reference.txt, outcome_auc.csv: rows = 60, cases = 33, controls = 27
    //   auc = 0.59539842873176207, se (DeLong) = 0.073928847008908768
    //   ci.auc delong 95%: lower = 0.45050055117572907, upper = 0.74029630628779486
    //   ci.auc delong 90%: lower = 0.47379629659281786, upper = 0.71700056087070596
    // outcome_auc_b.csv: rows = 25, cases = 11, controls = 14
    //   auc = 0.98051948051948057, se = 0.020275967527267524
    //   95%: lower = 0.94077931441433249, upper = 1 (unclipped 1.0202596466246285)
    //   90%: lower = 0.94716848179230417, upper = 1 (unclipped 1.0138704792466569)
    let data = [
        (
            include_str!("../data/outcome_auc.csv"),
            33,
            27,
            0.59539842873176207,
            0.073928847008908768,
            [
                (0.95, 0.45050055117572907, 0.74029630628779486, false),
                (0.90, 0.47379629659281786, 0.71700056087070596, false),
            ],
        ),
        (
            include_str!("../data/outcome_auc_b.csv"),
            11,
            14,
            0.98051948051948057,
            0.020275967527267524,
            [(0.95, 0.94077931441433249, 1.0, true), (0.90, 0.94716848179230417, 1.0, true)],
        ),
    ];
    for (csv, cases, controls, auc, se, levels) in data {
        let (scores, outcomes) = csv_columns(csv);
        let outcomes: Vec<bool> = outcomes.iter().map(|&o| o == 1.0).collect();
        for (level, lower, upper, clipped) in levels {
            let result = roc_auc(&scores, &outcomes, Confidence::new(level).unwrap()).unwrap();
            assert_eq!((result.cases, result.controls), (cases, controls));
            agrees("AUC", result.auc, auc, 1e-15);
            agrees("DeLong SE", result.std_error, se, 1e-14);
            agrees(&format!("lower at {level}"), result.interval.lower, lower, 1e-14);
            agrees(&format!("upper at {level}"), result.interval.upper, upper, 1e-14);
            assert_eq!(result.interval.clipped, clipped, "pROC clips the upper bound at 1");
            assert_eq!(result.clusters, None);
        }
    }
}

#[test]
fn spearman_with_ties_matches_cor_test() {
    // spearman_reference.txt (spearman.csv: n = 40, 10 distinct scores, 20 distinct values):
    //   cor.test(score, value, method = "spearman", exact = FALSE): rho = 0.20747392410937074,
    //   S = 8448.3279689941082, p.value = 0.19893127626886165
    //   t = rho / sqrt((1 - rho^2)/(n - 2)) = 1.3074035470467669  (df = 38)
    //   Fisher z / Bonett-Wright 95% interval: lower = -0.1146288648847273, upper = 0.49010255823711635
    let (score, value) = csv_columns(include_str!("../data/spearman.csv"));
    let rho = spearman(&score, &value, Confidence::NINETY_FIVE).unwrap();
    agrees("rho", rho.rho, 0.20747392410937074, 1e-14);
    let n = rho.n as f64;
    agrees("S = (n³ − n)(1 − ρ)/6", (n * n * n - n) * (1.0 - rho.rho) / 6.0, 8448.3279689941082, 1e-14);
    agrees("t", rho.statistic.unwrap(), 1.3074035470467669, 1e-14);
    assert_eq!(rho.degrees_of_freedom, 38.0);
    agrees("p", rho.p_value, 0.19893127626886165, 1e-12);
    agrees("lower", rho.interval.lower, -0.1146288648847273, 1e-13);
    agrees("upper", rho.interval.upper, 0.49010255823711635, 1e-13);
    assert_eq!(rho.clusters, None);
}
