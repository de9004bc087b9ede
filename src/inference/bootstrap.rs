//! The multinomial bootstrap of the NPS: percentile and BCa intervals and bootstrap tests.
//!
//! Resampling n answers with replacement from a tally gives promoter, passive and detractor counts
//! that are Multinomial(n; p̂P, p̂A, p̂D), and the resampled NPS depends on nothing else. So each
//! resample draws P* ~ Binomial(n, p̂P) and then D* ~ Binomial(n − P*, p̂D/(p̂A + p̂D)) (the
//! conditional binomial construction of the multinomial), with `rand_distr`'s BTPE/BINV binomial
//! generator (Kachitvichyanukul & Schmeiser 1988), whose cost does not grow with n. A bootstrap of
//! 10,000 resamples costs the same for 10³ and 10⁶ answers.
//!
//! Intervals (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13–14):
//!
//! - percentile: the order statistics θ*₍ₖ₎ with k = ⌊(B + 1)·α/2⌋ and ⌈(B + 1)(1 − α/2)⌉
//!   (Davison & Hinkley 1997, *Bootstrap Methods and their Application*, §5.2), so each tail
//!   holds the same number of resamples;
//! - BCa: the same order statistics at the adjusted probabilities
//!   α₁,₂ = Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z))) with z = Φ⁻¹(α/2), Φ⁻¹(1 − α/2) (eq. 14.10). The bias
//!   correction is z₀ = Φ⁻¹(G(θ̂)), where G(t) = (#{θ* < t} + ½·#{θ* = t} + ½)/(B + 1): ties count
//!   half (the resampled NPS of a small sample takes few values, and a distribution symmetric
//!   about θ̂ must give z₀ = 0), and the extra ½ keeps G inside (0, 1), in the spirit of the
//!   (r + 1)/(B + 1) rule of Monte Carlo tests (Davison & Hinkley ch. 4). The acceleration is
//!   the jackknife value a = Σ(θ₍.₎ − θ₍ᵢ₎)³ / (6·[Σ(θ₍.₎ − θ₍ᵢ₎)²]^{3/2}) (eq. 14.15). For
//!   the NPS, a mean of the −1/0/+1 codes sᵢ, the leave-one-out values are
//!   θ₍ᵢ₎ = (nθ̂ − sᵢ)/(n − 1), so
//!   θ₍.₎ − θ₍ᵢ₎ = (sᵢ − θ̂)/(n − 1) takes three values and the sums are closed-form in the counts.
//!   When an adjusted probability falls beyond the resamples (1 − a(z₀ + z) ≤ 0, or fewer than one
//!   resample in the tail), the extreme resample is the bound, as in R's `boot.ci`.
//!
//! Tests invert the interval: the p-value is the α at which the target sits on the interval's
//! bound (Efron & Tibshirani §15.4, the BCa achieved significance level).

use rand_distr::Binomial;

use crate::core::Confidence;
use crate::error::{Error, Result};
use crate::inference::BootstrapInterval;
use crate::inference::comparison::{Comparison, Samples};
use crate::inference::resamples::check_resamples;
use crate::inference::{Estimate, Interval, Method};
use crate::math::normal::{cdf, normal_quantile, two_sided_p};
use crate::math::rng::{Distribution, SeededRng, seeded};
use crate::tally::Tally;

/// Promoter, passive and detractor counts of one sample.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Counts {
    promoters: u64,
    passives: u64,
    detractors: u64,
}

impl Counts {
    pub(crate) fn of(tally: &Tally) -> Counts {
        Counts { promoters: tally.promoters(), passives: tally.passives(), detractors: tally.detractors() }
    }

    fn n(self) -> u64 {
        self.promoters + self.passives + self.detractors
    }

    /// The NPS on −1..=1 (n > 0).
    fn nps(self) -> f64 {
        (self.promoters as f64 - self.detractors as f64) / self.n() as f64
    }

