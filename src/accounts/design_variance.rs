//! Design-based uncertainty of a weighted NPS: linearization, accounts as clusters, finite population
//! correction, t intervals.
//!
//! The weighted NPS is the ratio estimator R̂ = Σwᵢyᵢ / Σwᵢ of the −1/0/+1 coding yᵢ (or, at the
//! account level, of each account's mean coding). Its variance is estimated by Taylor linearization:
//! the residuals zᵢ = wᵢ(yᵢ − R̂)/Σw are summed per primary sampling unit (PSU) and
//!
//! ```text
//! V̂ = (1 − f) · k/(k − 1) · Σ_c (Z_c − Z̄)²,   Z_c = Σ_{i∈c} zᵢ,   Z̄ = (1/k) Σ_c Z_c (= 0 up to rounding)
//! ```
//!
//! with k PSUs and sampling fraction f = k/N (0 without a population size). Sources: Woodruff (1971),
//! "A simple method for approximating the variance of a complicated estimate", *JASA* 66:411–414;
//! Särndal, Swensson & Wretman (1992), *Model Assisted Survey Sampling*, Springer, §5.5–5.6 (ratio
//! estimator) and §4.3 (FPC of a first-stage SRSWOR of clusters); and the R package `survey` by
//! T. Lumley (`svymean.survey.design2` forms `x·w/Σw` after centring, and `onestrat` applies
//! `nPSU/(nPSU − 1)` and `(fpc − nPSU)/fpc`), which these formulas reproduce to 1e-9 in the tests.
//!
//! The k/(k − 1) factor is the survey convention (`survey::svymean`, `sandwich::vcovCL(type = "HC0")`
//! per Cameron & Miller 2015). For an unweighted sample without clusters it makes V̂ = s²/n with the
//! unbiased s², i.e. n/(n − 1) times the plug-in variance σ̂²/n of [`Method::Wald`](crate::inference::Method::Wald)
//! (Rocks' convention). The design methods here follow `survey` throughout.

use crate::accounts::DesignEstimate;
use crate::accounts::VarianceMethod;
use crate::accounts::variance::Observation;
use crate::core::{Category, Confidence};
use crate::error::{Error, Result};
use crate::inference::Interval;
use crate::math::compensated::CompensatedSum;
use crate::tally::WeightedTally;

/// R̂ = Σwy/Σw, Σw and Kish's (Σw)²/Σw² of `units`; `None` when empty.
pub(crate) fn ratio(units: &[Observation]) -> Option<(f64, f64, f64)> {
    let (mut wy, mut w, mut ww) =
        (CompensatedSum::default(), CompensatedSum::default(), CompensatedSum::default());
    for unit in units {
        wy = wy.plus(unit.weight * unit.coding);
        w = w.plus(unit.weight);
        ww = ww.plus(unit.weight * unit.weight);
    }
    let (total, squared) = (w.value(), ww.value());
    (total > 0.0 && squared > 0.0).then(|| (wy.value() / total, total, total / squared * total))
}

/// The units with their weights divided by the largest, so that every weight is at most 1 and
/// neither Σw nor Σw² can overflow or lose the large weights' digits to underflow, whatever the
/// account values (2⁻⁵¹¹ to 2⁵¹¹). Every statistic here is a ratio of sums of weights, unchanged by
/// the scale; weights far below the largest only lose digits that could not change the sums.
pub(crate) fn rescaled(units: &[Observation]) -> Vec<Observation> {
    let largest = largest_weight(units);
    units.iter().map(|unit| Observation { weight: unit.weight / largest, ..*unit }).collect()
}

/// The largest weight of `units` (0 without units).
pub(crate) fn largest_weight(units: &[Observation]) -> f64 {
    units.iter().map(|unit| unit.weight).fold(0.0_f64, f64::max)
}

/// k/(k − 1)·Σ(Z_c − Z̄)² for the PSU totals `z` (k ≥ 2): `onestrat` in R's `survey`.
fn between_psus(z: &[f64]) -> f64 {
    let k = z.len() as f64;
    let mean = z.iter().fold(CompensatedSum::default(), |s, &x| s.plus(x)).value() / k;
    let sum = z.iter().fold(CompensatedSum::default(), |s, &x| s.plus((x - mean) * (x - mean))).value();
    k / (k - 1.0) * sum
}

