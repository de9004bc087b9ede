//! The trend builder: settings first, then the answers or tallies.

use crate::analysis::Trend;
use crate::analysis::TrendPoint;
use crate::analysis::Unit;
use crate::analysis::Window;
use crate::analysis::change::Sample;
use crate::analysis::change::{PeriodAnswer, change_between};
use crate::analysis::settings::DEFAULT_MIN_SAMPLE;
use crate::analysis::windows::Row;
use crate::analysis::windows::{latest_per_respondent, members};
use crate::core::Confidence;
use crate::core::Duplicates;
use crate::core::Response;
use crate::core::Scale;
use crate::error::{Error, Result};
use crate::inference::Method;
use crate::inference::Slope;
use crate::inference::weighted_slope;
use crate::tally::Tally;
use core::str::FromStr;
use std::collections::BTreeMap;
use std::collections::HashMap;

/// Settings for a trend; build one with [`Trend::builder`] and finish with `by_period`, `by_key`,
/// `by_key_over` or `from_tallies`.
///
/// Defaults: [`Method::AdjustedWald`], 95 %, a minimum sample of 30 answers per point (points below
/// it are flagged `insufficient`, never hidden), [`Window::Period`], [`Unit::Respondent`], every
/// answer counts ([`Duplicates::KeepAll`]), the standard scale.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Method, Trend, analysis::{Unit, Window}};
///
/// let builder = Trend::builder()
///     .method(Method::Wald)
///     .level(Confidence::NINETY)
///     .min_sample(50)
///     .window(Window::Rolling(3))
///     .unit(Unit::Account);
/// let trend = builder.by_period::<nps_stats::Quarter>(&[])?;
/// assert!(trend.points.is_empty());
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendBuilder {
    method: Method,
    level: Confidence,
    min_sample: u64,
    window: Window,
    unit: Unit,
    duplicates: Duplicates,
    scale: Scale,
}

impl Default for TrendBuilder {
    fn default() -> TrendBuilder {
        TrendBuilder {
            method: Method::AdjustedWald,
            level: Confidence::NINETY_FIVE,
            min_sample: DEFAULT_MIN_SAMPLE,
            window: Window::Period,
            unit: Unit::Respondent,
            duplicates: Duplicates::KeepAll,
            scale: Scale::STANDARD,
        }
    }
}

