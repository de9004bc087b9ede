//! Building an outcome analysis: settings, the units (answers, accounts or clustered contacts), and
//! the statistics of a yes/no or a numeric outcome.

use std::collections::{BTreeMap, HashMap};

use crate::analysis::settings::DEFAULT_MIN_SAMPLE;
use crate::analysis::{AccountScore, BinaryOutcome, CategoryMean, CategoryRate, NumericOutcome, OutcomeUnit};
use crate::core::{AccountId, Category, Confidence, Response, Scale};
use crate::error::{Error, Result};
use crate::inference::auc::roc_auc_clustered;
use crate::inference::clustered::{cluster_totals, cluster_variance};
use crate::inference::rate_difference::{RateUnit, Side, compare_rates_clustered};
use crate::inference::spearman::spearman_clustered;
use crate::inference::wilson::wilson_bounds;
use crate::inference::{Auc, Interval, RankCorrelation, compare_rates, roc_auc, spearman};

/// The settings of an outcome analysis: does the score predict what customers then do? Finish with
/// [`binary`](OutcomeBuilder::binary) for a yes/no outcome (renewed, churned, preferred supplier) or
/// [`numeric`](OutcomeBuilder::numeric) for a number (revenue change, seats added). The outcome
/// comes from a closure on each response (`None`: not known for it), so it can sit in a segment
/// label, a field of your own, or a lookup by account.
///
/// ```text
/// OutcomeBuilder::new()
///     .unit(OutcomeUnit::…)          answers, accounts (default: the mean of their answers), clustered contacts
///     .name("renewed")               what the outcome is called in the result
///     .opposite("churned")           what its absence is called (yes/no outcomes)
///     .level(Confidence::…)          95 % by default
///     .min_sample(n)                 categories with fewer units are flagged (default 30)
///     .scale(Scale::…)               the scale of the scores (default 0–10)
///     .binary(&responses, |r| …)?    → BinaryOutcome: rates, promoters − detractors, AUC
///     .numeric(&responses, |r| …)?   → NumericOutcome: means, Spearman's ρ
/// ```
///
/// Responses without an outcome are left out and counted (`without_outcome`); thin categories are
/// flagged, not hidden; too little data for a statistic leaves it `None` and the `Display` says why.
/// Errors are for invalid input only.
///
/// # Examples
///
/// ```
/// use nps_stats::{Response, Score, analysis::OutcomeBuilder};
///
/// // Two contacts of each account; the account renewed or not.
/// let answer = |account: &str, score: u8, renewed: &str| {
///     Response::new(Score::try_from(score).unwrap()).with_account(account).with_segment("renewed", renewed)
/// };
/// let mut answers = Vec::new();
/// for (account, scores, renewed) in [
///     ("A", [10, 9], "yes"), ("B", [9, 7], "yes"), ("C", [8, 8], "no"), ("D", [6, 9], "yes"),
///     ("E", [4, 6], "no"), ("F", [3, 5], "no"), ("G", [9, 10], "yes"), ("H", [7, 2], "yes"),
/// ] {
///     for score in scores {
///         answers.push(answer(account, score, renewed));
///     }
/// }
/// let link = OutcomeBuilder::new()
///     .name("renewed")
///     .opposite("churned")
///     .min_sample(3)
///     .binary(&answers, |r| r.segment("renewed").map(|v| v == "yes"))?;
/// assert_eq!((link.units, link.accounts), (8, Some(8))); // the account is the unit
/// println!("{link}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeBuilder {
    unit: OutcomeUnit,
    name: String,
    opposite: Option<String>,
    level: Confidence,
    min_sample: u64,
    scale: Scale,
}

impl Default for OutcomeBuilder {
    fn default() -> OutcomeBuilder {
        OutcomeBuilder {
            unit: OutcomeUnit::default(),
            name: "the outcome".to_owned(),
            opposite: None,
            level: Confidence::NINETY_FIVE,
            min_sample: DEFAULT_MIN_SAMPLE,
            scale: Scale::STANDARD,
        }
    }
}

/// One unit: its score (rolled up for an account), category, cluster and outcome.
#[derive(Debug, Clone, Copy)]
struct Unit<T> {
    score: f64,
    category: Category,
    cluster: usize,
    outcome: T,
}

