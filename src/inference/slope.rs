//! A trend test over several periods: the inverse-variance weighted least-squares slope.

use core::fmt;

use crate::core::Confidence;
use crate::core::text::p_equals;
use crate::error::{Error, Result};
use crate::inference::Interval;
use crate::math::normal::two_sided_p;

/// The slope of a straight line through several periods' NPS values, in points per period, with its
/// interval and the test of "no trend" (slope 0).
///
/// Computed by [`weighted_slope`], and by a [`Trend`](crate::analysis::Trend) over separate periods.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, inference::weighted_slope};
///
/// // Four quarters rising 5 points each, every value known to ±4 points (SE).
/// let points = [(0.0, 20.0, 4.0), (1.0, 25.0, 4.0), (2.0, 30.0, 4.0), (3.0, 35.0, 4.0)];
/// let slope = weighted_slope(&points, Confidence::NINETY_FIVE)?;
/// assert!((slope.slope - 5.0).abs() < 1e-12);
/// // SE = 1/√(Σw(x − x̄)²) = 1/√(5/16) = 1.789.
/// assert!((slope.std_error - (16.0f64 / 5.0).sqrt()).abs() < 1e-12);
/// assert!(slope.p_value < 0.01);
/// println!("{slope}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Slope {
    /// The weighted least-squares slope in NPS points per period (per unit of x).
    pub slope: f64,
    /// Its standard error, in points per period.
    pub std_error: f64,
    /// The interval of the slope.
    pub interval: Interval,
    /// The z statistic, slope / SE.
    pub statistic: f64,
    /// The two-sided p-value of the test that the slope is 0.
    pub p_value: f64,
    /// The number of periods the line was fitted to.
    pub points: usize,
}

impl fmt::Display for Slope {
    /// `+5.0 points per period [+1.5, +8.5] (95%), z = 2.80, p = 0.0052 over 4 periods`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "{:+.p$} points per period {:.p$}, z = {:.2}, {} over {} periods",
            self.slope,
            self.interval,
            self.statistic,
            p_equals(self.p_value),
            self.points
        )
    }
}

/// The inverse-variance weighted least-squares slope of `(x, y, standard error)` points, with
/// known variances: weights wᵢ = 1/SEᵢ², x̄ = Σwx/Σw, ȳ = Σwy/Σw,
/// slope b = Σw(x − x̄)(y − ȳ) / Σw(x − x̄)², SE(b) = 1/√(Σw(x − x̄)²), z = b/SE(b),
/// p = 2(1 − Φ(|z|)), interval b ± z₁₋α/₂·SE(b).
///
/// This is the straight-line fit with individual measurement errors σᵢ (Press, Teukolsky,
/// Vetterling & Flannery, *Numerical Recipes*, 3rd ed. 2007, §15.2 "Fitting Data to a Straight
/// Line": σ_b² = S/Δ with S = Σ1/σᵢ², Δ = S·Sxx − Sx², which equals 1/Σw(x − x̄)²), the same as a
/// fixed-effect meta-regression on x. The variances are taken as known, so the statistic is z, not
/// t, and the scatter around the line is not used; a line that fits badly therefore gets no wider
/// interval, which makes this the test of a steady drift, not a model of every wiggle.
///
/// For NPS trends, x is the period's position (0, 1, 2, …), y the period's NPS in points and SE its
/// standard error; the periods must be separate samples (overlapping windows are not independent).
///
/// # Errors
///
/// [`Error::InvalidParameter`] when a value is not finite, a standard error is not greater than 0,
/// or fewer than two distinct x values are given.
///
/// ```
/// use nps_stats::{Confidence, inference::weighted_slope};
/// // A precise point counts more: the line follows the points with small SE.
/// let slope = weighted_slope(&[(0.0, 0.0, 1.0), (1.0, 10.0, 1.0), (2.0, 0.0, 100.0)], Confidence::NINETY_FIVE)?;
/// assert!(slope.slope > 9.9);
/// assert!(weighted_slope(&[(0.0, 1.0, 1.0), (0.0, 2.0, 1.0)], Confidence::NINETY_FIVE).is_err());
/// assert!(weighted_slope(&[(0.0, 1.0, 0.0), (1.0, 2.0, 1.0)], Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn weighted_slope(points: &[(f64, f64, f64)], level: Confidence) -> Result<Slope> {
    for &(x, y, se) in points {
        for (name, value) in [("x", x), ("y", y)] {
            if !value.is_finite() {
                return Err(Error::InvalidParameter { name, value, expected: "a finite number" });
            }
        }
        if !(se.is_finite() && se > 0.0) {
            return Err(Error::InvalidParameter {
                name: "standard error",
                value: se,
                expected: "a finite number greater than 0",
            });
        }
    }
    let mut xs: Vec<f64> = points.iter().map(|&(x, _, _)| x).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    if xs.len() < 2 {
        return Err(Error::InvalidParameter {
            name: "number of distinct x values",
            value: xs.len() as f64,
            expected: "at least 2",
        });
    }
    let weight = |se: f64| 1.0 / (se * se);
    let total: f64 = points.iter().map(|&(_, _, se)| weight(se)).sum();
    let x_mean = points.iter().map(|&(x, _, se)| weight(se) * x).sum::<f64>() / total;
    let y_mean = points.iter().map(|&(_, y, se)| weight(se) * y).sum::<f64>() / total;
    let sxx: f64 = points.iter().map(|&(x, _, se)| weight(se) * (x - x_mean).powi(2)).sum();
    let sxy: f64 = points.iter().map(|&(x, y, se)| weight(se) * (x - x_mean) * (y - y_mean)).sum();
    if !(sxx > 0.0 && sxx.is_finite() && sxy.is_finite()) {
        return Err(Error::InvalidParameter {
            name: "weighted spread of x",
            value: sxx,
            expected: "a finite number greater than 0 (x values and standard errors too extreme)",
        });
    }
    let slope = sxy / sxx;
    let std_error = 1.0 / sxx.sqrt();
    let statistic = slope / std_error;
    Ok(Slope {
        slope,
        std_error,
        interval: Interval::around(slope, level.z() * std_error, level, 200.0),
        statistic,
        p_value: two_sided_p(statistic),
        points: points.len(),
    })
}
