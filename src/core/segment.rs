//! A named dimension and one of its values: the key of a breakdown.

use core::fmt;

/// A named dimension and one of its values, such as `branch = staffing` or `role = decision maker`:
/// the key of a breakdown.
///
/// # Examples
///
/// ```
/// use nps_stats::{Response, Score, Segment};
///
/// let dach = Segment::new("region", "DACH");
/// assert_eq!(dach.to_string(), "region = DACH");
///
/// let answer = Response::new(Score::try_from(9)?).with_segment("region", "DACH");
/// assert!(answer.is_in(&dach));
/// assert!(!answer.is_in(&Segment::new("region", "Benelux")));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Segment {
    dimension: String,
    value: String,
}

impl Segment {
    /// A segment from a dimension name and a value.
    ///
    /// ```
    /// let tier = nps_stats::Segment::new("tier", "enterprise");
    /// assert_eq!(tier.dimension(), "tier");
    /// ```
    pub fn new(dimension: impl Into<String>, value: impl Into<String>) -> Segment {
        Segment { dimension: dimension.into(), value: value.into() }
    }

    /// The dimension's name, for example `"branch"`.
    ///
    /// ```
    /// assert_eq!(nps_stats::Segment::new("branch", "staffing").dimension(), "branch");
    /// ```
    pub fn dimension(&self) -> &str {
        &self.dimension
    }

    /// The value within the dimension, for example `"staffing"`.
    ///
    /// ```
    /// assert_eq!(nps_stats::Segment::new("branch", "staffing").value(), "staffing");
    /// ```
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.dimension, self.value)
    }
}
