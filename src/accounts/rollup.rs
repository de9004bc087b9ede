//! Roll-up strategies and weightings, and the roll-up result.

use core::fmt;

use crate::accounts::design_variance::{Design, estimate};
use crate::accounts::prepare::{AccountAnswer, AccountGroup, Prepared};
use crate::accounts::two_stage::{ContactAnswer, TwoStageDesign, contact_indices};
use crate::accounts::variance::Observation;
use crate::accounts::{DesignEstimate, SingleContact};
use crate::accounts::{Strategy, Weighting};
use crate::core::duplicates::repeated;
use crate::core::{AccountId, Category, Duplicates, Scale};
use crate::error::{Error, Result};
use crate::tally::Tally;

/// One account in an [`AccountRollup`].
///
/// ```
/// use nps_stats::{AccountRollup, Response, Score};
/// let responses = [Response::new(Score::MAX).with_account("A"), Response::new(Score::MIN).with_account("B")];
/// let rollup = AccountRollup::builder().run(&responses)?;
/// let row = &rollup.rows[0];
/// assert_eq!(row.account.as_str(), "A");
/// assert_eq!((row.nps, row.weight_share, row.insufficient), (100.0, 0.5, true));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AccountRow {
    /// The account.
    pub account: AccountId,
    /// Its value, when values were given.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::accounts::values::optional_checked_value")
    )]
    pub value: Option<f64>,
    /// The answers that represent the account in the estimate.
    pub tally: Tally,
    /// The account's own NPS from those answers, in points (100 × their mean coding).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::nps"))]
    pub nps: f64,
    /// The account's share of the total weight of the weighted estimate, in 0..=1.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub weight_share: f64,
    /// The role whose answers represent the account ([`Strategy::DecisionMakerFirst`]); `None` when
    /// all its answers do.
    pub represented_by: Option<String>,
    /// Fewer answers than the roll-up's `min_sample` stand behind `nps`: thin signal.
    pub insufficient: bool,
}

/// An account roll-up, the result of
/// [`AccountRollupBuilder::run`](crate::accounts::AccountRollupBuilder::run): the weighted and the unweighted NPS
/// side by side with their design-based uncertainty, the sizes behind them, and one row per account.
///
/// `weighted` is the NPS under the roll-up's [`Weighting`] (equal to `unweighted` for
/// [`Weighting::Equal`]); `unweighted` is the same strategy with equal weights. Both carry Kish's
/// effective n, so what the weighting costs in precision is always in view.
///
/// # Examples
///
/// ```
/// use std::collections::BTreeMap;
/// use nps_stats::{AccountRollup, Response, Score, accounts::{Strategy, Weighting}};
///
/// let responses: Vec<Response> = [("A", 10), ("A", 3), ("B", 9), ("C", 6), ("C", 8)]
///     .into_iter()
///     .map(|(account, score)| Ok(Response::new(Score::try_from(score)?).with_account(account)))
///     .collect::<nps_stats::Result<_>>()?;
/// let values = BTreeMap::from([("A", 100.0), ("B", 10.0), ("C", 1.0)]);
/// let rollup = AccountRollup::builder()
///     .values(&values)
///     .strategy(Strategy::Account)
///     .weighting(Weighting::AccountValue)
///     .run(&responses)?;
/// // Account means: A 0, B +1, C −½. Weighted by value: (0 + 10 − 0.5)/111.
/// assert!((rollup.weighted.nps - 100.0 * 9.5 / 111.0).abs() < 1e-12);
/// assert!((rollup.unweighted.nps - 100.0 * 0.5 / 3.0).abs() < 1e-12);
/// assert_eq!((rollup.accounts, rollup.responses), (3, 5));
/// assert!(rollup.weighted.effective_n < 1.3);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AccountRollup {
    /// The strategy used.
    pub strategy: Strategy,
    /// The weighting used.
    pub weighting: Weighting,
    /// The duplicate policy used.
    pub duplicates: Duplicates,
    /// The NPS under the weighting, with its uncertainty.
    pub weighted: DesignEstimate,
    /// The NPS of the same strategy with equal weights, with its uncertainty.
    pub unweighted: DesignEstimate,
    /// The number of accounts.
    pub accounts: usize,
    /// The number of answers behind the estimate.
    pub responses: usize,
    /// Answers kept by the duplicate policy that do not represent their account (decision maker first).
    pub unused: usize,
    /// Answers removed by the duplicate policy.
    pub duplicates_removed: usize,
    /// Answers behind the estimate that repeat a respondent already counted in it (always 0 under
    /// [`Duplicates::LatestPerRespondent`]). The accounts are the clusters of the variance, so a
    /// contact's repeated answers are not treated as independent of each other; they still weigh as
    /// answers of their own in a respondent-level estimate.
    pub repeated: usize,
    /// Responses without a respondent id (each counts as its own respondent under the latest-answer
    /// policy).
    pub without_respondent: usize,
    /// The counts of the answers behind the estimate.
    pub tally: Tally,
    /// The threshold below which an account's score is flagged `insufficient`.
    pub min_sample: u64,
    /// One row per account, ordered by account id.
    pub rows: Vec<AccountRow>,
}

