//! Tango's score interval for the NPS, and the MOVER interval for a difference built from it.
//!
//! Treat promoters and detractors as the two discordant cells of a paired 2×2 table; the NPS is
//! then the difference of the paired proportions, and Tango's (1998) score interval applies:
//! Tango, "Equivalence test and confidence interval for the difference in proportions for the
//! paired-sample design", *Statistics in Medicine* 17, 891–908. Rocks (2016) found this
//! "iterative score" interval one of the two best for the NPS; his R code
//! (`brendan-r/NPS`, `R/nps_interval_estimators.R`) and `ocbe-uio/contingencytables`
//! (`Tango_asymptotic_score_CI_paired_2x2.R`) use the same formulas:
//!
//! ```text
//! T(δ)   = (P − D − nδ) / √(n·[2·p̃D(δ) + δ(1 − δ)])
//! p̃D(δ) = [√(B² − 4AC) − B] / (2A),  A = 2n,  B = −P − D + (2n − P + D)·δ,  C = −D·δ(1 − δ)
//! ```
//!
//! p̃D(δ) is the maximum-likelihood detractor share under NPS = δ, and 2p̃D + δ(1 − δ) is the
//! per-answer variance p + d − (p − d)² at that restricted estimate, so this is the Wilson-type
//! score interval of the NPS: the set of δ with |T(δ)| ≤ z. Each bound is found by Brent's method
//! on atan T(δ) − atan(±z), which stays finite where T runs to ±∞ at δ = ±1. A sample of only
//! detractors has lower bound −1; one of only promoters has upper bound +1.

use crate::core::Confidence;
use crate::inference::Interval;
use crate::inference::Method;
use crate::inference::comparison::{Comparison, Samples};
use crate::math::normal::two_sided_p;
use crate::math::root::brent;
use crate::tally::Tally;

/// Tolerance of a bound on the −1..=1 scale (10⁻¹¹ NPS points).
const TOLERANCE: f64 = 1e-13;

/// Promoter and detractor counts out of n, on which the score statistic is defined.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ScoreData {
    promoters: f64,
    detractors: f64,
    n: f64,
}

impl ScoreData {
    pub(crate) fn new(promoters: u64, detractors: u64, n: u64) -> ScoreData {
        ScoreData { promoters: promoters as f64, detractors: detractors as f64, n: n as f64 }
    }

    /// The observed NPS on −1..=1.
    fn nps(self) -> f64 {
        (self.promoters - self.detractors) / self.n
    }

    /// The per-answer variance 2·p̃D(δ) + δ(1 − δ) at the restricted maximum-likelihood shares.
    pub(crate) fn restricted_variance(self, delta: f64) -> f64 {
        let ScoreData { promoters, detractors, n } = self;
        let a = 2.0 * n;
        let b = -promoters - detractors + (2.0 * n - promoters + detractors) * delta;
        let c = -detractors * delta * (1.0 - delta);
        // √(b² − 4ac) with b and c scaled by the larger of |b| and √|4ac| first: for a target within
        // 10⁻¹⁵⁴ of 0, b² would underflow to 0 and the larger root lose half its size, which made the
        // variance of an all-passive sample 0 (and T infinite) where it is |δ|.
        let scale = b.abs().max((4.0 * a * c).abs().sqrt());
        let root = if scale > 0.0 {
            let (b_s, c_s) = (b / scale, c / scale);
            scale * (b_s * b_s - 4.0 * (a / scale) * c_s).max(0.0).sqrt()
        } else {
            0.0
        };
        // The larger root of a·p² + b·p + c, in the form without cancellation.
        let detractor_share = if b > 0.0 { -2.0 * c / (b + root) } else { (root - b) / (2.0 * a) };
        (2.0 * detractor_share + delta * (1.0 - delta)).max(0.0)
    }

    /// Tango's score statistic T(δ); 0 where the numerator is 0, ±∞ where the variance is 0.
    pub(crate) fn statistic(self, delta: f64) -> f64 {
        let numerator = self.promoters - self.detractors - self.n * delta;
        if numerator == 0.0 {
            return 0.0;
        }
        let variance = self.restricted_variance(delta);
        if variance > 0.0 {
            numerator / (self.n * variance).sqrt()
        } else {
            numerator.signum() * f64::INFINITY
        }
    }

    /// The score interval {δ : |T(δ)| ≤ z} on −1..=1.
    pub(crate) fn interval(self, z: f64) -> (f64, f64) {
        let nps = self.nps();
        let bound = |from: f64, to: f64, sign: f64| {
            // asinh T(δ) − asinh(sign·z), with T = ±∞ read as ±f64::MAX: finite everywhere, zero at
            // the bound, and (unlike atan) keeping the relative precision of T for z up to 10¹⁵,
            // which the two-sample test's search for its statistic reaches.
            let target = (sign * z).asinh();
            let g = |delta: f64| self.statistic(delta).clamp(-f64::MAX, f64::MAX).asinh() - target;
            let (g_from, g_to) = (g(from), -target);
            if g_from * g_to > 0.0 {
                // No sign change: T never reaches ±z before the end of the range.
                return from;
            }
            brent(g, from, to, g_from, g_to, TOLERANCE, 200)
        };
        let lower = if self.detractors == self.n { -1.0 } else { bound(-1.0, nps, 1.0) };
        let upper = if self.promoters == self.n { 1.0 } else { bound(1.0, nps, -1.0) };
        (lower, upper)
    }
}