    /// Σ (sᵢ − θ̂)² and Σ (sᵢ − θ̂)³ over the answers.
    fn centered_moments(self) -> (f64, f64) {
        let nps = self.nps();
        let mut moments = (0.0, 0.0);
        for (count, coding) in [(self.promoters, 1.0), (self.passives, 0.0), (self.detractors, -1.0)] {
            let deviation: f64 = coding - nps;
            moments.0 += count as f64 * deviation * deviation;
            moments.1 += count as f64 * deviation * deviation * deviation;
        }
        moments
    }
}

/// Draws resampled NPS values of one sample.
struct Resampler {
    n: u64,
    promoters: Binomial,
    detractor_share_of_rest: f64,
}

impl Resampler {
    fn new(counts: Counts) -> Result<Resampler> {
        let n = counts.n();
        let rest = counts.passives + counts.detractors;
        let detractor_share_of_rest = if rest == 0 { 0.0 } else { counts.detractors as f64 / rest as f64 };
        Ok(Resampler {
            n,
            promoters: binomial(n, counts.promoters as f64 / n as f64)?,
            detractor_share_of_rest,
        })
    }

    /// One resampled NPS on −1..=1.
    fn draw(&self, rng: &mut SeededRng) -> Result<f64> {
        let promoters = self.promoters.sample(rng);
        let rest = self.n - promoters;
        let detractors = binomial(rest, self.detractor_share_of_rest)?.sample(rng);
        Ok((promoters as f64 - detractors as f64) / self.n as f64)
    }
}

/// A binomial distribution; the share is a ratio of counts, so always a probability.
fn binomial(n: u64, share: f64) -> Result<Binomial> {
    Binomial::new(n, share).map_err(|_| Error::InvalidParameter {
        name: "resampling share",
        value: share,
        expected: "a probability from 0 to 1",
    })
}

/// The sorted resampled values of a statistic, with its estimate and BCa acceleration.
#[derive(Debug, Clone)]
pub(crate) struct Replicates {
    sorted: Vec<f64>,
    estimate: f64,
    acceleration: f64,
}

impl Replicates {
    /// `resamples` resampled NPS values (−1..=1) of one non-empty sample.
    pub(crate) fn one_sample(counts: Counts, resamples: u32, seed: u64) -> Result<Replicates> {
        let resampler = Resampler::new(counts)?;
        let mut rng = seeded(seed);
        let mut values = Vec::with_capacity(resamples as usize);
        for _ in 0..resamples {
            values.push(resampler.draw(&mut rng)?);
        }
        let (m2, m3) = counts.centered_moments();
        let acceleration = if m2 > 0.0 { m3 / (6.0 * m2.powf(1.5)) } else { 0.0 };
        Ok(Replicates::sorted(values, counts.nps(), acceleration))
    }

    /// `resamples` resampled differences NPS(first) − NPS(second) of two independent non-empty
    /// samples, each resampled on its own. The acceleration is one sixth of the skewness of the
    /// linear approximation θ* − θ̂ ≈ Σₖ nₖ⁻¹ Σᵢ (fₖᵢ − 1) lₖᵢ (Efron 1987 §4; Davison & Hinkley
    /// 1997, §3.2 for several samples and §5.3 for BCa):
    /// a = Σₖ nₖ⁻³ Σᵢ lₖᵢ³ / (6·[Σₖ nₖ⁻² Σᵢ lₖᵢ²]^{3/2}), with the empirical influence values
    /// l₁ᵢ = s₁ᵢ − θ̂₁ and l₂ᵢ = −(s₂ᵢ − θ̂₂). With one sample it is the jackknife value above.
    pub(crate) fn two_sample(first: Counts, second: Counts, resamples: u32, seed: u64) -> Result<Replicates> {
        let (a, b) = (Resampler::new(first)?, Resampler::new(second)?);
        let mut rng = seeded(seed);
        let mut values = Vec::with_capacity(resamples as usize);
        for _ in 0..resamples {
            let x = a.draw(&mut rng)?;
            values.push(x - b.draw(&mut rng)?);
        }
        let (n1, n2) = (first.n() as f64, second.n() as f64);
        let ((m2a, m3a), (m2b, m3b)) = (first.centered_moments(), second.centered_moments());
        let spread = m2a / (n1 * n1) + m2b / (n2 * n2);
        let acceleration = if spread > 0.0 {
            (m3a / (n1 * n1 * n1) - m3b / (n2 * n2 * n2)) / (6.0 * spread.powf(1.5))
        } else {
            0.0
        };
        Ok(Replicates::sorted(values, first.nps() - second.nps(), acceleration))
    }

