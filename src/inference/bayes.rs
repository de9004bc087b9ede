//! The Dirichlet posterior of the NPS: exact CDF, equal-tailed credible interval, tail probability.
//!
//! With a Dirichlet(αP, αA, αD) prior on the promoter, passive and detractor shares, the posterior
//! after P, A, D answers is Dirichlet(aP, aA, aD) = (P + αP, A + αA, D + αD), and the NPS is
//! θP − θD. Its moments are closed-form (Dirichlet moments, e.g. Kotz, Balakrishnan & Johnson
//! (2000), *Continuous Multivariate Distributions* vol. 1, ch. 49):
//!
//! - E[NPS] = (aP − aD)/a₀ with a₀ = aP + aA + aD;
//! - Var[NPS] = [(aP + aD)/a₀ − ((aP − aD)/a₀)²]/(a₀ + 1).
//!
//! The CDF needs one integral. S = θP + θD ~ Beta(aP + aD, aA) and B = θP/S ~ Beta(aP, aD) are
//! independent (the aggregation and neutrality properties of the Dirichlet), and NPS = S(2B − 1),
//! so
//!
//! F(d) = P(NPS ≤ d) = ∫₀¹ I_{(1 + d/s)/2}(aP, aD) · Beta(s; aP + aD, aA) ds,
//!
//! with I clipped to [0, 1]. For d > 0 the integrand's first factor is 1 for s ≤ d, so
//! F(d) = P(S ≤ d) + ∫_d^1 …; for d < 0 it is 0 for s ≤ −d. The remaining integral is smooth
//! inside (|d|, 1) and is computed by tanh-sinh quadrature, which also copes with a pole of the
//! Beta density at s = |d| → 0. A pole at s = 1 (aA ≤ 1) can hold its mass closer to 1 than
//! `f64` resolves when aA is small, so there the quadrature stops 10⁻¹⁴ short of 1 and the
//! remaining P(S > 1 − 10⁻¹⁴) is added times the first factor at s = 1. For large samples the
//! density is a narrow spike, so the integral is taken over the central range that holds all
//! but 10⁻¹⁸ of S's mass on each side, and separately over the two tails of S outside it: where
//! the NPS is far in its own tail, the first factor can be larger there by more than 10¹⁸ (a
//! sample of 100 with NPS 0 has P(NPS > 0.99) = 2.9·10⁻¹²², all of it where S > 0.99).
//! Upper tails are computed as lower tails of the mirrored posterior (−NPS swaps aP and aD), so
//! small upper-tail probabilities keep their relative precision.
//!
//! From a₀ = 10¹⁰ answers on, the posterior is a normal distribution with the exact mean and
//! variance to within the promised accuracy, and is used as such: the difference to the exact
//! quantiles falls like 1/a₀ and is at most 1.4·10⁻⁵ at a₀ = 10⁶ (measured over extreme shares
//! and levels up to 99.9999 %), so below 1.4·10⁻⁹ (10⁻⁷ points) from 10¹⁰ on. This also bounds
//! the cost, which otherwise grows slowly with n (the incomplete beta's continued fraction needs
//! about √a terms near the mean).

use crate::core::{Confidence, Points};
use crate::error::{Error, Result};
use crate::inference::wald::Spread;
use crate::inference::{Interval, Prior};
use crate::math::incomplete_beta::{beta_cdf, beta_pdf, ln_beta};
use crate::math::normal::{cdf, normal_quantile};
use crate::math::quadrature::tanh_sinh;
use crate::math::root::brent;
use crate::tally::Tally;

/// Mass of S left outside the integration range on each side.
const TAIL_MASS: f64 = 1e-18;

/// Where the passive shape aA ≤ 1 puts a pole at s = 1, the quadrature stops this far from it
/// and the rest of the mass is added in closed form.
const POLE_GAP: f64 = 1e-14;

/// Tolerance of one CDF integral: absolute, and relative to its value so that tail
/// probabilities (a 99.9999 % interval needs 5·10⁻⁷) keep their precision. It applies to the
/// difference between successive tanh-sinh levels, which overstates the error of the finer level
/// (that has about twice as many correct digits).
const CDF_TOLERANCE: f64 = 1e-11;
const CDF_RELATIVE_TOLERANCE: f64 = 1e-9;

/// From this many answers (plus prior weight) on, the posterior is treated as normal.
const NORMAL_FROM: f64 = 1e10;

/// Absolute tolerance of a quantile on the −1..=1 scale (10⁻⁹ NPS points).
const QUANTILE_TOLERANCE: f64 = 1e-11;

/// The Dirichlet posterior parameters (aP, aA, aD), all > 0 and finite, with the integration
/// range of S = θP + θD (the same for the mirrored posterior).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Posterior {
    promoters: f64,
    passives: f64,
    detractors: f64,
    lo: f64,
    hi: f64,
}

