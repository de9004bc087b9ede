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
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::finite"))]
    pub slope: f64,
    /// Its standard error, in points per period.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub std_error: f64,
    /// The interval of the slope.
    pub interval: Interval,
    /// The z statistic, slope / SE.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::finite"))]
    pub statistic: f64,
    /// The two-sided p-value of the test that the slope is 0.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
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
/// The slope is a weighted average of the slopes between pairs of points, so it lies within
/// ±200 points over the smallest gap between x values; the interval is clipped to that range
/// (±200 points per period for whole-number periods).
///
/// The sums are formed with the weights divided by the largest and x as its distance from the
/// smallest x over a power of two (neither changes the slope), so that standard errors from 10⁻³⁰⁰
/// to 10³⁰⁰ and x anywhere in `f64`, even a few ulps apart, neither overflow nor lose their digits.
///
/// # Errors
///
/// [`Error::InvalidParameter`] when an x is not finite, a y is not an NPS (−100..=100 points), a
/// standard error is not finite and greater than 0, fewer than two distinct x values are given,
/// or the points are so extreme (x values 10⁻³⁰⁰ apart, standard errors near 10⁻³⁰⁰) that the
/// slope, its standard error or its statistic would not be a finite `f64`.
///
/// ```
/// use nps_stats::{Confidence, inference::weighted_slope};
/// // A precise point counts more: the line follows the points with small SE.
/// let slope = weighted_slope(&[(0.0, 0.0, 1.0), (1.0, 10.0, 1.0), (2.0, 0.0, 100.0)], Confidence::NINETY_FIVE)?;
/// assert!(slope.slope > 9.9);
/// assert!(weighted_slope(&[(0.0, 1.0, 1.0), (0.0, 2.0, 1.0)], Confidence::NINETY_FIVE).is_err());
/// assert!(weighted_slope(&[(0.0, 1.0, 0.0), (1.0, 2.0, 1.0)], Confidence::NINETY_FIVE).is_err());
/// assert!(weighted_slope(&[(0.0, -1e308, 1.0), (1.0, 1e308, 1.0)], Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn weighted_slope(points: &[(f64, f64, f64)], level: Confidence) -> Result<Slope> {
    for &(x, y, se) in points {
        if !x.is_finite() {
            return Err(Error::InvalidParameter { name: "x", value: x, expected: "a finite number" });
        }
        if !(-100.0..=100.0).contains(&y) {
            return Err(Error::InvalidParameter {
                name: "y",
                value: y,
                expected: "an NPS in points, from -100 to 100",
            });
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
    // Distances from the smallest x, halved so that they stay finite for any two finite x (and
    // exact when the x values are close: Sterbenz), then over a power of two (exact) near the
    // largest: u = (x − x₀)/(2·scale) lies in [0, 2). Centring on a data point keeps the digits
    // of x values that differ in their last bits, where x/scale − x̄ would cancel them away.
    let origin = xs.first().copied().unwrap_or(0.0);
    let half_distance = |x: f64| x / 2.0 - origin / 2.0;
    // The slope can be at most 200 points over the smallest gap (∞ when that overflows).
    let smallest_half_gap = xs
        .windows(2)
        .map(|pair| match pair {
            [a, b] => half_distance(*b) - half_distance(*a),
            _ => f64::INFINITY,
        })
        .fold(f64::INFINITY, f64::min);
    let range = 100.0 / smallest_half_gap;
    // Relative weights (the largest is 1) and distances over a power of two, so that no sum
    // overflows or underflows; neither rescaling changes the slope.
    let smallest_se = points.iter().map(|&(_, _, se)| se).fold(f64::INFINITY, f64::min);
    let largest = xs.last().map_or(0.0, |&x| half_distance(x));
    // The power of two at or below the largest distance (its exponent bits alone).
    let x_scale = if largest >= f64::MIN_POSITIVE {
        f64::from_bits(largest.to_bits() & 0xfff0_0000_0000_0000)
    } else {
        1.0
    };
    let position = |x: f64| half_distance(x) / x_scale;
    let weight = |se: f64| (smallest_se / se).powi(2);
    let total: f64 = points.iter().map(|&(_, _, se)| weight(se)).sum();
    let x_mean = points.iter().map(|&(x, _, se)| weight(se) * position(x)).sum::<f64>() / total;
    let y_mean = points.iter().map(|&(_, y, se)| weight(se) * y).sum::<f64>() / total;
    let sxx: f64 = points.iter().map(|&(x, _, se)| weight(se) * (position(x) - x_mean).powi(2)).sum();
    let sxy: f64 = points.iter().map(|&(x, y, se)| weight(se) * (position(x) - x_mean) * (y - y_mean)).sum();
    let too_extreme = |value: f64| Error::InvalidParameter {
        name: "weighted spread of x",
        value,
        expected: "x values far enough apart, where the weights are, for a finite slope, standard error \
                   and statistic (x values or standard errors too extreme)",
    };
    if !(sxx > 0.0 && sxx.is_finite()) {
        return Err(too_extreme(sxx));
    }
    // u = (x − x₀)/(2·scale): a slope in u is 2·scale times the slope in x.
    let slope = sxy / sxx / x_scale / 2.0;
    let std_error = smallest_se / sxx.sqrt() / x_scale / 2.0;
    let statistic = sxy / sxx.sqrt() / smallest_se;
    if !(slope.is_finite() && std_error.is_finite() && std_error > 0.0 && statistic.is_finite()) {
        return Err(too_extreme(sxx));
    }
    let half_width = level.z() * std_error;
    Ok(Slope {
        slope,
        std_error,
        interval: Interval::around(slope, half_width, level, range.min(f64::MAX)),
        statistic,
        p_value: two_sided_p(statistic),
        points: points.len(),
    })
}
