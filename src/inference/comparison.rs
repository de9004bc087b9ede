//! Tests of a difference between two NPS values.

use core::fmt;

use crate::core::Confidence;
use crate::core::text::p_equals;
use crate::inference::{Interval, Method};
use crate::math::normal::two_sided_p;

/// Which samples a [`Comparison`] compares: the design of the test, apart from its [`Method`].
///
/// `#[non_exhaustive]`: designs can be added in a minor release.
///
/// ```
/// use nps_stats::inference::Samples;
/// assert_eq!(Samples::Independent.to_string(), "independent samples");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Samples {
    /// Two independent samples (different respondents: two segments, or two periods with fresh
    /// samples).
    Independent,
    /// The same units (respondents or accounts) in both samples: a z-test on the per-unit
    /// differences (METHODS §5.2; only units whose answer changed contribute, as in McNemar's test).
    Paired,
    /// Samples that share some units: the linearized (influence-function) variance with units as
    /// clusters, which reduces to the paired test for a full panel and to the independent Wald test
    /// for disjoint samples.
    Overlapping,
    /// One sample against a fixed target or benchmark.
    Target,
}

impl fmt::Display for Samples {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Samples::Independent => "independent samples",
            Samples::Paired => "paired samples, per-unit differences",
            Samples::Overlapping => "partially overlapping samples, linearized",
            Samples::Target => "against a target",
        })
    }
}

/// The result of a test of an NPS difference: the difference, its interval, the test statistic and
/// the two-sided p-value.
///
/// `difference` is always the observed difference in points, unrounded, and always *later minus
/// earlier* (after − before), *this minus that* (a segment − the rest) or *estimate − target*: the
/// function that made it names the order in its parameters. `statistic`, `p_value`, `std_error` and
/// `interval` are those of the test (`samples` and `method`); for the adjusted Wald test they are
/// centred on the difference of the adjusted NPS values.
///
/// # Examples
///
/// ```
/// use nps_stats::inference::compare_independent;
/// use nps_stats::{Confidence, Method, Tally};
///
/// let last_quarter = Tally::from_scores(&[10, 9, 8, 7, 6, 5, 3, 2])?;
/// let this_quarter = Tally::from_scores(&[10, 10, 9, 9, 8, 7, 6, 3])?;
/// let cmp = compare_independent(&last_quarter, &this_quarter, Method::AdjustedWald, Confidence::NINETY_FIVE)?;
/// assert_eq!(cmp.difference, 50.0);
/// assert!(cmp.p_value > 0.05); // eight answers each: not enough to tell
/// println!("{cmp}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Comparison {
    /// The observed difference in points: after − before, this − that, or estimate − target.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::difference"))]
    pub difference: f64,
    /// The standard error of the difference in points, as the test defines it.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub std_error: f64,
    /// The interval of the difference.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::inference::interval::difference_interval")
    )]
    pub interval: Interval,
    /// The test statistic (z, or t where `degrees_of_freedom` is set).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::statistic"))]
    pub statistic: f64,
    /// Degrees of freedom when the statistic is a t statistic; `None` for z.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::core::checked::degrees_of_freedom")
    )]
    pub degrees_of_freedom: Option<f64>,
    /// The two-sided p-value.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub p_value: f64,
    /// The samples compared: independent, paired, overlapping, or one against a target.
    pub samples: Samples,
    /// The method of the test (paired and overlapping tests are z-tests of the Wald type).
    pub method: Method,
}

impl Comparison {
    /// The test's name as tables print it: the samples, and the method where the samples leave a
    /// choice (paired and overlapping tests have one method).
    pub(crate) fn test_name(&self) -> String {
        match self.samples {
            Samples::Paired | Samples::Overlapping => self.samples.to_string(),
            _ => format!("{}, {}", self.samples, self.method),
        }
    }
}

impl fmt::Display for Comparison {
    /// `+50.0 [-26.2, +114.4] (95%), z = 1.27, p = 0.2037 (independent samples, adjusted Wald)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        let name = if self.degrees_of_freedom.is_some() { "t" } else { "z" };
        write!(
            f,
            "{:+.p$} {:.p$}, {name} = {:.2}, {} ({})",
            self.difference,
            self.interval,
            self.statistic,
            p_equals(self.p_value),
            self.test_name()
        )
    }
}

/// A z-based comparison: statistic center/SE, normal p-value, interval center ± z·SE within ±200.
/// A zero standard error (both samples unanimous) gives an infinite statistic and p = 0 when the
/// centre is not 0, and statistic 0 with p = 1 when it is.
pub(crate) fn z_comparison(
    difference: f64,
    center: f64,
    std_error: f64,
    level: Confidence,
    samples: Samples,
    method: Method,
) -> Comparison {
    let statistic = if std_error > 0.0 {
        center / std_error
    } else if center == 0.0 {
        0.0
    } else {
        center.signum() * f64::INFINITY
    };
    Comparison {
        difference,
        std_error,
        interval: Interval::around(center, level.z() * std_error, level, 200.0),
        statistic,
        degrees_of_freedom: None,
        p_value: two_sided_p(statistic),
        samples,
        method,
    }
}
