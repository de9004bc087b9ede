//! The difference of two rates (for example promoters' renewal rate minus detractors'): its
//! interval and test.

use core::fmt;

use crate::core::Confidence;
use crate::core::text::p_equals;
use crate::error::{Error, Result};
use crate::inference::Interval;
use crate::inference::clustered::{cluster_totals, cluster_variance};
use crate::inference::wilson::wilson_bounds;
use crate::math::normal::two_sided_p;
use crate::math::t_tail::t_two_sided_p;

/// A difference of two rates, *other minus baseline*, as fractions (−1..=1), with its interval and
/// test.
///
/// For independent units ([`compare_rates`], `clusters` is `None`) the interval is Newcombe's hybrid
/// score interval, built from the two rates' [Wilson intervals](crate::inference::wilson_interval)
/// (Newcombe 1998, "Interval estimation for the difference between independent proportions:
/// comparison of eleven methods", *Statistics in Medicine* 17:873–890, method 10): with rates p₁
/// (other) and p₂ (baseline) and their Wilson bounds (l₁, u₁), (l₂, u₂),
///
/// ```text
/// [ d − √((p₁ − l₁)² + (u₂ − p₂)²),  d + √((u₁ − p₁)² + (p₂ − l₂)²) ]
/// ```
///
/// and the test is the pooled z-test (the χ² test of the 2×2 table, R's
/// `prop.test(c(k₁, k₂), c(n₁, n₂), correct = FALSE)`): z = d/√(p̄(1 − p̄)(1/n₁ + 1/n₂)) with the
/// pooled rate p̄.
///
/// When the units are contacts of accounts (`clusters` is the number of accounts) both come from
/// linearization with accounts as clusters: the values zₖ = 1{other}(yₖ − p₁)/n₁ − 1{baseline}(yₖ −
/// p₂)/n₂ summed per account, V = G/(G − 1)·Σ(Z_g − Z̄)², and d ± t_{G−1}·√V (R's `svyby` of the two
/// domain means on `svydesign(ids = ~account)` and `svycontrast` of their difference; Woodruff 1971).
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, inference::compare_rates};
///
/// // Detractor accounts: 9 of 20 renewed; promoter accounts: 17 of 20.
/// let diff = compare_rates((9, 20), (17, 20), Confidence::NINETY_FIVE)?;
/// assert!((diff.difference - 0.4).abs() < 1e-15); // promoters − detractors
/// assert!(diff.interval.lower > 0.0 && diff.p_value < 0.05);
/// println!("{diff}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RateDifference {
    /// Other minus baseline, a fraction in −1..=1.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::signed_share"))]
    pub difference: f64,
    /// The interval of the difference, within [−1, 1].
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::inference::interval::signed_unit_interval")
    )]
    pub interval: Interval,
    /// The z statistic (t with accounts as clusters); `None` when its standard error is 0 (with
    /// clusters, when the outcome is fully determined by the two groups).
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::core::checked::optional_statistic")
    )]
    pub statistic: Option<f64>,
    /// The degrees of freedom of a t statistic (accounts − 1); `None` for z.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::core::checked::degrees_of_freedom")
    )]
    pub degrees_of_freedom: Option<f64>,
    /// The two-sided p-value of "no difference".
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub p_value: f64,
    /// The number of accounts when contacts were the units with accounts as clusters; `None` for
    /// independent units.
    pub clusters: Option<u64>,
}

impl fmt::Display for RateDifference {
    /// `+40.0 points [+12.6, +60.6] (95%), z = 2.67, p = 0.0077 (Newcombe hybrid score, pooled z)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        let scaled = Interval {
            lower: 100.0 * self.interval.lower,
            upper: 100.0 * self.interval.upper,
            ..self.interval
        };
        write!(f, "{:+.p$} points {scaled:.p$}", 100.0 * self.difference)?;
        match (self.statistic, self.degrees_of_freedom) {
            (Some(t), Some(df)) => write!(f, ", t = {t:.2} ({df} df)")?,
            (Some(z), None) => write!(f, ", z = {z:.2}")?,
            (None, _) => {}
        }
        write!(f, ", {}", p_equals(self.p_value))?;
        match self.clusters {
            Some(accounts) => write!(f, " (linearized, {accounts} accounts as clusters)"),
            None => f.write_str(" (Newcombe hybrid score, pooled z)"),
        }
    }
}

