//! How many resamples a bootstrap may draw: the limits shared by the one-sample bootstrap
//! ([`Method::Bootstrap`](crate::inference::Method::Bootstrap)) and the cluster bootstrap of account
//! roll-ups ([`VarianceMethod::ClusterBootstrap`](crate::accounts::VarianceMethod::ClusterBootstrap)).

use crate::core::Confidence;
use crate::error::{Error, Result};

/// The fewest bootstrap resamples accepted, 1,000: Efron & Tibshirani (1993), *An Introduction to
/// the Bootstrap*, §13.3, advise about 1,000 or more for a percentile-based interval (against 25–200
/// for a standard error alone).
///
/// ```
/// use nps_stats::inference::MIN_RESAMPLES;
/// use nps_stats::{Confidence, Method, Tally, inference::BootstrapInterval};
///
/// let tally = Tally::from_counts(5, 3, 2)?;
/// let too_few = Method::Bootstrap { resamples: MIN_RESAMPLES - 1, seed: 1, interval: BootstrapInterval::Bca };
/// assert!(tally.estimate(too_few, Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub const MIN_RESAMPLES: u32 = 1_000;

/// The most bootstrap resamples accepted, 10,000,000: 80 MB of resampled values, and seconds of
/// work for a one-sample bootstrap (a cluster bootstrap draws every account of every resample, so it
/// costs that times the number of accounts). Its Monte Carlo error is far below anything an NPS
/// survey can resolve.
///
/// ```
/// use nps_stats::inference::MAX_RESAMPLES;
/// use nps_stats::{Confidence, Method, Tally, inference::BootstrapInterval};
///
/// let tally = Tally::from_counts(5, 3, 2)?;
/// let too_many = Method::Bootstrap { resamples: MAX_RESAMPLES + 1, seed: 1, interval: BootstrapInterval::Bca };
/// assert!(tally.estimate(too_many, Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub const MAX_RESAMPLES: u32 = 10_000_000;

/// Checks that `resamples` B is within [`MIN_RESAMPLES`]..=[`MAX_RESAMPLES`] and leaves at least one
/// resample in each tail of a `level` interval, (B + 1)·α/2 ≥ 1; a level that would need more than
/// [`MAX_RESAMPLES`] for that is refused as a level, so that the message never asks for more
/// resamples than are allowed.
pub(crate) fn check_resamples(resamples: u32, level: Confidence) -> Result<()> {
    if resamples > MAX_RESAMPLES {
        return Err(Error::InvalidCount {
            name: "bootstrap resamples",
            value: u64::from(resamples),
            expected: "at most 10000000",
        });
    }
    let tail_needs = (2.0 / level.alpha() - 1.0).ceil();
    if tail_needs > f64::from(MAX_RESAMPLES) {
        return Err(Error::InvalidParameter {
            name: "confidence level of a bootstrap interval",
            value: level.level(),
            expected: "at most 0.9999998: each tail of the interval needs a resample, (B + 1)(1 - level)/2 >= 1, \
                       and 10000000 resamples are the most",
        });
    }
    let needed = tail_needs.max(f64::from(MIN_RESAMPLES));
    if f64::from(resamples) < needed {
        // A whole number from 1,000 to 10,000,000 here.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a whole number from 1,000 to 10,000,000"
        )]
        let needed = needed as u64;
        return Err(Error::TooFewResamples { resamples, needed });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_and_the_tail_rule() {
        let level = |l: f64| Confidence::new(l).unwrap();
        assert!(check_resamples(MIN_RESAMPLES, Confidence::NINETY_FIVE).is_ok());
        assert!(check_resamples(MAX_RESAMPLES, Confidence::NINETY_FIVE).is_ok());
        assert_eq!(
            check_resamples(999, Confidence::NINETY_FIVE),
            Err(Error::TooFewResamples { resamples: 999, needed: 1000 })
        );
        assert!(matches!(
            check_resamples(MAX_RESAMPLES + 1, Confidence::NINETY_FIVE),
            Err(Error::InvalidCount { value: 10_000_001, .. })
        ));
        // α = 2⁻¹² (exact in binary): (B + 1)·α/2 ≥ 1 needs B ≥ 2¹³ − 1 = 8,191.
        let level_12 = level(1.0 - 2f64.powi(-12));
        assert_eq!(
            check_resamples(8_190, level_12),
            Err(Error::TooFewResamples { resamples: 8_190, needed: 8_191 })
        );
        assert!(check_resamples(8_191, level_12).is_ok());
        // The highest level the largest bootstrap serves: α = 2/(B + 1).
        let highest = 1.0 - 2.0 / (f64::from(MAX_RESAMPLES) + 1.0);
        assert!(check_resamples(MAX_RESAMPLES, level(highest - 1e-12)).is_ok());
        let err = check_resamples(MAX_RESAMPLES, level(0.999_999_9)).unwrap_err();
        assert!(matches!(err, Error::InvalidParameter { value, .. } if value == 0.999_999_9), "{err}");
    }
}
