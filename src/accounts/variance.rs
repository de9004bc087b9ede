//! How the uncertainty of an account roll-up is estimated, and what it reports.

use crate::accounts::SingleContact;
use crate::inference::Interval;
use core::fmt;

/// How the uncertainty of an account roll-up is estimated.
///
/// `#[non_exhaustive]`: methods can be added in a minor release. The default is
/// [`ClusterRobust`](VarianceMethod::ClusterRobust), which respects that contacts of one account are
/// not independent answers.
///
/// This is a separate enum from [`Method`](crate::inference::Method) because these methods need the design
/// (which answers belong to which account, the weights, the population size), which a plain
/// [`Tally`](crate::tally::Tally) does not carry; a design estimate also reports its degrees of freedom.
///
/// # Formulas
///
/// The weighted NPS is the ratio R̂ = Σwᵢyᵢ/Σwᵢ of the −1/0/+1 coding yᵢ (at the account level, yᵢ is
/// an account's mean coding). The linearized methods use the residuals zᵢ = wᵢ(yᵢ − R̂)/Σw summed per
/// primary sampling unit (PSU), Z_c = Σ_{i∈c} zᵢ, over k PSUs:
///
/// ```text
/// V̂ = (1 − k/N) · k/(k − 1) · Σ_c (Z_c − Z̄)²      SE = √V̂      interval R̂ ± t_{k−1} · SE
/// ```
///
/// with the factor (1 − k/N) only when the population N of accounts is given. PSUs are the answers
/// for `Linearized` and the accounts for `ClusterRobust`. [`TwoStage`](VarianceMethod::TwoStage)
/// adds the variance of sampling contacts within accounts (see there). Sources: Woodruff (1971), "A simple method
/// for approximating the variance of a complicated estimate", *JASA* 66:411–414; Särndal, Swensson &
/// Wretman (1992), *Model Assisted Survey Sampling*, §5.5–5.6 (ratio estimator) and §4.3 (a
/// first-stage SRSWOR of clusters); T. Lumley, R package `survey` (`svymean` on
/// `svydesign(ids = ~account, weights = ~w, fpc = ~N)`; degrees of freedom as `degf`), which these
/// estimates match to 1e-9 in the tests. The k/(k − 1) factor is the survey convention; for equal
/// weights without clusters it gives the unbiased s²/n, n/(n − 1) times the plug-in Wald variance of
/// [`Method::Wald`](crate::inference::Method::Wald).
///
/// # Examples
///
/// ```
/// use nps_stats::accounts::VarianceMethod;
///
/// assert_eq!(VarianceMethod::default(), VarianceMethod::ClusterRobust);
/// assert_eq!(VarianceMethod::ClusterRobust.to_string(), "cluster-robust");
/// assert_eq!(VarianceMethod::TwoStage.to_string(), "two-stage (accounts, then contacts)");
/// let bootstrap = VarianceMethod::ClusterBootstrap { resamples: 2_000, seed: 7 };
/// assert_eq!(bootstrap.to_string(), "cluster bootstrap (2000 resamples, seed 7)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum VarianceMethod {
    /// Taylor linearization of the ratio estimator with every unit (answer, or account at the account
    /// level) an independent PSU: `svydesign(ids = ~1, weights = ~w)`. Understates the uncertainty when
    /// several contacts of an account answer, because their answers move together.
    Linearized,
    /// Linearization with accounts as clusters (PSUs): `svydesign(ids = ~account, weights = ~w)`,
    /// the cluster-robust "sandwich" variance. Takes the finite population correction when the number
    /// of accounts in the customer base is known. The interval uses t with (accounts − 1) degrees of
    /// freedom. The default.
    ///
    /// This is the variance of sampling *accounts*: at a census of accounts (every account of the
    /// base answered) it is 0 whoever answered within them, so a population equal to the number of
    /// accounts that answered is refused; use [`TwoStage`](VarianceMethod::TwoStage) there.
    #[default]
    ClusterRobust,
    /// Two-stage sampling: accounts drawn from the customer base (possibly all of them), then
    /// contacts within each account. Needs the number of accounts in the base
    /// ([`population`](crate::accounts::AccountRollupBuilder::population)) and, per account, the
    /// number of contacts invited or eligible
    /// ([`invitations`](crate::accounts::AccountRollupBuilder::invitations)). With zᵢ as above, n of N
    /// accounts, and m_a of M_a contacts of account a answering (each contact's answers summed to
    /// its total t_aj):
    ///
    /// ```text
    /// V̂ = (1 − n/N)·n/(n − 1)·Σ_a (Z_a − Z̄)²                                 between accounts
    ///   + (n/N)·Σ_a (1 − m_a/M_a)·m_a/(m_a − 1)·Σ_j (t_aj − Z_a/m_a)²          within accounts
    /// ```
    ///
    /// At a census of accounts (n = N) the first line is 0 and the interval comes from the second
    /// alone; an account whose invited contacts all answered adds nothing to it. An account where one
    /// contact of several answered has no spread to estimate its term from: see [`SingleContact`].
    /// The interval uses t with (accounts − 1) degrees of freedom. This is R's
    /// `svymean(~y, svydesign(ids = ~account + contact, fpc = ~N + M, weights = ~w))` (T. Lumley,
    /// `survey`: `svyrecvar`, `multistage`, `onestage`, `onestrat`), matched to 1e-9 in the tests;
    /// the textbook form is the two-stage estimator of Särndal, Swensson & Wretman (1992) §4.3 and
    /// Cochran (1977), *Sampling Techniques*, 3rd ed., ch. 11, applied to the linearized values.
    /// Works with [`Strategy::Respondent`](crate::accounts::Strategy::Respondent) and
    /// [`Strategy::Account`](crate::accounts::Strategy::Account) (whose account means are the
    /// answers weighted by 1/m_a).
    TwoStage,
    /// The pairs cluster bootstrap: resample whole accounts with replacement, recompute the weighted
    /// NPS, and take the standard deviation and the percentile interval of the replicates (Cameron,
    /// Gelbach & Miller 2008, *REStat* 90(3); Cameron & Miller 2015, *J. Human Resources* 50(2), §VI).
    /// Deterministic for a given seed. Its variance is about (C − 1)/C times the cluster-robust one
    /// (it has no small-sample factor).
    ///
    /// It has **no finite population correction**: it treats the accounts that answered as a sample
    /// from an unlimited customer base, so a population size is refused with it. When a large share
    /// of the base answered, and above all at a census of accounts, its interval is wider than the
    /// design supports; use [`ClusterRobust`](VarianceMethod::ClusterRobust) with the population, or
    /// [`TwoStage`](VarianceMethod::TwoStage).
    ClusterBootstrap {
        /// The number of bootstrap replicates, from [`MIN_RESAMPLES`](crate::inference::MIN_RESAMPLES)
        /// to [`MAX_RESAMPLES`](crate::inference::MAX_RESAMPLES) and enough to leave one in each tail of
        /// the interval ((B + 1)·(1 − level)/2 ≥ 1), as for [`Method::Bootstrap`](crate::inference::Method::Bootstrap).
        resamples: u32,
        /// The seed of the random generator.
        seed: u64,
    },
}

