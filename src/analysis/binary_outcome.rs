//! Does the score predict a yes/no outcome (renewal, churn, preferred supplier)? The result.

use core::fmt;

use crate::analysis::OutcomeUnit;
use crate::core::{Category, Confidence};
use crate::inference::{Auc, Interval, RateDifference};

/// The outcome rate of one category (detractors, passives or promoters) in a [`BinaryOutcome`].
///
/// ```
/// use nps_stats::{Category, Response, Score, analysis::{OutcomeBuilder, OutcomeUnit}};
/// let answers: Vec<Response> = [(10, "yes"), (9, "yes"), (3, "no"), (5, "yes")]
///     .into_iter()
///     .map(|(s, renewed)| Response::new(Score::try_from(s).unwrap()).with_segment("renewed", renewed))
///     .collect();
/// let link = OutcomeBuilder::new()
///     .unit(OutcomeUnit::Respondent)
///     .binary(&answers, |r| r.segment("renewed").map(|v| v == "yes"))?;
/// let detractors = &link.rates[0];
/// assert_eq!((detractors.category, detractors.units, detractors.events), (Category::Detractor, 2, 1));
/// assert_eq!(detractors.rate, Some(0.5));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CategoryRate {
    /// The category of the units (for accounts, of their rolled-up score).
    pub category: Category,
    /// Units in the category.
    pub units: u64,
    /// Of those, units with the outcome.
    pub events: u64,
    /// `events / units`, a fraction; `None` without units.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::core::checked::optional_share"))]
    pub rate: Option<f64>,
    /// Wilson's interval of the rate (with the effective number of units when accounts are
    /// clusters); `None` without units.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::inference::interval::optional_unit_interval")
    )]
    pub interval: Option<Interval>,
    /// The number of units Wilson's interval used: `units` for independent units; with accounts as
    /// clusters p(1 − p)/V̂ from the rate's linearized variance V̂ (the sample size divided by the
    /// design effect), never more than `units`.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub effective_n: f64,
    /// Fewer units than the analysis's `min_sample`: thin signal.
    pub insufficient: bool,
}

/// Does the score predict a yes/no outcome? The result of
/// [`OutcomeBuilder::binary`](crate::analysis::OutcomeBuilder::binary): the outcome rate of
/// detractors, passives and promoters with Wilson intervals, promoters minus detractors with its
/// interval and test, and the area under the ROC curve of the 0–10 score with its interval.
///
/// Its `Display` says in one sentence whether the score separates the two outcomes on this data.
/// An AUC interval that contains 0.5 means it does not; above 0.5 higher scores go with the outcome,
/// and the AUC says how well (below 0.7 poor, 0.7–0.8 acceptable, 0.8–0.9 excellent, 0.9 and more
/// outstanding: Hosmer, Lemeshow & Sturdivant 2013, *Applied Logistic Regression*, 3rd ed., §5.2.4).
///
/// # Examples
///
/// ```
/// use nps_stats::{Response, Score, analysis::{OutcomeBuilder, OutcomeUnit}};
///
/// let answer = |score: u8, renewed: &str| {
///     Response::new(Score::try_from(score).unwrap()).with_segment("renewed", renewed)
/// };
/// let mut answers = Vec::new();
/// for (score, renewed) in [(10, "yes"), (9, "yes"), (9, "no"), (8, "yes"), (7, "yes"), (7, "no"), (6, "yes"), (5, "no"), (3, "no"), (2, "yes")] {
///     answers.push(answer(score, renewed));
/// }
/// let link = OutcomeBuilder::new()
///     .unit(OutcomeUnit::Respondent)
///     .name("renewed")
///     .opposite("churned")
///     .binary(&answers, |r| r.segment("renewed").map(|v| v == "yes"))?;
/// let auc = link.auc.as_ref().unwrap();
/// assert!(auc.interval.contains(0.5)); // ten answers cannot tell
/// assert!(link.to_string().contains("the score does not separate renewed from churned here"));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct BinaryOutcome {
    /// What the outcome is called (the builder's `name`), for example `"renewed"`.
    pub name: String,
    /// What its absence is called (the builder's `opposite`), for example `"churned"`.
    pub opposite: String,
    /// What one unit is.
    pub unit: OutcomeUnit,
    /// The units analysed: those with an outcome.
    pub units: u64,
    /// Units with the outcome.
    pub events: u64,
    /// The accounts behind the units (for account and clustered units); `None` for answers.
    pub accounts: Option<u64>,
    /// Units left out because they have no outcome (accounts for account units, answers otherwise).
    pub without_outcome: u64,
    /// Detractors, passives and promoters, in that order.
    pub rates: Vec<CategoryRate>,
    /// The promoters' rate minus the detractors'; `None` when either has no units.
    pub promoters_minus_detractors: Option<RateDifference>,
    /// The AUC of the score; `None` when there are fewer than two units (with clusters, accounts)
    /// with each outcome.
    pub auc: Option<Auc>,
    /// The confidence level of the intervals.
    pub level: Confidence,
    /// The threshold below which a category is flagged `insufficient`.
    pub min_sample: u64,
}