/// The difference of two rates of independent units, `other − baseline`: Newcombe's hybrid score
/// interval and the pooled z-test (see [`RateDifference`]). Each rate is `(successes, trials)`.
///
/// # Errors
///
/// [`Error::EmptySample`] when a rate has no trials; [`Error::InvalidCount`] when it has more
/// successes than trials.
///
/// ```
/// use nps_stats::{Confidence, inference::compare_rates};
/// let same = compare_rates((5, 10), (10, 20), Confidence::NINETY_FIVE)?;
/// assert_eq!((same.difference, same.p_value), (0.0, 1.0));
/// assert!(compare_rates((1, 0), (1, 2), Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_rates(baseline: (u64, u64), other: (u64, u64), level: Confidence) -> Result<RateDifference> {
    for (successes, trials) in [baseline, other] {
        if trials == 0 {
            return Err(Error::EmptySample { what: "a rate to compare" });
        }
        if successes > trials {
            return Err(Error::InvalidCount {
                name: "successes",
                value: successes,
                expected: "at most the number of trials",
            });
        }
    }
    let rate = |(k, n): (u64, u64)| k as f64 / n as f64;
    let (p1, p2) = (rate(other), rate(baseline));
    let (n1, n2) = (other.1 as f64, baseline.1 as f64);
    let z = level.z();
    let (l1, u1) = wilson_bounds(p1, n1, z);
    let (l2, u2) = wilson_bounds(p2, n2, z);
    let difference = p1 - p2;
    let lower = difference - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let upper = difference + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    let pooled = (other.0 + baseline.0) as f64 / (n1 + n2);
    let std_error = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    // A pooled rate of 0 or 1 means both rates are equal (and the difference 0): no evidence.
    let statistic = if std_error > 0.0 { difference / std_error } else { 0.0 };
    Ok(RateDifference {
        difference,
        interval: Interval::within(lower, upper, level, -1.0, 1.0),
        statistic: Some(statistic),
        degrees_of_freedom: None,
        p_value: two_sided_p(statistic),
        clusters: None,
    })
}

/// Which of the two rates a unit counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Baseline,
    Other,
    Neither,
}

/// One unit of a clustered rate comparison: its cluster, the rate it counts in, and its outcome.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RateUnit {
    pub(crate) cluster: usize,
    pub(crate) side: Side,
    pub(crate) event: bool,
}

/// `other − baseline` with accounts as clusters (`clusters` ≥ 2 cluster indices, every unit's below
/// it): the linearized variance and a t interval with `clusters − 1` degrees of freedom.
pub(crate) fn compare_rates_clustered(
    units: &[RateUnit],
    clusters: usize,
    level: Confidence,
) -> Result<RateDifference> {
    if clusters < 2 {
        return Err(Error::TooFewForVariance { what: "accounts", found: clusters as u64 });
    }
    let count = |side: Side| {
        let (mut n, mut k) = (0u64, 0u64);
        for unit in units.iter().filter(|u| u.side == side) {
            n += 1;
            k += u64::from(unit.event);
        }
        (k, n)
    };
    let (k1, n1) = count(Side::Other);
    let (k2, n2) = count(Side::Baseline);
    if n1 == 0 || n2 == 0 {
        return Err(Error::EmptySample { what: "a rate to compare" });
    }
    let (n1, n2) = (n1 as f64, n2 as f64);
    let (p1, p2) = (k1 as f64 / n1, k2 as f64 / n2);
    let values = units.iter().map(|unit| {
        let y = f64::from(u8::from(unit.event));
        let z = match unit.side {
            Side::Other => (y - p1) / n1,
            Side::Baseline => -(y - p2) / n2,
            Side::Neither => 0.0,
        };
        (unit.cluster, z)
    });
    let std_error = cluster_variance(&cluster_totals(values, clusters)).max(0.0).sqrt();
    let difference = p1 - p2;
    let df = (clusters - 1) as f64;
    let half_width = level.t(df)? * std_error;
    let (statistic, p_value) = if std_error > 0.0 {
        let t = difference / std_error;
        (Some(t), t_two_sided_p(t, df))
    } else {
        (None, if difference == 0.0 { 1.0 } else { 0.0 })
    };
    Ok(RateDifference {
        difference,
        interval: Interval::within(difference - half_width, difference + half_width, level, -1.0, 1.0),
        statistic,
        degrees_of_freedom: Some(df),
        p_value,
        clusters: Some(clusters as u64),
    })
}
