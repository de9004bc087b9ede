//! Spearman's rank correlation with its test and interval (and a cluster jackknife for contacts of
//! accounts).

use core::fmt;

use crate::core::Confidence;
use crate::core::text::p_equals;
use crate::error::{Error, Result};
use crate::inference::Interval;
use crate::math::compensated::CompensatedSum;
use crate::math::ranks::midranks;
use crate::math::t_tail::t_two_sided_p;

/// Spearman's rank correlation ρ of two measurements (a score and a numeric outcome such as the
/// change in revenue), with its test and interval.
///
/// ρ is Pearson's correlation of the midranks (ties share the mean of their ranks), as R's
/// `cor(x, y, method = "spearman")`. For independent units the test is R's
/// `cor.test(x, y, method = "spearman", exact = FALSE)`: t = ρ·√((n − 2)/(1 − ρ²)) with n − 2 degrees of
/// freedom, and the interval is Fisher's z with Bonett & Wright's standard error (Bonett & Wright 2000,
/// "Sample size requirements for estimating Pearson, Kendall and Spearman correlations",
/// *Psychometrika* 65(1):23–28):
///
/// ```text
/// tanh( atanh(ρ) ∓ z_{1−α/2}·√((1 + ρ²/2)/(n − 3)) )
/// ```
///
/// When the units are contacts of accounts (`clusters` is the number of accounts G) the standard
/// error of atanh(ρ) comes from the delete-one-account jackknife, SE² = (G − 1)/G·Σ_g (ẑ₋g − z̄)² with
/// ẑ₋g = atanh(ρ without account g) (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*,
/// ch. 11; the JK1 replicates of R's `survey::as.svrepdesign`), the interval is
/// tanh(atanh(ρ) ∓ t_{G−1}·SE) and the test t = atanh(ρ)/SE with G − 1 degrees of freedom.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, inference::spearman};
///
/// let score = [9.0, 6.0, 10.0, 3.0, 8.0, 7.0];
/// let revenue_change = [0.12, -0.02, 0.08, -0.10, 0.01, 0.03];
/// let rho = spearman(&score, &revenue_change, Confidence::NINETY_FIVE)?;
/// assert!((rho.rho - (1.0 - 6.0 * 4.0 / 210.0)).abs() < 1e-12); // 1 − 6Σd²/(n(n² − 1)), Σd² = 4
/// println!("{rho}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RankCorrelation {
    /// Spearman's ρ, in −1..=1.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::signed_share"))]
    pub rho: f64,
    /// The number of pairs.
    pub n: u64,
    /// The interval of ρ, within [−1, 1].
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::inference::interval::signed_unit_interval")
    )]
    pub interval: Interval,
    /// The t statistic; `None` when ρ is ±1 (or, with clusters, the jackknife finds no spread).
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::core::checked::optional_statistic")
    )]
    pub statistic: Option<f64>,
    /// Its degrees of freedom: n − 2, or accounts − 1 with clusters.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub degrees_of_freedom: f64,
    /// The two-sided p-value of "no monotone relation" (ρ = 0).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub p_value: f64,
    /// The number of accounts when contacts were the units with accounts as clusters (jackknife);
    /// `None` for independent units.
    pub clusters: Option<u64>,
}

impl fmt::Display for RankCorrelation {
    /// `Spearman's rho +0.21 [-0.11, +0.49] (95%), t = 1.31 (38 df), p = 0.1989 (n = 40; Fisher z, Bonett–Wright)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(2);
        write!(f, "Spearman's rho {:+.p$} {:.p$}", self.rho, self.interval)?;
        if let Some(t) = self.statistic {
            write!(f, ", t = {t:.2} ({} df)", self.degrees_of_freedom)?;
        }
        write!(f, ", {} (n = {}; ", p_equals(self.p_value), self.n)?;
        match self.clusters {
            Some(accounts) => write!(f, "Fisher z, jackknife over {accounts} accounts)"),
            None => f.write_str("Fisher z, Bonett–Wright)"),
        }
    }
}

/// Spearman's ρ of the pairs (`x[i]`, `y[i]`) of independent units, with R's `cor.test` t-test and
/// the Bonett–Wright interval (see [`RankCorrelation`]).
///
/// # Errors
///
/// [`Error::LengthMismatch`] when the slices differ in length; [`Error::NonFiniteAt`] naming the
/// first value that is NaN or infinite; [`Error::InvalidCount`] with fewer than 4 pairs (the interval
/// needs n − 3 > 0); [`Error::SingleValue`] when `x` or `y` takes one value only (ρ is undefined).
///
/// ```
/// use nps_stats::{Confidence, Error, inference::spearman};
/// let level = Confidence::NINETY_FIVE;
/// let err = spearman(&[1.0, 2.0, 3.0, 4.0], &[5.0; 4], level).unwrap_err();
/// assert!(matches!(err, Error::SingleValue { .. }));
/// ```
pub fn spearman(x: &[f64], y: &[f64], level: Confidence) -> Result<RankCorrelation> {
    let rho = checked_rho(x, y)?;
    let n = x.len() as f64;
    let df = n - 2.0;
    let (statistic, p_value) = if rho.abs() < 1.0 {
        let t = rho * (df / (1.0 - rho * rho)).sqrt();
        (Some(t), t_two_sided_p(t, df))
    } else {
        (None, 0.0)
    };
    let se = ((1.0 + rho * rho / 2.0) / (n - 3.0)).sqrt();
    let z = rho.atanh();
    let q = level.z();
    Ok(RankCorrelation {
        rho,
        n: x.len() as u64,
        interval: fisher_interval(z, q * se, rho, level),
        statistic,
        degrees_of_freedom: df,
        p_value,
        clusters: None,
    })
}