/// The units with an outcome, the number of clusters (accounts; units when independent) and how many
/// were left out for want of an outcome.
struct Units<T> {
    list: Vec<Unit<T>>,
    clusters: usize,
    without_outcome: u64,
}

impl OutcomeBuilder {
    /// The defaults: accounts as units scored by the mean of their answers, 95 %, a minimum sample
    /// of [`DEFAULT_MIN_SAMPLE`], the standard scale, the outcome called "the outcome".
    ///
    /// ```
    /// let builder = nps_stats::analysis::OutcomeBuilder::new();
    /// # let _ = builder;
    /// ```
    pub fn new() -> OutcomeBuilder {
        OutcomeBuilder::default()
    }

    /// What one unit is (default [`OutcomeUnit::Account`] with [`AccountScore::Mean`]).
    ///
    /// ```
    /// use nps_stats::analysis::{AccountScore, OutcomeBuilder, OutcomeUnit};
    /// let builder = OutcomeBuilder::new().unit(OutcomeUnit::Account(AccountScore::Lowest));
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn unit(mut self, unit: OutcomeUnit) -> OutcomeBuilder {
        self.unit = unit;
        self
    }

    /// What the outcome is called in the result and its sentence, for example `"renewed"` or
    /// `"revenue change"` (default `"the outcome"`).
    ///
    /// ```
    /// let builder = nps_stats::analysis::OutcomeBuilder::new().name("preferred supplier");
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> OutcomeBuilder {
        self.name = name.into();
        self
    }

    /// What the absence of a yes/no outcome is called, for example `"churned"` (default: "not" and
    /// the name).
    ///
    /// ```
    /// let builder = nps_stats::analysis::OutcomeBuilder::new().name("renewed").opposite("churned");
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn opposite(mut self, opposite: impl Into<String>) -> OutcomeBuilder {
        self.opposite = Some(opposite.into());
        self
    }

