//! The pairs cluster bootstrap of a weighted NPS: resample whole accounts.
//!
//! Each replicate draws C accounts with replacement from the C accounts in the sample and recomputes
//! the ratio Σ_c Σ_{i∈c} wᵢyᵢ / Σ_c Σ_{i∈c} wᵢ over the drawn accounts (an account drawn twice counts
//! twice). The standard error is the standard deviation of the replicates (divisor B − 1), the interval
//! the percentile interval with R's default (type 7) quantiles. Sources: Cameron, Gelbach & Miller
//! (2008), "Bootstrap-based improvements for inference with clustered errors", *Review of Economics
//! and Statistics* 90(3):414–427; Cameron & Miller (2015), "A practitioner's guide to cluster-robust
//! inference", *Journal of Human Resources* 50(2):317–372, §VI.A; Efron & Tibshirani (1993), *An
//! Introduction to the Bootstrap*, ch. 13 (percentile interval).
//!
//! Resampling the accounts, not the answers, keeps the contacts of one account together, so the
//! replicates vary as much as independent accounts do: the bootstrap analogue of the cluster-robust
//! variance. The bootstrap variance is about (C − 1)/C times the linearized cluster-robust variance,
//! which carries the C/(C − 1) small-sample factor.
//!
//! There is no finite population correction: drawing with replacement treats the C accounts as a
//! sample from an unlimited base, so the roll-up refuses a population size with this method (at a
//! census of accounts the replicates would still vary as if other accounts could have answered).

use crate::accounts::variance::Observation;
use crate::core::Confidence;
use crate::error::Result;
use crate::inference::resamples::check_resamples;
use crate::math::compensated::CompensatedSum;
use crate::math::rng::{RngExt, seeded};

/// The spread of the bootstrap replicates, on the −1..=1 scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ClusterReplicates {
    pub(crate) std_error: f64,
    pub(crate) lower: f64,
    pub(crate) upper: f64,
}

/// `resamples` replicates of the ratio of `units`, resampling the `clusters` accounts; seeded.
pub(crate) fn replicate(
    units: &[Observation],
    clusters: usize,
    resamples: u32,
    seed: u64,
    level: Confidence,
) -> Result<ClusterReplicates> {
    // The limits of every bootstrap: no allocation beyond MAX_RESAMPLES values, and a resample in
    // each tail of the interval.
    check_resamples(resamples, level)?;
    // Per account: Σwy and Σw.
    let mut totals = vec![(0.0_f64, 0.0_f64); clusters];
    for unit in units {
        if let Some((wy, w)) = totals.get_mut(unit.cluster) {
            *wy += unit.weight * unit.coding;
            *w += unit.weight;
        }
    }
    let mut rng = seeded(seed);
    let mut replicates = Vec::with_capacity(resamples as usize);
    for _ in 0..resamples {
        let (mut wy, mut w) = (CompensatedSum::default(), CompensatedSum::default());
        for _ in 0..clusters {
            let drawn = rng.random_range(0..clusters);
            if let Some(&(a, b)) = totals.get(drawn) {
                wy = wy.plus(a);
                w = w.plus(b);
            }
        }
        // Every account has a positive weight, so a replicate of ≥ 1 account has Σw > 0.
        replicates.push(wy.value() / w.value());
    }
    let b = f64::from(resamples);
    let mean = replicates.iter().fold(CompensatedSum::default(), |s, &x| s.plus(x)).value() / b;
    let squares = replicates.iter().fold(CompensatedSum::default(), |s, &x| s.plus((x - mean) * (x - mean)));
    let std_error = (squares.value() / (b - 1.0)).sqrt();
    replicates.sort_by(f64::total_cmp);
    let alpha = level.alpha();
    Ok(ClusterReplicates {
        std_error,
        lower: quantile(&replicates, alpha / 2.0),
        upper: quantile(&replicates, 1.0 - alpha / 2.0),
    })
}

/// The `p` quantile of sorted, non-empty `values`, linear interpolation between order statistics
/// (Hyndman & Fan 1996 type 7, R's default): h = (n − 1)p, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let below = h.floor();
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "0 <= below <= len - 1 is a whole number: p is in 0..=1"
    )]
    let index = below as usize;
    let low = sorted.get(index).copied().unwrap_or(f64::NAN);
    let high = sorted.get(index + 1).copied().unwrap_or(low);
    low + (h - below) * (high - low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_seven_quantiles() {
        // R: quantile(c(1, 2, 3, 4), c(0.25, 0.5, 0.975)) gives 1.75, 2.5, 3.925.
        let x = [1.0, 2.0, 3.0, 4.0];
        assert!((quantile(&x, 0.25) - 1.75).abs() < 1e-15);
        assert!((quantile(&x, 0.5) - 2.5).abs() < 1e-15);
        assert!((quantile(&x, 0.975) - 3.925).abs() < 1e-12);
        assert_eq!(quantile(&x, 1.0), 4.0);
        assert_eq!(quantile(&x, 0.0), 1.0);
    }

    #[test]
    fn same_seed_same_bits() -> Result<()> {
        let units: Vec<Observation> = (0..10)
            .map(|i| Observation { cluster: i, coding: f64::from(i as u8 % 3) - 1.0, weight: 1.0 + i as f64 })
            .collect();
        let a = replicate(&units, 10, 1_000, 42, Confidence::NINETY_FIVE)?;
        let b = replicate(&units, 10, 1_000, 42, Confidence::NINETY_FIVE)?;
        let c = replicate(&units, 10, 1_000, 43, Confidence::NINETY_FIVE)?;
        assert_eq!(a, b);
        assert_ne!(a, c);
        Ok(())
    }
}