/// Spearman's ρ of contacts in `clusters` accounts (`cluster[k]` < `clusters`), with the delete-one-
/// account jackknife of atanh(ρ) (see [`RankCorrelation`]).
pub(crate) fn spearman_clustered(
    x: &[f64],
    y: &[f64],
    cluster: &[usize],
    clusters: usize,
    level: Confidence,
) -> Result<RankCorrelation> {
    let rho = checked_rho(x, y)?;
    if cluster.len() != x.len() {
        return Err(Error::LengthMismatch {
            left_name: "accounts",
            left: cluster.len(),
            right_name: "pairs",
            right: x.len(),
        });
    }
    if clusters < 2 {
        return Err(Error::TooFewForVariance { what: "accounts", found: clusters as u64 });
    }
    let mut replicates = Vec::with_capacity(clusters);
    for g in 0..clusters {
        let keep = |k: &usize| cluster.get(*k).is_some_and(|&c| c != g);
        let xs: Vec<f64> = (0..x.len()).filter(keep).filter_map(|k| x.get(k).copied()).collect();
        let ys: Vec<f64> = (0..y.len()).filter(keep).filter_map(|k| y.get(k).copied()).collect();
        let without = rank_correlation(&xs, &ys).ok_or(Error::SingleValue {
            what: "a measurement once one account is left out (the jackknife needs a correlation without each)",
        })?;
        replicates.push(without.atanh());
    }
    let g = clusters as f64;
    let mean = replicates.iter().fold(CompensatedSum::default(), |s, &z| s.plus(z)).value() / g;
    let squares = replicates.iter().fold(CompensatedSum::default(), |s, &z| s.plus((z - mean) * (z - mean)));
    let se = ((g - 1.0) / g * squares.value()).sqrt();
    let df = g - 1.0;
    let z = rho.atanh();
    let (statistic, p_value) = if se > 0.0 && se.is_finite() && z.is_finite() {
        let t = z / se;
        (Some(t), t_two_sided_p(t, df))
    } else {
        (None, if rho == 0.0 { 1.0 } else { 0.0 })
    };
    let half = if se.is_finite() { level.t(df)? * se } else { f64::INFINITY };
    Ok(RankCorrelation {
        rho,
        n: x.len() as u64,
        interval: fisher_interval(z, half, rho, level),
        statistic,
        degrees_of_freedom: df,
        p_value,
        clusters: Some(clusters as u64),
    })
}

/// tanh(z ∓ half), exactly ±1 when ρ is ±1 (where z is infinite) and ∓1 for an infinite half-width.
fn fisher_interval(z: f64, half: f64, rho: f64, level: Confidence) -> Interval {
    let (lower, upper) = if rho.abs() >= 1.0 { (rho, rho) } else { ((z - half).tanh(), (z + half).tanh()) };
    Interval::within(lower, upper, level, -1.0, 1.0)
}

/// ρ after checking the input (lengths, finite values, at least 4 pairs, both sides varying).
fn checked_rho(x: &[f64], y: &[f64]) -> Result<f64> {
    if x.len() != y.len() {
        return Err(Error::LengthMismatch { left_name: "x", left: x.len(), right_name: "y", right: y.len() });
    }
    for values in [x, y] {
        if let Some((position, &value)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(Error::NonFiniteAt { name: "value", value, position });
        }
    }
    if x.len() < 4 {
        return Err(Error::InvalidCount {
            name: "pairs",
            value: x.len() as u64,
            expected: "at least 4 pairs for a rank correlation with an interval (n − 3 > 0)",
        });
    }
    rank_correlation(x, y).ok_or(Error::SingleValue { what: "a measurement of the rank correlation" })
}

/// Pearson's correlation of the midranks, clamped to [−1, 1]; `None` when a side has no spread.
fn rank_correlation(x: &[f64], y: &[f64]) -> Option<f64> {
    let (rx, ry) = (midranks(x), midranks(y));
    let n = rx.len() as f64;
    let mean = |r: &[f64]| r.iter().fold(CompensatedSum::default(), |s, &v| s.plus(v)).value() / n;
    let (mx, my) = (mean(&rx), mean(&ry));
    let (mut sxy, mut sxx, mut syy) =
        (CompensatedSum::default(), CompensatedSum::default(), CompensatedSum::default());
    for (&a, &b) in rx.iter().zip(&ry) {
        sxy = sxy.plus((a - mx) * (b - my));
        sxx = sxx.plus((a - mx) * (a - mx));
        syy = syy.plus((b - my) * (b - my));
    }
    let (sxx, syy) = (sxx.value(), syy.value());
    (sxx > 0.0 && syy > 0.0).then(|| (sxy.value() / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_orders_give_plus_or_minus_one() -> Result<()> {
        let level = Confidence::NINETY_FIVE;
        let up = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 4.0, 8.0, 16.0, 32.0], level)?;
        assert_eq!((up.rho, up.statistic, up.p_value), (1.0, None, 0.0));
        assert_eq!((up.interval.lower, up.interval.upper), (1.0, 1.0));
        let down = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[5.0, 4.0, 3.0, 2.0, 1.0], level)?;
        assert_eq!(down.rho, -1.0);
        Ok(())
    }

    #[test]
    fn bad_input_is_an_error() {
        let level = Confidence::NINETY_FIVE;
        assert!(matches!(
            spearman(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0], level),
            Err(Error::InvalidCount { .. })
        ));
        assert!(matches!(
            spearman(&[1.0, f64::NAN, 3.0, 4.0], &[1.0; 4], level),
            Err(Error::NonFiniteAt { position: 1, .. })
        ));
    }
}
