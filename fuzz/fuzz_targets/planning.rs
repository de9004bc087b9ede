//! Survey planning on arbitrary numbers: shares, margins, changes, powers, variances, populations
//! and levels. No panic; every plan is finite and in range; every refusal is the documented error;
//! sample sizes never grow as the margin or change grows, nor shrink as the power grows.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::core::Points;
use nps_stats::inference::{
    ExpectedShares, margin_of_error, sample_size, sample_size_for_change, sample_size_for_paired_change,
};
use nps_stats::{Confidence, Error};
use nps_stats_fuzz::{
    CountChoice, LevelChoice, PointsChoice, check_change_sample_size, check_margin, check_sample_size,
};

#[derive(arbitrary::Arbitrary, Debug)]
struct Input {
    shares: [u64; 2],
    round_shares: Option<(u8, u8)>,
    margin: PointsChoice,
    change: PointsChoice,
    level: LevelChoice,
    power: u64,
    round_power: Option<u16>,
    variance: u64,
    n: CountChoice,
    population: Option<CountChoice>,
}

/// A share: any bit pattern, or a round percentage.
fn share(bits: u64, round: Option<u8>) -> f64 {
    match round {
        Some(percent) => f64::from(percent) / 100.0,
        None => f64::from_bits(bits),
    }
}

fn expected_shares(promoters: f64, detractors: f64) -> Option<ExpectedShares> {
    let valid = (0.0..=1.0).contains(&promoters)
        && (0.0..=1.0).contains(&detractors)
        && promoters + detractors <= 1.0 + 1e-12;
    match ExpectedShares::new(promoters, detractors) {
        Ok(shares) => {
            assert!(valid, "{promoters} {detractors}");
            assert!((0.0..=1.0).contains(&shares.variance()), "{shares:?}");
            assert!(shares.nps().is_finite() && shares.nps().abs() <= 100.0);
            Some(shares)
        }
        Err(error) => {
            assert!(!valid, "{promoters} {detractors}: {error}");
            assert!(matches!(error, Error::InvalidParameter { .. }), "{error:?}");
            None
        }
    }
}

fn points(value: f64) -> Option<Points> {
    let result = Points::new(value);
    assert_eq!(result.is_ok(), value.is_finite(), "{value}");
    result.ok()
}

fuzz_target!(|input: Input| {
    let Some(level) = input.level.confidence() else { return };
    let (p, d) = match input.round_shares {
        Some((p, d)) => (share(0, Some(p)), share(0, Some(d))),
        None => (share(input.shares[0], None), share(input.shares[1], None)),
    };
    let Some(shares) = expected_shares(p, d) else { return };
    let population = input.population.map(CountChoice::value);

    // The margin of a planned survey.
    let n = input.n.value();
    match margin_of_error(n, shares, level, population) {
        Ok(moe) => check_margin(&moe),
        Err(error) => {
            assert!(n == 0 || population.is_some_and(|big_n| big_n < n), "{error:?}");
            assert!(matches!(error, Error::InvalidCount { .. }), "{error:?}");
        }
    }

    // The sample size for a margin, and for twice that margin (never more answers).
    if let Some(margin) = points(input.margin.value()) {
        let plan = sample_size(margin, shares, level, population);
        match &plan {
            Ok(plan) => check_sample_size(plan),
            Err(Error::InvalidCount { value: 0, .. }) => assert_eq!(population, Some(0)),
            Err(Error::InvalidParameter { name: "margin of error", .. }) => {}
            Err(other) => panic!("{other:?}"),
        }
        if let (Ok(plan), Some(wider)) = (&plan, points(2.0 * margin.value()).filter(|m| m.value() <= 100.0))
        {
            let wider = sample_size(wider, shares, level, population).expect("a wider margin is valid too");
            assert!(wider.n <= plan.n, "{wider:?} {plan:?}");
        }
    }

    // The sample size for a change, at this power and a higher one.
    let power = match input.round_power {
        Some(k) => f64::from(k) / 1000.0,
        None => f64::from_bits(input.power),
    };
    if let Some(change) = points(input.change.value()) {
        let valid_power = power > level.alpha() && power < 1.0;
        let plan = sample_size_for_change(change, shares, shares, level, power);
        match &plan {
            Ok(plan) => {
                assert!(valid_power, "{plan:?}");
                check_change_sample_size(plan);
                let stronger = (power + 1.0) / 2.0;
                if stronger < 1.0 && stronger > power {
                    // More power needs more answers: as many or more, or more than a u64 counts.
                    match sample_size_for_change(change, shares, shares, level, stronger) {
                        Ok(more) => assert!(
                            more.n >= plan.n,
                            "power {power} → {} answers, {stronger} → {}",
                            plan.n,
                            more.n
                        ),
                        Err(Error::InvalidParameter { name: "change", .. }) => {}
                        Err(other) => panic!("a higher power is valid too: {other:?}"),
                    }
                }
            }
            Err(Error::InvalidParameter { name: "power", .. }) => assert!(!valid_power, "{power}"),
            Err(Error::InvalidParameter { name: "change", .. }) => {}
            Err(other) => panic!("{other:?}"),
        }
        let variance = f64::from_bits(input.variance);
        match sample_size_for_paired_change(change, variance, level, power) {
            Ok(plan) => {
                assert!(variance > 0.0 && variance <= 4.0 && valid_power, "{plan:?}");
                check_change_sample_size(&plan);
            }
            Err(error) => assert!(matches!(error, Error::InvalidParameter { .. }), "{error:?}"),
        }
    }
    let _ = Confidence::NINETY_FIVE;
});
