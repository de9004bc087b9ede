//! Breakdowns: the NPS per segment, each against the rest, with thin and private segments handled.

use core::fmt;
use std::borrow::Borrow;
use std::collections::BTreeMap;

use crate::trend::DEFAULT_MIN_SAMPLE;
use crate::{
    Adjustment, Comparison, Confidence, Error, Estimate, Method, Response, Result, Scale, Segment, Tally,
    compare_independent,
};

/// Settings for a breakdown; build one with [`Breakdown::builder`] and finish with `by_dimension`,
/// `by_key`, `by_ids` or `from_tallies`.
///
/// Defaults: [`Method::AdjustedWald`], 95 %, [`Adjustment::Holm`], a minimum sample of 30 answers
/// (below it a row is flagged `insufficient`), no privacy suppression, the standard scale.
///
/// The two thresholds are different things:
///
/// - [`min_sample`](BreakdownBuilder::min_sample) is about **statistics**: a segment with fewer
///   answers is still shown, with all its numbers, but flagged `insufficient` because its interval
///   is too wide to act on (at 30 answers the worst-case 95 % margin is ±36 points).
/// - [`suppress_below`](BreakdownBuilder::suppress_below) is about **privacy**: a segment with fewer
///   answers is hidden, as employee surveys do for teams under 5 so that nobody's answer can be
///   singled out. See [`Suppression`] for what is hidden and why.
///
/// Neither is an error.
///
/// # Examples
///
/// ```
/// use nps_stats::{Adjustment, Breakdown, Confidence, Method};
///
/// let builder = Breakdown::builder()
///     .method(Method::Wald)
///     .level(Confidence::NINETY)
///     .adjustment(Adjustment::BenjaminiHochberg)
///     .min_sample(50)
///     .suppress_below(5);
/// let breakdown = builder.by_ids(&[0, 0, 1], &[10, 9, 3])?;
/// assert_eq!(breakdown.rows.len(), 2);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BreakdownBuilder {
    method: Method,
    level: Confidence,
    adjustment: Adjustment,
    min_sample: u64,
    suppress_below: u64,
    scale: Scale,
}

impl Default for BreakdownBuilder {
    fn default() -> BreakdownBuilder {
        BreakdownBuilder {
            method: Method::AdjustedWald,
            level: Confidence::NINETY_FIVE,
            adjustment: Adjustment::Holm,
            min_sample: DEFAULT_MIN_SAMPLE,
            suppress_below: 0,
            scale: Scale::STANDARD,
        }
    }
}