impl BinaryOutcome {
    /// Whether the score separates the outcomes here, in one sentence (the last line of `Display`).
    ///
    /// ```
    /// use nps_stats::{Response, Score, analysis::{OutcomeBuilder, OutcomeUnit}};
    /// let answers: Vec<Response> = [(10, "y"), (9, "y"), (10, "y"), (2, "n"), (3, "n"), (1, "n")]
    ///     .into_iter()
    ///     .map(|(s, o)| Response::new(Score::try_from(s).unwrap()).with_segment("renewed", o))
    ///     .collect();
    /// let link = OutcomeBuilder::new()
    ///     .unit(OutcomeUnit::Respondent)
    ///     .name("renewed")
    ///     .binary(&answers, |r| r.segment("renewed").map(|v| v == "y"))?;
    /// assert_eq!(link.verdict(), "higher scores go with renewed: the score predicts it here, and the separation is outstanding");
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn verdict(&self) -> String {
        let Some(auc) = &self.auc else {
            return if self.events == 0 || self.events == self.units {
                format!(
                    "every unit has the same outcome: whether the score predicts {} cannot be told",
                    self.name
                )
            } else {
                format!("too few units of each outcome to tell whether the score predicts {}", self.name)
            };
        };
        if auc.interval.lower > 0.5 {
            let strength = match auc.auc {
                a if a < 0.7 => "but the separation is poor",
                a if a < 0.8 => "and the separation is acceptable",
                a if a < 0.9 => "and the separation is excellent",
                _ => "and the separation is outstanding",
            };
            format!("higher scores go with {}: the score predicts it here, {strength}", self.name)
        } else if auc.interval.upper < 0.5 {
            format!("higher scores go with {}: the score points the wrong way here", self.opposite)
        } else {
            format!("the score does not separate {} from {} here", self.name, self.opposite)
        }
    }
}

impl fmt::Display for BinaryOutcome {
    /// A header with the unit, one line per category (units, events, rate, interval, flag), the
    /// difference of promoters and detractors, and the AUC with the verdict.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "does the score predict {}? {} {} ({})",
            self.name,
            self.units,
            self.unit.noun(self.units),
            self.unit
        )?;
        if self.without_outcome > 0 {
            write!(f, "; {} without an outcome left out", self.without_outcome)?;
        }
        writeln!(f)?;
        let width = self.name.chars().count().max(6);
        let level = format!("{} interval", self.level);
        writeln!(f, "{:<10} {:>6} {:>width$} {:>7}  {level}", "category", "units", self.name, "rate")?;
        for row in &self.rates {
            let (rate, interval) = match (row.rate, row.interval) {
                (Some(rate), Some(i)) => (
                    format!("{:.p$}%", 100.0 * rate),
                    format!("[{:.p$}%, {:.p$}%]", 100.0 * i.lower, 100.0 * i.upper),
                ),
                _ => ("-".to_owned(), String::new()),
            };
            let flag = if row.insufficient { "insufficient" } else { "" };
            let line = format!(
                "{:<10} {:>6} {:>width$} {rate:>7}  {interval:<18} {flag}",
                row.category.to_string(),
                row.units,
                row.events
            );
            writeln!(f, "{}", line.trim_end())?;
        }
        match &self.promoters_minus_detractors {
            Some(diff) => writeln!(f, "promoters − detractors: {diff:.p$}")?,
            None => writeln!(f, "promoters − detractors: n/a (a category without units)")?,
        }
        match &self.auc {
            Some(auc) => write!(f, "{auc}: {}", self.verdict()),
            None => write!(f, "AUC n/a: {}", self.verdict()),
        }
    }
}
