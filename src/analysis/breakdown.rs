//! Breakdowns: the NPS per segment, each against the rest, with thin and private segments handled.

use core::fmt;
use std::borrow::Borrow;

use crate::analysis::Suppression;
use crate::core::Duplicates;
use crate::core::text::{count_of, p_value};

use crate::inference::{Adjustment, Comparison, Estimate};

use crate::tally::Tally;

/// The NPS per segment: one row per key with its counts, estimate and test against the rest of the
/// population, plus the overall NPS pooled from the counts.
///
/// - The overall is the pooled tally of every row (never an average of segment scores); responses
///   without a key are left out of it and counted in `unassigned`.
/// - Each row is compared with **the rest** (overall minus the row), not with the overall, which
///   contains the row itself and would understate the difference. The test is
///   [`compare_independent`](crate::inference::compare_independent) with the builder's method; the p-values of all rows that were tested are
///   then adjusted together (`adjusted_p_value`, see [`Adjustment`](crate::inference::Adjustment)).
/// - `insufficient` flags thin rows; `suppressed` rows are hidden for privacy (see
///   [`BreakdownBuilder`](crate::analysis::BreakdownBuilder) for the difference).
///
/// # Employee NPS
///
/// eNPS asks employees "How likely are you to recommend this company as a place to work?" on the
/// same 0–10 scale; the statistics are the same, so the same types serve. Set the privacy threshold
/// (commonly 5) so that small teams are not shown:
///
/// ```
/// use nps_stats::{Breakdown, Response, Score};
///
/// let answer = |team: &str, score: u8| Response::new(Score::try_from(score).unwrap()).with_segment("team", team);
/// let mut survey = Vec::new();
/// survey.extend([9, 10, 9, 7, 8, 3, 9, 10].map(|s| answer("engineering", s)));
/// survey.extend([6, 7, 9, 5, 8, 4].map(|s| answer("sales", s)));
/// survey.extend([10, 2, 9].map(|s| answer("legal", s))); // three people: must stay private
///
/// let enps = Breakdown::builder().suppress_below(5).min_sample(10).by_dimension(&survey, "team")?;
/// let legal = enps.rows.iter().find(|row| row.key.value() == "legal").unwrap();
/// assert!(legal.suppressed.is_some() && legal.estimate.is_none());
/// assert!(enps.overall_estimate.is_some()); // 17 answers in all
/// println!("{enps}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Breakdown<K> {
    /// One row per key, in key order (by id for [`BreakdownBuilder::by_ids`](crate::analysis::BreakdownBuilder::by_ids)).
    pub rows: Vec<SegmentRow<K>>,
    /// The pooled tally of all rows; `None` when the whole population is under the privacy threshold.
    pub overall: Option<Tally>,
    /// The estimate of the pooled tally; `None` when empty or hidden.
    pub overall_estimate: Option<Estimate>,
    /// Responses without a key, left out of the breakdown (after the duplicate policy).
    pub unassigned: u64,
    /// The policy for repeated answers of one respondent that was applied.
    pub duplicates: Duplicates,
    /// Answers removed by the duplicate policy.
    pub duplicates_removed: u64,
    /// Answers in the breakdown that repeat a respondent already counted in it (always 0 under
    /// [`Duplicates::LatestPerRespondent`]): the intervals and tests treat them as independent
    /// answers, which they are not, so they are too narrow when this is large. Pooling several waves
    /// of a relationship survey does this; the builder's
    /// [`duplicates`](crate::analysis::BreakdownBuilder::duplicates) setting keeps one answer each.
    pub repeated: u64,
    /// The adjustment applied to the rows' p-values.
    pub adjustment: Adjustment,
    /// The minimum sample below which rows are flagged `insufficient`.
    pub min_sample: u64,
    /// The privacy threshold (0: nothing hidden).
    pub suppress_below: u64,
}

impl<K> Breakdown<K> {
    /// The row of `key`, if there is one.
    ///
    /// ```
    /// let breakdown = nps_stats::Breakdown::builder().from_tallies([("a", nps_stats::Tally::from_scores(&[9])?)])?;
    /// assert!(breakdown.row(&"a").is_some());
    /// assert!(breakdown.row(&"b").is_none());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn row<Q>(&self, key: &Q) -> Option<&SegmentRow<K>>
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.rows.iter().find(|row| row.key.borrow() == key)
    }

    pub(crate) fn map_keys<L>(self, mut f: impl FnMut(K) -> L) -> Breakdown<L> {
        let rows = self
            .rows
            .into_iter()
            .map(|row| SegmentRow {
                key: f(row.key),
                tally: row.tally,
                estimate: row.estimate,
                versus_rest: row.versus_rest,
                adjusted_p_value: row.adjusted_p_value,
                insufficient: row.insufficient,
                suppressed: row.suppressed,
            })
            .collect();
        Breakdown {
            rows,
            overall: self.overall,
            overall_estimate: self.overall_estimate,
            unassigned: self.unassigned,
            duplicates: self.duplicates,
            duplicates_removed: self.duplicates_removed,
            repeated: self.repeated,
            adjustment: self.adjustment,
            min_sample: self.min_sample,
            suppress_below: self.suppress_below,
        }
    }
}

