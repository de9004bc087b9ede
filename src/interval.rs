//! What inference returns: intervals and estimates, and the methods that make them.

use core::fmt;

use crate::{BootstrapInterval, Confidence, Error, Prior, Result, Tally};

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
    /// posterior standard deviation. With [`Prior::UNIFORM`] the posterior mean is the adjusted
    /// Wald centre. From 10¹⁰ answers on the posterior is normal to within 10⁻⁷ points and is
    /// computed as such. See [`Prior`] and [`Tally::probability_above`].
    Bayesian {
        /// The Dirichlet prior on the (promoter, passive, detractor) shares.
        prior: Prior,
    },
    /// The nonparametric bootstrap: `resamples` multinomial resamples of the answers drawn with a
    /// generator seeded by `seed` (the same seed gives the same interval), read as a percentile
    /// or BCa interval; the standard error is the standard deviation of the resampled NPS. At
    /// least 1,000 resamples, and enough that each tail of the interval holds one
    /// ((B + 1)·(1 − level)/2 ≥ 1). When all answers agree the resamples do too and the interval
    /// has width 0.
    Bootstrap {
        /// The number of resamples B (1,000 to 10,000,000).
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

/// A two-sided interval at a confidence (or credibility) level, in NPS points.
///
/// Intervals for one NPS are clipped to [−100, 100]; intervals for a difference of two NPS values to
/// [−200, 200].
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Method, Tally};
///
/// let tally = Tally::from_scores(&[10, 10, 9, 7, 3])?;
/// let interval = tally.estimate(Method::AdjustedWald, Confidence::NINETY_FIVE)?.interval;
/// assert!(interval.lower < interval.upper);
/// assert!(interval.contains(40.0));
/// assert_eq!(interval.level, Confidence::NINETY_FIVE);
/// assert!(interval.width() > 50.0); // five answers say little
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Interval {
    /// The lower bound.
    pub lower: f64,
    /// The upper bound.
    pub upper: f64,
    /// The confidence level.
    pub level: Confidence,
}

impl Interval {
    /// `center ± half_width`, clipped to `[-limit, limit]`.
    pub(crate) fn around(center: f64, half_width: f64, level: Confidence, limit: f64) -> Interval {
        Interval::clipped(center - half_width, center + half_width, level, limit)
    }

    /// `[lower, upper]` clipped to `[-limit, limit]`.
    pub(crate) fn clipped(lower: f64, upper: f64, level: Confidence, limit: f64) -> Interval {
        Interval { lower: lower.clamp(-limit, limit), upper: upper.clamp(-limit, limit), level }
    }

    /// The distance between the bounds.
    ///
    /// ```
    /// use nps_stats::{Confidence, Method, Tally};
    /// // p = d = ¼: σ² = ½, SE = √(½ / 4) on the −1..=1 scale.
    /// let tally = Tally::from_scores(&[10, 8, 0, 8])?;
    /// let interval = tally.estimate(Method::Wald, Confidence::NINETY_FIVE)?.interval;
    /// let expected = 2.0 * Confidence::NINETY_FIVE.z() * 100.0 * (0.5f64 / 4.0).sqrt();
    /// assert!((interval.width() - expected).abs() < 1e-9);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn width(&self) -> f64 {
        self.upper - self.lower
    }

    /// Whether `value` lies within the bounds (inclusive).
    ///
    /// ```
    /// use nps_stats::{Confidence, Method, Tally};
    /// let interval = Tally::from_scores(&[10, 0])?.estimate(Method::Wald, Confidence::NINETY_FIVE)?.interval;
    /// assert!(interval.contains(0.0));
    /// assert!(!interval.contains(150.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn contains(&self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }
}

impl fmt::Display for Interval {
    /// `[+13.7, +43.8] (95%)`; the precision (default 1) applies to both bounds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(f, "[{:+.p$}, {:+.p$}] ({})", self.lower, self.upper, self.level)
    }
}

/// An NPS with its uncertainty: point estimate, sample size, standard error and interval.
///
/// `nps` is always the observed NPS of the sample, unrounded. The interval and standard error are
/// those of `method`; for the adjusted Wald method the interval is centred on the adjusted NPS
/// 100·(P − D)/(n + 3), which lies slightly closer to 0 than `nps`.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Method, Tally};
///
/// let mut scores = vec![10u8; 50];
/// scores.extend([8u8; 30]);
/// scores.extend([0u8; 20]);
/// let est = Tally::from_scores(&scores)?.estimate(Method::Wald, Confidence::NINETY_FIVE)?;
/// assert_eq!(est.nps, 30.0);
/// assert_eq!(est.n, 100);
/// // σ² = 0.5 + 0.2 − 0.3² = 0.61; SE = √(0.61/100) = 0.0781 → 7.81 points.
/// assert!((est.std_error - 100.0 * (0.61f64 / 100.0).sqrt()).abs() < 1e-9);
/// println!("{est}"); // +30.0 [+14.7, +45.3] (95%), n = 100, SE 7.8 (Wald)
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Estimate {
    /// The observed NPS in points, unrounded.
    pub nps: f64,
    /// The number of answers.
    pub n: u64,
    /// The effective sample size: `n` for unweighted data, Kish's (Σw)²/Σw² (or the design-based
    /// equivalent) for weighted data.
    pub effective_n: f64,
    /// The standard error in points, as the method defines it.
    pub std_error: f64,
    /// The interval.
    pub interval: Interval,
    /// The method that produced the interval.
    pub method: Method,
}

impl fmt::Display for Estimate {
    /// `+30.0 [+14.7, +45.3] (95%), n = 100, SE 7.8 (Wald)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "{:+.p$} {:.p$}, n = {}, SE {:.p$} ({})",
            self.nps, self.interval, self.n, self.std_error, self.method
        )
    }
}

impl Tally {
    /// The NPS with its standard error and a two-sided interval by `method` at `level`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] when the tally has no answers. For [`Method::Bootstrap`]:
    /// [`Error::TooFewResamples`] below 1,000 resamples or too few for the level, and
    /// [`Error::InvalidParameter`] above 10,000,000.
    ///
    /// ```
    /// use nps_stats::{Confidence, Method, Tally};
    /// let tally = Tally::from_scores(&[10, 9, 9, 8, 7, 6])?;
    /// let est = tally.estimate(Method::AdjustedWald, Confidence::NINETY_FIVE)?;
    /// assert!(est.interval.contains(est.nps));
    /// assert!(Tally::new().estimate(Method::Wald, Confidence::NINETY_FIVE).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn estimate(&self, method: Method, level: Confidence) -> Result<Estimate> {
        let nps = self.nps().ok_or(Error::EmptySample { what: "the sample" })?;
        let n = self.total();
        let spread = match method {
            Method::Wald => crate::wald::wald(self),
            Method::AdjustedWald => crate::wald::adjusted_wald(self),
            Method::Bayesian { prior } => crate::bayes::spread(self, prior),
            Method::Bootstrap { .. } | Method::Score => crate::wald::wald(self),
        };
        let std_error = 100.0 * spread.std_error;
        let interval = match method {
            Method::Bayesian { prior } => crate::bayes::credible_interval(self, prior, level),
            Method::Bootstrap { resamples, seed, interval } => {
                return crate::bootstrap::estimate(self, resamples, seed, interval, level);
            }
            Method::Score => crate::tango::interval(self, level),
            Method::Wald | Method::AdjustedWald => {
                Interval::around(100.0 * spread.center, level.z() * std_error, level, 100.0)
            }
        };
        Ok(Estimate { nps, n, effective_n: n as f64, std_error, interval, method })
    }
}