impl fmt::Display for VarianceMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VarianceMethod::Linearized => f.pad("linearized"),
            VarianceMethod::ClusterRobust => f.pad("cluster-robust"),
            VarianceMethod::TwoStage => f.pad("two-stage (accounts, then contacts)"),
            VarianceMethod::ClusterBootstrap { resamples, seed } => {
                f.pad(&format!("cluster bootstrap ({resamples} resamples, seed {seed})"))
            }
        }
    }
}

/// A weighted NPS with design-based uncertainty: point estimate, sample sizes, standard error, degrees
/// of freedom and interval.
///
/// Like [`Estimate`](crate::inference::Estimate), plus what a design estimate needs: the number of clusters
/// (PSUs), the degrees of freedom of the t interval (`None` for the bootstrap's percentile interval)
/// and the population size when a finite population correction was applied.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Score, WeightedTally, accounts::VarianceMethod};
///
/// let mut weighted = WeightedTally::new();
/// for (score, weight) in [(10, 3.0), (9, 1.0), (5, 2.0), (8, 1.0)] {
///     weighted.try_add(score, weight)?;
/// }
/// let est = weighted.linearized_estimate(Confidence::NINETY_FIVE)?;
/// assert!((est.nps - 100.0 * 2.0 / 7.0).abs() < 1e-12);
/// assert_eq!(est.method, VarianceMethod::Linearized);
/// assert_eq!(est.degrees_of_freedom, Some(3.0));
/// assert!(est.interval.contains(est.nps));
/// println!("{est}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DesignEstimate {
    /// The (weighted) NPS in points, unrounded.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::nps"))]
    pub nps: f64,
    /// The number of units: answers at the respondent level, accounts at the account level.
    pub n: u64,
    /// The number of primary sampling units behind the variance: accounts when clustered, else `n`.
    pub clusters: u64,
    /// Kish's effective sample size (Σw)²/Σw² of the units' weights (Kish 1965, *Survey Sampling*,
    /// §11.7): `n` when all weights are equal. Descriptive: it ignores clustering.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub effective_n: f64,
    /// The standard error in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub std_error: f64,
    /// The degrees of freedom of the t interval, clusters − 1; `None` for a percentile interval.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::core::checked::degrees_of_freedom")
    )]
    pub degrees_of_freedom: Option<f64>,
    /// The interval, clipped to [−100, 100].
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::inference::interval::nps_interval"))]
    pub interval: Interval,
    /// The method that produced the standard error and the interval.
    pub method: VarianceMethod,
    /// The number of accounts in the customer base when the finite population correction was applied.
    pub population: Option<u64>,
    /// The between- and within-account parts of a [two-stage](VarianceMethod::TwoStage) variance;
    /// `None` for the other methods.
    #[cfg_attr(feature = "serde", serde(default))]
    pub stages: Option<StageVariances>,
}

