//! The estimate of one tally by method: the dispatcher over the interval methods.

use crate::core::Confidence;
use crate::error::{Error, Result};
use crate::inference::interval::Interval;
use crate::inference::{Estimate, Method};
use crate::tally::Tally;

impl Tally {
    /// The NPS with the crate's defaults in one call: the adjusted Wald interval ([`Method::default`])
    /// at 95 % ([`Confidence::default`]). Use [`estimate`](Tally::estimate) to choose.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] when the tally has no answers.
    ///
    /// ```
    /// use nps_stats::{Confidence, Method, Tally};
    /// let tally = Tally::from_counts(31, 40, 29)?;
    /// let est = tally.estimate_default()?;
    /// assert_eq!((est.method, est.interval.level), (Method::AdjustedWald, Confidence::NINETY_FIVE));
    /// assert_eq!(est, tally.estimate(Method::AdjustedWald, Confidence::NINETY_FIVE)?);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn estimate_default(&self) -> Result<Estimate> {
        self.estimate(Method::default(), Confidence::default())
    }

    /// The NPS with its standard error and a two-sided interval by `method` at `level`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] when the tally has no answers. For [`Method::Bootstrap`]:
    /// [`Error::TooFewResamples`] below [`MIN_RESAMPLES`](crate::inference::MIN_RESAMPLES) (1,000)
    /// or too few for the level, [`Error::InvalidCount`] above
    /// [`MAX_RESAMPLES`](crate::inference::MAX_RESAMPLES) (10,000,000), and
    /// [`Error::InvalidParameter`] for a level above 0.9999998, which no allowed number of
    /// resamples serves.
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
            Method::Wald => crate::inference::wald::wald(self),
            Method::AdjustedWald => crate::inference::wald::adjusted_wald(self),
            Method::Bayesian { prior } => crate::inference::bayes::spread(self, prior),
            Method::Bootstrap { .. } | Method::Score => crate::inference::wald::wald(self),
        };
        let std_error = 100.0 * spread.std_error;
        let interval = match method {
            Method::Bayesian { prior } => crate::inference::bayes::credible_interval(self, prior, level),
            Method::Bootstrap { resamples, seed, interval } => {
                return crate::inference::bootstrap::estimate(self, resamples, seed, interval, level);
            }
            Method::Score => crate::inference::tango::interval(self, level),
            Method::Wald | Method::AdjustedWald => {
                Interval::around(100.0 * spread.center, level.z() * std_error, level, 100.0)
            }
        };
        Ok(Estimate { nps, n, effective_n: n as f64, std_error, interval, method })
    }
}
