//! Building a breakdown: settings, counting by key in one grouped pass, tests against the rest.

use std::collections::{BTreeMap, HashMap};

use crate::analysis::Breakdown;
use crate::analysis::breakdown::SegmentRow;
use crate::analysis::settings::DEFAULT_MIN_SAMPLE;
use crate::core::duplicates::{self, repeated};
use crate::core::{Confidence, Duplicates, Response, Scale, Segment};
use crate::error::{Error, Result};
use crate::inference::{Adjustment, Method, compare_independent};
use crate::tally::Tally;

/// Settings for a breakdown; build one with [`Breakdown::builder`] and finish with `by_dimension`,
/// `by_key`, `by_ids` or `from_tallies`.
///
/// Defaults: [`Method::AdjustedWald`], 95 %, [`Adjustment::Holm`], a minimum sample of 30 answers
/// (below it a row is flagged `insufficient`), no privacy suppression, every answer counts
/// ([`Duplicates::KeepAll`]), the standard scale.
///
/// The two thresholds are different things:
///
/// - [`min_sample`](BreakdownBuilder::min_sample) is about **statistics**: a segment with fewer
///   answers is still shown, with all its numbers, but flagged `insufficient` because its interval
///   is too wide to act on (at 30 answers the worst-case 95 % margin is ±36 points).
/// - [`suppress_below`](BreakdownBuilder::suppress_below) is about **privacy**: a segment with fewer
///   answers is hidden, as employee surveys do for teams under 5 so that nobody's answer can be
///   singled out. See [`Suppression`](crate::analysis::Suppression) for what is hidden and why.
///
/// Neither is an error.
///
/// # Examples
///
/// ```
/// use nps_stats::{Breakdown, Confidence, Method, inference::Adjustment};
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
    duplicates: Duplicates,
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
            duplicates: Duplicates::KeepAll,
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
    /// let builder = nps_stats::Breakdown::builder().adjustment(nps_stats::inference::Adjustment::BenjaminiHochberg);
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
    /// the hidden ones cannot be recovered by subtraction (see [`Suppression`](crate::analysis::Suppression)). 0 (the default)
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

    /// The policy for repeated answers of one respondent (default [`Duplicates::KeepAll`]), applied
    /// to the whole input before it is split by key: under
    /// [`Duplicates::LatestPerRespondent`] each respondent counts once, with the latest answer
    /// (periods parsed, see [`Duplicates`]), in the segment of that answer. Applies to
    /// `by_dimension` and `by_key`; ids and tallies carry no respondents.
    ///
    /// ```
    /// use nps_stats::{Breakdown, Response, Score, core::Duplicates};
    /// let r = |score: u8, period: &str| Response::new(Score::try_from(score).unwrap())
    ///     .with_respondent("jane").with_role("end user").with_period(period);
    /// let answers = [r(2, "2026-Q1"), r(10, "2026-Q2")];
    /// let all = Breakdown::builder().by_dimension(&answers, "role")?;
    /// assert_eq!((all.overall.as_ref().unwrap().total(), all.repeated), (2, 1));
    /// let latest = Breakdown::builder().duplicates(Duplicates::LatestPerRespondent).by_dimension(&answers, "role")?;
    /// assert_eq!((latest.overall_estimate.as_ref().unwrap().nps, latest.duplicates_removed), (100.0, 1));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn duplicates(mut self, policy: Duplicates) -> BreakdownBuilder {
        self.duplicates = policy;
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
    /// [`Error::ScoreOutOfScaleAt`] when a score is not on the scale; under
    /// [`Duplicates::LatestPerRespondent`], [`Error::MissingPeriod`] or [`Error::ParsePeriod`] when
    /// a respondent's answers cannot be ordered.
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
        // Labels are hashed rather than ordered here (string comparisons dominate otherwise); rows
        // are sorted by label afterwards, as in `by_key`.
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let (dense, scores, counted) = self.dense_ids(responses, |response| {
            let Some(value) = response.segment(dimension) else { return Ok(None) };
            let next = next_id(ids.len())?;
            Ok(Some(*ids.entry(value).or_insert(next)))
        })?;
        let mut by_label: Vec<(&str, u32)> = ids.into_iter().collect();
        by_label.sort_unstable();
        let breakdown = self.keyed(by_label, &dense, &scores, counted)?;
        Ok(breakdown.map_keys(|value| Segment::new(dimension, value)))
    }

    /// A breakdown by any ordered key derived from a response; `None` leaves the response out
    /// (counted in `unassigned`). Rows are in key order.
    ///
    /// Keys are mapped to dense ids first and counted in one grouped pass ([`Tally::grouped`]).
    ///
    /// # Errors
    ///
    /// As [`by_dimension`](BreakdownBuilder::by_dimension).
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
        let (dense, scores, counted) = self.dense_ids(responses, |response| {
            let Some(key) = key(response) else { return Ok(None) };
            let next = next_id(ids.len())?;
            Ok(Some(*ids.entry(key).or_insert(next)))
        })?;
        self.keyed(ids, &dense, &scores, counted)
    }

    /// Counts the dense ids in one grouped pass and gives each key (in the order given, which must be
    /// key order) the tally of its id.
    fn keyed<K>(
        &self,
        ids: impl IntoIterator<Item = (K, u32)>,
        dense: &[u32],
        scores: &[u8],
        counted: Counted,
    ) -> Result<Breakdown<K>> {
        let mut tallies: Vec<Option<Tally>> = self.grouped(dense, scores)?.into_iter().map(Some).collect();
        let rows = ids
            .into_iter()
            .map(|(key, id)| {
                let tally = tallies.get_mut(id as usize).and_then(Option::take);
                (key, tally.unwrap_or_else(|| Tally::with_scale(self.scale)))
            })
            .collect();
        self.finish(rows, counted)
    }

    /// A breakdown of pre-coded data: `keys[i]` is the dense segment id (0, 1, 2, …) of the answer
    /// `scores[i]`. The result has one row per id from 0 to the largest (an id without answers gets an
    /// empty row). This is the fast path for large data.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] when the slices differ in length; [`Error::ScoreOutOfScaleAt`] naming
    /// the first score off the scale; [`Error::InvalidCount`] for an id above
    /// [`MAX_DENSE_KEY`](crate::tally::MAX_DENSE_KEY) (use [`by_key`](BreakdownBuilder::by_key) for
    /// larger or sparse ids).
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
        self.finish((0u32..).zip(tallies).collect(), Counted::default())
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
        self.finish(pooled.into_iter().collect(), Counted::default())
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
    fn finish<K>(&self, tallies: Vec<(K, Tally)>, counted: Counted) -> Result<Breakdown<K>> {
        let mut overall = Tally::with_scale(self.scale);
        for (_, tally) in &tallies {
            overall.merge(tally)?;
        }
        let counts: Vec<u64> = tallies.iter().map(|(_, tally)| tally.total()).collect();
        let suppression = crate::analysis::suppression::suppress(&counts, self.suppress_below);
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
                Some(compare_independent(&rest, &tally, self.method, self.level)?)
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
            unassigned: counted.unassigned,
            duplicates: self.duplicates,
            duplicates_removed: counted.removed,
            repeated: counted.repeated,
            adjustment: self.adjustment,
            min_sample: self.min_sample,
            suppress_below: self.suppress_below,
        })
    }

    /// After the duplicate policy: the dense id of every kept response that has one (from
    /// `id_of`), its score byte, and what was left out or repeated.
    fn dense_ids<'a>(
        &self,
        responses: &'a [Response],
        mut id_of: impl FnMut(&'a Response) -> Result<Option<u32>>,
    ) -> Result<(Vec<u32>, Vec<u8>, Counted)> {
        let kept = duplicates::kept(responses, self.duplicates, None)?;
        let mut dense = Vec::with_capacity(responses.len());
        let mut scores = Vec::with_capacity(responses.len());
        let mut respondents = Vec::with_capacity(responses.len());
        let mut unassigned = 0u64;
        for (response, _) in responses.iter().zip(&kept.keep).filter(|(_, keep)| **keep) {
            match id_of(response)? {
                Some(id) => {
                    dense.push(id);
                    scores.push(response.score().value());
                    respondents.push(response.respondent());
                }
                None => unassigned += 1,
            }
        }
        let removed = u64::try_from(kept.removed).unwrap_or(u64::MAX);
        Ok((dense, scores, Counted { unassigned, removed, repeated: repeated(respondents) }))
    }
}

/// Answers of the input that are not in the rows, or are in them more than once per respondent.
#[derive(Debug, Clone, Copy, Default)]
struct Counted {
    /// Kept answers without a key.
    unassigned: u64,
    /// Answers removed by the duplicate policy.
    removed: u64,
    /// Answers in the rows that repeat a respondent already in them.
    repeated: u64,
}

/// The id for the next new key, when there are `len` already.
fn next_id(len: usize) -> Result<u32> {
    u32::try_from(len).map_err(|_| Error::InvalidCount {
        name: "number of segments",
        value: u64::try_from(len).unwrap_or(u64::MAX),
        expected: "at most 4294967296 distinct keys",
    })
}

/// The answers of `overall` that are not in `part` (a part of it).
fn rest_of(overall: &Tally, part: &Tally) -> Result<Tally> {
    overall.without(part)
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
