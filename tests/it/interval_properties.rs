//! Invariants of the intervals, checked with proptest.
//!
//! What "the interval contains the point estimate" means per method:
//! - Wald and the score interval contain the observed NPS at every level (Wald is centred on it;
//!   Tango's statistic is 0 there).
//! - The adjusted Wald interval is centred on the adjusted NPS 100(P − D)/(n + 3) and always
//!   contains it. It contains the observed NPS at levels ≥ 95 % for n ≥ 2, not for n = 1 (see
//!   `Method::AdjustedWald`; the exhaustive check of every sample up to n = 2,000 is
//!   `tests/data/adjusted_wald_containment.py`, and `degenerate.rs` tests the n = 1 exception).
//! - Bayesian and bootstrap intervals need not contain the observed NPS (shrinkage, resampling).

use nps_stats::{
    Confidence, Method, Tally,
    inference::{BootstrapInterval, Prior},
};
use proptest::prelude::*;

use crate::intervals::tally;

fn counts(max: u64) -> impl Strategy<Value = (u64, u64, u64)> {
    (0..=max, 0..=max, 0..=max).prop_filter("at least one answer", |(p, a, d)| p + a + d > 0)
}

fn level() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.95), Just(0.999_999), 0.5f64..0.9999]
}

fn interval(t: &Tally, method: Method, level: f64) -> (f64, f64) {
    let est = t.estimate(method, Confidence::new(level).unwrap()).unwrap();
    (est.interval.lower, est.interval.upper)
}

proptest! {
    #[test]
    fn wald_and_score_contain_the_observed_nps((p, a, d) in counts(400), level in level()) {
        let t = tally(p, a, d);
        let nps = t.nps().unwrap();
        for method in [Method::Wald, Method::Score] {
            let (lower, upper) = interval(&t, method, level);
            prop_assert!(
                lower <= nps + 1e-9 && nps - 1e-9 <= upper,
                "{} [{}, {}] vs {}", method, lower, upper, nps
            );
        }
    }

    #[test]
    fn adjusted_wald_contains_its_centre_and_at_95_the_observed_nps(
        (p, a, d) in counts(400),
        level in level(),
    ) {
        let t = tally(p, a, d);
        let (lower, upper) = interval(&t, Method::AdjustedWald, level);
        let n = (p + a + d) as f64;
        let centre = 100.0 * (p as f64 - d as f64) / (n + 3.0);
        prop_assert!(lower <= centre && centre <= upper);
        if level >= 0.95 && n >= 2.0 {
            let nps = t.nps().unwrap();
            prop_assert!(lower <= nps + 1e-9 && nps - 1e-9 <= upper, "[{}, {}] vs {}", lower, upper, nps);
        }
    }

    #[test]
    fn a_higher_level_widens_the_interval(
        (p, a, d) in counts(300),
        low in 0.5f64..0.97,
        extra in 0.001f64..0.0199,
    ) {
        let t = tally(p, a, d);
        let high = low + extra;
        let bootstrap = |interval| Method::Bootstrap { resamples: 1_000, seed: 3, interval };
        for method in [
            Method::Wald,
            Method::AdjustedWald,
            Method::Score,
            bootstrap(BootstrapInterval::Percentile),
            bootstrap(BootstrapInterval::Bca),
        ] {
            let (l1, u1) = interval(&t, method, low);
            let (l2, u2) = interval(&t, method, high);
            prop_assert!(
                l2 <= l1 + 1e-9 && u1 <= u2 + 1e-9,
                "{}: [{}, {}] at {} vs [{}, {}] at {}", method, l1, u1, low, l2, u2, high
            );
        }
    }

    #[test]
    fn more_answers_at_the_same_shares_narrow_the_interval(
        (p, a, d) in counts(200),
        k in 2u64..6,
        level in level(),
    ) {
        let (small, large) = (tally(p, a, d), tally(k * p, k * a, k * d));
        for method in [Method::Wald, Method::AdjustedWald, Method::Score] {
            let (l1, u1) = interval(&small, method, level);
            let (l2, u2) = interval(&large, method, level);
            let (before, after) = (u1 - l1, u2 - l2);
            prop_assert!(after <= before + 1e-9, "{}: width {} at n, {} at {}n", method, before, after, k);
        }
    }
}

proptest! {
    // The Bayesian interval costs about a millisecond (more in debug builds): fewer cases.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn bayesian_interval_is_monotone_in_level_and_data((p, a, d) in counts(60), k in 2u64..4) {
        let t = tally(p, a, d);
        let method = Method::Bayesian { prior: Prior::JEFFREYS };
        let (l1, u1) = interval(&t, method, 0.9);
        let (l2, u2) = interval(&t, method, 0.99);
        prop_assert!(l2 <= l1 && u1 <= u2);
        // The posterior mean lies inside.
        let (a_p, a_d, total) = (p as f64 + 0.5, d as f64 + 0.5, (p + a + d) as f64 + 1.5);
        let mean = 100.0 * (a_p - a_d) / total;
        prop_assert!(l1 <= mean && mean <= u1);
        let (l3, u3) = interval(&tally(k * p, k * a, k * d), method, 0.9);
        prop_assert!(u3 - l3 <= u1 - l1 + 1e-9, "width {} vs {}", u3 - l3, u1 - l1);
    }
}