impl TrendBuilder {
    /// The interval method for each point and for the independent change tests.
    ///
    /// ```
    /// let builder = nps_stats::Trend::builder().method(nps_stats::Method::Wald);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn method(mut self, method: Method) -> TrendBuilder {
        self.method = method;
        self
    }

    /// The confidence level of every interval.
    ///
    /// ```
    /// let builder = nps_stats::Trend::builder().level(nps_stats::Confidence::NINETY_NINE);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn level(mut self, level: Confidence) -> TrendBuilder {
        self.level = level;
        self
    }

    /// Points with fewer answers are flagged `insufficient` (default 30). They keep their numbers.
    ///
    /// ```
    /// let builder = nps_stats::Trend::builder().min_sample(100);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn min_sample(mut self, min_sample: u64) -> TrendBuilder {
        self.min_sample = min_sample;
        self
    }

    /// Which answers each point reports on (default [`Window::Period`]).
    ///
    /// ```
    /// let builder = nps_stats::Trend::builder().window(nps_stats::analysis::Window::Cumulative);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn window(mut self, window: Window) -> TrendBuilder {
        self.window = window;
        self
    }

    /// What counts as the same unit across periods, for paired changes and cumulative windows
    /// (default [`Unit::Respondent`]).
    ///
    /// ```
    /// let builder = nps_stats::Trend::builder().unit(nps_stats::analysis::Unit::Account);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn unit(mut self, unit: Unit) -> TrendBuilder {
        self.unit = unit;
        self
    }

    /// The policy for repeated answers of one respondent within each point (default
    /// [`Duplicates::KeepAll`]). Under [`Duplicates::LatestPerRespondent`] each respondent counts
    /// once per point, with the answer of the latest period in the point's window (the order of the
    /// trend's periods, so parsed, never text; ties go to the later answer in the input): a contact
    /// who answered twice in one quarter counts once in it, and a cumulative window holds one
    /// answer per respondent. Every point reports what it left out (`duplicates_removed`) or
    /// pooled (`repeated`).
    ///
    /// ```
    /// use nps_stats::{Quarter, Response, Score, Trend, core::Duplicates};
    /// let r = |score: u8| Response::new(Score::try_from(score).unwrap()).with_respondent("jane").with_period("2026-Q1");
    /// let answers = [r(0), r(10)]; // jane answered twice in Q1
    /// let all = Trend::builder().by_period::<Quarter>(&answers)?;
    /// assert_eq!((all.points[0].tally.total(), all.points[0].repeated), (2, 1));
    /// let latest = Trend::builder().duplicates(Duplicates::LatestPerRespondent).by_period::<Quarter>(&answers)?;
    /// assert_eq!((latest.points[0].tally.nps(), latest.points[0].duplicates_removed), (Some(100.0), 1));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn duplicates(mut self, policy: Duplicates) -> TrendBuilder {
        self.duplicates = policy;
        self
    }

    /// The scale the answers were given on (default [`Scale::STANDARD`]).
    ///
    /// ```
    /// let builder = nps_stats::Trend::builder().scale(nps_stats::Scale::DUTCH);
    /// # let _ = builder;
    /// ```
    #[must_use]
    pub fn scale(mut self, scale: Scale) -> TrendBuilder {
        self.scale = scale;
        self
    }

    /// A trend over the period labels of the responses ([`Response::period`]), parsed as `P`
    /// (for example [`Quarter`](crate::core::Quarter) from `"2026-Q3"` or [`Month`](crate::core::Month) from
    /// `"2026-07"`). Responses without a label are counted in `unassigned`. Points are the periods
    /// that occur, in order.
    ///
    /// # Errors
    ///
    /// The parse error of the first label that is not a valid `P`; [`Error::ScoreOutOfScale`] for a
    /// score off the scale; [`Error::InvalidParameter`] for `Window::Rolling(0)`.
    ///
    /// ```
    /// use nps_stats::{Quarter, Response, Score, Trend};
    /// let r = |score: u8, period: &str| Response::new(Score::try_from(score).unwrap()).with_period(period);
    /// let trend = Trend::builder().by_period::<Quarter>(&[r(9, "2026-Q1"), r(3, "2026-Q2"), r(10, "2026-Q2")])?;
    /// assert_eq!(trend.points.len(), 2);
    /// assert_eq!(trend.points[1].tally.nps(), Some(0.0));
    /// assert!(Trend::builder().by_period::<Quarter>(&[r(9, "Q1 2026")]).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn by_period<P>(&self, responses: &[Response]) -> Result<Trend<P>>
    where
        P: FromStr<Err = Error> + Ord + Clone,
    {
        let mut keys = Vec::with_capacity(responses.len());
        for response in responses {
            keys.push(response.period().map(str::parse::<P>).transpose()?);
        }
        self.build(responses, None, keys)
    }

    /// A trend keyed by any ordered period the caller derives from a response; `None` leaves the
    /// response out (counted in `unassigned`). Points are the periods that occur, in order.
    ///
    /// # Errors
    ///
    /// As [`by_period`](TrendBuilder::by_period), without the parse error.
    ///
    /// ```
    /// use nps_stats::{Month, Quarter, Response, Score, Trend};
    /// let r = |score: u8, month: &str| Response::new(Score::try_from(score).unwrap()).with_period(month);
    /// let answers = [r(9, "2026-01"), r(10, "2026-02"), r(3, "2026-04")];
    /// // Monthly labels, quarterly trend.
    /// let trend = Trend::builder().by_key(&answers, |r| Some(r.period()?.parse::<Month>().ok()?.quarter()))?;
    /// assert_eq!(trend.points[0].period, Quarter::new(2026, 1)?);
    /// assert_eq!(trend.points[0].tally.total(), 2);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn by_key<P, F>(&self, responses: &[Response], period: F) -> Result<Trend<P>>
    where
        P: Ord + Clone,
        F: FnMut(&Response) -> Option<P>,
    {
        self.build(responses, None, responses.iter().map(period).collect())
    }

    /// As [`by_key`](TrendBuilder::by_key), with the series' periods given: every period of
    /// `periods` is a point (empty when nobody answered in it, which keeps gaps visible and the slope's
    /// spacing right), and responses in other periods are counted in `unassigned`.
    ///
    /// # Errors
    ///
    /// As [`by_key`](TrendBuilder::by_key).
    ///
    /// ```
    /// use nps_stats::{Quarter, Response, Score, Trend};
    /// let r = |score: u8, period: &str| Response::new(Score::try_from(score).unwrap()).with_period(period);
    /// let year = Quarter::new(2026, 1)?.through(Quarter::new(2026, 4)?);
    /// let trend = Trend::builder().by_key_over(&[r(9, "2026-Q1"), r(9, "2026-Q4")], year,
    ///     |r| r.period()?.parse::<Quarter>().ok())?;
    /// assert_eq!(trend.points.len(), 4);
    /// assert!(trend.points[1].tally.is_empty() && trend.points[1].estimate.is_none());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn by_key_over<P, F>(
        &self,
        responses: &[Response],
        periods: impl IntoIterator<Item = P>,
        period: F,
    ) -> Result<Trend<P>>
    where
        P: Ord + Clone,
        F: FnMut(&Response) -> Option<P>,
    {
        self.build(responses, Some(periods.into_iter().collect()), responses.iter().map(period).collect())
    }

    /// A trend from one tally per period, for data that arrive already counted. Every answer is
    /// anonymous, so nothing is paired; a rolling window merges the tallies of its periods and a
    /// cumulative window is the running total of all answers so far. A period given twice is pooled.
    ///
    /// # Errors
    ///
    /// [`Error::ScaleMismatch`] when a tally is not on the builder's scale; [`Error::InvalidParameter`]
    /// for `Window::Rolling(0)`.
    ///
    /// ```
    /// use nps_stats::{Tally, Trend};
    /// let q1 = Tally::from_scores(&[10, 9, 3, 8])?;
    /// let q2 = Tally::from_scores(&[10, 9, 9, 8])?;
    /// let trend = Trend::builder().from_tallies([("2026-Q1", q1), ("2026-Q2", q2)])?;
    /// let change = trend.points[1].change.as_ref().unwrap();
    /// assert_eq!(change.difference, 50.0);
    /// assert!(change.paired.is_none());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_tallies<P: Ord + Clone>(
        &self,
        tallies: impl IntoIterator<Item = (P, Tally)>,
    ) -> Result<Trend<P>> {
        self.window.validate()?;
        let mut pooled: BTreeMap<P, Tally> = BTreeMap::new();
        for (period, tally) in tallies {
            if tally.scale() != self.scale {
                return Err(Error::ScaleMismatch { left: self.scale, right: tally.scale() });
            }
            pooled.entry(period).or_insert_with(|| Tally::with_scale(self.scale)).merge(&tally)?;
        }
        let mut rows = Vec::new();
        for (index, tally) in pooled.values().enumerate() {
            for (score, &count) in (0u8..).zip(tally.bins()) {
                if count > 0 {
                    rows.push(Row {
                        period: index,
                        unit: rows.len(),
                        respondent: None,
                        score,
                        multiplicity: count,
                    });
                }
            }
        }
        self.assemble(pooled.into_keys().collect(), &rows, 0)
    }

    /// The trend of `responses`, whose periods are `keys` (one per response).
    fn build<P: Ord + Clone>(
        &self,
        responses: &[Response],
        given: Option<Vec<P>>,
        keys: Vec<Option<P>>,
    ) -> Result<Trend<P>> {
        self.window.validate()?;
        let index: BTreeMap<P, usize> = match given {
            Some(list) => list.into_iter().map(|p| (p, 0)).collect(),
            None => keys.iter().flatten().map(|p| (p.clone(), 0)).collect(),
        };
        let index: BTreeMap<P, usize> = index.into_keys().zip(0..).collect();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut respondents: HashMap<&str, usize> = HashMap::new();
        let mut rows = Vec::with_capacity(responses.len());
        let mut unassigned = 0u64;
        for (row_index, (response, key)) in responses.iter().zip(&keys).enumerate() {
            response.score().category_on(self.scale)?;
            let Some(&position) = key.as_ref().and_then(|key| index.get(key)) else {
                unassigned += 1;
                continue;
            };
            let unit = match self.unit.id(response) {
                Some(id) => {
                    let next = ids.len();
                    *ids.entry(id).or_insert(next)
                }
                // Anonymous answers are units of their own, numbered after every possible keyed id.
                None => responses.len() + row_index,
            };
            let respondent = match self.unit {
                // The unit is the respondent: its id serves (anonymous answers have none).
                Unit::Respondent => response.respondent().map(|_| unit),
                _ => response.respondent().map(|id| {
                    let next = respondents.len();
                    *respondents.entry(id).or_insert(next)
                }),
            };
            rows.push(Row {
                period: position,
                unit,
                respondent,
                score: response.score().value(),
                multiplicity: 1,
            });
        }
        self.assemble(index.into_keys().collect(), &rows, unassigned)
    }

    fn assemble<P: Clone>(&self, periods: Vec<P>, rows: &[Row], unassigned: u64) -> Result<Trend<P>> {
        let mut windows = members(self.window, rows, periods.len());
        let mut removed = vec![0u64; windows.len()];
        if self.duplicates == Duplicates::LatestPerRespondent {
            for (list, removed) in windows.iter_mut().zip(&mut removed) {
                (*list, *removed) = latest_per_respondent(list, rows);
            }
        }
        let mut samples: Vec<(Vec<PeriodAnswer>, Tally)> = Vec::with_capacity(windows.len());
        let mut repeated = Vec::with_capacity(windows.len());
        // `seen[r]` is the last window (plus one) in which respondent `r` was counted: a repeat
        // within a window is found without hashing.
        let respondents = rows.iter().filter_map(|row| row.respondent).max().map_or(0, |max| max + 1);
        let mut seen = vec![0usize; respondents];
        for (window, list) in windows.iter().enumerate() {
            let mut histogram = [0u64; 11];
            let mut answers = Vec::with_capacity(list.len());
            let mut repeats = 0u64;
            for row in list.iter().filter_map(|&index| rows.get(index)) {
                if let Some(last) = row.respondent.and_then(|respondent| seen.get_mut(respondent)) {
                    if *last == window + 1 {
                        repeats += 1;
                    }
                    *last = window + 1;
                }
                if let Some(bin) = histogram.get_mut(usize::from(row.score)) {
                    *bin = bin.checked_add(row.multiplicity).ok_or(Error::CountOverflow)?;
                }
                let coding = self.scale.category(row.score)?.coding();
                answers.push(PeriodAnswer { unit: row.unit, coding, multiplicity: row.multiplicity });
            }
            samples.push((answers, Tally::from_histogram(self.scale, histogram)?));
            repeated.push(repeats);
        }
        let overlapping = self.window.overlapping();
        let mut points: Vec<TrendPoint<P>> = Vec::with_capacity(periods.len());
        let counts = repeated.into_iter().zip(removed);
        for (position, ((period, (answers, tally)), (repeated, duplicates_removed))) in
            periods.into_iter().zip(&samples).zip(counts).enumerate()
        {
            let estimate =
                if tally.is_empty() { None } else { Some(tally.estimate(self.method, self.level)?) };
            let previous = position.checked_sub(1).and_then(|before| samples.get(before));
            let change = match previous {
                Some((before_answers, before_tally)) if !before_tally.is_empty() && !tally.is_empty() => {
                    Some(change_between(
                        Sample { answers: before_answers, tally: before_tally },
                        Sample { answers, tally },
                        overlapping,
                        self.method,
                        self.level,
                    )?)
                }
                _ => None,
            };
            let insufficient = tally.total() < self.min_sample;
            points.push(TrendPoint {
                period,
                tally: tally.clone(),
                estimate,
                insufficient,
                repeated,
                duplicates_removed,
                change,
            });
        }
        let slope = if overlapping { None } else { slope_of(&points, self.level) };
        Ok(Trend {
            points,
            slope,
            window: self.window,
            unit: self.unit,
            duplicates: self.duplicates,
            unassigned,
            min_sample: self.min_sample,
        })
    }
}

/// The weighted slope over the points with an estimate, x = the point's position; `None` with fewer
/// than three such points or a zero standard error (a unanimous period under the plain Wald method).
fn slope_of<P>(points: &[TrendPoint<P>], level: Confidence) -> Option<Slope> {
    let data: Vec<(f64, f64, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(x, point)| point.estimate.as_ref().map(|est| (x as f64, est.nps, est.std_error)))
        .collect();
    if data.len() < 3 {
        return None;
    }
    weighted_slope(&data, level).ok()
}

impl Trend<()> {
    /// The settings of a trend, with their defaults.
    ///
    /// ```
    /// let trend = nps_stats::Trend::builder().by_key(&[], |r| r.period().map(str::to_owned))?;
    /// assert!(trend.points.is_empty());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn builder() -> TrendBuilder {
        TrendBuilder::default()
    }
}