impl Posterior {
    /// The posterior after `promoters`, `passives` and `detractors` answers under a
    /// Dirichlet(`prior`) prior (all prior parameters > 0).
    pub(crate) fn new(counts: [u64; 3], prior: [f64; 3]) -> Posterior {
        let [p, a, d] = counts;
        let (promoters, passives, detractors) =
            (p as f64 + prior[0], a as f64 + prior[1], d as f64 + prior[2]);
        let (lo, hi) = if promoters + passives + detractors >= NORMAL_FROM {
            (0.0, 1.0) // not used by the normal approximation
        } else {
            mass_range(promoters + detractors, passives)
        };
        Posterior { promoters, passives, detractors, lo, hi }
    }

    /// Whether the posterior is treated as normal ([`NORMAL_FROM`]).
    fn is_normal(self) -> bool {
        self.total() >= NORMAL_FROM
    }

    /// The posterior of −NPS: promoters and detractors swapped.
    fn mirrored(self) -> Posterior {
        Posterior { promoters: self.detractors, detractors: self.promoters, ..self }
    }

    fn total(self) -> f64 {
        self.promoters + self.passives + self.detractors
    }

    /// E[NPS], on −1..=1.
    pub(crate) fn mean(self) -> f64 {
        (self.promoters - self.detractors) / self.total()
    }

    /// Var[NPS], on the −1..=1 scale.
    pub(crate) fn variance(self) -> f64 {
        let total = self.total();
        let mean = self.mean();
        ((self.promoters + self.detractors) / total - mean * mean).max(0.0) / (total + 1.0)
    }

    /// P(NPS ≤ d).
    pub(crate) fn cdf(self, d: f64) -> f64 {
        if d <= -1.0 {
            return 0.0;
        }
        if d >= 1.0 {
            return 1.0;
        }
        if self.is_normal() {
            let sd = self.variance().sqrt();
            if sd == 0.0 {
                return if d >= self.mean() { 1.0 } else { 0.0 };
            }
            return cdf((d - self.mean()) / sd);
        }
        let (a_p, a_d) = (self.promoters, self.detractors);
        if d == 0.0 {
            // (1 + 0/s)/2 = ½ for every s.
            return beta_cdf(a_p, a_d, 0.5, 0.5);
        }
        let (shape_s, shape_rest) = (a_p + a_d, self.passives);
        let cut = d.abs();
        // P(S ≤ d) for d > 0: there the promoters alone exceed d whatever B is.
        let mut total = if d > 0.0 { beta_cdf(shape_s, shape_rest, cut, 1.0 - cut) } else { 0.0 };
        // Where B ≤ (1 + d/s)/2, i.e. x = (s + d)/(2s), 1 − x = (s − d)/(2s).
        let inner = |s: f64, above_cut: f64| {
            let share = above_cut / (2.0 * s);
            if d > 0.0 {
                beta_cdf(a_p, a_d, 1.0 - share, share)
            } else {
                beta_cdf(a_p, a_d, share, 1.0 - share)
            }
        };
        // ∫ over [from, to] ⊂ [cut, 1] of the first factor times S's density.
        let piece = |start: f64, to: f64, absolute: f64, relative: f64| {
            // Where S's density has a pole at 0 (a = aP + aD < 1) and the piece starts above 0 but
            // near it (a target close to 0), its mass spreads evenly over the orders of magnitude
            // of s down to the start, which a rule in s resolves badly, and the density overflows
            // at nodes near a start below about 10⁻³⁰⁰. So the stretch up to where (1 − s)^(b−1)
            // starts to fall (s = ½/max(b, 1)) is integrated in u = sᵃ, where s^(a−1) ds = du/a
            // and the integrand is bounded and smooth.
            let split = if shape_s < 1.0 { to.min(0.5 / shape_rest.max(1.0)) } else { start };
            let mut value = 0.0;
            let mut from = start;
            if from < split {
                let scale = (-ln_beta(shape_s, shape_rest) - shape_s.ln()).exp();
                let near_pole = |u: f64, _: f64, _: f64| {
                    let s = u.powf(1.0 / shape_s);
                    let g = inner(s, s - cut);
                    if g == 0.0 { 0.0 } else { g * ((shape_rest - 1.0) * (-s).ln_1p()).exp() * scale }
                };
                value +=
                    tanh_sinh(near_pole, from.powf(shape_s), split.powf(shape_s), absolute, relative).value;
                from = split;
            }
            if from < to {
                let integrand = |s: f64, from_start: f64, to_end: f64| {
                    // s − |d| exactly when the range starts at |d|, and 1 − s from the upper end.
                    let above_cut = if from == cut { from_start } else { s - cut };
                    let one_minus_s = if s > 0.5 { (1.0 - to) + to_end } else { 1.0 - s };
                    let g = inner(s, above_cut);
                    if g == 0.0 { 0.0 } else { g * beta_pdf(shape_s, shape_rest, s, one_minus_s) }
                };
                value += tanh_sinh(integrand, from, to, absolute, relative).value;
            }
            value
        };
        // The bulk [lo, hi] first. The tails of S outside it hold at most 10⁻¹⁸ of its mass, but
        // where the first factor is far larger there than in the bulk (the NPS far in a tail) they
        // can hold most of the integral, so they are integrated too, to 10⁻⁹ of the total (or of
        // themselves when the bulk contributes nothing).
        let (lo, hi) = (self.lo, self.hi);
        let bulk_from = cut.max(lo);
        if bulk_from < hi {
            total += piece(bulk_from, hi, CDF_TOLERANCE, CDF_RELATIVE_TOLERANCE);
        }
        let (absolute, relative) = if total > 0.0 {
            (CDF_RELATIVE_TOLERANCE * total, f64::INFINITY)
        } else {
            (CDF_TOLERANCE, CDF_RELATIVE_TOLERANCE)
        };
        if cut < lo {
            total += piece(cut, lo, absolute, relative);
        }
        if shape_rest > 1.0 {
            let from = cut.max(hi);
            if from < 1.0 {
                total += piece(from, 1.0, absolute, relative);
            }
        } else {
            // The pole at s = 1 (aA ≤ 1): the last stretch above `hi` = 1 − POLE_GAP holds
            // P(S > hi), over which the first factor moves by at most POLE_GAP·sup|∂g/∂s|.
            let from = cut.max(hi);
            total += inner(1.0, 1.0 - cut) * beta_cdf(shape_rest, shape_s, 1.0 - from, from);
        }
        total.clamp(0.0, 1.0)
    }