/// The PSU totals Z_c = Σ_{i∈c} wᵢ(yᵢ − R̂)/Σw, with every unit its own PSU when `clusters` is `None`.
fn psu_totals(units: &[Observation], clusters: Option<usize>, ratio: f64, total: f64) -> Vec<f64> {
    match clusters {
        None => units.iter().map(|u| u.weight * (u.coding - ratio) / total).collect(),
        Some(k) => {
            let mut sums = vec![CompensatedSum::default(); k];
            for unit in units {
                if let Some(sum) = sums.get_mut(unit.cluster) {
                    *sum = sum.plus(unit.weight * (unit.coding - ratio));
                }
            }
            sums.into_iter().map(|sum| sum.value() / total).collect()
        }
    }
}

/// What a design estimate needs besides the units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Design {
    /// The number of clusters (accounts) the units' `cluster` indices refer to.
    pub(crate) clusters: usize,
    /// Whether every unit is an account (account-level strategies) rather than an answer.
    pub(crate) units_are_accounts: bool,
    pub(crate) method: VarianceMethod,
    pub(crate) population: Option<u64>,
    pub(crate) level: Confidence,
}

/// The design estimate of the ratio of `units` (all weights > 0; every cluster index < clusters).
pub(crate) fn estimate(units: &[Observation], design: Design) -> Result<DesignEstimate> {
    let units = &rescaled(units);
    let (ratio, total, effective_n) = ratio(units).ok_or(Error::EmptySample { what: "the roll-up" })?;
    let n = units.len() as u64;
    let one_per_cluster = design.units_are_accounts || units.len() == design.clusters;
    let clustered = match design.method {
        VarianceMethod::Linearized => None,
        VarianceMethod::ClusterRobust | VarianceMethod::ClusterBootstrap { .. } => Some(design.clusters),
        // The roll-up sends two-stage designs to their own estimate, which needs the contacts.
        _ => {
            return Err(Error::UnsupportedMethod {
                method: "two-stage",
                analysis: "a design without contacts",
                expected: "an account roll-up with invitation counts",
            });
        }
    };
    let psus = clustered.unwrap_or(units.len()) as u64;
    if psus < 2 {
        let what = if clustered.is_some() || design.units_are_accounts { "accounts" } else { "answers" };
        return Err(Error::TooFewForVariance { what, found: psus });
    }
    let fraction = match design.population {
        None => 0.0,
        Some(population) => {
            let no_fpc = |expected| Error::InvalidCount { name: "population", value: population, expected };
            match design.method {
                VarianceMethod::Linearized if !one_per_cluster => {
                    return Err(no_fpc(
                        "no population size with linearized variance of answers: the population counts \
                         accounts, so use the cluster-robust method",
                    ));
                }
                VarianceMethod::ClusterBootstrap { .. } => {
                    return Err(no_fpc(
                        "no population size with the cluster bootstrap, which has no finite population \
                         correction: use the cluster-robust method",
                    ));
                }
                _ => {}
            }
            let sampled = design.clusters as u64;
            if population < sampled {
                return Err(Error::PopulationTooSmall { population, sampled });
            }
            if population == sampled {
                return Err(no_fpc(
                    "more accounts than answered with this variance method: at a census of accounts the \
                     between-account variance is 0 whoever answered within them; use the two-stage \
                     variance with invitation counts",
                ));
            }
            sampled as f64 / population as f64
        }
    };
    let nps = 100.0 * ratio;
    let level = design.level;
    let (std_error, degrees_of_freedom, interval) = match design.method {
        VarianceMethod::ClusterBootstrap { resamples, seed } => {
            let boot = crate::accounts::cluster_bootstrap::replicate(
                units,
                design.clusters,
                resamples,
                seed,
                level,
            )?;
            let interval = Interval::clipped(100.0 * boot.lower, 100.0 * boot.upper, level, 100.0);
            (100.0 * boot.std_error, None, interval)
        }
        _ => {
            let variance = (1.0 - fraction) * between_psus(&psu_totals(units, clustered, ratio, total));
            let std_error = 100.0 * variance.max(0.0).sqrt();
            let df = (psus - 1) as f64;
            let half_width = level.t(df)? * std_error;
            (std_error, Some(df), Interval::around(nps, half_width, level, 100.0))
        }
    };
    Ok(DesignEstimate {
        nps,
        n,
        clusters: psus,
        effective_n,
        std_error,
        degrees_of_freedom,
        interval,
        method: design.method,
        population: design.population,
        stages: None,
    })
}

