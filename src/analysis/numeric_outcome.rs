//! Does the score predict a numeric outcome (revenue change, seats added)? The result.

use core::fmt;

use crate::analysis::OutcomeUnit;
use crate::core::{Category, Confidence};
use crate::inference::RankCorrelation;

/// The mean outcome of one category in a [`NumericOutcome`] (descriptive: the test of the relation
/// is the rank correlation).
///
/// ```
/// use nps_stats::{Category, Response, Score, analysis::{OutcomeBuilder, OutcomeUnit}};
/// let answers: Vec<Response> = [(10, "0.2"), (9, "0.1"), (3, "-0.1"), (5, "0.0")]
///     .into_iter()
///     .map(|(s, change)| Response::new(Score::try_from(s).unwrap()).with_segment("change", change))
///     .collect();
/// let link = OutcomeBuilder::new()
///     .unit(OutcomeUnit::Respondent)
///     .numeric(&answers, |r| r.segment("change").and_then(|v| v.parse().ok()))?;
/// let promoters = &link.means[2];
/// assert_eq!((promoters.category, promoters.units), (Category::Promoter, 2));
/// assert!((promoters.mean.unwrap() - 0.15).abs() < 1e-12);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CategoryMean {
    /// The category of the units (for accounts, of their rolled-up score).
    pub category: Category,
    /// Units in the category.
    pub units: u64,
    /// Their mean outcome; `None` without units.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::core::checked::optional_finite")
    )]
    pub mean: Option<f64>,
    /// Fewer units than the analysis's `min_sample`: thin signal.
    pub insufficient: bool,
}

/// Does the score predict a numeric outcome? The result of
/// [`OutcomeBuilder::numeric`](crate::analysis::OutcomeBuilder::numeric): the mean outcome of
/// detractors, passives and promoters, and Spearman's rank correlation of the 0–10 score (for
/// accounts, the rolled-up score) with the outcome, with its interval and test.
///
/// Its `Display` says in one sentence whether higher scores go with higher (or lower) outcomes on
/// this data: an interval of ρ that contains 0 means no monotone relation is shown.
///
/// # Examples
///
/// ```
/// use nps_stats::{Response, Score, analysis::{OutcomeBuilder, OutcomeUnit}};
///
/// let answers: Vec<Response> = [(10, 12.0), (9, 8.0), (9, 10.0), (8, 3.0), (7, 4.0), (6, -2.0), (4, -5.0), (2, -1.0)]
///     .into_iter()
///     .map(|(score, change)| {
///         Response::new(Score::try_from(score).unwrap()).with_segment("revenue change", change.to_string())
///     })
///     .collect();
/// let link = OutcomeBuilder::new()
///     .unit(OutcomeUnit::Respondent)
///     .name("revenue change")
///     .numeric(&answers, |r| r.segment("revenue change").and_then(|v| v.parse().ok()))?;
/// let rho = link.correlation.as_ref().unwrap();
/// assert!(rho.rho > 0.8 && rho.interval.lower > 0.0);
/// assert!(link.to_string().contains("higher scores go with higher revenue change here"));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct NumericOutcome {
    /// What the outcome is called (the builder's `name`), for example `"revenue change"`.
    pub name: String,
    /// What one unit is.
    pub unit: OutcomeUnit,
    /// The units analysed: those with an outcome.
    pub units: u64,
    /// The accounts behind the units (for account and clustered units); `None` for answers.
    pub accounts: Option<u64>,
    /// Units left out because they have no outcome.
    pub without_outcome: u64,
    /// Detractors, passives and promoters, in that order.
    pub means: Vec<CategoryMean>,
    /// Spearman's ρ of score and outcome; `None` with fewer than 4 units, when the score or the
    /// outcome takes a single value, or (with clusters) with fewer than 2 accounts.
    pub correlation: Option<RankCorrelation>,
    /// The confidence level of the interval.
    pub level: Confidence,
    /// The threshold below which a category is flagged `insufficient`.
    pub min_sample: u64,
}

impl NumericOutcome {
    /// Whether higher scores go with higher or lower outcomes here, in one sentence (the last line of
    /// `Display`).
    ///
    /// ```
    /// use nps_stats::{Response, Score, analysis::{OutcomeBuilder, OutcomeUnit}};
    /// let answers: Vec<Response> = [10, 9, 8, 6, 3].iter().map(|&s| Response::new(Score::try_from(s).unwrap())).collect();
    /// let link = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).name("seats").numeric(&answers, |_| Some(4.0))?;
    /// assert!(link.correlation.is_none());
    /// assert_eq!(link.verdict(), "the score or seats takes a single value, or there are too few units: no correlation");
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn verdict(&self) -> String {
        match &self.correlation {
            None => format!(
                "the score or {} takes a single value, or there are too few units: no correlation",
                self.name
            ),
            Some(rho) if rho.interval.lower > 0.0 => {
                format!("higher scores go with higher {} here", self.name)
            }
            Some(rho) if rho.interval.upper < 0.0 => {
                format!("higher scores go with lower {} here", self.name)
            }
            Some(_) => format!("no monotone relation between the score and {} is shown here", self.name),
        }
    }
}

impl fmt::Display for NumericOutcome {
    /// A header with the unit, one line per category (units, mean outcome, flag), and Spearman's ρ
    /// with the verdict.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(2);
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
        writeln!(f, "{:<10} {:>6} {:>12}", "category", "units", "mean")?;
        for row in &self.means {
            let mean = row.mean.map_or_else(|| "-".to_owned(), |m| format!("{m:.p$}"));
            let flag = if row.insufficient { "  insufficient" } else { "" };
            writeln!(f, "{:<10} {:>6} {mean:>12}{flag}", row.category.to_string(), row.units)?;
        }
        match &self.correlation {
            Some(rho) => write!(f, "{rho}: {}", self.verdict()),
            None => write!(f, "Spearman's rho n/a: {}", self.verdict()),
        }
    }
}