    /// The confidence level of every interval (default 95 %).
    ///
    /// ```
    /// let builder = nps_stats::analysis::OutcomeBuilder::new().level(nps_stats::Confidence::NINETY);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn level(mut self, level: Confidence) -> OutcomeBuilder {
        self.level = level;
        self
    }

    /// Categories with fewer units are flagged `insufficient` (default [`DEFAULT_MIN_SAMPLE`]).
    /// They keep their numbers.
    ///
    /// ```
    /// let builder = nps_stats::analysis::OutcomeBuilder::new().min_sample(10);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn min_sample(mut self, min_sample: u64) -> OutcomeBuilder {
        self.min_sample = min_sample;
        self
    }

    /// The scale the scores were given on (default [`Scale::STANDARD`]).
    ///
    /// ```
    /// let builder = nps_stats::analysis::OutcomeBuilder::new().scale(nps_stats::Scale::DUTCH);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn scale(mut self, scale: Scale) -> OutcomeBuilder {
        self.scale = scale;
        self
    }

    /// Does the score predict a yes/no outcome? `outcome` gives each response's outcome (`true`:
    /// it happened — renewed, churned, preferred us), or `None` when it is not known. See
    /// [`BinaryOutcome`] for what is computed.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScale`] for a score off the scale; [`Error::MissingAccount`] naming the
    /// first response without an account when accounts are the units or the clusters;
    /// [`Error::ConflictingOutcome`] for an account whose answers carry different outcomes when the
    /// account is the unit; [`Error::EmptySample`] when no response has an outcome.
    ///
    /// ```
    /// use nps_stats::{AccountId, Error, Response, Score, analysis::OutcomeBuilder};
    /// let answers = [
    ///     Response::new(Score::MAX).with_account("A").with_segment("renewed", "yes"),
    ///     Response::new(Score::MIN).with_account("A").with_segment("renewed", "no"),
    /// ];
    /// let err = OutcomeBuilder::new().binary(&answers, |r| r.segment("renewed").map(|v| v == "yes")).unwrap_err();
    /// assert_eq!(err, Error::ConflictingOutcome { account: AccountId::from("A") });
    /// ```
    pub fn binary<'r>(
        &self,
        responses: &'r [Response],
        outcome: impl FnMut(&'r Response) -> Option<bool>,
    ) -> Result<BinaryOutcome> {
        let units = self.units(responses, outcome, |_, _| Ok(()))?;
        let clustered = self.unit == OutcomeUnit::ContactsByAccount;
        let level = self.level;
        let z = level.z();
        let mut rates = Vec::with_capacity(3);
        for category in Category::ALL {
            let (mut n, mut k) = (0u64, 0u64);
            for unit in units.list.iter().filter(|u| u.category == category) {
                n += 1;
                k += u64::from(unit.outcome);
            }
            let rate = (n > 0).then(|| k as f64 / n as f64);
            let effective_n = match rate {
                Some(rate) if clustered => effective_size(&units, category, rate, n),
                _ => n as f64,
            };
            let interval = rate.map(|rate| {
                let (lower, upper) = wilson_bounds(rate, effective_n, z);
                Interval::within(lower, upper, level, 0.0, 1.0)
            });
            rates.push(CategoryRate {
                category,
                units: n,
                events: k,
                rate,
                interval,
                effective_n,
                insufficient: n < self.min_sample,
            });
        }
        let count = |category: Category| {
            rates.iter().find(|r| r.category == category).map_or((0, 0), |r| (r.events, r.units))
        };
        let (detractors, promoters) = (count(Category::Detractor), count(Category::Promoter));
        let promoters_minus_detractors = if detractors.1 == 0 || promoters.1 == 0 {
            None
        } else if clustered {
            let side = |category| match category {
                Category::Promoter => Side::Other,
                Category::Detractor => Side::Baseline,
                Category::Passive => Side::Neither,
            };
            let rate_units: Vec<RateUnit> = units
                .list
                .iter()
                .map(|u| RateUnit { cluster: u.cluster, side: side(u.category), event: u.outcome })
                .collect();
            unavailable(compare_rates_clustered(&rate_units, units.clusters, level))?
        } else {
            Some(compare_rates(detractors, promoters, level)?)
        };
        let scores: Vec<f64> = units.list.iter().map(|u| u.score).collect();
        let outcomes: Vec<bool> = units.list.iter().map(|u| u.outcome).collect();
        let auc: Option<Auc> = if clustered {
            let clusters: Vec<usize> = units.list.iter().map(|u| u.cluster).collect();
            unavailable(roc_auc_clustered(&scores, &outcomes, &clusters, units.clusters, level))?
        } else {
            unavailable(roc_auc(&scores, &outcomes, level))?
        };
        let name = self.name.clone();
        Ok(BinaryOutcome {
            opposite: self.opposite.clone().unwrap_or_else(|| format!("not {name}")),
            name,
            unit: self.unit.clone(),
            units: units.list.len() as u64,
            events: outcomes.iter().filter(|&&o| o).count() as u64,
            accounts: self.accounts(&units),
            without_outcome: units.without_outcome,
            rates,
            promoters_minus_detractors,
            auc,
            level,
            min_sample: self.min_sample,
        })
    }

    /// Does the score predict a numeric outcome? `outcome` gives each response's outcome (a finite
    /// number), or `None` when it is not known. See [`NumericOutcome`] for what is computed.
    ///
    /// # Errors
    ///
    /// As [`binary`](OutcomeBuilder::binary), and [`Error::NonFiniteAt`] naming the first response
    /// whose outcome is NaN or infinite.
    ///
    /// ```
    /// use nps_stats::{Error, Response, Score, analysis::{OutcomeBuilder, OutcomeUnit}};
    /// let answers = [Response::new(Score::MAX), Response::new(Score::MIN)];
    /// let err = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).numeric(&answers, |_| Some(f64::NAN)).unwrap_err();
    /// assert!(matches!(err, Error::NonFiniteAt { name: "outcome", position: 0, .. }));
    /// ```
    pub fn numeric<'r>(
        &self,
        responses: &'r [Response],
        outcome: impl FnMut(&'r Response) -> Option<f64>,
    ) -> Result<NumericOutcome> {
        let finite = |value: f64, position: usize| {
            if value.is_finite() {
                Ok(())
            } else {
                Err(Error::NonFiniteAt { name: "outcome", value, position })
            }
        };
        let units = self.units(responses, outcome, finite)?;
        let means = Category::ALL
            .iter()
            .map(|&category| {
                let values: Vec<f64> =
                    units.list.iter().filter(|u| u.category == category).map(|u| u.outcome).collect();
                let n = values.len() as u64;
                let mean = (n > 0).then(|| values.iter().sum::<f64>() / values.len() as f64);
                CategoryMean { category, units: n, mean, insufficient: n < self.min_sample }
            })
            .collect();
        let scores: Vec<f64> = units.list.iter().map(|u| u.score).collect();
        let outcomes: Vec<f64> = units.list.iter().map(|u| u.outcome).collect();
        let correlation: Option<RankCorrelation> = if self.unit == OutcomeUnit::ContactsByAccount {
            let clusters: Vec<usize> = units.list.iter().map(|u| u.cluster).collect();
            unavailable(spearman_clustered(&scores, &outcomes, &clusters, units.clusters, self.level))?
        } else {
            unavailable(spearman(&scores, &outcomes, self.level))?
        };
        Ok(NumericOutcome {
            name: self.name.clone(),
            unit: self.unit.clone(),
            units: units.list.len() as u64,
            accounts: self.accounts(&units),
            without_outcome: units.without_outcome,
            means,
            correlation,
            level: self.level,
            min_sample: self.min_sample,
        })
    }

    fn accounts<T>(&self, units: &Units<T>) -> Option<u64> {
        (self.unit != OutcomeUnit::Respondent).then_some(units.clusters as u64)
    }

    /// The units of `responses` under the builder's unit, with their outcomes (each checked by
    /// `check(value, position)`).
    fn units<'r, T: Copy + PartialEq>(
        &self,
        responses: &'r [Response],
        mut outcome: impl FnMut(&'r Response) -> Option<T>,
        check: impl Fn(T, usize) -> Result<()>,
    ) -> Result<Units<T>> {
        let mut list = Vec::new();
        let mut without_outcome = 0u64;
        let score_of = |response: &Response| -> Result<(f64, Category)> {
            let category = response.score().category_on(self.scale)?;
            Ok((f64::from(response.score().value()), category))
        };
        let account_of = |position: usize, response: &'r Response| -> Result<&'r AccountId> {
            response.account().ok_or(Error::MissingAccount { position })
        };
        let clusters = match &self.unit {
            OutcomeUnit::Respondent => {
                for (position, response) in responses.iter().enumerate() {
                    let (score, category) = score_of(response)?;
                    match outcome(response) {
                        Some(value) => {
                            check(value, position)?;
                            list.push(Unit { score, category, cluster: list.len(), outcome: value });
                        }
                        None => without_outcome += 1,
                    }
                }
                list.len()
            }
            OutcomeUnit::ContactsByAccount => {
                let mut index: HashMap<&AccountId, usize> = HashMap::new();
                for (position, response) in responses.iter().enumerate() {
                    let account = account_of(position, response)?;
                    let (score, category) = score_of(response)?;
                    match outcome(response) {
                        Some(value) => {
                            check(value, position)?;
                            let next = index.len();
                            let cluster = *index.entry(account).or_insert(next);
                            list.push(Unit { score, category, cluster, outcome: value });
                        }
                        None => without_outcome += 1,
                    }
                }
                index.len()
            }
            OutcomeUnit::Account(rollup) => {
                // Per account (in id order): its answers and its one outcome.
                let mut accounts: BTreeMap<&AccountId, (Vec<&Response>, Option<T>)> = BTreeMap::new();
                for (position, response) in responses.iter().enumerate() {
                    let account = account_of(position, response)?;
                    score_of(response)?;
                    let entry = accounts.entry(account).or_default();
                    entry.0.push(response);
                    if let Some(value) = outcome(response) {
                        check(value, position)?;
                        match entry.1 {
                            Some(known) if known != value => {
                                return Err(Error::ConflictingOutcome { account: account.clone() });
                            }
                            _ => entry.1 = Some(value),
                        }
                    }
                }
                for (answers, value) in accounts.values() {
                    let Some(value) = *value else {
                        without_outcome += 1;
                        continue;
                    };
                    let score = rolled_up(answers, rollup);
                    let category = category_of(score, self.scale);
                    list.push(Unit { score, category, cluster: list.len(), outcome: value });
                }
                list.len()
            }
        };
        if list.is_empty() {
            return Err(Error::EmptySample { what: "the responses with an outcome" });
        }
        Ok(Units { list, clusters, without_outcome })
    }
}

