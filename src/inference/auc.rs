//! The area under the ROC curve of a score for a binary outcome, with DeLong's interval (and
//! Obuchowski's for clustered units).

use core::fmt;

use crate::core::Confidence;
use crate::error::{Error, Result};
use crate::inference::Interval;
use crate::inference::clustered::cluster_totals;
use crate::math::compensated::CompensatedSum;
use crate::math::ranks::midranks;

/// The area under the ROC curve (AUC) of a score for a binary outcome: the probability that a unit
/// with the outcome (a *case*: renewed, say) scores higher than one without (a *control*), ties
/// counting one half. 0.5 is no better than chance, 1 a perfect separation, below 0.5 the score
/// points the wrong way.
///
/// With cases X₁…X_m and controls Y₁…Y_n, ψ(x, y) = 1 if x > y, ½ if x = y, 0 otherwise, and the
/// placements V₁₀(Xᵢ) = (1/n)Σⱼ ψ(Xᵢ, Yⱼ), V₀₁(Yⱼ) = (1/m)Σᵢ ψ(Xᵢ, Yⱼ):
///
/// ```text
/// AUC = (1/mn) Σᵢ Σⱼ ψ(Xᵢ, Yⱼ)       Var = S₁₀/m + S₀₁/n,
/// S₁₀ = Σᵢ (V₁₀(Xᵢ) − AUC)²/(m − 1),   S₀₁ = Σⱼ (V₀₁(Yⱼ) − AUC)²/(n − 1)
/// ```
///
/// and the interval AUC ± z·√Var, clipped to [0, 1] (DeLong, DeLong & Clarke-Pearson 1988,
/// "Comparing the areas under two or more correlated receiver operating characteristic curves: a
/// nonparametric approach", *Biometrics* 44:837–845; R's `pROC::ci.auc(method = "delong")`, matched
/// to 1e-9 in the tests). The placements come from midranks, so the cost is O(N log N) (Sun & Xu
/// 2014, "Fast implementation of DeLong's algorithm", *IEEE Signal Processing Letters*
/// 21(11):1389–1393).
///
/// When the units are contacts of accounts (`clusters` is the number of accounts), the variance is
/// Obuchowski's (1997, "Nonparametric analysis of clustered ROC curve data", *Biometrics*
/// 53:567–578): with per-account sums V₁₀,g and V₀₁,g of the placements and m_g cases and n_g
/// controls in account g,
///
/// ```text
/// S₁₀ = I₁₀/((I₁₀ − 1)·m) Σ_g (V₁₀,g − m_g·AUC)²     (I₁₀ accounts with a case)
/// S₀₁ = I₀₁/((I₀₁ − 1)·n) Σ_g (V₀₁,g − n_g·AUC)²     (I₀₁ accounts with a control)
/// S₁₁ = I/(I − 1) Σ_g (V₁₀,g − m_g·AUC)(V₀₁,g − n_g·AUC)
/// Var = S₁₀/m + S₀₁/n + 2·S₁₁/(m·n)
/// ```
///
/// which is DeLong's when every account holds one unit.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, inference::roc_auc};
///
/// let scores = [9.0, 10.0, 8.0, 6.0, 9.0, 3.0, 7.0, 5.0];
/// let renewed = [true, true, true, true, false, false, false, false];
/// let auc = roc_auc(&scores, &renewed, Confidence::NINETY_FIVE)?;
/// // 16 case–control pairs: 12 won, one tie (9 vs 9), 3 lost: (12 + ½)/16.
/// assert_eq!(auc.auc, 12.5 / 16.0);
/// assert!(auc.interval.contains(0.5)); // eight answers cannot tell
/// println!("{auc}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Auc {
    /// The area under the ROC curve, in 0..=1.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub auc: f64,
    /// Its standard error (DeLong, or Obuchowski with clusters).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub std_error: f64,
    /// The normal interval AUC ± z·SE, clipped to [0, 1].
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::inference::interval::unit_interval"))]
    pub interval: Interval,
    /// Units with the outcome.
    pub cases: u64,
    /// Units without it.
    pub controls: u64,
    /// The number of accounts when contacts were the units with accounts as clusters (Obuchowski);
    /// `None` for independent units (DeLong).
    pub clusters: Option<u64>,
}