/// The settings of a roll-up besides the data.
pub(crate) struct Settings<'s> {
    pub(crate) strategy: &'s Strategy,
    pub(crate) weighting: Weighting,
    pub(crate) duplicates: Duplicates,
    pub(crate) min_sample: u64,
    pub(crate) scale: Scale,
    pub(crate) design: Design,
    /// The invited contacts of every account (in the order of the prepared groups) and the
    /// single-contact policy, for the two-stage variance; `None` for the other methods.
    pub(crate) two_stage: Option<(Vec<u64>, SingleContact)>,
}

/// Whether two role labels name the same role: ASCII case and surrounding ASCII whitespace are ignored.
fn same_role(a: &str, b: &str) -> bool {
    a.trim_ascii().eq_ignore_ascii_case(b.trim_ascii())
}

/// The answers that represent `group` under `strategy`, and the role that picked them.
fn representatives<'g, 'r>(
    group: &'g AccountGroup<'r>,
    strategy: &Strategy,
) -> (Vec<&'g AccountAnswer<'r>>, Option<String>) {
    if let Strategy::DecisionMakerFirst { roles } = strategy {
        // The priority of each answer's role (its position in `roles`), then the answers of the best one.
        let ranks: Vec<Option<usize>> = group
            .answers
            .iter()
            .map(|a| a.role.and_then(|role| roles.iter().position(|wanted| same_role(role, wanted))))
            .collect();
        if let Some(best) = ranks.iter().flatten().min().copied() {
            let chosen = group
                .answers
                .iter()
                .zip(&ranks)
                .filter(|(_, rank)| **rank == Some(best))
                .map(|(a, _)| a)
                .collect();
            return (chosen, roles.get(best).cloned());
        }
    }
    (group.answers.iter().collect(), None)
}

/// Rolls the prepared answers up under `settings`.
pub(crate) fn roll_up(prepared: &Prepared<'_>, settings: &Settings<'_>) -> Result<AccountRollup> {
    if let Strategy::DecisionMakerFirst { roles } = settings.strategy
        && roles.is_empty()
    {
        return Err(Error::EmptyList {
            name: "roles",
            expected: "at least one role in the priority list of decision maker first",
        });
    }
    let account_level = !matches!(settings.strategy, Strategy::Respondent);
    let mut units: Vec<Observation> =
        Vec::with_capacity(if account_level { prepared.groups.len() } else { prepared.kept });
    if settings.two_stage.is_some() && matches!(settings.strategy, Strategy::DecisionMakerFirst { .. }) {
        return Err(Error::UnsupportedMethod {
            method: "two-stage",
            analysis: "a decision-maker-first roll-up (the invitations count every contact, not the role)",
            expected: "the respondent or the account strategy, or the cluster-robust variance",
        });
    }
    // The answers one by one with their contact, for the two-stage variance: (answer, weight under the
    // weighting, weight with equal units).
    let mut contact_answers: Vec<(ContactAnswer, f64)> = Vec::new();
    let mut rows = Vec::with_capacity(prepared.groups.len());
    let mut tally = Tally::with_scale(settings.scale);
    let mut respondents: Vec<Option<&str>> = Vec::with_capacity(prepared.kept);
    for (cluster, group) in prepared.groups.iter().enumerate() {
        let (chosen, represented_by) = representatives(group, settings.strategy);
        respondents.extend(chosen.iter().map(|answer| answer.response.respondent()));
        let mut histogram = [0u64; crate::core::score::BINS];
        for answer in &chosen {
            if let Some(bin) = histogram.get_mut(usize::from(answer.score.value())) {
                *bin += 1;
            }
        }
        // Preparing checked every score against the scale.
        let own = Tally::from_histogram(settings.scale, histogram)?;
        let m = chosen.len() as f64;
        let mean = (own.promoters() as f64 - own.detractors() as f64) / m;
        let value = match settings.weighting {
            Weighting::Equal => 1.0,
            Weighting::AccountValue | Weighting::AccountValueSpread => {
                group.value.ok_or(Error::AccountValuesRequired { purpose: "value weighting" })?
            }
        };
        if settings.two_stage.is_some() {
            // An account-level unit is the mean of its answers: each answer weighs 1/m of the unit.
            let share = if account_level { 1.0 / m } else { 1.0 };
            let each = match (account_level, settings.weighting) {
                (false, Weighting::AccountValueSpread) => value / m,
                _ => value * share,
            };
            let contacts = contact_indices(chosen.iter().map(|a| a.response.respondent()));
            for (answer, contact) in chosen.iter().zip(contacts) {
                let coding = f64::from(answer.category.coding());
                contact_answers.push((ContactAnswer { cluster, contact, coding, weight: each }, share));
            }
        }
        let mut weight = 0.0;
        if account_level {
            units.push(Observation { cluster, coding: mean, weight: value });
            weight = value;
        } else {
            let each = if settings.weighting == Weighting::AccountValueSpread { value / m } else { value };
            for answer in &chosen {
                units.push(Observation {
                    cluster,
                    coding: f64::from(answer.category.coding()),
                    weight: each,
                });
                weight += each;
            }
        }
        tally.merge(&own)?;
        rows.push(AccountRow {
            account: group.id.clone(),
            value: group.value,
            nps: 100.0 * mean,
            weight_share: weight,
            insufficient: (chosen.len() as u64) < settings.min_sample,
            represented_by,
            tally: own,
        });
    }
    let accounts: Vec<(&AccountId, u64)> = match &settings.two_stage {
        Some((eligible, _)) => prepared.groups.iter().map(|g| g.id).zip(eligible.iter().copied()).collect(),
        None => Vec::new(),
    };
    let two_stage = settings.two_stage.as_ref().map(|&(_, single_contact)| TwoStageDesign {
        population: settings.design.population,
        accounts: &accounts,
        single_contact,
        level: settings.design.level,
    });
    let answers: Vec<ContactAnswer> = contact_answers.iter().map(|&(answer, _)| answer).collect();
    let weighted = match two_stage {
        Some(design) => crate::accounts::two_stage::estimate(&units, &answers, design)?,
        None => estimate(&units, settings.design)?,
    };
    let total_weight: f64 = rows.iter().map(|row| row.weight_share).sum();
    for row in &mut rows {
        row.weight_share /= total_weight;
    }
    for unit in &mut units {
        unit.weight = 1.0;
    }
    let unweighted = match two_stage {
        Some(design) => {
            let equal: Vec<ContactAnswer> = contact_answers
                .iter()
                .map(|&(answer, share)| ContactAnswer { weight: share, ..answer })
                .collect();
            crate::accounts::two_stage::estimate(&units, &equal, design)?
        }
        None => estimate(&units, settings.design)?,
    };
    let responses = usize::try_from(tally.total()).unwrap_or(usize::MAX);
    Ok(AccountRollup {
        strategy: settings.strategy.clone(),
        weighting: settings.weighting,
        duplicates: settings.duplicates,
        weighted,
        unweighted,
        accounts: prepared.groups.len(),
        responses,
        unused: prepared.kept.saturating_sub(responses),
        duplicates_removed: prepared.removed,
        repeated: usize::try_from(repeated(respondents)).unwrap_or(usize::MAX),
        without_respondent: prepared.without_respondent,
        tally,
        min_sample: settings.min_sample,
        rows,
    })
}

