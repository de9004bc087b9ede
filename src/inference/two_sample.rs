//! Two independent samples: the difference of their NPS values, tested by method.

use crate::core::Confidence;
use crate::error::{Error, Result};
use crate::inference::Comparison;
use crate::inference::Method;
use crate::inference::Test;
use crate::inference::comparison::z_comparison;
use crate::tally::Tally;

/// Compares the NPS of two independent samples (different respondents: two segments, or two periods
/// with fresh samples). The difference is NPS(`first`) − NPS(`second`).
///
/// - [`Method::Wald`]: the unpooled z-test, SE = √(σ₁²/n₁ + σ₂²/n₂) — Rocks' `nps.test` in the R
///   package `NPS`.
/// - [`Method::AdjustedWald`] (recommended): the same on each sample's adjusted counts
///   (P + ¾, A + 1½, D + ¾, n + 3), as in MeasuringU's "three significance tests" comparison and
///   Rocks' development package (`nps_test_`).
/// - [`Method::Score`]: the MOVER interval (Newcombe 1998 method 10, Zou & Donner 2008) of the two
///   Tango score intervals; the statistic and p-value are those of the level at which the
///   interval just reaches 0, and the standard error is the interval's half-width over z.
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
/// use nps_stats::{compare_independent, Confidence, Method, Tally};
/// let a = Tally::from_scores(&[10; 50].iter().chain(&[8; 30]).chain(&[0; 20]).copied().collect::<Vec<_>>())?;
/// let b = Tally::from_scores(&[10; 40].iter().chain(&[8; 30]).chain(&[0; 30]).copied().collect::<Vec<_>>())?;
/// let cmp = compare_independent(&a, &b, Method::Wald, Confidence::NINETY_FIVE)?;
/// assert!((cmp.difference - 20.0).abs() < 1e-12);
/// assert!((cmp.p_value - 0.079_410_626).abs() < 1e-8);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_independent(
    first: &Tally,
    second: &Tally,
    method: Method,
    level: Confidence,
) -> Result<Comparison> {
    if first.scale() != second.scale() {
        return Err(Error::ScaleMismatch { left: first.scale(), right: second.scale() });
    }
    let nps_first = first.nps().ok_or(Error::EmptySample { what: "the first sample" })?;
    let nps_second = second.nps().ok_or(Error::EmptySample { what: "the second sample" })?;
    let (a, b, test) = match method {
        Method::Wald => {
            (crate::inference::wald::wald(first), crate::inference::wald::wald(second), Test::IndependentWald)
        }
        Method::AdjustedWald => (
            crate::inference::wald::adjusted_wald(first),
            crate::inference::wald::adjusted_wald(second),
            Test::IndependentAdjustedWald,
        ),
        Method::Score => return Ok(crate::inference::tango::compare_independent(first, second, level)),
        Method::Bootstrap { resamples, seed, interval } => {
            return crate::inference::bootstrap::compare_independent(
                first, second, resamples, seed, interval, level,
            );
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
    Ok(z_comparison(nps_first - nps_second, center, std_error, level, test))
}
