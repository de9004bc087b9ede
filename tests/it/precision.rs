//! Weight sums lose nothing: 10⁸ small weights beside a few huge ones, compared with an exact
//! rational computation.
//!
//! Every weight is an exact binary fraction (2⁴⁰ ≈ 1.1e12 for the huge ones, 2⁻²⁰ ≈ 9.5e-7 for the
//! small ones), so the exact sums are integers in units of 2⁻²⁰ (Σw) and 2⁻⁴⁰ (Σw²) and fit in a
//! `u128`; the best `f64` is that integer rounded once (`as f64` rounds to nearest) and scaled by a
//! power of two (exact). A small weight is below half an ulp of the running sum (the ulp of 3·2⁴⁰
//! is 2⁻¹¹), so plain `f64` addition drops every one of them: the tests show that it does, and that
//! the compensated sums land on the exact value.

use nps_stats::{Category, Score, WeightedTally};

const HUGE_EXPONENT: i32 = 40;
const SMALL_EXPONENT: i32 = -20;
const HUGE_COUNT: u128 = 3;

/// The exact Σw and Σw² of `HUGE_COUNT` weights 2⁴⁰ and `small` weights 2⁻²⁰, correctly rounded.
fn exact_sums(small: u128) -> (f64, f64) {
    // Σw in units of 2⁻²⁰: each huge weight is 2⁶⁰ units, each small one 1 unit.
    let sum_units = HUGE_COUNT << 60; // 3·2⁶⁰
    let sum = (sum_units + small) as f64 * 2f64.powi(SMALL_EXPONENT);
    // Σw² in units of 2⁻⁴⁰: each huge square is 2¹²⁰ units, each small square 1 unit.
    let squared_units = HUGE_COUNT << 120;
    let squared = (squared_units + small) as f64 * 2f64.powi(2 * SMALL_EXPONENT);
    (sum, squared)
}

fn huge_ones() -> nps_stats::Result<WeightedTally> {
    let mut weighted = WeightedTally::new();
    for _ in 0..HUGE_COUNT {
        weighted.add(Score::MAX, 2f64.powi(HUGE_EXPONENT))?;
    }
    Ok(weighted)
}

#[test]
fn small_weights_added_one_by_one_beside_huge_ones() -> nps_stats::Result<()> {
    // 10⁸ adds take about 1 s optimized but about a minute unoptimized, so the default (debug) test
    // command adds 10⁶. The mechanism is the same at both sizes: each addition is below half an ulp,
    // and the error bound of Neumaier's sum, 2ε|S| + O(nε²)Σ|w|, stays far below an ulp up to 10⁸.
    let small: u32 = if cfg!(debug_assertions) { 1_000_000 } else { 100_000_000 };
    let mut weighted = huge_ones()?;
    let mut plain = HUGE_COUNT as f64 * 2f64.powi(HUGE_EXPONENT);
    let w = 2f64.powi(SMALL_EXPONENT);
    for _ in 0..small {
        weighted.add(Score::MAX, w)?;
        plain += w;
    }
    let (sum, squared) = exact_sums(u128::from(small));
    assert_eq!(weighted.weight(Category::Promoter), sum);
    assert_eq!(weighted.total_weight(), sum);
    assert_eq!(weighted.weight_squared(Category::Promoter), squared);
    // Plain summation lost every small weight.
    assert_eq!(plain, HUGE_COUNT as f64 * 2f64.powi(HUGE_EXPONENT));
    assert!(sum - plain >= 0.9, "the small weights add up to {}", sum - plain);
    assert_eq!(weighted.tally().total(), u64::from(small) + 3);
    Ok(())
}

#[test]
fn hundred_million_small_weights_merged_in_parts() -> nps_stats::Result<()> {
    // 10⁸ small weights: one part of 10⁶ answers, merged 100 times into the huge ones (the way
    // partial tallies from files or machines are combined). Each merge adds 1953.125 ulps, so
    // plain addition would drift by 0.125 ulp per merge; the compensated sums stay exact.
    let w = 2f64.powi(SMALL_EXPONENT);
    let mut part = WeightedTally::new();
    for _ in 0..1_000_000 {
        part.add(Score::MAX, w)?;
    }
    let mut weighted = huge_ones()?;
    let mut plain = weighted.total_weight();
    for _ in 0..100 {
        weighted.merge(&part)?;
        plain += part.total_weight();
    }
    let (sum, squared) = exact_sums(100_000_000);
    assert_eq!(weighted.total_weight(), sum);
    assert_eq!(weighted.total_weight_squared(), squared);
    assert_ne!(plain, sum, "plain summation is off here, which is what the test is about");
    assert_eq!(weighted.tally().total(), 100_000_003);
    Ok(())
}

#[test]
fn weighted_nps_of_huge_promoters_and_many_small_detractors() -> nps_stats::Result<()> {
    // NPS = 100·(P − D)/(P + D) with P = 3·2⁴⁰ and D = 10⁶·2⁻²⁰, exactly (in units of 2⁻²⁰):
    // 100·(3·2⁶⁰ − 10⁶)/(3·2⁶⁰ + 10⁶). Both integers are below 2⁶³, so i128/f64 gives the
    // quotient to within 2 ulps of the exact ratio (two roundings of the operands, one of the
    // division); the weighted NPS must be that close too.
    let mut weighted = huge_ones()?;
    let w = 2f64.powi(SMALL_EXPONENT);
    for _ in 0..1_000_000 {
        weighted.add(Score::MIN, w)?;
    }
    let (p, d) = ((HUGE_COUNT << 60) as i128, 1_000_000i128);
    let expected = 100.0 * ((p - d) as f64 / (p + d) as f64);
    let nps = weighted.nps().ok_or(nps_stats::Error::EmptySample { what: "test" })?;
    assert!((nps - expected).abs() <= 4.0 * f64::EPSILON * 100.0, "{nps} vs {expected}");
    // And it is visibly below 100: the detractors' 0.95 of 3.3e12 moved it by 5.8e-11 points.
    assert!(100.0 - nps > 5e-11, "{nps}");
    Ok(())
}
