//! Mix-shift decomposition: how much of a change comes from segments changing, and how much from
//! the segment mix changing.

use core::fmt;
use std::collections::BTreeMap;

use crate::core::answers::sealed::Columns;
use crate::core::dictionary::MISSING;
use crate::core::survey::Survey;
use crate::core::{Answers, Response, Scale, Segment};

use crate::error::{Error, Result};

use crate::tally::Tally;
use crate::tally::grouped::grouped_codes;

/// A change of the overall NPS between two periods split into the part due to the segments' own
/// NPS changing (`within`) and the part due to the segments' shares changing (`mix`).
///
/// With segment shares sₜ (answers in the segment / all answers) and segment NPS Nₜ in period t, the
/// overall NPS is Tₜ = Σ sₜ·Nₜ (pooled counts). The decomposition is the symmetric midpoint (Shapley)
/// convention of shift-share analysis, which leaves no interaction term:
///
/// - within_g = ½(s₁ + s₂)·(N₂ − N₁): the segment's own change, weighted by its average share;
/// - mix_g = (s₂ − s₁)·(½(N₁ + N₂) − ½(T₁ + T₂)): its change of share, valued by how far its
///   average NPS lies from the overall average.
///
/// Summed over segments, within + mix = T₂ − T₁ exactly (up to floating-point rounding), because
/// s₂N₂ − s₁N₁ = ½(s₁+s₂)(N₂−N₁) + ½(N₁+N₂)(s₂−s₁) and the shares' changes sum to 0, so centring the
/// mix term on ½(T₁ + T₂) moves nothing between segments' totals but makes each segment's mix read as
/// "growing a segment below average pulls the total down". (The total mix equals
/// Σ ½(N₁ + N₂)·Δs, the uncentred form.) Sources: the midpoint / Shapley decomposition of a change
/// in a weighted mean, Kitagawa, E. M. (1955), "Components of a difference between two rates",
/// *Journal of the American Statistical Association* 50(272), 1168–1194; Shorrocks, A. F. (2013),
/// "Decomposition procedures for distributional analysis: a unified framework based on the Shapley
/// value", *Journal of Economic Inequality* 11(1), 99–126.
///
/// A segment present in only one period has no NPS in the other. Its own change is taken as 0 (its
/// missing NPS is set to the one observed), so its whole contribution, s₂N₂ for a new segment and
/// −s₁N₁ for one that disappeared (relative to the overall average), is mix: a segment that enters
/// or leaves changes the mix, not its own score.
///
/// The parts are descriptive: they have no standard errors, and with small segments the within
/// parts are as noisy as the segments' own NPS.
///
/// # Examples
///
/// The Simpson's paradox case: both segments improve by 10 points, the total falls by 14.
///
/// ```
/// use nps_stats::{Tally, analysis::mix_shift};
///
/// let segment = |n: usize, promoters: usize| {
///     let mut scores = vec![10u8; promoters];
///     scores.resize(n, 8);
///     Tally::from_scores(&scores)
/// };
/// // Period 1: A n = 50 at 0 (all passive), B n = 50 at +60.
/// // Period 2: A n = 90 at +10, B n = 10 at +70.
/// let before = [("A", segment(50, 0)?), ("B", segment(50, 30)?)];
/// let after = [("A", segment(90, 9)?), ("B", segment(10, 7)?)];
/// let shift = mix_shift(before, after)?;
/// assert!((shift.before - 30.0).abs() < 1e-9 && (shift.after - 16.0).abs() < 1e-9);
/// assert!((shift.total_change + 14.0).abs() < 1e-9);
/// assert!((shift.within - 10.0).abs() < 1e-9);   // every segment +10
/// assert!((shift.mix + 24.0).abs() < 1e-9);      // the shift towards A, the weaker segment
/// assert!((shift.segments[0].change.unwrap() - 10.0).abs() < 1e-9);
/// println!("{shift}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MixShift<K> {
    /// The overall NPS of the first period (pooled), in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::nps"))]
    pub before: f64,
    /// The overall NPS of the second period (pooled), in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::nps"))]
    pub after: f64,
    /// `after − before`, in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::difference"))]
    pub total_change: f64,
    /// The part due to segments' own NPS changing (sum over segments), in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::difference"))]
    pub within: f64,
    /// The part due to segment shares changing (sum over segments), in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::difference"))]
    pub mix: f64,
    /// One entry per segment with answers in either period, in key order.
    pub segments: Vec<MixShiftSegment<K>>,
}