    /// P(NPS > d), from the mirrored posterior's lower tail.
    pub(crate) fn sf(self, d: f64) -> f64 {
        self.mirrored().cdf(-d)
    }

    /// The d with P(NPS ≤ d) = `probability`, for a probability in (0, ½].
    fn lower_quantile(self, probability: f64) -> f64 {
        if self.is_normal() {
            let quantile = normal_quantile(probability);
            return (self.mean() + quantile * self.variance().sqrt()).clamp(-1.0, 1.0);
        }
        let target = |d: f64| self.cdf(d) - probability;
        // Start from a bracket of ten posterior SDs around the mean; widen to the full range
        // (where F is exactly 0 and 1) when it does not hold the root.
        let (mean, sd) = (self.mean(), self.variance().sqrt());
        let (mut lo, mut hi) = ((mean - 10.0 * sd).max(-1.0), (mean + 10.0 * sd).min(1.0));
        let (mut f_lo, mut f_hi) = (target(lo), target(hi));
        if f_lo > 0.0 {
            (lo, f_lo) = (-1.0, -probability);
        }
        if f_hi < 0.0 {
            (hi, f_hi) = (1.0, 1.0 - probability);
        }
        brent(target, lo, hi, f_lo, f_hi, QUANTILE_TOLERANCE, 200)
    }

    /// The equal-tailed interval holding `level` of the posterior mass, on −1..=1.
    pub(crate) fn equal_tailed(self, level: f64) -> (f64, f64) {
        let tail = 0.5 * (1.0 - level);
        if self.is_normal() {
            // Both bounds around the same mean: computed from each side's own mean, they could
            // cross by a rounding where the posterior is narrower than the spacing of doubles.
            let (mean, half_width) = (self.mean(), -normal_quantile(tail) * self.variance().sqrt());
            return ((mean - half_width).clamp(-1.0, 1.0), (mean + half_width).clamp(-1.0, 1.0));
        }
        let (lower, upper) = (self.lower_quantile(tail), -self.mirrored().lower_quantile(tail));
        // Each bound is found to within QUANTILE_TOLERANCE; a posterior narrower than that (a tiny
        // prior on a category without answers) can leave them crossed, and then both are the
        // same point to that tolerance.
        if lower <= upper { (lower, upper) } else { (0.5 * (lower + upper), 0.5 * (lower + upper)) }
    }
}

/// The central range [lo, hi] of S ~ Beta(`shape_s`, `shape_rest`) outside which it has at most
/// [`TAIL_MASS`] on each side. An end where the density does not vanish (shape ≤ 1) stays at 0, or
/// [`POLE_GAP`] below 1.
fn mass_range(shape_s: f64, shape_rest: f64) -> (f64, f64) {
    let lo = if shape_s > 1.0 { lower_tail_point(shape_s, shape_rest) } else { 0.0 };
    // 1 − S ~ Beta(aA, aP + aD).
    let hi = if shape_rest > 1.0 { 1.0 - lower_tail_point(shape_rest, shape_s) } else { 1.0 - POLE_GAP };
    (lo, hi)
}

