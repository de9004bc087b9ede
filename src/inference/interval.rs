//! A two-sided interval, in NPS points or in the units of the statistic it bounds.

use crate::core::Confidence;
use core::fmt;

/// A two-sided interval at a confidence (or credibility) level, in the units of the statistic it
/// bounds: NPS points for estimates and comparisons of NPS values, fractions for the rates, AUCs and
/// correlations of [`inference`](crate::inference)'s outcome statistics.
///
/// Intervals for one NPS are clipped to [−100, 100]; intervals for a difference of two NPS values to
/// [−200, 200]; a rate or an AUC to [0, 1], a correlation or a difference of rates to [−1, 1]. An
/// interval whose method reached past the range says so (`clipped`), and its `Display` marks it:
/// `[-48.5, +100.0] (95%, clipped)`.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Method, Tally};
///
/// let tally = Tally::from_scores(&[10, 10, 9, 7, 3])?;
/// let interval = tally.estimate(Method::AdjustedWald, Confidence::NINETY_FIVE)?.interval;
/// assert!(interval.lower < interval.upper);
/// assert!(interval.contains(40.0));
/// assert_eq!(interval.level, Confidence::NINETY_FIVE);
/// assert!(interval.width() > 50.0); // five answers say little
/// # Ok::<(), nps_stats::Error>(())
/// ```
///
/// Deserialization (feature `serde`) refuses bounds that are not finite or not ordered, and where
/// an interval sits in a result, bounds beyond that result's range.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "IntervalRepr"))]
#[non_exhaustive]
pub struct Interval {
    /// The lower bound.
    pub lower: f64,
    /// The upper bound.
    pub upper: f64,
    /// The confidence level.
    pub level: Confidence,
    /// Whether a bound was cut at the end of the range (±100 points for one NPS, ±200 for a
    /// difference, 0 and 1 for a rate or an AUC, ±1 for a correlation): the method's own interval
    /// reached further.
    #[cfg_attr(feature = "serde", serde(default))]
    pub clipped: bool,
}

impl Interval {
    /// `center ± half_width`, clipped to `[-limit, limit]`.
    pub(crate) fn around(center: f64, half_width: f64, level: Confidence, limit: f64) -> Interval {
        Interval::clipped(center - half_width, center + half_width, level, limit)
    }

    /// `[lower, upper]` clipped to `[-limit, limit]`.
    pub(crate) fn clipped(lower: f64, upper: f64, level: Confidence, limit: f64) -> Interval {
        Interval::within(lower, upper, level, -limit, limit)
    }

    /// `[lower, upper]` clipped to `[min, max]`.
    pub(crate) fn within(lower: f64, upper: f64, level: Confidence, min: f64, max: f64) -> Interval {
        let clipped = lower < min || upper > max;
        Interval { lower: lower.clamp(min, max), upper: upper.clamp(min, max), level, clipped }
    }

    /// The distance between the bounds.
    ///
    /// ```
    /// use nps_stats::{Confidence, Method, Tally};
    /// // p = d = ¼: σ² = ½, SE = √(½ / 4) on the −1..=1 scale.
    /// let tally = Tally::from_scores(&[10, 8, 0, 8])?;
    /// let interval = tally.estimate(Method::Wald, Confidence::NINETY_FIVE)?.interval;
    /// let expected = 2.0 * Confidence::NINETY_FIVE.z() * 100.0 * (0.5f64 / 4.0).sqrt();
    /// assert!((interval.width() - expected).abs() < 1e-9);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn width(&self) -> f64 {
        self.upper - self.lower
    }

    /// Whether `value` lies within the bounds (inclusive).
    ///
    /// ```
    /// use nps_stats::{Confidence, Method, Tally};
    /// let interval = Tally::from_scores(&[10, 0])?.estimate(Method::Wald, Confidence::NINETY_FIVE)?.interval;
    /// assert!(interval.contains(0.0));
    /// assert!(!interval.contains(150.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn contains(&self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }
}

impl fmt::Display for Interval {
    /// `[+13.7, +43.8] (95%)`, or `[-48.5, +100.0] (95%, clipped)` when a bound was cut at the end
    /// of the range; the precision (default 1) applies to both bounds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        let clipped = if self.clipped { ", clipped" } else { "" };
        write!(f, "[{:+.p$}, {:+.p$}] ({}{clipped})", self.lower, self.upper, self.level)
    }
}

/// The wire form of [`Interval`], checked on the way in: finite bounds, lower ≤ upper.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct IntervalRepr {
    lower: f64,
    upper: f64,
    level: Confidence,
    #[serde(default)]
    clipped: bool,
}

#[cfg(feature = "serde")]
impl TryFrom<IntervalRepr> for Interval {
    type Error = crate::error::Error;

    fn try_from(repr: IntervalRepr) -> Result<Interval, Self::Error> {
        let IntervalRepr { lower, upper, level, clipped } = repr;
        if !(lower.is_finite() && upper.is_finite() && lower <= upper) {
            return Err(crate::error::Error::Inconsistent {
                what: "interval",
                detail: format!("bounds {lower:?} and {upper:?}: expected finite bounds with lower <= upper"),
            });
        }
        Ok(Interval { lower, upper, level, clipped })
    }
}

/// An [`Interval`] whose bounds lie within `low..=high`, as a deserializer error otherwise.
#[cfg(feature = "serde")]
fn within_range<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    low: f64,
    high: f64,
    expected: &'static str,
) -> Result<Interval, D::Error> {
    let interval = <Interval as serde::Deserialize>::deserialize(deserializer)?;
    for bound in [interval.lower, interval.upper] {
        crate::core::checked::within(bound, low, high, "interval bound", expected)?;
    }
    Ok(interval)
}

/// An interval of one NPS: within −100..=100 points.
#[cfg(feature = "serde")]
pub(crate) fn nps_interval<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Interval, D::Error> {
    within_range(deserializer, -100.0, 100.0, "a number of points from -100 to 100 for one NPS")
}

/// An interval of a difference of two NPS values: within −200..=200 points.
#[cfg(feature = "serde")]
pub(crate) fn difference_interval<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Interval, D::Error> {
    within_range(deserializer, -200.0, 200.0, "a number of points from -200 to 200 for a difference")
}

/// An interval of a rate, share or probability: within 0..=1.
#[cfg(feature = "serde")]
pub(crate) fn unit_interval<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Interval, D::Error> {
    within_range(deserializer, 0.0, 1.0, "a number from 0 to 1 for a rate or probability")
}

/// The optional interval of a rate (feature `serde`): within 0..=1 when present.
#[cfg(feature = "serde")]
pub(crate) fn optional_unit_interval<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Interval>, D::Error> {
    let interval = <Option<Interval> as serde::Deserialize>::deserialize(deserializer)?;
    if let Some(interval) = &interval {
        for bound in [interval.lower, interval.upper] {
            crate::core::checked::within(
                bound,
                0.0,
                1.0,
                "interval bound",
                "a number from 0 to 1 for a rate or probability",
            )?;
        }
    }
    Ok(interval)
}

/// An interval of a difference of rates or of a correlation: within −1..=1.
#[cfg(feature = "serde")]
pub(crate) fn signed_unit_interval<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Interval, D::Error> {
    within_range(deserializer, -1.0, 1.0, "a number from -1 to 1 for a difference of rates or a correlation")
}