/// One segment of a [`Breakdown`].
///
/// A visible row has its tally and (when not empty) its estimate; a row with answers and a non-empty
/// rest has its test against the rest and the adjusted p-value. A suppressed row has only its key.
///
/// # Examples
///
/// ```
/// use nps_stats::Breakdown;
/// let breakdown = Breakdown::builder().by_ids(&[0, 0, 0, 1, 1, 1], &[10, 10, 9, 2, 3, 8])?;
/// let row = &breakdown.rows[0];
/// assert_eq!(row.key, 0);
/// let cmp = row.versus_rest.as_ref().unwrap();
/// assert_eq!(cmp.difference, 100.0 - 100.0 * (-2.0 / 3.0)); // +100 against the rest's −66.7
/// assert!(row.adjusted_p_value.unwrap() >= cmp.p_value);
/// assert!(row.insufficient);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SegmentRow<K> {
    /// The segment's key.
    pub key: K,
    /// The segment's counts; `None` when suppressed.
    pub tally: Option<Tally>,
    /// The segment's NPS with its interval; `None` when suppressed or empty.
    pub estimate: Option<Estimate>,
    /// The segment minus the rest of the population (unadjusted p-value); `None` when suppressed,
    /// empty, or when the rest is empty.
    pub versus_rest: Option<Comparison>,
    /// The p-value of `versus_rest` adjusted for the number of rows tested.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::core::checked::optional_share"))]
    pub adjusted_p_value: Option<f64>,
    /// Fewer answers than the minimum sample (always `false` on suppressed rows, which show nothing).
    pub insufficient: bool,
    /// Why the row is hidden, if it is.
    pub suppressed: Option<Suppression>,
}

impl<K> SegmentRow<K> {
    pub(crate) fn hidden(key: K, suppressed: Option<Suppression>) -> SegmentRow<K> {
        SegmentRow {
            key,
            tally: None,
            estimate: None,
            versus_rest: None,
            adjusted_p_value: None,
            insufficient: false,
            suppressed,
        }
    }
}

impl<K: fmt::Display> fmt::Display for Breakdown<K> {
    /// An aligned table: segment, n, NPS, interval, difference against the rest, raw and adjusted
    /// p-value, flags; the overall row last.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        let labels: Vec<String> = self.rows.iter().map(|row| row.key.to_string()).collect();
        let width = labels.iter().map(|label| label.chars().count()).max().unwrap_or(0).max(7);
        writeln!(
            f,
            "{:<width$}  {:>7}  {:>7}  {:<33}  {:>8}  {:>7}  {:>9}  flags",
            "segment",
            "n",
            "NPS",
            "interval",
            "vs rest",
            "p",
            format!("p {}", short(self.adjustment)),
        )?;
        for (label, row) in labels.iter().zip(&self.rows) {
            if row.suppressed.is_some() {
                // One label for every reason, so the table does not tell which hidden row is small.
                writeln!(f, "{label:<width$}  {:>7}  {}", "-", Suppression::LABEL)?;
                continue;
            }
            let n = row.tally.as_ref().map_or(0, Tally::total);
            let (nps, interval) = estimate_cells(row.estimate.as_ref(), p);
            let (difference, raw) = match &row.versus_rest {
                Some(cmp) => (format!("{:+.p$}", cmp.difference), p_value(cmp.p_value)),
                None => (String::new(), String::new()),
            };
            let adjusted = row.adjusted_p_value.map(p_value).unwrap_or_default();
            let flag = if row.insufficient { "insufficient" } else { "" };
            writeln!(
                f,
                "{label:<width$}  {n:>7}  {nps:>7}  {interval:<33}  {difference:>8}  {raw:>7}  {adjusted:>9}  {flag}"
            )?;
        }
        match &self.overall {
            Some(overall) => {
                let (nps, interval) = estimate_cells(self.overall_estimate.as_ref(), p);
                write!(f, "{:<width$}  {:>7}  {nps:>7}  {interval}", "overall", overall.total())?;
            }
            None => write!(f, "{:<width$}  {:>7}  {}", "overall", "-", Suppression::LABEL)?,
        }
        if self.unassigned > 0 {
            write!(f, "\n({} answers without a segment left out)", self.unassigned)?;
        }
        if self.duplicates_removed > 0 {
            let removed = count_of(self.duplicates_removed, "answer", "answers");
            write!(f, "\n({removed} left out: {})", self.duplicates)?;
        }
        if self.repeated > 0 {
            let repeated = count_of(self.repeated, "answer repeats", "answers repeat");
            write!(f, "\n({repeated} a respondent counted before: intervals treat them as independent)")?;
        }
        Ok(())
    }
}

fn estimate_cells(estimate: Option<&Estimate>, p: usize) -> (String, String) {
    match estimate {
        Some(est) => (format!("{:+.p$}", est.nps), format!("{:.p$}", est.interval)),
        None => ("n/a".to_owned(), String::new()),
    }
}

fn short(adjustment: Adjustment) -> &'static str {
    match adjustment {
        Adjustment::Holm => "Holm",
        Adjustment::BenjaminiHochberg => "BH",
        Adjustment::Bonferroni => "Bonf.",
        _ => "adj.",
    }
}
