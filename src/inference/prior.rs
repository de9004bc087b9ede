//! Dirichlet priors for the Bayesian NPS.

use core::fmt;

use crate::error::{Error, Result};

/// The smallest prior parameter accepted, 10⁻⁶. Smaller shapes put the prior's mass closer to the
/// corners of the simplex than `f64` resolves (a Beta(10⁻⁵⁰, …) holds all but 10⁻⁵⁰ of its mass
/// below 10⁻¹⁰⁰⁰⁰), and the posterior integrals lose their digits; down to 10⁻⁶ they agree with a
/// 30-digit reference (`tests/data/bayes_reference.py`). A prior that close to 0 already weighs
/// nothing beside a single answer.
///
/// ```
/// use nps_stats::inference::{MIN_PRIOR, Prior};
/// assert!(Prior::new(MIN_PRIOR, 1.0, 1.0).is_ok());
/// assert!(Prior::new(MIN_PRIOR / 2.0, 1.0, 1.0).is_err());
/// ```
pub const MIN_PRIOR: f64 = 1e-6;

/// The largest prior parameter accepted, 10⁶: a prior worth a million answers of one category,
/// far beyond any survey it could be combined with, so that the posterior's sums and moments stay
/// finite and exact whatever the counts.
///
/// ```
/// use nps_stats::inference::{MAX_PRIOR, Prior};
/// assert!(Prior::new(MAX_PRIOR, MAX_PRIOR, MAX_PRIOR).is_ok());
/// assert!(Prior::new(1.0, 1e308, 1.0).is_err());
/// ```
pub const MAX_PRIOR: f64 = 1e6;

/// A Dirichlet prior on the (promoter, passive, detractor) shares, for [`Method::Bayesian`].
///
/// The parameters act as pseudo-answers added to the observed counts: after P promoters, A passives
/// and D detractors the posterior is Dirichlet(P + promoters, A + passives, D + detractors).
///
/// - [`Prior::UNIFORM`] (the default), Dirichlet(1, 1, 1): every share vector equally likely a
///   priori, as in Costa & Ponte's `BayesNPS` package. Its posterior mean, (P − D)/(n + 3), is the
///   centre of the adjusted Wald interval. It pulls extreme scores towards 0, which makes its
///   intervals undercover when the true NPS is near ±100 and n is small.
/// - [`Prior::JEFFREYS`], Dirichlet(½, ½, ½): Jeffreys' invariant prior for the multinomial; it
///   weighs as 1.5 answers instead of 3, so it pulls less.
/// - [`Prior::new`]: any parameters from [`MIN_PRIOR`] to [`MAX_PRIOR`], for example last year's
///   counts scaled down to the weight you want to give them.
///
/// [`Method::Bayesian`]: crate::inference::Method::Bayesian
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Method, Tally, inference::Prior};
///
/// // Last year: 40 % promoters, 35 % passives, 25 % detractors; give it the weight of 20 answers.
/// let informed = Prior::new(8.0, 7.0, 5.0)?;
/// assert_eq!(informed.weight(), 20.0);
///
/// let tally = Tally::from_scores(&[10, 9, 9, 8, 6, 3])?;
/// let est = tally.estimate(Method::Bayesian { prior: informed }, Confidence::NINETY_FIVE)?;
/// assert!(est.interval.contains(100.0 * (11.0 - 7.0) / 26.0)); // the posterior mean (aP − aD)/a₀
/// assert_eq!(Prior::default(), Prior::UNIFORM);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PriorParts", into = "PriorParts"))]
pub struct Prior {
    promoters: f64,
    passives: f64,
    detractors: f64,
}

impl Prior {
    /// Dirichlet(1, 1, 1): uniform over all share vectors. The default.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::Prior::UNIFORM.weight(), 3.0);
    /// ```
    pub const UNIFORM: Prior = Prior { promoters: 1.0, passives: 1.0, detractors: 1.0 };