impl fmt::Display for Auc {
    /// `AUC 0.60 [0.45, 0.74] (95%, DeLong; 33 cases, 27 controls)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(2);
        let clipped = if self.interval.clipped { ", clipped" } else { "" };
        write!(
            f,
            "AUC {:.p$} [{:.p$}, {:.p$}] ({}{clipped}, ",
            self.auc, self.interval.lower, self.interval.upper, self.interval.level
        )?;
        match self.clusters {
            Some(accounts) => write!(f, "Obuchowski, {accounts} accounts as clusters")?,
            None => f.write_str("DeLong")?,
        }
        write!(f, "; {} cases, {} controls)", self.cases, self.controls)
    }
}

/// The AUC of `scores` for the binary `outcomes` (`true` = case) of independent units, with DeLong's
/// standard error and interval (see [`Auc`]). Higher scores are expected to go with the outcome.
///
/// # Errors
///
/// [`Error::LengthMismatch`] when the slices differ in length; [`Error::NonFiniteAt`] naming the
/// first score that is NaN or infinite; [`Error::SingleValue`] when every unit has the same outcome;
/// [`Error::TooFewForVariance`] with fewer than two cases or two controls.
///
/// ```
/// use nps_stats::{Confidence, Error, inference::roc_auc};
/// let level = Confidence::NINETY_FIVE;
/// assert!(matches!(roc_auc(&[9.0, 3.0], &[true, true], level), Err(Error::SingleValue { .. })));
/// assert!(matches!(roc_auc(&[9.0], &[true, false], level), Err(Error::LengthMismatch { .. })));
/// ```
pub fn roc_auc(scores: &[f64], outcomes: &[bool], level: Confidence) -> Result<Auc> {
    let placements = placements(scores, outcomes)?;
    let (m, n) = (placements.cases.len() as f64, placements.controls.len() as f64);
    let auc = placements.auc;
    let spread = |values: &[f64]| {
        values.iter().fold(CompensatedSum::default(), |s, &v| s.plus((v - auc) * (v - auc))).value()
    };
    let s10 = spread(&placements.cases) / (m - 1.0);
    let s01 = spread(&placements.controls) / (n - 1.0);
    finish(auc, s10 / m + s01 / n, &placements, None, level)
}

/// The AUC of contacts in `clusters` accounts (`cluster[k]` < `clusters` is unit k's account), with
/// Obuchowski's clustered variance (see [`Auc`]).
pub(crate) fn roc_auc_clustered(
    scores: &[f64],
    outcomes: &[bool],
    cluster: &[usize],
    clusters: usize,
    level: Confidence,
) -> Result<Auc> {
    if cluster.len() != scores.len() {
        return Err(Error::LengthMismatch {
            left_name: "accounts",
            left: cluster.len(),
            right_name: "scores",
            right: scores.len(),
        });
    }
    let placements = placements(scores, outcomes)?;
    let (m, n) = (placements.cases.len() as f64, placements.controls.len() as f64);
    let auc = placements.auc;
    // Per account: Σ V₁₀ − m_g·AUC over its cases, Σ V₀₁ − n_g·AUC over its controls.
    let mut next_case = placements.cases.iter();
    let mut next_control = placements.controls.iter();
    let mut case_part = Vec::with_capacity(scores.len());
    let mut control_part = Vec::with_capacity(scores.len());
    let (mut with_case, mut with_control) = (vec![false; clusters], vec![false; clusters]);
    for (&outcome, &g) in outcomes.iter().zip(cluster) {
        if outcome {
            case_part.push((g, next_case.next().map_or(0.0, |v| v - auc)));
            if let Some(seen) = with_case.get_mut(g) {
                *seen = true;
            }
        } else {
            control_part.push((g, next_control.next().map_or(0.0, |v| v - auc)));
            if let Some(seen) = with_control.get_mut(g) {
                *seen = true;
            }
        }
    }
    let v10 = cluster_totals(case_part, clusters);
    let v01 = cluster_totals(control_part, clusters);
    let accounts_with = |seen: &[bool]| seen.iter().filter(|&&s| s).count();
    let (with_cases, with_controls) = (accounts_with(&with_case), accounts_with(&with_control));
    if with_cases < 2 || with_controls < 2 {
        let found = with_cases.min(with_controls) as u64;
        return Err(Error::TooFewForVariance { what: "accounts with each outcome", found });
    }
    let (i10, i01) = (with_cases as f64, with_controls as f64);
    let i = with_case.iter().zip(&with_control).filter(|&(&a, &b)| a || b).count() as f64;
    let squares = |parts: &[f64]| parts.iter().fold(CompensatedSum::default(), |s, &d| s.plus(d * d)).value();
    let cross = v10.iter().zip(&v01).fold(CompensatedSum::default(), |s, (&a, &b)| s.plus(a * b)).value();
    let s10 = i10 / ((i10 - 1.0) * m) * squares(&v10);
    let s01 = i01 / ((i01 - 1.0) * n) * squares(&v01);
    let s11 = i / (i - 1.0) * cross;
    let variance = s10 / m + s01 / n + 2.0 * s11 / (m * n);
    finish(auc, variance, &placements, Some(clusters as u64), level)
}