impl fmt::Display for AccountRollup {
    /// An aligned table: the weighted and unweighted NPS with interval, SE and effective n, the sizes
    /// and the design, then one line per account (`*` marks thin accounts).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        writeln!(f, "account roll-up: {}, {}, {}", self.strategy, self.weighting, self.duplicates)?;
        writeln!(f, "{:<11} {:>7}  {:<26} {:>6} {:>7} {:>8}", "", "NPS", "interval", "SE", "n", "n_eff")?;
        for (name, est) in [("weighted", &self.weighted), ("unweighted", &self.unweighted)] {
            let interval = format!("{:.p$}", est.interval);
            writeln!(
                f,
                "{name:<11} {:>+7.p$}  {interval:<26} {:>6.p$} {:>7} {:>8.1}",
                est.nps, est.std_error, est.n, est.effective_n
            )?;
        }
        write!(
            f,
            "{} accounts, {} answers ({} duplicates removed, {} not representing their account",
            self.accounts, self.responses, self.duplicates_removed, self.unused
        )?;
        if self.repeated > 0 {
            write!(f, ", {} repeating a respondent", self.repeated)?;
        }
        write!(f, "); {}", self.weighted.method)?;
        if let Some(df) = self.weighted.degrees_of_freedom {
            write!(f, ", t with {df} df")?;
        }
        if let Some(population) = self.weighted.population {
            write!(f, ", FPC {} of {population} accounts", self.accounts)?;
        }
        writeln!(f)?;
        if let Some(stages) = &self.weighted.stages {
            writeln!(f, "weighted: {stages:.p$}")?;
        }
        if let Some(stages) = &self.unweighted.stages {
            writeln!(f, "unweighted: {stages:.p$}")?;
        }
        let thin = self.rows.iter().filter(|row| row.insufficient).count();
        writeln!(f, "* {thin} accounts with fewer than {} answers: thin signal", self.min_sample)?;
        writeln!(
            f,
            "{:<16} {:>14} {:>5} {:>5} {:>5} {:>5} {:>7} {:>7}  represented by",
            "account", "value", "n", "P", "A", "D", "NPS", "weight"
        )?;
        for row in &self.rows {
            let value = row.value.map_or_else(|| "-".to_owned(), crate::accounts::follow_up::money);
            let flag = if row.insufficient { "*" } else { "" };
            writeln!(
                f,
                "{:<16} {value:>14} {:>5} {:>5} {:>5} {:>5} {:>+7.p$} {:>6.1}%{flag:1} {}",
                row.account.as_str(),
                row.tally.total(),
                row.tally.count_of(Category::Promoter),
                row.tally.count_of(Category::Passive),
                row.tally.count_of(Category::Detractor),
                row.nps,
                100.0 * row.weight_share,
                row.represented_by.as_deref().unwrap_or("all answers"),
            )?;
        }
        Ok(())
    }
}