    /// Dirichlet(½, ½, ½): Jeffreys' prior for the multinomial.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::Prior::JEFFREYS.promoters(), 0.5);
    /// ```
    pub const JEFFREYS: Prior = Prior { promoters: 0.5, passives: 0.5, detractors: 0.5 };

    /// A Dirichlet prior with the given parameters, in the order promoters, passives, detractors.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when a parameter is not a number from [`MIN_PRIOR`] (10⁻⁶) to
    /// [`MAX_PRIOR`] (10⁶). A zero parameter would make the prior improper and the posterior
    /// undefined when that category has no answers.
    ///
    /// ```
    /// use nps_stats::inference::Prior;
    /// assert!(Prior::new(2.0, 1.0, 0.5).is_ok());
    /// let err = Prior::new(1.0, 0.0, 1.0).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "prior passives 0 is invalid: expected a number from 1e-6 to 1e6 (pseudo-answers of that category)"
    /// );
    /// assert!(Prior::new(f64::NAN, 1.0, 1.0).is_err());
    /// assert!(Prior::new(5e-324, 1.0, 1.0).is_err());
    /// ```
    pub fn new(promoters: f64, passives: f64, detractors: f64) -> Result<Prior> {
        for (name, value) in
            [("prior promoters", promoters), ("prior passives", passives), ("prior detractors", detractors)]
        {
            if !(MIN_PRIOR..=MAX_PRIOR).contains(&value) {
                return Err(Error::InvalidParameter {
                    name,
                    value,
                    expected: "a number from 1e-6 to 1e6 (pseudo-answers of that category)",
                });
            }
        }
        Ok(Prior { promoters, passives, detractors })
    }

    /// The promoter parameter.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::Prior::UNIFORM.promoters(), 1.0);
    /// ```
    pub const fn promoters(&self) -> f64 {
        self.promoters
    }

    /// The passive parameter.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::Prior::JEFFREYS.passives(), 0.5);
    /// ```
    pub const fn passives(&self) -> f64 {
        self.passives
    }

    /// The detractor parameter.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::Prior::UNIFORM.detractors(), 1.0);
    /// ```
    pub const fn detractors(&self) -> f64 {
        self.detractors
    }

    /// The sum of the parameters: how many answers the prior is worth.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::Prior::JEFFREYS.weight(), 1.5);
    /// ```
    pub fn weight(&self) -> f64 {
        self.promoters + self.passives + self.detractors
    }

    /// The parameters as an array in the order promoters, passives, detractors.
    pub(crate) fn parameters(&self) -> [f64; 3] {
        [self.promoters, self.passives, self.detractors]
    }
}

impl Default for Prior {
    /// [`Prior::UNIFORM`].
    fn default() -> Prior {
        Prior::UNIFORM
    }
}

impl fmt::Display for Prior {
    /// `uniform prior`, `Jeffreys prior`, or `Dirichlet(8, 7, 5) prior` (promoters, passives,
    /// detractors).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Prior::UNIFORM {
            f.pad("uniform prior")
        } else if *self == Prior::JEFFREYS {
            f.pad("Jeffreys prior")
        } else {
            f.pad(&format!("Dirichlet({}, {}, {}) prior", self.promoters, self.passives, self.detractors))
        }
    }
}

/// The serialized form of a [`Prior`]; deserialization validates through [`Prior::new`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct PriorParts {
    promoters: f64,
    passives: f64,
    detractors: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<PriorParts> for Prior {
    type Error = Error;
    fn try_from(parts: PriorParts) -> Result<Prior> {
        Prior::new(parts.promoters, parts.passives, parts.detractors)
    }
}

#[cfg(feature = "serde")]
impl From<Prior> for PriorParts {
    fn from(prior: Prior) -> PriorParts {
        PriorParts { promoters: prior.promoters, passives: prior.passives, detractors: prior.detractors }
    }
}