/// The placements of the cases and of the controls, each in input order, and the AUC.
struct Placements {
    cases: Vec<f64>,
    controls: Vec<f64>,
    auc: f64,
}

/// The placements from midranks: a case's V₁₀ is (its midrank among all units − its midrank among
/// the cases)/n, a control's V₀₁ is 1 − (its midrank among all − its midrank among the controls)/m.
fn placements(scores: &[f64], outcomes: &[bool]) -> Result<Placements> {
    if scores.len() != outcomes.len() {
        return Err(Error::LengthMismatch {
            left_name: "scores",
            left: scores.len(),
            right_name: "outcomes",
            right: outcomes.len(),
        });
    }
    if let Some((position, &value)) = scores.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(Error::NonFiniteAt { name: "score", value, position });
    }
    let of = |want: bool| -> Vec<f64> {
        scores.iter().zip(outcomes).filter(|&(_, &o)| o == want).map(|(&s, _)| s).collect()
    };
    let (case_scores, control_scores) = (of(true), of(false));
    let (m, n) = (case_scores.len(), control_scores.len());
    if m == 0 || n == 0 {
        return Err(Error::SingleValue { what: "the outcome" });
    }
    if m < 2 || n < 2 {
        return Err(Error::TooFewForVariance { what: "units with each outcome", found: m.min(n) as u64 });
    }
    let all = midranks(scores);
    let (within_cases, within_controls) = (midranks(&case_scores), midranks(&control_scores));
    let (mf, nf) = (m as f64, n as f64);
    let mut cases = Vec::with_capacity(m);
    let mut controls = Vec::with_capacity(n);
    let (mut case_rank, mut control_rank) = (within_cases.iter(), within_controls.iter());
    for (&rank, &outcome) in all.iter().zip(outcomes) {
        if outcome {
            cases.push((rank - case_rank.next().copied().unwrap_or(rank)) / nf);
        } else {
            controls.push(1.0 - (rank - control_rank.next().copied().unwrap_or(rank)) / mf);
        }
    }
    let auc = cases.iter().fold(CompensatedSum::default(), |s, &v| s.plus(v)).value() / mf;
    Ok(Placements { cases, controls, auc })
}

fn finish(
    auc: f64,
    variance: f64,
    placements: &Placements,
    clusters: Option<u64>,
    level: Confidence,
) -> Result<Auc> {
    let std_error = variance.max(0.0).sqrt();
    let half_width = level.z() * std_error;
    Ok(Auc {
        auc,
        std_error,
        interval: Interval::within(auc - half_width, auc + half_width, level, 0.0, 1.0),
        cases: placements.cases.len() as u64,
        controls: placements.controls.len() as u64,
        clusters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_contact_per_account_is_delong() -> Result<()> {
        let scores = [9.0, 10.0, 8.0, 6.0, 9.0, 3.0, 7.0, 5.0, 9.0, 2.0];
        let outcomes = [true, true, true, true, false, false, false, false, true, false];
        let level = Confidence::NINETY_FIVE;
        let delong = roc_auc(&scores, &outcomes, level)?;
        let clusters: Vec<usize> = (0..scores.len()).collect();
        let clustered = roc_auc_clustered(&scores, &outcomes, &clusters, scores.len(), level)?;
        assert_eq!(clustered.auc, delong.auc);
        assert!((clustered.std_error - delong.std_error).abs() < 1e-15);
        Ok(())
    }

    #[test]
    fn pairs_by_hand() -> Result<()> {
        // Cases 9, 10, 8, 6; controls 9, 3, 7, 5. V₁₀: 9 → (3 + ½)/4, 10 → 1, 8 → ¾, 6 → ½;
        // V₀₁: 9 → (1 + ½)/4, 3 → 1, 7 → ¾, 5 → 1. AUC = (3.5 + 4 + 3 + 2)/16 = 12.5/16.
        let p = placements(
            &[9.0, 10.0, 8.0, 6.0, 9.0, 3.0, 7.0, 5.0],
            &[true, true, true, true, false, false, false, false],
        )?;
        assert_eq!(p.cases, [0.875, 1.0, 0.75, 0.5]);
        assert_eq!(p.controls, [0.375, 1.0, 0.75, 1.0]);
        assert_eq!(p.auc, 12.5 / 16.0);
        Ok(())
    }
}
