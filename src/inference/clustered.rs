//! Linearization with clusters: the variance of a total from its per-cluster parts.
//!
//! For a statistic whose linearized (influence) values are z_k, summed per cluster to Z_g over G
//! clusters, the cluster-robust variance is G/(G − 1)·Σ_g (Z_g − Z̄)² (the "ultimate cluster"
//! estimator: Woodruff 1971, *JASA* 66:411–414; Särndal, Swensson & Wretman 1992, §4.3; what R's
//! `survey::svymean` computes for `svydesign(ids = ~cluster)`). A cluster without units adds Z_g = 0.

use crate::math::compensated::CompensatedSum;

/// The per-cluster sums of `values` (cluster index, z): one total per cluster index below `clusters`.
pub(crate) fn cluster_totals(values: impl IntoIterator<Item = (usize, f64)>, clusters: usize) -> Vec<f64> {
    let mut sums = vec![CompensatedSum::default(); clusters];
    for (cluster, z) in values {
        if let Some(sum) = sums.get_mut(cluster) {
            *sum = sum.plus(z);
        }
    }
    sums.into_iter().map(CompensatedSum::value).collect()
}

/// G/(G − 1)·Σ(Z_g − Z̄)² of the cluster totals (G ≥ 2; 0 for fewer).
pub(crate) fn cluster_variance(totals: &[f64]) -> f64 {
    if totals.len() < 2 {
        return 0.0;
    }
    let g = totals.len() as f64;
    let mean = totals.iter().fold(CompensatedSum::default(), |s, &z| s.plus(z)).value() / g;
    let squares = totals.iter().fold(CompensatedSum::default(), |s, &z| s.plus((z - mean) * (z - mean)));
    g / (g - 1.0) * squares.value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_worked_totals_and_variance() {
        let totals = cluster_totals([(0, 0.5), (1, -0.25), (0, -0.75), (2, 0.5)], 3);
        assert_eq!(totals, [-0.25, -0.25, 0.5]);
        // mean 0; squares 1/16 + 1/16 + 1/4 = 3/8; × 3/2 = 9/16.
        assert!((cluster_variance(&totals) - 9.0 / 16.0).abs() < 1e-15);
        assert_eq!(cluster_variance(&[1.0]), 0.0);
    }
}