impl BreakdownBuilder {
    /// The interval method for each segment and for the tests against the rest.
    ///
    /// ```
    /// let builder = nps_stats::Breakdown::builder().method(nps_stats::Method::Wald);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn method(mut self, method: Method) -> BreakdownBuilder {
        self.method = method;
        self
    }

    /// The confidence level of every interval.
    ///
    /// ```
    /// let builder = nps_stats::Breakdown::builder().level(nps_stats::Confidence::NINETY_NINE);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn level(mut self, level: Confidence) -> BreakdownBuilder {
        self.level = level;
        self
    }

    /// How the p-values of the segment-against-rest tests are adjusted (default Holm).
    ///
    /// ```
    /// let builder = nps_stats::Breakdown::builder().adjustment(nps_stats::Adjustment::BenjaminiHochberg);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn adjustment(mut self, adjustment: Adjustment) -> BreakdownBuilder {
        self.adjustment = adjustment;
        self
    }

    /// Rows with fewer answers are flagged `insufficient` (default 30). They keep their numbers.
    ///
    /// ```
    /// let builder = nps_stats::Breakdown::builder().min_sample(100);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn min_sample(mut self, min_sample: u64) -> BreakdownBuilder {
        self.min_sample = min_sample;
        self
    }

    /// Hides every segment with fewer than `threshold` answers, and as many more as needed so that
    /// the hidden ones cannot be recovered by subtraction (see [`Suppression`]). 0 (the default)
    /// hides nothing; employee NPS commonly uses 5.
    ///
    /// ```
    /// let builder = nps_stats::Breakdown::builder().suppress_below(5);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn suppress_below(mut self, threshold: u64) -> BreakdownBuilder {
        self.suppress_below = threshold;
        self
    }

    /// The scale the answers were given on (default [`Scale::STANDARD`]).
    ///
    /// ```
    /// let builder = nps_stats::Breakdown::builder().scale(nps_stats::Scale::DUTCH);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn scale(mut self, scale: Scale) -> BreakdownBuilder {
        self.scale = scale;
        self
    }

    /// A breakdown by the values of a segment dimension ([`Response::segment`]: a segment label, or
    /// `"role"`, `"period"`, `"account"`, `"respondent"`). Responses without a value for the
    /// dimension are counted in `unassigned`.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScaleAt`] when a score is not on the scale.
    ///
    /// ```
    /// use nps_stats::{Breakdown, Response, Score, Segment};
    /// let r = |score: u8, region: &str| Response::new(Score::try_from(score).unwrap()).with_segment("region", region);
    /// let breakdown = Breakdown::builder().by_dimension(&[r(10, "DACH"), r(3, "Nordics"), r(9, "DACH")], "region")?;
    /// let dach = breakdown.row(&Segment::new("region", "DACH")).unwrap();
    /// assert_eq!(dach.estimate.as_ref().unwrap().nps, 100.0);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn by_dimension(&self, responses: &[Response], dimension: &str) -> Result<Breakdown<Segment>> {
        let breakdown = self.by_key(responses, |response| response.segment(dimension))?;
        Ok(breakdown.map_keys(|value| Segment::new(dimension, value)))
    }

    /// A breakdown by any ordered key derived from a response; `None` leaves the response out
    /// (counted in `unassigned`). Rows are in key order.
    ///
    /// Keys are mapped to dense ids first and counted in one grouped pass ([`Tally::grouped`]).
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScaleAt`] when a score is not on the scale.
    ///
    /// ```
    /// use nps_stats::{Breakdown, Response, Score};
    /// let r = |score: u8, role: &str| Response::new(Score::try_from(score).unwrap()).with_role(role);
    /// let answers = [r(10, "decision maker"), r(6, "end user"), r(9, "end user")];
    /// let breakdown = Breakdown::builder().by_key(&answers, |r| r.role())?;
    /// assert_eq!(breakdown.rows[0].key, "decision maker");
    /// assert_eq!(breakdown.row("end user").unwrap().estimate.as_ref().unwrap().nps, 0.0);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn by_key<'a, K, F>(&self, responses: &'a [Response], mut key: F) -> Result<Breakdown<K>>
    where
        K: Ord + Clone,
        F: FnMut(&'a Response) -> Option<K>,
    {
        let mut ids: BTreeMap<K, u32> = BTreeMap::new();
        let mut dense = Vec::with_capacity(responses.len());
        let mut scores = Vec::with_capacity(responses.len());
        let mut unassigned = 0u64;
        for response in responses {
            let Some(key) = key(response) else {
                unassigned += 1;
                continue;
            };
            let next = u32::try_from(ids.len()).map_err(|_| Error::InvalidParameter {
                name: "number of segments",
                value: ids.len() as f64,
                expected: "at most 4294967296 distinct keys",
            })?;
            dense.push(*ids.entry(key).or_insert(next));
            scores.push(response.score().value());
        }
        let mut tallies: Vec<Option<Tally>> = self.grouped(&dense, &scores)?.into_iter().map(Some).collect();
        // The map iterates in key order; each key takes the tally of its id.
        let rows = ids
            .into_iter()
            .map(|(key, id)| {
                let tally = tallies.get_mut(id as usize).and_then(Option::take);
                (key, tally.unwrap_or_else(|| Tally::with_scale(self.scale)))
            })
            .collect();
        self.finish(rows, unassigned)
    }

    /// A breakdown of pre-coded data: `keys[i]` is the dense segment id (0, 1, 2, …) of the answer
    /// `scores[i]`. The result has one row per id from 0 to the largest (an id without answers gets an
    /// empty row). This is the fast path for large data.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] when the slices differ in length; [`Error::ScoreOutOfScaleAt`] naming
    /// the first score off the scale.
    ///
    /// ```
    /// use nps_stats::Breakdown;
    /// let breakdown = Breakdown::builder().by_ids(&[0, 1, 0, 2], &[10, 3, 9, 8])?;
    /// assert_eq!(breakdown.rows.len(), 3);
    /// assert_eq!(breakdown.rows[0].tally.as_ref().unwrap().total(), 2);
    /// assert_eq!(breakdown.overall.as_ref().unwrap().total(), 4);
    /// assert!(Breakdown::builder().by_ids(&[0], &[10, 9]).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn by_ids(&self, keys: &[u32], scores: &[u8]) -> Result<Breakdown<u32>> {
        let tallies = self.grouped(keys, scores)?;
        self.finish((0u32..).zip(tallies).collect(), 0)
    }

    /// A breakdown of tallies counted elsewhere; a key given twice is pooled. Rows are in key order.
    ///
    /// # Errors
    ///
    /// [`Error::ScaleMismatch`] when a tally is not on the builder's scale; [`Error::CountOverflow`]
    /// when the pooled counts would overflow.
    ///
    /// ```
    /// use nps_stats::{Breakdown, Tally};
    /// let breakdown = Breakdown::builder().from_tallies([
    ///     ("north", Tally::from_scores(&[10, 10, 3])?),
    ///     ("south", Tally::from_scores(&[9, 3, 3, 3])?),
    /// ])?;
    /// // Pooled from counts (3 promoters, 4 detractors of 7), not the average of +33.3 and −50.
    /// assert!((breakdown.overall.as_ref().unwrap().nps().unwrap() + 100.0 / 7.0).abs() < 1e-12);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_tallies<K: Ord>(
        &self,
        tallies: impl IntoIterator<Item = (K, Tally)>,
    ) -> Result<Breakdown<K>> {
        let mut pooled: BTreeMap<K, Tally> = BTreeMap::new();
        for (key, tally) in tallies {
            if tally.scale() != self.scale {
                return Err(Error::ScaleMismatch { left: self.scale, right: tally.scale() });
            }
            pooled.entry(key).or_insert_with(|| Tally::with_scale(self.scale)).merge(&tally)?;
        }
        self.finish(pooled.into_iter().collect(), 0)
    }

    /// One grouped counting pass on the builder's scale.
    fn grouped(&self, keys: &[u32], scores: &[u8]) -> Result<Vec<Tally>> {
        if self.scale == Scale::STANDARD {
            Tally::grouped(keys, scores)
        } else {
            Tally::grouped_on(self.scale, keys, scores)
        }
    }

    /// Estimates, tests against the rest, adjustment and suppression for rows in their final order.
    fn finish<K>(&self, tallies: Vec<(K, Tally)>, unassigned: u64) -> Result<Breakdown<K>> {
        let mut overall = Tally::with_scale(self.scale);
        for (_, tally) in &tallies {
            overall.merge(tally)?;
        }
        let counts: Vec<u64> = tallies.iter().map(|(_, tally)| tally.total()).collect();
        let suppression = crate::suppression::suppress(&counts, self.suppress_below);
        let mut rows = Vec::with_capacity(tallies.len());
        for ((key, tally), suppressed) in tallies.into_iter().zip(suppression) {
            if suppressed.is_some() {
                rows.push(SegmentRow::hidden(key, suppressed));
                continue;
            }
            let estimate =
                if tally.is_empty() { None } else { Some(tally.estimate(self.method, self.level)?) };
            let rest = rest_of(&overall, &tally)?;
            let versus_rest = if tally.is_empty() || rest.is_empty() {
                None
            } else {
                Some(compare_independent(&tally, &rest, self.method, self.level)?)
            };
            let insufficient = tally.total() < self.min_sample;
            rows.push(SegmentRow {
                key,
                tally: Some(tally),
                estimate,
                versus_rest,
                adjusted_p_value: None,
                insufficient,
                suppressed: None,
            });
        }
        let raw: Vec<f64> =
            rows.iter().filter_map(|row| row.versus_rest.as_ref().map(|c| c.p_value)).collect();
        let mut adjusted = self.adjustment.adjust(&raw)?.into_iter();
        for row in rows.iter_mut().filter(|row| row.versus_rest.is_some()) {
            row.adjusted_p_value = adjusted.next();
        }
        let overall_hidden = overall.total() < self.suppress_below;
        let overall_estimate = if overall.is_empty() || overall_hidden {
            None
        } else {
            Some(overall.estimate(self.method, self.level)?)
        };
        Ok(Breakdown {
            rows,
            overall: if overall_hidden { None } else { Some(overall) },
            overall_estimate,
            unassigned,
            adjustment: self.adjustment,
            min_sample: self.min_sample,
            suppress_below: self.suppress_below,
        })
    }
}

