//! Trends: the NPS per period, the change from period to period, and the slope over all of them.

use core::fmt;

use crate::analysis::{Change, Unit, Window};
use crate::core::Duplicates;
use crate::core::text::p_value;
use crate::inference::{Estimate, Slope};
use crate::tally::Tally;

/// The NPS over time: one point per period (or window), the change from each point to the next, and
/// the weighted slope over all of them.
///
/// Each point pools the counts of its answers; nothing is averaged across periods. A point's change
/// compares it with the point before (if both have answers) and reports the independent test, the
/// paired test when units answered in both, and which applies (see [`Change`](crate::analysis::Change)). The slope
/// ([`weighted_slope`](crate::inference::weighted_slope)) is fitted only to separate periods (`Window::Period`) with at least three
/// non-empty points; overlapping windows are not independent samples, so they get none.
///
/// # Examples
///
/// ```
/// use nps_stats::{Quarter, Response, Score, Trend, inference::Samples};
///
/// let mut answers = Vec::new();
/// for (quarter, scores) in [("2026-Q1", [9, 7, 3, 10]), ("2026-Q2", [10, 9, 3, 10]), ("2026-Q3", [10, 9, 8, 10])] {
///     for (who, score) in ["ann", "bob", "cem", "dee"].into_iter().zip(scores) {
///         answers.push(Response::new(Score::try_from(score)?).with_respondent(who).with_period(quarter));
///     }
/// }
/// let trend = Trend::builder().by_period::<Quarter>(&answers)?;
/// assert_eq!(trend.points.len(), 3);
/// let q2 = &trend.points[1];
/// assert_eq!(q2.tally.nps(), Some(50.0));
/// assert!(q2.insufficient); // 4 answers, below the default 30
/// let change = q2.change.as_ref().unwrap();
/// assert_eq!(change.difference, 25.0);
/// assert_eq!(change.applies, Samples::Paired); // the same four people
/// assert!(trend.slope.is_some());
/// println!("{trend}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Trend<P> {
    /// One point per period, in order.
    pub points: Vec<TrendPoint<P>>,
    /// The weighted slope over the points; `None` for overlapping windows, fewer than three points
    /// with answers, or a point whose standard error is 0 (a unanimous period under
    /// [`Method::Wald`](crate::Method::Wald); the default adjusted Wald never gives 0).
    pub slope: Option<Slope>,
    /// The window each point reports on.
    pub window: Window,
    /// The unit used to pair answers and to pick the latest answer.
    pub unit: Unit,
    /// The policy for repeated answers of one respondent within each point.
    pub duplicates: Duplicates,
    /// Responses left out: no period, or a period outside the series.
    pub unassigned: u64,
    /// The threshold below which a point is flagged `insufficient`.
    pub min_sample: u64,
}

/// One point of a [`Trend`]: the period, the pooled counts of its window, the estimate and the
/// change from the point before.
///
/// # Examples
///
/// ```
/// use nps_stats::{Response, Score, Trend};
/// let r = |score: u8, period: &str| Response::new(Score::try_from(score).unwrap()).with_period(period);
/// let trend = Trend::builder().by_key(&[r(10, "a"), r(2, "b")], |r| r.period().map(str::to_owned))?;
/// let point = &trend.points[0];
/// assert_eq!(point.period, "a");
/// assert_eq!(point.estimate.as_ref().map(|e| e.nps), Some(100.0));
/// assert!(point.change.is_none()); // the first point has nothing before it
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct TrendPoint<P> {
    /// The period (the window's last period).
    pub period: P,
    /// The counts of the window's answers.
    pub tally: Tally,
    /// The NPS with its interval; `None` when the window has no answers.
    pub estimate: Option<Estimate>,
    /// Fewer answers than the minimum sample: read with care.
    pub insufficient: bool,
    /// Answers of the point that repeat a respondent already counted in it (always 0 under
    /// [`Duplicates::LatestPerRespondent`]): its interval treats them as independent answers.
    pub repeated: u64,
    /// Answers of the point's window removed by the duplicate policy.
    pub duplicates_removed: u64,
    /// The change from the previous point; `None` for the first point or when either is empty.
    pub change: Option<Change>,
}

impl<P: fmt::Display> fmt::Display for Trend<P> {
    /// An aligned table: period, n, NPS, interval, change, its p-value, the test that applies, flags;
    /// then the slope.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        let labels: Vec<String> = self.points.iter().map(|point| point.period.to_string()).collect();
        let width = labels.iter().map(|label| label.chars().count()).max().unwrap_or(0).max(6);
        writeln!(f, "NPS trend, {} (unit: {}; {})", self.window, self.unit, self.duplicates)?;
        writeln!(
            f,
            "{:<width$}  {:>7}  {:>7}  {:<33}  {:>7}  {:>7}  {:<45}  flags",
            "period", "n", "NPS", "interval", "change", "p", "test"
        )?;
        for (label, point) in labels.iter().zip(&self.points) {
            let (nps, interval) = match &point.estimate {
                Some(est) => (format!("{:+.p$}", est.nps), format!("{:.p$}", est.interval)),
                None => ("n/a".to_owned(), String::new()),
            };
            let applicable = point.change.as_ref().and_then(Change::applicable);
            let (change, p_value, test) = match (&point.change, applicable) {
                (Some(change), Some(cmp)) => {
                    (format!("{:+.p$}", change.difference), p_value(cmp.p_value), cmp.test_name())
                }
                _ => (String::new(), String::new(), String::new()),
            };
            let mut flags = Vec::new();
            if point.insufficient {
                flags.push("insufficient".to_owned());
            }
            if point.repeated > 0 {
                flags.push(format!("{} repeated", point.repeated));
            }
            if point.duplicates_removed > 0 {
                flags.push(format!("{} left out", point.duplicates_removed));
            }
            let flag = flags.join(", ");
            writeln!(
                f,
                "{label:<width$}  {:>7}  {nps:>7}  {interval:<33}  {change:>7}  {p_value:>7}  {test:<45}  {flag}",
                point.tally.total()
            )?;
        }
        match &self.slope {
            Some(slope) => write!(f, "slope: {slope:.p$}"),
            None if self.window.overlapping() => write!(f, "slope: not fitted, the windows overlap"),
            None => write!(f, "slope: not fitted, fewer than three periods with answers"),
        }
    }
}
