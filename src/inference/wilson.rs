//! Wilson's score interval for a rate (a binomial proportion).

use crate::core::Confidence;
use crate::error::{Error, Result};
use crate::inference::Interval;

/// Wilson's score interval for the rate `successes / trials`, a fraction in 0..=1 (for example the
/// share of promoter accounts that renewed).
///
/// With p̂ = k/n and z the two-sided normal quantile at `level` (Wilson 1927, *JASA* 22:209–212;
/// Newcombe 1998, *Statistics in Medicine* 17:857–872, method 3; the interval of R's
/// `prop.test(k, n, correct = FALSE)`):
///
/// ```text
/// (p̂ + z²/2n ∓ z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)
/// ```
///
/// It stays inside [0, 1] and does not collapse at 0 or n successes (then a bound is exactly 0 or 1),
/// where the Wald interval p̂ ± z·√(p̂(1 − p̂)/n) has zero width; Brown, Cai & DasGupta (2001),
/// *Statistical Science* 16(2):101–133, recommend it for small n.
///
/// # Errors
///
/// [`Error::EmptySample`] with 0 trials; [`Error::InvalidCount`] naming `successes` when there are
/// more successes than trials.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, inference::wilson_interval};
///
/// // 7 of 20 renewed: [0.1812, 0.5671] (R: prop.test(7, 20, correct = FALSE)$conf.int).
/// let interval = wilson_interval(7, 20, Confidence::NINETY_FIVE)?;
/// assert!((interval.lower - 0.181_191_824_101_082).abs() < 1e-12);
/// assert!((interval.upper - 0.567_145_723_314_764).abs() < 1e-12);
/// // None of 5: the lower bound is exactly 0, the upper z²/(n + z²).
/// assert_eq!(wilson_interval(0, 5, Confidence::NINETY_FIVE)?.lower, 0.0);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn wilson_interval(successes: u64, trials: u64, level: Confidence) -> Result<Interval> {
    if trials == 0 {
        return Err(Error::EmptySample { what: "the trials of a rate" });
    }
    if successes > trials {
        return Err(Error::InvalidCount {
            name: "successes",
            value: successes,
            expected: "at most the number of trials",
        });
    }
    let (lower, upper) = wilson_bounds(successes as f64 / trials as f64, trials as f64, level.z());
    Ok(Interval::within(lower, upper, level, 0.0, 1.0))
}

/// Wilson's bounds for the rate `rate` observed on `n` (> 0, possibly an effective, non-whole size)
/// trials, with the normal quantile `z`. A rate of 0 has the lower bound 0 and a rate of 1 the upper
/// bound 1 exactly (the closed form gives them up to rounding).
pub(crate) fn wilson_bounds(rate: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = rate + z2 / (2.0 * n);
    let half = z * (rate * (1.0 - rate) / n + z2 / (4.0 * n * n)).sqrt();
    let lower = if rate <= 0.0 { 0.0 } else { (centre - half) / denominator };
    let upper = if rate >= 1.0 { 1.0 } else { (centre + half) / denominator };
    (lower, upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_counts_are_errors() {
        let level = Confidence::NINETY_FIVE;
        assert!(matches!(wilson_interval(0, 0, level), Err(Error::EmptySample { .. })));
        assert!(matches!(
            wilson_interval(6, 5, level),
            Err(Error::InvalidCount { name: "successes", value: 6, .. })
        ));
    }

    #[test]
    fn all_successes_mirror_none() {
        let level = Confidence::NINETY_FIVE;
        let none = wilson_interval(0, 5, level).unwrap();
        let all = wilson_interval(5, 5, level).unwrap();
        assert_eq!((none.lower, all.upper), (0.0, 1.0));
        assert!((all.lower - (1.0 - none.upper)).abs() < 1e-15);
    }
}