/// The answers of `overall` that are not in `part` (a part of it).
fn rest_of(overall: &Tally, part: &Tally) -> Result<Tally> {
    let mut histogram = [0u64; 11];
    for ((slot, &all), &mine) in histogram.iter_mut().zip(overall.histogram()).zip(part.histogram()) {
        *slot = all.saturating_sub(mine);
    }
    Tally::from_histogram(overall.scale(), histogram)
}

/// Why a row of a breakdown is hidden.
///
/// A hidden row keeps only its key: no counts (not even n), no NPS, no interval, no test, and it
/// takes no part in the multiple-comparison adjustment. The count is hidden too because the number
/// of answers of a small team tells who did not answer, and because the overall counts minus the
/// visible rows give the hidden rows' counts *together*: if that sum were a single small segment, its
/// answers would be exposed. So when the hidden rows hold fewer answers together than the threshold,
/// the smallest visible rows are hidden as well ([`Complementary`](Suppression::Complementary)), the
/// "secondary suppression" of statistical disclosure control (Hundepool et al. 2012, *Statistical
/// Disclosure Control*, Wiley, ch. 4). The overall row is hidden when the whole population is under
/// the threshold.
///
/// # Examples
///
/// ```
/// use nps_stats::{Breakdown, Suppression};
///
/// // Teams 0 and 1 have 12 and 9 answers, team 2 only 3.
/// let mut teams = vec![0u32; 12];
/// teams.extend([1; 9]);
/// teams.extend([2; 3]);
/// let scores = vec![9u8; teams.len()];
/// let breakdown = Breakdown::builder().suppress_below(5).by_ids(&teams, &scores)?;
/// assert_eq!(breakdown.rows[2].suppressed, Some(Suppression::BelowThreshold));
/// // Overall minus team 0 minus team 1 would give team 2: team 1 (the smallest) is hidden too.
/// assert_eq!(breakdown.rows[1].suppressed, Some(Suppression::Complementary));
/// assert!(breakdown.rows[1].estimate.is_none() && breakdown.rows[1].tally.is_none());
/// assert_eq!(breakdown.rows[0].suppressed, None);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Suppression {
    /// The segment has fewer answers than the threshold.
    BelowThreshold,
    /// Hidden so that a segment below the threshold cannot be recovered by subtraction.
    Complementary,
}