/// A point x with P(X < x) ≤ [`TAIL_MASS`] for X ~ Beta(a, b), within 0.1 % of the exact
/// quantile (or below 10⁻³⁰⁰), by bisection; every step keeps the lower end valid.
fn lower_tail_point(a: f64, b: f64) -> f64 {
    let (mut below, mut above) = (0.0, 1.0);
    while above - below > 1e-3 * below && above > 1e-300 {
        let mid = 0.5 * (below + above);
        if beta_cdf(a, b, mid, 1.0 - mid) <= TAIL_MASS {
            below = mid;
        } else {
            above = mid;
        }
    }
    below
}

/// The posterior of a non-empty tally under `prior`.
fn posterior(tally: &Tally, prior: Prior) -> Posterior {
    Posterior::new([tally.promoters(), tally.passives(), tally.detractors()], prior.parameters())
}

/// The posterior mean and standard deviation, on −1..=1.
pub(crate) fn spread(tally: &Tally, prior: Prior) -> Spread {
    let posterior = posterior(tally, prior);
    Spread { center: posterior.mean(), std_error: posterior.variance().sqrt() }
}

/// The equal-tailed credible interval in points.
pub(crate) fn credible_interval(tally: &Tally, prior: Prior, level: Confidence) -> Interval {
    let (lower, upper) = posterior(tally, prior).equal_tailed(level.level());
    Interval::clipped(100.0 * lower, 100.0 * upper, level, 100.0)
}

/// P(NPS < t) and P(NPS > t) on −1..=1, each computed as a lower tail.
pub(crate) fn tails(tally: &Tally, prior: Prior, t: f64) -> (f64, f64) {
    let posterior = posterior(tally, prior);
    (posterior.cdf(t), posterior.sf(t))
}

impl Tally {
    /// The posterior probability that the true NPS is above `target` points, under a Dirichlet
    /// `prior` on the shares: "how sure are we that we are above +20?". Computed exactly like
    /// the [`Method::Bayesian`](crate::inference::Method::Bayesian) interval (to about 10⁻¹² absolute), as the
    /// lower tail of the mirrored posterior so that small probabilities keep their precision.
    ///
    /// This is a statement about the NPS given the data and the prior, not a p-value. The true
    /// NPS has a continuous posterior, so "above" and "at least" are the same.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] for an empty tally; [`Error::InvalidParameter`] when `target` is not
    /// a number from −100 to 100.
    ///
    /// # Examples
    ///
    /// ```
    /// use nps_stats::{Tally, inference::Prior};
    ///
    /// // 50 promoters, 30 passives, 20 detractors: NPS +30.
    /// let mut histogram = [0u64; 11];
    /// histogram[10] = 50;
    /// histogram[8] = 30;
    /// histogram[3] = 20;
    /// let tally = Tally::from_histogram(nps_stats::Scale::STANDARD, histogram)?;
    /// let p = tally.probability_above(20, Prior::UNIFORM)?;
    /// assert!((p - 0.880_749_580_386).abs() < 1e-9); // an 88 % chance that the NPS exceeds +20
    /// assert!(tally.probability_above(150, Prior::UNIFORM).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn probability_above(&self, target: impl Into<Points>, prior: Prior) -> Result<f64> {
        let target = target.into().value();
        if !(-100.0..=100.0).contains(&target) {
            return Err(Error::InvalidParameter {
                name: "target NPS",
                value: target,
                expected: "a number of points from -100 to 100",
            });
        }
        if self.is_empty() {
            return Err(Error::EmptySample { what: "the sample" });
        }
        Ok(posterior(self, prior).sf(target / 100.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_samples_use_the_normal_posterior() {
        // 2·10¹⁰ answers: mean (0.5 − 0.2)·n/(n + 3), SD √(0.61/n) ≈ 5.5·10⁻⁶.
        let n = 20_000_000_000u64;
        let posterior = Posterior::new([n / 2, 3 * n / 10, n / 5], [1.0, 1.0, 1.0]);
        assert!(posterior.is_normal());
        let (lower, upper) = posterior.equal_tailed(0.95);
        let (mean, sd) = (posterior.mean(), posterior.variance().sqrt());
        assert!((sd - (0.61f64 / n as f64).sqrt()).abs() < 1e-12);
        assert!((lower - (mean - 1.959_963_984_540_054 * sd)).abs() < 1e-13);
        assert!((upper - (mean + 1.959_963_984_540_054 * sd)).abs() < 1e-13);
        assert!((posterior.cdf(mean) - 0.5).abs() < 1e-12);
        assert!((posterior.sf(mean + 5.0 * sd) - 2.866_515_718_791_939e-7).abs() < 1e-16);
    }
}