    fn sorted(mut values: Vec<f64>, estimate: f64, acceleration: f64) -> Replicates {
        values.sort_unstable_by(f64::total_cmp);
        Replicates { sorted: values, estimate, acceleration }
    }

    /// The standard deviation of the resampled values (divisor B − 1).
    pub(crate) fn std_error(&self) -> f64 {
        let count = self.sorted.len() as f64;
        let mean = self.sorted.iter().sum::<f64>() / count;
        let squares: f64 = self.sorted.iter().map(|v| (v - mean) * (v - mean)).sum();
        (squares / (count - 1.0)).sqrt()
    }

    /// G(t) = (#{θ* < t} + ½·#{θ* = t} + ½)/(B + 1).
    fn below(&self, t: f64) -> f64 {
        let less = self.sorted.partition_point(|&v| v < t);
        let not_more = self.sorted.partition_point(|&v| v <= t);
        (less as f64 + 0.5 * (not_more - less) as f64 + 0.5) / (self.sorted.len() as f64 + 1.0)
    }

    /// The bias correction z₀ (0 for the percentile interval).
    fn bias_correction(&self, kind: BootstrapInterval) -> f64 {
        match kind {
            BootstrapInterval::Percentile => 0.0,
            BootstrapInterval::Bca => normal_quantile(self.below(self.estimate)),
        }
    }

    fn acceleration(&self, kind: BootstrapInterval) -> f64 {
        match kind {
            BootstrapInterval::Percentile => 0.0,
            BootstrapInterval::Bca => self.acceleration,
        }
    }

    /// The two-sided interval at `level`, on the statistic's scale.
    pub(crate) fn interval(&self, kind: BootstrapInterval, level: Confidence) -> (f64, f64) {
        let (z0, a) = (self.bias_correction(kind), self.acceleration(kind));
        let z = level.z();
        let adjusted = |z_alpha: f64| {
            let shifted = z0 + z_alpha;
            let denominator = 1.0 - a * shifted;
            if denominator <= 0.0 {
                // The adjustment has run past the end of the distribution.
                return if shifted > 0.0 { 1.0 } else { 0.0 };
            }
            cdf(z0 + shifted / denominator)
        };
        let count = self.sorted.len() as f64;
        let lower_rank = ((count + 1.0) * adjusted(-z)).floor();
        let upper_rank = ((count + 1.0) * adjusted(z)).ceil();
        (self.order_statistic(lower_rank), self.order_statistic(upper_rank))
    }

    /// θ*₍ₖ₎ for a 1-based rank, the extreme resample for a rank outside 1..=B.
    fn order_statistic(&self, rank: f64) -> f64 {
        let last = self.sorted.len().saturating_sub(1);
        // NaN and negative ranks become 0; ranks past the end the last index.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "`as` saturates: NaN and negative ranks give 0, huge ones are capped at `last`"
        )]
        let index = ((rank - 1.0).max(0.0) as usize).min(last);
        self.sorted.get(index).copied().unwrap_or(self.estimate)
    }

    /// The signed z statistic of the test of "the true value is `target`": Φ⁻¹(1 − p₁) where p₁
    /// is the one-sided achieved significance level against "above the target", so positive when
    /// the estimate is above the target; the two-sided p-value is 2·(1 − Φ(|z|)).
    pub(crate) fn test_statistic(&self, kind: BootstrapInterval, target: f64) -> f64 {
        let (z0, a) = (self.bias_correction(kind), self.acceleration(kind));
        // The α whose BCa bound equals the target: Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α))) = G(t).
        let y = normal_quantile(self.below(target)) - z0;
        let denominator = 1.0 + a * y;
        let z_alpha = if denominator <= 0.0 {
            if y < 0.0 { f64::NEG_INFINITY } else { f64::INFINITY }
        } else {
            y / denominator - z0
        };
        -z_alpha
    }
}