impl fmt::Display for Suppression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Suppression::BelowThreshold => "too few answers to show",
            Suppression::Complementary => "hidden to protect a small segment",
        })
    }
}

/// The NPS per segment: one row per key with its counts, estimate and test against the rest of the
/// population, plus the overall NPS pooled from the counts.
///
/// - The overall is the pooled tally of every row (never an average of segment scores); responses
///   without a key are left out of it and counted in `unassigned`.
/// - Each row is compared with **the rest** (overall minus the row), not with the overall, which
///   contains the row itself and would understate the difference. The test is
///   [`compare_independent`] with the builder's method; the p-values of all rows that were tested are
///   then adjusted together (`adjusted_p_value`, see [`Adjustment`]).
/// - `insufficient` flags thin rows; `suppressed` rows are hidden for privacy (see
///   [`BreakdownBuilder`] for the difference).
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
    /// One row per key, in key order (by id for [`BreakdownBuilder::by_ids`]).
    pub rows: Vec<SegmentRow<K>>,
    /// The pooled tally of all rows; `None` when the whole population is under the privacy threshold.
    pub overall: Option<Tally>,
    /// The estimate of the pooled tally; `None` when empty or hidden.
    pub overall_estimate: Option<Estimate>,
    /// Responses without a key, left out of the breakdown.
    pub unassigned: u64,
    /// The adjustment applied to the rows' p-values.
    pub adjustment: Adjustment,
    /// The minimum sample below which rows are flagged `insufficient`.
    pub min_sample: u64,
    /// The privacy threshold (0: nothing hidden).
    pub suppress_below: u64,
}

