//! A number of NPS points, so that a target or a margin cannot be mistaken for a fraction.

use core::fmt;

use crate::error::{Error, Result};

/// A number of NPS points: a target (+30), a margin of error (±5), a change to detect (+10).
///
/// NPS values run from −100 to +100 points, and the crate takes every such input as `Points` so
/// that a share cannot be passed by mistake: `sample_size(0.1, …)` (a "10 %" margin) does not
/// compile. Whole numbers convert on their own (`sample_size(5, …)`, `compare_to_target(&t, -30,
/// …)`); anything else goes through [`Points::new`], which says in the code that the number is in
/// points.
///
/// # Examples
///
/// ```
/// use nps_stats::core::Points;
///
/// let target = Points::from(30);
/// assert_eq!(target.value(), 30.0);
/// let margin = Points::new(2.5)?;
/// assert_eq!(margin.to_string(), "2.5 points");
/// assert!(Points::new(f64::NAN).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
///
/// A share where points are meant does not compile — a margin of "0.1":
///
/// ```compile_fail,E0277
/// use nps_stats::inference::{ExpectedShares, sample_size};
/// let plan = sample_size(0.1, ExpectedShares::WORST_CASE, nps_stats::Confidence::NINETY_FIVE, None);
/// ```
///
/// nor a target of "−0.3":
///
/// ```compile_fail,E0277
/// use nps_stats::{Confidence, Method, Tally};
/// let tally = Tally::from_counts(31, 40, 29).unwrap();
/// let cmp = nps_stats::inference::compare_to_target(&tally, -0.3, Method::Wald, Confidence::NINETY_FIVE);
/// ```
///
/// while the same calls in points do:
///
/// ```
/// use nps_stats::core::Points;
/// use nps_stats::inference::{ExpectedShares, compare_to_target, sample_size};
/// use nps_stats::{Confidence, Method, Tally};
/// let plan = sample_size(10, ExpectedShares::WORST_CASE, Confidence::NINETY_FIVE, None)?;
/// assert_eq!(plan.n, 385);
/// let tally = Tally::from_counts(31, 40, 29)?;
/// let cmp = compare_to_target(&tally, Points::new(-30.5)?, Method::Wald, Confidence::NINETY_FIVE)?;
/// assert_eq!(cmp.difference, 32.5);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Points(f64);

impl Points {
    /// `points` NPS points; each function that takes points checks its own range (a target within
    /// −100..=100, a margin above 0, …).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when `points` is NaN or infinite.
    ///
    /// ```
    /// use nps_stats::core::Points;
    /// assert_eq!(Points::new(-12.5)?.value(), -12.5);
    /// assert!(Points::new(f64::INFINITY).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn new(points: f64) -> Result<Points> {
        if points.is_finite() {
            Ok(Points(points))
        } else {
            Err(Error::InvalidParameter {
                name: "points",
                value: points,
                expected: "a finite number of NPS points",
            })
        }
    }

    /// The number of points.
    ///
    /// ```
    /// assert_eq!(nps_stats::core::Points::from(-20).value(), -20.0);
    /// ```
    pub const fn value(self) -> f64 {
        self.0
    }
}

impl From<i32> for Points {
    /// Whole points: `Points::from(30)` is +30 points.
    fn from(points: i32) -> Points {
        Points(f64::from(points))
    }
}

impl fmt::Display for Points {
    /// `30 points`, `-2.5 points`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:.p$} points", self.0),
            None => write!(f, "{} points", self.0),
        }
    }
}