/// The bootstrap estimate of a non-empty tally.
pub(crate) fn estimate(
    tally: &Tally,
    resamples: u32,
    seed: u64,
    kind: BootstrapInterval,
    level: Confidence,
) -> Result<Estimate> {
    Ok(estimate_with_replicates(tally, resamples, seed, kind, level)?.0)
}

fn estimate_with_replicates(
    tally: &Tally,
    resamples: u32,
    seed: u64,
    kind: BootstrapInterval,
    level: Confidence,
) -> Result<(Estimate, Replicates)> {
    check_resamples(resamples, level)?;
    let counts = Counts::of(tally);
    let replicates = Replicates::one_sample(counts, resamples, seed)?;
    let (lower, upper) = replicates.interval(kind, level);
    let estimate = Estimate {
        nps: 100.0 * counts.nps(),
        n: counts.n(),
        effective_n: counts.n() as f64,
        std_error: 100.0 * replicates.std_error(),
        interval: Interval::clipped(100.0 * lower, 100.0 * upper, level, 100.0),
        method: Method::Bootstrap { resamples, seed, interval: kind },
    };
    Ok((estimate, replicates))
}

/// The bootstrap estimate of a non-empty tally and the signed z statistic of the test of "the
/// true NPS is `target`" (−1..=1), from one set of resamples.
pub(crate) fn against_target(
    tally: &Tally,
    resamples: u32,
    seed: u64,
    kind: BootstrapInterval,
    level: Confidence,
    target: f64,
) -> Result<(Estimate, f64)> {
    let (estimate, replicates) = estimate_with_replicates(tally, resamples, seed, kind, level)?;
    Ok((estimate, replicates.test_statistic(kind, target)))
}

