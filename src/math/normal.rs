//! The standard normal distribution: quantiles and tail probabilities.

use statrs::distribution::{ContinuousCDF, Normal};

/// The standard normal distribution.
pub(crate) fn standard_normal() -> Normal {
    // Mean 0 and standard deviation 1 are always valid parameters.
    Normal::standard()
}

/// Φ⁻¹(p) for p in (0, 1); ∓∞ at and beyond the ends.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        f64::NEG_INFINITY
    } else if p >= 1.0 {
        f64::INFINITY
    } else {
        standard_normal().inverse_cdf(p)
    }
}

/// The two-sided p-value of a standard normal statistic, 2·(1 − Φ(|z|)), computed from the upper
/// tail so that tiny p-values keep their precision.
pub(crate) fn two_sided_p(z: f64) -> f64 {
    if z.is_nan() {
        return 1.0;
    }
    (2.0 * standard_normal().sf(z.abs())).min(1.0)
}