/// The MOVER ("square-and-add") interval of a difference θ₁ − θ₂ from two independent intervals
/// (l₁, u₁) around θ₁ and (l₂, u₂) around θ₂: Newcombe (1998), "Interval estimation for the
/// difference between independent proportions", *Statistics in Medicine* 17, 873–890, method 10,
/// generalized by Zou & Donner (2008), *Statistics in Medicine* 27, 1693–1702:
///
/// L = θ̂₁ − θ̂₂ − √((θ̂₁ − l₁)² + (u₂ − θ̂₂)²),  U = θ̂₁ − θ̂₂ + √((u₁ − θ̂₁)² + (θ̂₂ − l₂)²).
pub(crate) fn mover(first: (f64, f64, f64), second: (f64, f64, f64)) -> (f64, f64) {
    let (e1, l1, u1) = first;
    let (e2, l2, u2) = second;
    let difference = e1 - e2;
    (difference - (e1 - l1).hypot(u2 - e2), difference + (u1 - e1).hypot(e2 - l2))
}

/// The score interval of one sample with its estimate: (θ̂, l, u).
pub(crate) fn estimate_with_interval(data: ScoreData, z: f64) -> (f64, f64, f64) {
    let (lower, upper) = data.interval(z);
    (data.nps(), lower, upper)
}

/// The score data of a non-empty tally.
pub(crate) fn data(tally: &Tally) -> ScoreData {
    ScoreData::new(tally.promoters(), tally.detractors(), tally.total())
}

/// Tango's interval of a non-empty tally, in points.
pub(crate) fn interval(tally: &Tally, level: Confidence) -> Interval {
    let (lower, upper) = data(tally).interval(level.z());
    Interval::clipped(100.0 * lower, 100.0 * upper, level, 100.0)
}

/// Two independent non-empty samples by MOVER of their score intervals. The statistic is the
/// signed z at which the interval's bound nearer to 0 reaches 0 (found by Brent's method), so the
/// p-value is below 1 − level exactly when the interval excludes 0.
pub(crate) fn two_sample(first: &Tally, second: &Tally, level: Confidence) -> Comparison {
    let (a, b) = (data(first), data(second));
    let at = |z: f64| mover(estimate_with_interval(a, z), estimate_with_interval(b, z));
    let z = level.z();
    let (lower, upper) = at(z);
    // The half-width over z, measured at z ≥ 10⁻³: at the tiniest levels the interval is narrower
    // than the tolerance of its bounds, and the ratio would be noise over almost nothing.
    let z_se = z.max(1e-3);
    let std_error = if z_se == z {
        (upper - lower) / (2.0 * z)
    } else {
        let (l, u) = at(z_se);
        (u - l) / (2.0 * z_se)
    };
    let difference = a.nps() - b.nps();
    // The bound nearer to 0 shrinks towards the estimate as z falls to 0 and moves away as it
    // grows; find the z where it crosses 0. Beyond z ≈ 38.5 the p-value is below the smallest
    // double, but the crossing is still finite (up to about √(2n) for samples of n answers), so the
    // search doubles z until it brackets it. Only two unanimous samples at opposite ends (all
    // promoters against all detractors) never cross: their statistic is infinite.
    const Z_START: f64 = 38.0;
    const Z_LIMIT: f64 = 1e15;
    let statistic = if difference == 0.0 {
        0.0
    } else {
        let toward_zero = |z: f64| {
            let (l, u) = at(z);
            if difference > 0.0 { l } else { -u }
        };
        let (mut low, mut high) = (0.0, Z_START);
        let (mut at_low, mut at_high) = (difference.abs(), toward_zero(Z_START));
        while at_high > 0.0 && high < Z_LIMIT {
            (low, at_low) = (high, at_high);
            high *= 2.0;
            at_high = toward_zero(high);
        }
        let crossing = if at_high > 0.0 {
            f64::INFINITY
        } else {
            brent(toward_zero, low, high, at_low, at_high, 1e-12 * low.max(1.0), 200)
        };
        difference.signum() * crossing
    };
    Comparison {
        difference: 100.0 * difference,
        std_error: 100.0 * std_error,
        interval: Interval::clipped(100.0 * lower, 100.0 * upper, level, 200.0),
        statistic,
        degrees_of_freedom: None,
        p_value: two_sided_p(statistic),
        samples: Samples::Independent,
        method: Method::Score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_passive_sample_has_the_closed_form() {
        // P = D = 0: T(δ) = −√(nδ/(1 − δ)) for δ > 0, so the bounds are ±z²/(n + z²).
        let z = 1.959_963_984_540_054;
        let (lower, upper) = ScoreData::new(0, 0, 10).interval(z);
        let expected = z * z / (10.0 + z * z);
        assert!((upper - expected).abs() < 1e-12, "{upper} vs {expected}");
        assert!((lower + expected).abs() < 1e-12, "{lower}");
        assert!((expected - 0.277_532_799_9).abs() < 1e-10);
    }

    #[test]
    fn restricted_variance_next_to_zero_keeps_its_size() {
        // All passives: under NPS = δ the likeliest shares put |δ| on promoters (δ > 0) or
        // detractors (δ < 0), so the variance is 2p̃D + δ(1 − δ) = |δ|(1 ∓ δ) — also where δ² underflows.
        let data = ScoreData::new(0, 0, 1860);
        for delta in [-1e-100, -2.271_523_828_775_377e-216, -1e-300, 1e-200, 1e-300] {
            let variance = data.restricted_variance(delta);
            let expected = delta.abs() * (1.0 - delta.abs());
            assert!((variance / expected - 1.0).abs() < 1e-12, "δ = {delta:e}: {variance:e}");
            assert!(data.statistic(delta).is_finite());
        }
    }

    #[test]
    fn restricted_variance_at_the_estimate_is_the_plain_variance() {
        let data = ScoreData::new(50, 20, 100);
        let plain = 0.5 + 0.2 - 0.3 * 0.3;
        assert!((data.restricted_variance(0.3) - plain).abs() < 1e-14);
    }
}