impl Breakdown<()> {
    /// The settings of a breakdown, with their defaults.
    ///
    /// ```
    /// let breakdown = nps_stats::Breakdown::builder().by_ids(&[0, 1], &[10, 2])?;
    /// assert_eq!(breakdown.rows.len(), 2);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn builder() -> BreakdownBuilder {
        BreakdownBuilder::default()
    }
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

    fn map_keys<L>(self, mut f: impl FnMut(K) -> L) -> Breakdown<L> {
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
/// assert_eq!(cmp.difference, 100.0 - (-100.0 * 2.0 / 3.0)); // +100 against the rest's −66.7
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
    pub adjusted_p_value: Option<f64>,
    /// Fewer answers than the minimum sample (always `false` on suppressed rows, which show nothing).
    pub insufficient: bool,
    /// Why the row is hidden, if it is.
    pub suppressed: Option<Suppression>,
}

impl<K> SegmentRow<K> {
    fn hidden(key: K, suppressed: Option<Suppression>) -> SegmentRow<K> {
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
            "{:<width$}  {:>7}  {:>7}  {:<24}  {:>8}  {:>7}  {:>9}  flags",
            "segment",
            "n",
            "NPS",
            "interval",
            "vs rest",
            "p",
            format!("p {}", short(self.adjustment)),
        )?;
        for (label, row) in labels.iter().zip(&self.rows) {
            if let Some(reason) = row.suppressed {
                writeln!(f, "{label:<width$}  {:>7}  {reason}", "-")?;
                continue;
            }
            let n = row.tally.as_ref().map_or(0, Tally::total);
            let (nps, interval) = estimate_cells(row.estimate.as_ref(), p);
            let (difference, raw) = match &row.versus_rest {
                Some(cmp) => (format!("{:+.p$}", cmp.difference), format!("{:.4}", cmp.p_value)),
                None => (String::new(), String::new()),
            };
            let adjusted = row.adjusted_p_value.map(|value| format!("{value:.4}")).unwrap_or_default();
            let flag = if row.insufficient { "insufficient" } else { "" };
            writeln!(
                f,
                "{label:<width$}  {n:>7}  {nps:>7}  {interval:<24}  {difference:>8}  {raw:>7}  {adjusted:>9}  {flag}"
            )?;
        }
        match &self.overall {
            Some(overall) => {
                let (nps, interval) = estimate_cells(self.overall_estimate.as_ref(), p);
                write!(f, "{:<width$}  {:>7}  {nps:>7}  {interval}", "overall", overall.total())?;
            }
            None => write!(f, "{:<width$}  {:>7}  {}", "overall", "-", Suppression::BelowThreshold)?,
        }
        if self.unassigned > 0 {
            write!(f, "\n({} answers without a segment left out)", self.unassigned)?;
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