/// One segment's part of a [`MixShift`].
///
/// # Examples
///
/// ```
/// use nps_stats::{Tally, analysis::mix_shift};
/// let shift = mix_shift([("old", Tally::from_scores(&[10, 0])?)], [("new", Tally::from_scores(&[9])?)])?;
/// let new = &shift.segments[0];
/// assert_eq!((new.share_before, new.share_after), (0.0, 1.0));
/// assert_eq!(new.nps_before, None);
/// assert_eq!(new.within, 0.0); // entering is all mix
/// assert!((new.mix + shift.segments[1].mix - 100.0).abs() < 1e-12);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MixShiftSegment<K> {
    /// The segment's key.
    pub key: K,
    /// Its share of the first period's answers, 0..=1.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub share_before: f64,
    /// Its share of the second period's answers, 0..=1.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub share_after: f64,
    /// Its NPS in the first period; `None` when it had no answers.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::core::checked::optional_nps"))]
    pub nps_before: Option<f64>,
    /// Its NPS in the second period; `None` when it had no answers.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::core::checked::optional_nps"))]
    pub nps_after: Option<f64>,
    /// Its own change, `nps_after − nps_before`; `None` when it is missing in a period.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::core::checked::optional_difference")
    )]
    pub change: Option<f64>,
    /// Its within-segment part, in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::difference"))]
    pub within: f64,
    /// Its mix part, in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::difference"))]
    pub mix: f64,
}

/// Decomposes the change of the pooled NPS from `before` to `after` (one tally per segment and
/// period; a key given twice is pooled). See [`MixShift`] for the convention.
///
/// # Errors
///
/// [`Error::EmptySample`] when a period has no answers at all; [`Error::ScaleMismatch`] when the
/// tallies are on different scales; [`Error::CountOverflow`] when pooling overflows.
///
/// ```
/// use nps_stats::{Tally, analysis::mix_shift};
/// let same = mix_shift([("a", Tally::from_scores(&[10, 0])?)], [("a", Tally::from_scores(&[10, 10])?)])?;
/// assert_eq!((same.within, same.mix), (100.0, 0.0));
/// assert!(mix_shift([("a", Tally::new())], [("a", Tally::from_scores(&[9])?)]).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn mix_shift<K: Ord>(
    before: impl IntoIterator<Item = (K, Tally)>,
    after: impl IntoIterator<Item = (K, Tally)>,
) -> Result<MixShift<K>> {
    let mut pairs: BTreeMap<K, [Option<Tally>; 2]> = BTreeMap::new();
    let mut scale = None;
    for (side, tallies) in
        [(0usize, before.into_iter().collect::<Vec<_>>()), (1, after.into_iter().collect())]
    {
        for (key, tally) in tallies {
            let first = *scale.get_or_insert(tally.scale());
            if tally.scale() != first {
                return Err(Error::ScaleMismatch { left: first, right: tally.scale() });
            }
            let slot = pairs.entry(key).or_insert([None, None]);
            match slot.get_mut(side) {
                Some(Some(pooled)) => pooled.merge(&tally)?,
                Some(empty) => *empty = Some(tally),
                None => {}
            }
        }
    }
    let mut totals: [Option<Tally>; 2] = [None, None];
    for tallies in pairs.values() {
        for (total, tally) in totals.iter_mut().zip(tallies) {
            match (total.as_mut(), tally) {
                (Some(sum), Some(tally)) => sum.merge(tally)?,
                (None, Some(tally)) => *total = Some(tally.clone()),
                _ => {}
            }
        }
    }
    let [total_before, total_after] = totals;
    let overall = |total: Option<Tally>, what| {
        total
            .filter(|t| !t.is_empty())
            .ok_or(Error::EmptySample { what })
            .map(|t| (t.total() as f64, t.nps()))
    };
    let (n_before, t_before) = overall(total_before, "the first period")?;
    let (n_after, t_after) = overall(total_after, "the second period")?;
    let (t_before, t_after) = (t_before.unwrap_or(0.0), t_after.unwrap_or(0.0));
    let average_total = 0.5 * (t_before + t_after);

    let mut segments = Vec::with_capacity(pairs.len());
    for (key, [first, second]) in pairs {
        let share = |tally: &Option<Tally>, n: f64| tally.as_ref().map_or(0.0, |t| t.total() as f64 / n);
        let (s1, s2) = (share(&first, n_before), share(&second, n_after));
        let nps_before = first.as_ref().and_then(Tally::nps);
        let nps_after = second.as_ref().and_then(Tally::nps);
        let (n1, n2) = match (nps_before, nps_after) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) => (a, a),
            (None, Some(b)) => (b, b),
            (None, None) => continue,
        };
        segments.push(MixShiftSegment {
            key,
            share_before: s1,
            share_after: s2,
            nps_before,
            nps_after,
            change: nps_before.zip(nps_after).map(|(a, b)| b - a),
            within: 0.5 * (s1 + s2) * (n2 - n1),
            mix: (s2 - s1) * (0.5 * (n1 + n2) - average_total),
        });
    }
    Ok(MixShift {
        before: t_before,
        after: t_after,
        total_change: t_after - t_before,
        within: segments.iter().map(|s| s.within).sum(),
        mix: segments.iter().map(|s| s.mix).sum(),
        segments,
    })
}

