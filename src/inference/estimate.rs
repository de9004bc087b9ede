//! An NPS with its uncertainty, and the dispatcher that computes it by method.

use crate::core::Confidence;
use crate::error::{Error, Result};
use crate::inference::Interval;
use crate::inference::Method;
use crate::tally::Tally;
use core::fmt;

/// An NPS with its uncertainty: point estimate, sample size, standard error and interval.
///
/// `nps` is always the observed NPS of the sample, unrounded. The interval and standard error are
/// those of `method`; for the adjusted Wald method the interval is centred on the adjusted NPS
/// 100·(P − D)/(n + 3), which lies slightly closer to 0 than `nps`.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Method, Tally};
///
/// let mut scores = vec![10u8; 50];
/// scores.extend([8u8; 30]);
/// scores.extend([0u8; 20]);
/// let est = Tally::from_scores(&scores)?.estimate(Method::Wald, Confidence::NINETY_FIVE)?;
/// assert_eq!(est.nps, 30.0);
/// assert_eq!(est.n, 100);
/// // σ² = 0.5 + 0.2 − 0.3² = 0.61; SE = √(0.61/100) = 0.0781 → 7.81 points.
/// assert!((est.std_error - 100.0 * (0.61f64 / 100.0).sqrt()).abs() < 1e-9);
/// println!("{est}"); // +30.0 [+14.7, +45.3] (95%), n = 100, SE 7.8 (Wald)
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Estimate {
    /// The observed NPS in points, unrounded.
    pub nps: f64,
    /// The number of answers.
    pub n: u64,
    /// The effective sample size: `n` for unweighted data, Kish's (Σw)²/Σw² (or the design-based
    /// equivalent) for weighted data.
    pub effective_n: f64,
    /// The standard error in points, as the method defines it.
    pub std_error: f64,
    /// The interval.
    pub interval: Interval,
    /// The method that produced the interval.
    pub method: Method,
}

impl fmt::Display for Estimate {
    /// `+30.0 [+14.7, +45.3] (95%), n = 100, SE 7.8 (Wald)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "{:+.p$} {:.p$}, n = {}, SE {:.p$} ({})",
            self.nps, self.interval, self.n, self.std_error, self.method
        )
    }
}

impl Tally {
    /// The NPS with its standard error and a two-sided interval by `method` at `level`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] when the tally has no answers. For [`Method::Bootstrap`]:
    /// [`Error::TooFewResamples`] below 1,000 resamples or too few for the level, and
    /// [`Error::InvalidParameter`] above 10,000,000.
    ///
    /// ```
    /// use nps_stats::{Confidence, Method, Tally};
    /// let tally = Tally::from_scores(&[10, 9, 9, 8, 7, 6])?;
    /// let est = tally.estimate(Method::AdjustedWald, Confidence::NINETY_FIVE)?;
    /// assert!(est.interval.contains(est.nps));
    /// assert!(Tally::new().estimate(Method::Wald, Confidence::NINETY_FIVE).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn estimate(&self, method: Method, level: Confidence) -> Result<Estimate> {
        let nps = self.nps().ok_or(Error::EmptySample { what: "the sample" })?;
        let n = self.total();
        let spread = match method {
            Method::Wald => crate::inference::wald::wald(self),
            Method::AdjustedWald => crate::inference::wald::adjusted_wald(self),
            Method::Bayesian { prior } => crate::inference::bayes::spread(self, prior),
            Method::Bootstrap { .. } | Method::Score => crate::inference::wald::wald(self),
        };
        let std_error = 100.0 * spread.std_error;
        let interval = match method {
            Method::Bayesian { prior } => crate::inference::bayes::credible_interval(self, prior, level),
            Method::Bootstrap { resamples, seed, interval } => {
                return crate::inference::bootstrap::estimate(self, resamples, seed, interval, level);
            }
            Method::Score => crate::inference::tango::interval(self, level),
            Method::Wald | Method::AdjustedWald => {
                Interval::around(100.0 * spread.center, level.z() * std_error, level, 100.0)
            }
        };
        Ok(Estimate { nps, n, effective_n: n as f64, std_error, interval, method })
    }
}