/// The two parts of a [two-stage](VarianceMethod::TwoStage) variance, and what it was computed from.
///
/// `between_accounts + within_accounts` is the squared standard error of the
/// [`DesignEstimate`]. At a census of accounts `between_accounts` is 0.
///
/// # Examples
///
/// ```
/// use std::collections::HashMap;
/// use nps_stats::{AccountRollup, Response, Score, accounts::VarianceMethod};
///
/// let answer = |account: &str, contact: &str, score: u8| -> nps_stats::Result<Response> {
///     Ok(Response::new(Score::try_from(score)?).with_account(account).with_respondent(contact))
/// };
/// let responses = [answer("A", "a1", 10)?, answer("A", "a2", 3)?, answer("B", "b1", 9)?, answer("B", "b2", 8)?];
/// let invited = HashMap::from([("A", 4u64), ("B", 2)]);
/// // Both accounts of the base answered: a census of accounts.
/// let rollup = AccountRollup::builder()
///     .variance(VarianceMethod::TwoStage)
///     .population(2)
///     .invitations(&invited)
///     .run(&responses)?;
/// let stages = rollup.unweighted.stages.as_ref().unwrap();
/// assert_eq!(stages.between_accounts, 0.0);
/// // Only A was sampled within (2 of 4); B's two invited contacts both answered.
/// assert!((rollup.unweighted.std_error.powi(2) - stages.within_accounts).abs() < 1e-9);
/// assert_eq!((stages.contacts, stages.invited), (4, 6));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct StageVariances {
    /// The variance from sampling accounts, in points²: 0 at a census of accounts.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub between_accounts: f64,
    /// The variance from sampling contacts within accounts (with the factor n/N), in points².
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub within_accounts: f64,
    /// The contacts that answered, summed over the accounts (a contact who answered twice counts
    /// once).
    pub contacts: u64,
    /// The contacts invited (or eligible), summed over the accounts that answered.
    pub invited: u64,
    /// Accounts where one contact of several answered, whose term the policy decided.
    pub single_contact_accounts: u64,
    /// The policy for those accounts.
    pub single_contact: SingleContact,
}

impl fmt::Display for DesignEstimate {
    /// `+12.8 [-13.1, +38.8] (95%), n = 30, 12 clusters, n_eff 17.0, SE 11.8 (cluster-robust, t 11 df)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "{:+.p$} {:.p$}, n = {}, {} clusters, n_eff {:.1}, SE {:.p$} ({}",
            self.nps, self.interval, self.n, self.clusters, self.effective_n, self.std_error, self.method
        )?;
        if let Some(df) = self.degrees_of_freedom {
            write!(f, ", t {df} df")?;
        }
        if let Some(population) = self.population {
            write!(f, ", FPC {}/{population}", self.clusters)?;
        }
        if let Some(stages) = &self.stages {
            write!(f, "; {stages}")?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for StageVariances {
    /// `SE between accounts 0.0, within 3.2; 97 of 180 contacts; 2 single-contact accounts adjusted`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "SE between accounts {:.p$}, within {:.p$}; {} of {} contacts",
            self.between_accounts.max(0.0).sqrt(),
            self.within_accounts.max(0.0).sqrt(),
            self.contacts,
            self.invited
        )?;
        if self.single_contact_accounts > 0 {
            let noun = if self.single_contact_accounts == 1 { "account" } else { "accounts" };
            write!(f, "; {} single-contact {noun} {}", self.single_contact_accounts, self.single_contact)?;
        }
        Ok(())
    }
}

/// Units of a design that are alike: their PSU, their value on −1..=1, their weight (> 0) and how
/// many they are (≥ 1; answers counted from columns arrive counted).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Observation {
    pub(crate) cluster: usize,
    pub(crate) coding: f64,
    pub(crate) weight: f64,
    pub(crate) count: f64,
}