/// As [`mix_shift`], from the responses of the two periods and a segment key per response, on the
/// standard scale (for another scale, count tallies and call [`mix_shift`]); responses without a key
/// are left out of both the segments and the totals.
///
/// # Errors
///
/// As [`mix_shift`].
///
/// ```
/// use nps_stats::{Response, Score, analysis::mix_shift_by};
/// let r = |score: u8, tier: &str| Response::new(Score::try_from(score).unwrap()).with_segment("tier", tier);
/// let q1 = [r(10, "gold"), r(3, "silver"), r(3, "silver")];
/// let q2 = [r(10, "gold"), r(10, "gold"), r(3, "silver")];
/// let shift = mix_shift_by(&q1, &q2, |r| r.segment("tier"))?;
/// assert_eq!(shift.within, 0.0); // no tier changed its score
/// assert!((shift.mix - shift.total_change).abs() < 1e-12);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn mix_shift_by<'a, K, F>(
    before: &'a [Response],
    after: &'a [Response],
    mut key: F,
) -> Result<MixShift<K>>
where
    K: Ord,
    F: FnMut(&'a Response) -> Option<K>,
{
    let mut tally = |responses: &'a [Response]| -> Result<BTreeMap<K, Tally>> {
        let mut tallies: BTreeMap<K, Tally> = BTreeMap::new();
        for response in responses {
            if let Some(k) = key(response) {
                tallies.entry(k).or_default().add(response.score())?;
            }
        }
        Ok(tallies)
    };
    let first = tally(before)?;
    let second = tally(after)?;
    mix_shift(first, second)
}

impl<K: fmt::Display> fmt::Display for MixShift<K> {
    /// An aligned table: segment, shares, NPS in both periods, own change, within and mix parts; the
    /// totals last.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        let labels: Vec<String> = self.segments.iter().map(|s| s.key.to_string()).collect();
        let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).max(7);
        writeln!(
            f,
            "{:<width$}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}",
            "segment", "share 1", "share 2", "NPS 1", "NPS 2", "change", "within", "mix"
        )?;
        // A part that rounds to zero prints as +0.0, not -0.0.
        let signed = |v: f64| {
            let text = format!("{v:+.p$}");
            if text.bytes().all(|b| matches!(b, b'+' | b'-' | b'0' | b'.')) {
                text.replacen('-', "+", 1)
            } else {
                text
            }
        };
        let points = |value: Option<f64>| value.map(signed).unwrap_or_else(|| "-".to_owned());
        for (label, s) in labels.iter().zip(&self.segments) {
            writeln!(
                f,
                "{label:<width$}  {:>6.1}%  {:>6.1}%  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}",
                100.0 * s.share_before,
                100.0 * s.share_after,
                points(s.nps_before),
                points(s.nps_after),
                points(s.change),
                signed(s.within),
                signed(s.mix)
            )?;
        }
        write!(
            f,
            "{:<width$}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}",
            "total",
            "100.0%",
            "100.0%",
            signed(self.before),
            signed(self.after),
            signed(self.total_change),
            signed(self.within),
            signed(self.mix)
        )
    }
}

/// As [`mix_shift`], from the answers of the two periods and a segment dimension, on the standard
/// scale, counted on columns: each period's answers by their label of `dimension` (as
/// [`Response::segment`] reads it) in one grouped pass. Answers without a label are left out. Works
/// on responses and on a [`Survey`](crate::core::Survey) alike.
///
/// # Errors
///
/// As [`mix_shift`]; a score off the standard scale.
///
/// ```
/// use nps_stats::analysis::mix_shift_by_dimension;
/// use nps_stats::{Response, Score};
/// let r = |score: u8, tier: &str| Response::new(Score::try_from(score).unwrap()).with_segment("tier", tier);
/// // Both tiers keep their NPS; the mix moves towards the happier tier.
/// let q1 = [r(10, "gold"), r(0, "basic"), r(0, "basic"), r(0, "basic")];
/// let q2 = [r(10, "gold"), r(10, "gold"), r(10, "gold"), r(0, "basic")];
/// let split = mix_shift_by_dimension(&q1, &q2, "tier")?;
/// assert_eq!(split.total_change, 100.0);
/// assert!(split.within.abs() < 1e-12);
/// assert_eq!(split.mix, 100.0);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn mix_shift_by_dimension(
    before: &(impl Answers + ?Sized),
    after: &(impl Answers + ?Sized),
    dimension: &str,
) -> Result<MixShift<Segment>> {
    let dimensions = [dimension];
    let columns = Columns { dimensions: &dimensions, ..Columns::default() };
    let tallies = |survey: &Survey| -> Result<Vec<(Segment, Tally)>> {
        let Some(column) = survey.dimension(dimension) else { return Ok(Vec::new()) };
        let (mut codes, mut scores) = (Vec::with_capacity(survey.len()), Vec::with_capacity(survey.len()));
        for (&code, &score) in column.codes.iter().zip(survey.scores()) {
            if code != MISSING {
                codes.push(code);
                scores.push(score);
            }
        }
        let mut counts = grouped_codes(Scale::STANDARD, &codes, &scores, column.dictionary.len())?;
        Ok(column
            .dictionary
            .labels()
            .zip(counts.iter_mut())
            .filter(|(_, tally)| !tally.is_empty())
            .map(|(label, tally)| (Segment::new(dimension, label), core::mem::take(tally)))
            .collect())
    };
    let first = tallies(&*before.survey(&columns)?)?;
    let second = tallies(&*after.survey(&columns)?)?;
    mix_shift(first, second)
}