/// With accounts as clusters: p(1 − p)/V̂ for the rate p of `category` (V̂ its linearized
/// cluster-robust variance), at most `n`; `n` when V̂ is 0 (p is 0 or 1, or no spread between
/// accounts), where the design effect cannot be estimated.
fn effective_size(units: &Units<bool>, category: Category, rate: f64, n: u64) -> f64 {
    let nf = n as f64;
    let values = units
        .list
        .iter()
        .filter(|u| u.category == category)
        .map(|u| (u.cluster, (f64::from(u.outcome) - rate) / nf));
    let variance = cluster_variance(&cluster_totals(values, units.clusters));
    if variance > 0.0 { (rate * (1.0 - rate) / variance).min(nf) } else { nf }
}

/// `None` for the errors that mean "too little data for this statistic" (one outcome only, fewer than
/// two of each, a constant measurement, too few pairs or accounts); other errors pass through.
fn unavailable<S>(result: Result<S>) -> Result<Option<S>> {
    match result {
        Ok(statistic) => Ok(Some(statistic)),
        Err(
            Error::SingleValue { .. }
            | Error::TooFewForVariance { .. }
            | Error::InvalidCount { name: "pairs", .. }
            | Error::EmptySample { .. },
        ) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Whether two role labels name the same role: ASCII case and surrounding ASCII whitespace are ignored.
fn same_role(a: &str, b: &str) -> bool {
    a.trim_ascii().eq_ignore_ascii_case(b.trim_ascii())
}

/// The account's score under `rollup` (its answers are non-empty).
fn rolled_up(answers: &[&Response], rollup: &AccountScore) -> f64 {
    let score = |r: &&Response| f64::from(r.score().value());
    let mean = |chosen: Vec<f64>| chosen.iter().sum::<f64>() / chosen.len() as f64;
    match rollup {
        AccountScore::Lowest => answers.iter().map(score).fold(f64::INFINITY, f64::min),
        AccountScore::DecisionMakerFirst { roles } => {
            let rank =
                |r: &&Response| r.role().and_then(|role| roles.iter().position(|want| same_role(role, want)));
            // The answers of the best-ranked role present; all answers when no listed role answered.
            let best = answers.iter().filter_map(rank).min();
            mean(answers.iter().filter(|r| best.is_none() || rank(r) == best).map(score).collect())
        }
        _ => mean(answers.iter().map(score).collect()),
    }
}

/// Where a (possibly fractional) score falls on the scale's cut-points.
fn category_of(score: f64, scale: Scale) -> Category {
    if score >= f64::from(scale.promoter_from()) {
        Category::Promoter
    } else if score >= f64::from(scale.passive_from()) {
        Category::Passive
    } else {
        Category::Detractor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Score;

    #[test]
    fn accounts_roll_up_as_asked() {
        let answer = |score: u8, role: &str| Response::new(Score::new(score).unwrap()).with_role(role);
        let answers = [answer(9, "end user"), answer(4, "Decision Maker "), answer(8, "decision maker")];
        let refs: Vec<&Response> = answers.iter().collect();
        assert_eq!(rolled_up(&refs, &AccountScore::Mean), 7.0);
        assert_eq!(rolled_up(&refs, &AccountScore::Lowest), 4.0);
        assert_eq!(rolled_up(&refs, &AccountScore::decision_maker_first(["decision maker"])), 6.0);
        assert_eq!(rolled_up(&refs, &AccountScore::decision_maker_first(["buyer"])), 7.0);
        assert_eq!(category_of(8.99, Scale::STANDARD), Category::Passive);
        assert_eq!(category_of(9.0, Scale::STANDARD), Category::Promoter);
        assert_eq!(category_of(6.5, Scale::STANDARD), Category::Detractor);
    }
}
