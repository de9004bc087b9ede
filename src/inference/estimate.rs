//! An NPS with its uncertainty, and the dispatcher that computes it by method.

use crate::inference::Interval;
use crate::inference::Method;
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
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::nps"))]
    pub nps: f64,
    /// The number of answers.
    pub n: u64,
    /// The effective sample size: `n` for unweighted data, Kish's (Σw)²/Σw² (or the design-based
    /// equivalent) for weighted data.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub effective_n: f64,
    /// The standard error in points, as the method defines it.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub std_error: f64,
    /// The interval.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::inference::interval::nps_interval"))]
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
