//! The methods for an interval of one NPS.

use crate::inference::Prior;
use core::fmt;

/// The methods for a confidence interval of one NPS.
///
/// `#[non_exhaustive]`: methods can be added in a minor release. [`Method::default`] is
/// [`Method::AdjustedWald`], which keeps close to nominal coverage down to n = 10 (Rocks 2016).
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Method, Tally};
///
/// let tally = Tally::from_scores(&[10, 9, 9, 8, 7, 6, 3, 10, 9, 5])?;
/// let wald = tally.estimate(Method::Wald, Confidence::NINETY_FIVE)?;
/// let adjusted = tally.estimate(Method::default(), Confidence::NINETY_FIVE)?;
/// assert_eq!(wald.nps, adjusted.nps); // the same point estimate, +20
/// assert_eq!(adjusted.method, Method::AdjustedWald);
/// assert_eq!(Method::AdjustedWald.to_string(), "adjusted Wald");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Method {
    /// The plain Wald interval NPS ± z·√(σ²/n), with the per-answer variance
    /// σ² = p + d − (p − d)² of the −1/0/+1 coding (p, d the promoter and detractor shares).
    /// Kept for compatibility with spreadsheets and the R package `NPS`'s `nps.test`; it undercovers
    /// badly for small samples and extreme scores, and its width is 0 when all answers agree.
    Wald,
    /// The adjusted Wald interval of Rocks (2016): add ¾ promoter, 1½ passive and ¾ detractor
    /// pseudo-answers (n + 3 in all) and use the Wald form on the adjusted shares. The default.
    ///
    /// The interval is centred on the adjusted NPS (P − D)/(n + 3), which it always contains. At
    /// levels of 95 % and more it also contains the observed NPS for every n ≥ 2 (checked for
    /// all samples up to n = 2,000; beyond, the half-width at the extremes, about 4.2/n, exceeds
    /// the shrinkage 3/n), but not for a single answer: one promoter gives [−48.5, +98.5] at 95 %.
    /// At lower levels the shrinkage can exceed the half-width for extreme samples (n ≤ 4 at 90 %,
    /// many n at 80 %).
    #[default]
    AdjustedWald,
    /// The equal-tailed credible interval of the Dirichlet posterior of the shares, computed
    /// exactly rather than by simulation (a one-dimensional integral of Beta CDFs, accurate to
    /// 10⁻⁶ points, within 10⁻⁹ points of a 30-digit reference); the standard error is the
    /// posterior standard deviation. With [`Prior::UNIFORM`](crate::inference::Prior::UNIFORM) the posterior mean is the adjusted
    /// Wald centre. From 10¹⁰ answers on the posterior is normal to within 10⁻⁷ points and is
    /// computed as such. See [`Prior`](crate::inference::Prior) and [`Tally::probability_above`](crate::Tally::probability_above).
    Bayesian {
        /// The Dirichlet prior on the (promoter, passive, detractor) shares.
        prior: Prior,
    },
    /// The nonparametric bootstrap: `resamples` multinomial resamples of the answers drawn with a
    /// generator seeded by `seed` (the same seed gives the same interval), read as a percentile
    /// or BCa interval; the standard error is the standard deviation of the resampled NPS. At
    /// least 1,000 resamples, and enough that each tail of the interval holds one
    /// ((B + 1)·(1 − level)/2 ≥ 1), so levels up to 0.9999998 with the largest bootstrap. When all
    /// answers agree the resamples do too and the interval has width 0.
    Bootstrap {
        /// The number of resamples B, from [`MIN_RESAMPLES`](crate::inference::MIN_RESAMPLES) (1,000)
        /// to [`MAX_RESAMPLES`](crate::inference::MAX_RESAMPLES) (10,000,000).
        resamples: u32,
        /// The seed of the random generator.
        seed: u64,
        /// How the interval is read from the resamples.
        interval: BootstrapInterval,
    },
    /// Tango's (1998) score interval, which Rocks (2016) found as good as the adjusted Wald: the
    /// NPS values δ whose score statistic |T(δ)| ≤ z, with the variance evaluated at the
    /// maximum-likelihood shares under NPS = δ. It has positive width when all answers agree.
    /// The standard error reported is the plain Wald one.
    Score,
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Method::Wald => "Wald",
            Method::AdjustedWald => "adjusted Wald",
            Method::Bayesian { prior } => return f.pad(&format!("Bayesian, {prior}")),
            Method::Bootstrap { resamples, interval, .. } => {
                return f.pad(&format!("bootstrap {interval}, {resamples} resamples"));
            }
            Method::Score => "score (Tango)",
        })
    }
}

/// How a [`Method::Bootstrap`](crate::inference::Method::Bootstrap) interval is read from the resamples.
///
/// Both read the same resampled NPS values, so they are one method with a choice of interval
/// rather than two methods: the resampling, its seed and its cost are shared.
///
/// ```
/// use nps_stats::{Confidence, Method, Tally, inference::BootstrapInterval};
///
/// let tally = Tally::from_scores(&[10, 10, 9, 9, 9, 8, 7, 6, 2, 10, 9, 9])?;
/// let percentile = Method::Bootstrap { resamples: 4_000, seed: 1, interval: BootstrapInterval::Percentile };
/// let bca = Method::Bootstrap { resamples: 4_000, seed: 1, interval: BootstrapInterval::Bca };
/// let a = tally.estimate(percentile, Confidence::NINETY_FIVE)?;
/// let b = tally.estimate(bca, Confidence::NINETY_FIVE)?;
/// assert_eq!(a.std_error, b.std_error); // the same resamples
/// assert_eq!(BootstrapInterval::default(), BootstrapInterval::Bca);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BootstrapInterval {
    /// The α/2 and 1 − α/2 quantiles of the resampled NPS (Efron & Tibshirani 1993, ch. 13).
    Percentile,
    /// Bias-corrected and accelerated (Efron 1987, "Better bootstrap confidence intervals",
    /// *JASA* 82(397)): second-order accurate, and it corrects the percentile interval's skew
    /// towards 0 for extreme scores. The default.
    #[default]
    Bca,
}

impl fmt::Display for BootstrapInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            BootstrapInterval::Percentile => "percentile",
            BootstrapInterval::Bca => "BCa",
        })
    }
}