/// The bootstrap comparison of two independent non-empty samples: NPS(`first`) − NPS(`second`).
pub(crate) fn two_sample(
    first: &Tally,
    second: &Tally,
    resamples: u32,
    seed: u64,
    kind: BootstrapInterval,
    level: Confidence,
) -> Result<Comparison> {
    check_resamples(resamples, level)?;
    let replicates = Replicates::two_sample(Counts::of(first), Counts::of(second), resamples, seed)?;
    let (lower, upper) = replicates.interval(kind, level);
    let statistic = replicates.test_statistic(kind, 0.0);
    Ok(Comparison {
        difference: 100.0 * replicates.estimate,
        std_error: 100.0 * replicates.std_error(),
        interval: Interval::clipped(100.0 * lower, 100.0 * upper, level, 200.0),
        statistic,
        degrees_of_freedom: None,
        p_value: two_sided_p(statistic),
        samples: Samples::Independent,
        method: Method::Bootstrap { resamples, seed, interval: kind },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(promoters: u64, passives: u64, detractors: u64) -> Counts {
        Counts { promoters, passives, detractors }
    }

    #[test]
    fn acceleration_matches_a_brute_force_jackknife() -> Result<()> {
        // Jackknife over the expanded answers, as in Efron & Tibshirani eq. 14.15.
        let c = counts(7, 63, 30);
        let mut codes = vec![1.0; 7];
        codes.extend([0.0; 63]);
        codes.extend([-1.0; 30]);
        let n = codes.len() as f64;
        let total: f64 = codes.iter().sum();
        let leave_one_out: Vec<f64> = codes.iter().map(|s| (total - s) / (n - 1.0)).collect();
        let mean = leave_one_out.iter().sum::<f64>() / n;
        let num: f64 = leave_one_out.iter().map(|t| (mean - t).powi(3)).sum();
        let den: f64 = leave_one_out.iter().map(|t| (mean - t).powi(2)).sum();
        let expected = num / (6.0 * den.powf(1.5));
        let replicates = Replicates::one_sample(c, 1_000, 1)?;
        assert!(
            (replicates.acceleration - expected).abs() < 1e-14,
            "{} vs {expected}",
            replicates.acceleration
        );
        Ok(())
    }

    /// The codes −1/0/+1 of a sample's answers, one per answer.
    fn codes(c: Counts) -> Vec<f64> {
        let mut codes = vec![1.0; c.promoters as usize];
        codes.extend(vec![0.0; c.passives as usize]);
        codes.extend(vec![-1.0; c.detractors as usize]);
        codes
    }

    #[test]
    fn two_sample_acceleration_matches_a_brute_force_jackknife() -> Result<()> {
        // The jackknife over both samples (Efron & Tibshirani 1993, eq. 14.15, with the sample sizes
        // as in Davison & Hinkley 1997, §3.2 and §5.3): leave out each answer of either sample, recompute
        // θ = mean(first) − mean(second) over the answers left, take Uₖᵢ = (nₖ − 1)(θ₍ₖ.₎ − θ₍ₖᵢ₎) and
        // a = Σₖ nₖ⁻³ ΣᵢUₖᵢ³ / (6·[Σₖ nₖ⁻² ΣᵢUₖᵢ²]^{3/2}).
        let (first, second) = (counts(7, 63, 30), counts(40, 10, 2));
        let (x, y) = (codes(first), codes(second));
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let leave_out = |v: &[f64], i: usize| {
            let rest: Vec<f64> = v.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &c)| c).collect();
            mean(&rest)
        };
        let mut numerator = 0.0;
        let mut denominator = 0.0;
        for (k, sample) in [&x, &y].into_iter().enumerate() {
            let n = sample.len() as f64;
            let theta: Vec<f64> = (0..sample.len())
                .map(|i| if k == 0 { leave_out(&x, i) - mean(&y) } else { mean(&x) - leave_out(&y, i) })
                .collect();
            let dot = mean(&theta);
            let u: Vec<f64> = theta.iter().map(|t| (n - 1.0) * (dot - t)).collect();
            numerator += u.iter().map(|u| u.powi(3)).sum::<f64>() / n.powi(3);
            denominator += u.iter().map(|u| u.powi(2)).sum::<f64>() / n.powi(2);
        }
        let expected = numerator / (6.0 * denominator.powf(1.5));
        // The samples are skewed in opposite directions, so a flipped sign of either part shows.
        assert!(expected.abs() > 1e-3, "{expected}");
        let replicates = Replicates::two_sample(first, second, 1_000, 1)?;
        assert!(
            (replicates.acceleration - expected).abs() < 1e-14,
            "{} vs {expected}",
            replicates.acceleration
        );
        let swapped = Replicates::two_sample(second, first, 1_000, 1)?;
        assert!((swapped.acceleration + expected).abs() < 1e-14, "{}", swapped.acceleration);
        Ok(())
    }

    #[test]
    fn percentile_ranks_are_taken_at_b_plus_one() {
        // B = 1,999 sorted values 1, 2, …, 1999: at 95 % the bounds are the order statistics of rank
        // (B + 1)·0.025 = 50 and (B + 1)·0.975 = 1950 (Davison & Hinkley 1997, §5.2); ranks taken at
        // B would give 49 for the lower one.
        let replicates =
            Replicates { sorted: (1..=1999).map(f64::from).collect(), estimate: 1000.0, acceleration: 0.0 };
        assert_eq!(
            replicates.interval(BootstrapInterval::Percentile, Confidence::NINETY_FIVE),
            (50.0, 1950.0)
        );
        // 90 % of B = 999: ranks 50 and 950.
        let replicates =
            Replicates { sorted: (1..=999).map(f64::from).collect(), estimate: 500.0, acceleration: 0.0 };
        assert_eq!(replicates.interval(BootstrapInterval::Percentile, Confidence::NINETY), (50.0, 950.0));
        // A rank outside 1..=B is the extreme resample.
        let level = Confidence::new(0.9999).unwrap();
        assert_eq!(replicates.interval(BootstrapInterval::Percentile, level), (1.0, 999.0));
    }

    #[test]
    fn unanimous_sample_has_no_spread() -> Result<()> {
        let replicates = Replicates::one_sample(counts(5, 0, 0), 1_000, 3)?;
        assert_eq!(replicates.std_error(), 0.0);
        assert_eq!(replicates.acceleration, 0.0);
        for kind in [BootstrapInterval::Percentile, BootstrapInterval::Bca] {
            assert_eq!(replicates.interval(kind, Confidence::NINETY_FIVE), (1.0, 1.0));
        }
        Ok(())
    }
}
