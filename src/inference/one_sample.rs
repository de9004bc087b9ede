//! Tests of one NPS against a fixed target or a published benchmark.

use crate::core::{Confidence, Points};
use crate::error::{Error, Result};
use crate::inference::comparison::{Comparison, Samples};
use crate::inference::{Interval, Method};
use crate::math::normal::{two_sided_p, upper_quantile};
use crate::tally::Tally;

/// Tests whether the true NPS of `tally` differs from a fixed `target` in [`Points`] (a goal such as
/// +20, or a published benchmark such as an industry average of −30: whole points convert on their
/// own, `Points::new(-12.5)?` otherwise). The difference is NPS − target; a positive statistic
/// means "above the target".
///
/// Each method gives the test that matches its interval, so that the p-value is below
/// 1 − `level` exactly when the interval of the difference excludes 0 (up to the discreteness
/// of the bootstrap):
///
/// - [`Method::Wald`]: z = (NPS − target)/SE with the plug-in SE √((p + d − (p − d)²)/n) (as in
///   Rocks' `nps.test` for one sample). A sample whose answers all agree has SE 0, so z is
///   infinite and p = 0 unless the NPS equals the target: use another method for such samples.
/// - [`Method::AdjustedWald`] (recommended for a decision): the same on Rocks' adjusted counts
///   (P + ¾, A + 1½, D + ¾, n + 3), centred on the adjusted NPS (P − D)/(n + 3).
/// - [`Method::Score`]: Tango's score test, z = T(target) with the variance at the
///   maximum-likelihood shares under NPS = target; `std_error` is that null standard error. A
///   target of ±100 that an answer contradicts has z = ∓∞ and p = 0 (the documented exception of
///   the crate's Guarantees).
/// - [`Method::Bayesian`]: the natural Bayesian answer is the posterior probability of being
///   above the target, [`Tally::probability_above`]. Here `p_value` is the two-sided posterior
///   tail probability 2·min(P(NPS < target), P(NPS > target)) and `statistic` is
///   Φ⁻¹(P(NPS > target)), so the pair reads like a z-test (where the smaller tail is below the
///   smallest `f64`, about 5·10⁻³²⁴, the statistic is the posterior z-score (mean − target)/SD,
///   at least 38.47 in magnitude, Φ⁻¹ of that smallest double, and p = 0); the interval is the
///   credible interval and `std_error` the posterior standard deviation. These are statements
///   about the NPS given the data and the prior, not frequentist error rates.
/// - [`Method::Bootstrap`]: the achieved significance level of the bootstrap interval (the α at
///   which the target is on its bound; Efron & Tibshirani 1993, §15.4), as a two-sided p-value
///   and the matching z; `std_error` is the standard deviation of the resampled NPS.
///
/// # Errors
///
/// [`Error::EmptySample`] for an empty tally; [`Error::InvalidParameter`] when `target` is not
/// from −100 to 100 points; the resample errors of [`Tally::estimate`] for the bootstrap.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Method, Tally, inference::compare_to_target};
///
/// // 40 accounts: 14 promoters, 12 passives, 14 detractors — NPS 0. Are we better than a
/// // benchmark of −30?
/// let mut scores = vec![9u8; 14];
/// scores.extend([7u8; 12]);
/// scores.extend([3u8; 14]);
/// let tally = Tally::from_scores(&scores)?;
/// let cmp = compare_to_target(&tally, -30, Method::AdjustedWald, Confidence::NINETY_FIVE)?;
/// assert_eq!(cmp.difference, 30.0);
/// assert!(cmp.statistic > 0.0 && cmp.p_value < 0.05);
/// assert!(cmp.interval.lower > 0.0); // the whole interval of NPS − (−30) is above 0
/// println!("{cmp}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_to_target(
    tally: &Tally,
    target: impl Into<Points>,
    method: Method,
    level: Confidence,
) -> Result<Comparison> {
    let target = target.into().value();
    if !(-100.0..=100.0).contains(&target) {
        return Err(Error::InvalidParameter {
            name: "target NPS",
            value: target,
            expected: "a number of points from -100 to 100",
        });
    }
    let nps = tally.nps().ok_or(Error::EmptySample { what: "the sample" })?;
    let t = target / 100.0;
    // The interval of the NPS (points), the standard error (points), the statistic, the p-value.
    let (interval, std_error, statistic, p_value) = match method {
        Method::Wald | Method::AdjustedWald => {
            let estimate = tally.estimate(method, level)?;
            let spread = if method == Method::Wald {
                crate::inference::wald::wald(tally)
            } else {
                crate::inference::wald::adjusted_wald(tally)
            };
            let statistic = z_of(spread.center - t, spread.std_error);
            (estimate.interval, estimate.std_error, statistic, two_sided_p(statistic))
        }
        Method::Score => {
            let data = crate::inference::tango::data(tally);
            let statistic = data.statistic(t);
            let null_se = (data.restricted_variance(t) / tally.total() as f64).sqrt();
            let interval = crate::inference::tango::interval(tally, level);
            (interval, 100.0 * null_se, statistic, two_sided_p(statistic))
        }
        Method::Bayesian { prior } => {
            let estimate = tally.estimate(method, level)?;
            let (below, above) = crate::inference::bayes::tails(tally, prior, t);
            let posterior = crate::inference::bayes::spread(tally, prior);
            let z_score = (posterior.center - t) / posterior.std_error;
            let statistic = bayes_statistic(below, above, z_score);
            let p_value = (2.0 * below.min(above)).min(1.0);
            (estimate.interval, estimate.std_error, statistic, p_value)
        }
        Method::Bootstrap { resamples, seed, interval } => {
            let (estimate, statistic) =
                crate::inference::bootstrap::against_target(tally, resamples, seed, interval, level, t)?;
            (estimate.interval, estimate.std_error, statistic, two_sided_p(statistic))
        }
    };
    Ok(Comparison {
        difference: nps - target,
        std_error,
        interval: Interval {
            lower: interval.lower - target,
            upper: interval.upper - target,
            level,
            clipped: interval.clipped,
        },
        statistic,
        degrees_of_freedom: None,
        p_value,
        samples: Samples::Target,
        method,
    })
}

/// The Bayesian test's statistic, Φ⁻¹(P(NPS > target)) from the smaller tail (which keeps its
/// precision). A tail below the smallest `f64` (5·10⁻³²⁴, |Φ⁻¹| ≈ 38.5) has no quantile left to
/// take; there the posterior z-score (mean − target)/sd, `z_score`, stands in, at least as far out
/// as the last quantile that exists, so that the statistic stays finite and grows with the evidence.
fn bayes_statistic(below: f64, above: f64, z_score: f64) -> f64 {
    let (tail, sign) = if above <= below { (above, -1.0) } else { (below, 1.0) };
    if tail > 0.0 {
        return sign * upper_quantile(tail);
    }
    let last = upper_quantile(f64::from_bits(1));
    let z = if z_score.is_finite() { z_score.abs() } else { last };
    sign * z.max(last)
}

/// difference/SE, with the conventions of [`crate::comparison`] for SE = 0.
fn z_of(difference: f64, std_error: f64) -> f64 {
    if std_error > 0.0 {
        difference / std_error
    } else if difference == 0.0 {
        0.0
    } else {
        difference.signum() * f64::INFINITY
    }
}
