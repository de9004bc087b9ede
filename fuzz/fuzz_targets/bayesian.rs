//! Priors and the Bayesian method on arbitrary parameters, counts (up to `u64::MAX`), levels and
//! targets: priors are accepted exactly within their limits; estimates, posterior probabilities
//! and tests against a target are finite and in range (the Bayesian statistic is always finite);
//! a posterior symmetric in promoters and detractors has P(NPS > 0) = ½.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::core::Points;
use nps_stats::inference::{MAX_PRIOR, MIN_PRIOR, Prior, compare_to_target};
use nps_stats::{Error, Method};
use nps_stats_fuzz::{
    CountChoice, LevelChoice, PointsChoice, WeightChoice, check_estimate, check_finite_comparison, tally_of,
};

#[derive(arbitrary::Arbitrary, Debug)]
enum PriorChoice {
    Uniform,
    Jeffreys,
    Any([WeightChoice; 3]),
    Symmetric(WeightChoice, WeightChoice),
}

fn prior(choice: &PriorChoice) -> Option<Prior> {
    let [p, a, d] = match choice {
        PriorChoice::Uniform => return Some(Prior::UNIFORM),
        PriorChoice::Jeffreys => return Some(Prior::JEFFREYS),
        PriorChoice::Any(values) => values.map(WeightChoice::value),
        PriorChoice::Symmetric(outer, middle) => [outer.value(), middle.value(), outer.value()],
    };
    let valid = [p, a, d].iter().all(|v| (MIN_PRIOR..=MAX_PRIOR).contains(v));
    match Prior::new(p, a, d) {
        Ok(prior) => {
            assert!(valid, "{p} {a} {d}");
            assert!(prior.weight().is_finite() && prior.weight() > 0.0);
            let _ = prior.to_string();
            Some(prior)
        }
        Err(error) => {
            assert!(!valid, "{p} {a} {d}: {error}");
            assert!(matches!(error, Error::InvalidParameter { .. }), "{error:?}");
            None
        }
    }
}

fuzz_target!(|input: (PriorChoice, [CountChoice; 2], bool, LevelChoice, PointsChoice)| {
    let (choice, [outer, middle], mirror, level, target) = input;
    let Some(level) = level.confidence() else { return };
    let Some(prior) = prior(&choice) else { return };
    // Equal promoter and detractor counts unless `mirror` is false (then detractors are 0).
    let (p, a) = (outer.value(), middle.value());
    let d = if mirror { p } else { 0 };
    let Some(tally) = tally_of(p, a, d) else { return };
    let method = Method::Bayesian { prior };
    match tally.estimate(method, level) {
        Ok(estimate) => check_estimate(&estimate),
        Err(error) => {
            assert!(tally.is_empty(), "{error:?}");
            return;
        }
    }
    let symmetric = mirror && prior.promoters() == prior.detractors();
    let above_zero = tally.probability_above(0, prior).expect("a valid target");
    assert!((0.0..=1.0).contains(&above_zero), "{above_zero}");
    if symmetric {
        assert!((above_zero - 0.5).abs() < 1e-9, "P(NPS > 0) = {above_zero} for a symmetric posterior");
    }
    let Ok(target) = Points::new(target.value()) else { return };
    let in_range = (-100.0..=100.0).contains(&target.value());
    match tally.probability_above(target, prior) {
        Ok(p) => {
            assert!(in_range);
            assert!((0.0..=1.0).contains(&p), "{p}");
        }
        Err(error) => assert!(!in_range && matches!(error, Error::InvalidParameter { .. }), "{error:?}"),
    }
    match compare_to_target(&tally, target, method, level) {
        Ok(comparison) => {
            assert!(in_range);
            check_finite_comparison(&comparison);
        }
        Err(error) => assert!(!in_range && matches!(error, Error::InvalidParameter { .. }), "{error:?}"),
    }
});
