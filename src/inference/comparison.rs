//! Tests of a difference between two NPS values.

use core::fmt;

use crate::core::Confidence;
use crate::inference::{BootstrapInterval, Interval};
use crate::math::normal::two_sided_p;

/// Which test produced a [`Comparison`].
///
/// `#[non_exhaustive]`: tests can be added in a minor release.
///
/// ```
/// assert_eq!(nps_stats::Test::IndependentWald.to_string(), "independent samples, Wald");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Test {
    /// Two independent samples, unpooled Wald z-test.
    IndependentWald,
    /// Two independent samples, z-test on Rocks' adjusted counts of both samples.
    IndependentAdjustedWald,
    /// The same units (respondents or accounts) in both samples: z-test on the per-unit differences
    /// (METHODS §5.2; only units whose answer changed contribute, as in McNemar's test).
    Paired,
    /// Samples that share some units: the linearized (influence-function) variance with units as
    /// clusters, which reduces to the paired test for a full panel and to the independent Wald test for
    /// disjoint samples.
    PartialOverlap,
    /// Two independent samples, the MOVER (square-and-add) interval of Tango's score intervals,
    /// with the p-value of its inversion.
    IndependentScore,
    /// Two independent samples, each resampled on its own; the p-value inverts the interval.
    IndependentBootstrap {
        /// How the interval was read from the resamples.
        interval: BootstrapInterval,
    },
    /// One sample against a fixed target, Wald z-test.
    TargetWald,
    /// One sample against a fixed target, z-test on Rocks' adjusted counts.
    TargetAdjustedWald,
    /// One sample against a fixed target, Tango's score test.
    TargetScore,
    /// One sample against a fixed target, Bayesian: the p-value is the two-sided posterior tail
    /// probability 2·min(P(NPS < target), P(NPS > target)).
    TargetBayesian,
    /// One sample against a fixed target, bootstrap; the p-value inverts the interval.
    TargetBootstrap {
        /// How the interval was read from the resamples.
        interval: BootstrapInterval,
    },
}

impl fmt::Display for Test {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Test::IndependentWald => "independent samples, Wald",
            Test::IndependentAdjustedWald => "independent samples, adjusted Wald",
            Test::Paired => "paired samples, per-unit differences",
            Test::PartialOverlap => "partially overlapping samples, linearized",
            Test::IndependentScore => "independent samples, score (MOVER)",
            Test::IndependentBootstrap { interval } => {
                return f.pad(&format!("independent samples, bootstrap {interval}"));
            }
            Test::TargetWald => "against a target, Wald",
            Test::TargetAdjustedWald => "against a target, adjusted Wald",
            Test::TargetScore => "against a target, score (Tango)",
            Test::TargetBayesian => "against a target, Bayesian",
            Test::TargetBootstrap { interval } => {
                return f.pad(&format!("against a target, bootstrap {interval}"));
            }
        })
    }
}

/// The result of a test of an NPS difference: the difference, its interval, the test statistic and
/// the two-sided p-value.
///
/// `difference` is always the observed difference in points, unrounded. `statistic`, `p_value`,
/// `std_error` and `interval` are those of `test`; for the adjusted Wald test they are centred on the
/// difference of the adjusted NPS values.
///
/// # Examples
///
/// ```
/// use nps_stats::{compare_independent, Confidence, Method, Tally};
///
/// let this_quarter = Tally::from_scores(&[10, 10, 9, 9, 8, 7, 6, 3])?;
/// let last_quarter = Tally::from_scores(&[10, 9, 8, 7, 6, 5, 3, 2])?;
/// let cmp = compare_independent(&this_quarter, &last_quarter, Method::AdjustedWald, Confidence::NINETY_FIVE)?;
/// assert_eq!(cmp.difference, 50.0);
/// assert!(cmp.p_value > 0.05); // eight answers each: not enough to tell
/// println!("{cmp}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Comparison {
    /// The observed difference in points (first − second, or estimate − target).
    pub difference: f64,
    /// The standard error of the difference in points, as the test defines it.
    pub std_error: f64,
    /// The interval of the difference.
    pub interval: Interval,
    /// The test statistic (z, or t where `degrees_of_freedom` is set).
    pub statistic: f64,
    /// Degrees of freedom when the statistic is a t statistic; `None` for z.
    pub degrees_of_freedom: Option<f64>,
    /// The two-sided p-value.
    pub p_value: f64,
    /// The test used.
    pub test: Test,
}

impl fmt::Display for Comparison {
    /// `+50.0 [-26.2, +114.4] (95%), z = 1.27, p = 0.2037 (independent samples, adjusted Wald)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        let name = if self.degrees_of_freedom.is_some() { "t" } else { "z" };
        write!(
            f,
            "{:+.p$} {:.p$}, {name} = {:.2}, p = {:.4} ({})",
            self.difference, self.interval, self.statistic, self.p_value, self.test
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
    test: Test,
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
        test,
    }
}
