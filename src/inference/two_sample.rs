//! Two independent samples: the difference of their NPS values, tested by method.

use crate::core::Confidence;
use crate::error::{Error, Result};
use crate::inference::comparison::{Samples, z_comparison};
use crate::inference::wald::{adjusted_wald, wald};
use crate::inference::{Comparison, Method};
use crate::tally::Tally;

/// Compares the NPS of two independent samples (different respondents: two periods with fresh
/// samples, or two segments), `before` and `after`. The difference is NPS(`after`) − NPS(`before`):
/// later minus earlier, as everywhere in the crate (for two segments, pass the baseline first).
///
/// - [`Method::Wald`]: the unpooled z-test, SE = √(σ₁²/n₁ + σ₂²/n₂) — Rocks' `nps.test` in the R
///   package `NPS`.
/// - [`Method::AdjustedWald`] (recommended): the same on each sample's adjusted counts
///   (P + ¾, A + 1½, D + ¾, n + 3), as in MeasuringU's "three significance tests" comparison and
///   Rocks' development package (`nps_test_`).
/// - [`Method::Score`]: the MOVER interval (Newcombe 1998 method 10, Zou & Donner 2008) of the two
///   Tango score intervals; the statistic and p-value are those of the level at which the
///   interval just reaches 0, and the standard error is the interval's half-width over z (measured
///   at z = 10⁻³ for levels below 0.08 %, where the interval is narrower than its bounds' tolerance).
/// - [`Method::Bootstrap`]: each sample resampled on its own from the same seeded generator;
///   percentile or BCa interval of the difference, p-value by inverting it (the α at which 0 is
///   on the bound), standard error the standard deviation of the resampled differences.
/// - [`Method::Bayesian`] is not offered: the posterior of a difference needs a two-dimensional
///   integral. It returns [`Error::UnsupportedMethod`].
///
/// For the same respondents measured twice use a paired comparison instead: treating a panel as two
/// independent samples ignores the correlation and usually understates the evidence.
///
/// # Errors
///
/// [`Error::EmptySample`] when either sample is empty; [`Error::ScaleMismatch`] when the scales
/// differ; [`Error::UnsupportedMethod`] for [`Method::Bayesian`]; for [`Method::Bootstrap`] the
/// resample errors of [`Tally::estimate`].
///
/// ```
/// use nps_stats::inference::compare_independent;
/// use nps_stats::{Confidence, Method, Tally};
/// let before = Tally::from_counts(40, 30, 30)?; // NPS +10
/// let after = Tally::from_counts(50, 30, 20)?;  // NPS +30
/// let cmp = compare_independent(&before, &after, Method::Wald, Confidence::NINETY_FIVE)?;
/// assert!((cmp.difference - 20.0).abs() < 1e-12);
/// assert!((cmp.p_value - 0.079_410_626).abs() < 1e-8);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_independent(
    before: &Tally,
    after: &Tally,
    method: Method,
    level: Confidence,
) -> Result<Comparison> {
    if before.scale() != after.scale() {
        return Err(Error::ScaleMismatch { left: before.scale(), right: after.scale() });
    }
    let nps_before = before.nps().ok_or(Error::EmptySample { what: "the sample before" })?;
    let nps_after = after.nps().ok_or(Error::EmptySample { what: "the sample after" })?;
    let (a, b) = match method {
        Method::Wald => (wald(after), wald(before)),
        Method::AdjustedWald => (adjusted_wald(after), adjusted_wald(before)),
        Method::Score => return Ok(crate::inference::tango::two_sample(after, before, level)),
        Method::Bootstrap { resamples, seed, interval } => {
            return crate::inference::bootstrap::two_sample(after, before, resamples, seed, interval, level);
        }
        Method::Bayesian { .. } => {
            return Err(Error::UnsupportedMethod {
                method: "Bayesian",
                analysis: "two independent samples",
                expected: "Wald, adjusted Wald, score or bootstrap",
            });
        }
    };
    let center = 100.0 * (a.center - b.center);
    let std_error = 100.0 * a.std_error.hypot(b.std_error);
    Ok(z_comparison(nps_after - nps_before, center, std_error, level, Samples::Independent, method))
}