impl WeightedTally {
    /// The weighted NPS with its linearized (ratio-estimator) standard error and a t interval, treating
    /// every answer as independent: `svymean(~s, svydesign(ids = ~1, weights = ~w))` in R's `survey`.
    ///
    /// With R̂ the weighted NPS on −1..=1, n answers, and per category k (coding s_k, Σw² = Q_k):
    /// V̂ = n/(n − 1) · Σ_k (s_k − R̂)² Q_k / (Σw)², because the residual wᵢ(sᵢ − R̂)/Σw of every
    /// answer in a category has the same factor (s_k − R̂). The interval is R̂ ± t_{n−1}·SE; the
    /// degrees of freedom are n − 1 as in `survey::degf`. Sources: Woodruff (1971); Särndal, Swensson &
    /// Wretman (1992) §5.6; Lumley's `survey` (see the module notes). With equal weights this is the
    /// unbiased s²/n, n/(n − 1) times the plug-in Wald variance.
    ///
    /// Use it for design weights or for values of independent respondents; when several contacts per
    /// account answer, use [`AccountRollup`](crate::accounts::AccountRollup), whose default variance treats
    /// accounts as clusters.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] without answers; [`Error::TooFewForVariance`] with a single answer.
    ///
    /// ```
    /// use nps_stats::{Confidence, WeightedTally};
    /// // Equal weights: the unbiased variance s²/n. 50 promoters, 30 passives, 20 detractors:
    /// // s² = (0.7 − 0.09)·100/99, SE = √(s²/100) = 0.0784959627 (`svymean` with ids = ~1).
    /// let mut weighted = WeightedTally::new();
    /// for (score, count) in [(10, 50), (8, 30), (0, 20)] {
    ///     for _ in 0..count {
    ///         weighted.try_add(score, 1.0)?;
    ///     }
    /// }
    /// let est = weighted.linearized_estimate(Confidence::NINETY_FIVE)?;
    /// assert!((est.std_error - 7.849_596_27).abs() < 1e-7);
    /// assert!(WeightedTally::new().linearized_estimate(Confidence::NINETY_FIVE).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn linearized_estimate(&self, level: Confidence) -> Result<DesignEstimate> {
        let nps = self.nps().ok_or(Error::EmptySample { what: "the weighted tally" })?;
        let n = self.tally().total();
        if n < 2 {
            return Err(Error::TooFewForVariance { what: "answers", found: n });
        }
        let ratio = nps / 100.0;
        let total = self.total_weight();
        let sum = Category::ALL.iter().fold(CompensatedSum::default(), |acc, &category| {
            let residual = f64::from(category.coding()) - ratio;
            acc.plus(residual * residual * (self.weight_squared(category) / total / total))
        });
        let nf = n as f64;
        let std_error = 100.0 * (nf / (nf - 1.0) * sum.value()).max(0.0).sqrt();
        let df = nf - 1.0;
        let half_width = level.t(df)? * std_error;
        Ok(DesignEstimate {
            nps,
            n,
            clusters: n,
            effective_n: self.effective_n().unwrap_or(nf),
            std_error,
            degrees_of_freedom: Some(df),
            interval: Interval::around(nps, half_width, level, 100.0),
            method: VarianceMethod::Linearized,
            population: None,
            stages: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(cluster: usize, coding: f64, weight: f64) -> Observation {
        Observation { cluster, coding, weight }
    }

    #[test]
    fn one_unit_per_cluster_makes_both_variances_equal() -> Result<()> {
        let units = [unit(0, 1.0, 2.0), unit(1, -1.0, 1.0), unit(2, 0.0, 5.0), unit(3, 1.0, 0.5)];
        let (r, total, _) = ratio(&units).ok_or(Error::EmptySample { what: "units" })?;
        let plain = between_psus(&psu_totals(&units, None, r, total));
        let clustered = between_psus(&psu_totals(&units, Some(4), r, total));
        assert!((plain - clustered).abs() < 1e-15);
        Ok(())
    }

    #[test]
    fn hand_worked_two_clusters() -> Result<()> {
        // Clusters {+1 (w 1), −1 (w 1)} and {+1 (w 2)}: R = 2/4 = 0.5. Z_0 = ((1 − .5) + (−1 − .5))/4 = −0.25,
        // Z_1 = 2·0.5/4 = 0.25; V = 2/1 · (0.0625 + 0.0625) = 0.25.
        let units = [unit(0, 1.0, 1.0), unit(0, -1.0, 1.0), unit(1, 1.0, 2.0)];
        let (r, total, kish) = ratio(&units).ok_or(Error::EmptySample { what: "units" })?;
        assert_eq!((r, total), (0.5, 4.0));
        assert!((kish - 16.0 / 6.0).abs() < 1e-15);
        assert!((between_psus(&psu_totals(&units, Some(2), r, total)) - 0.25).abs() < 1e-15);
        Ok(())
    }
}
