//! A trend's figures per period from coded columns: the counts of each period, the linearized change
//! between consecutive periods with units paired by their codes, and the answers that repeat a
//! respondent — in a few passes over the columns, with no allocation per answer.

use std::collections::HashMap;

use crate::core::Scale;
use crate::core::dictionary::MISSING;
use crate::core::score::BINS;
use crate::error::Result;
use crate::inference::paired::{Linearized, UnitSums, linearize};
use crate::tally::Tally;
use crate::tally::kernel::check_scores;

/// The figures of every period, in rank order.
pub(crate) struct PeriodFigures {
    /// The counts of each period.
    pub(crate) tallies: Vec<Tally>,
    /// The linearized change into each period from the one before (`None` for the first, and where
    /// either period has no answers).
    pub(crate) changes: Vec<Option<Linearized>>,
    /// The answers of each period that repeat a respondent already counted in it.
    pub(crate) repeated: Vec<u64>,
}

/// Coded answers: a score, a period rank (`MISSING`: not in the series), a unit code (`MISSING`: an
/// anonymous answer, a unit of its own) and a respondent code per answer.
pub(crate) struct CodedAnswers<'a> {
    pub(crate) scores: &'a [u8],
    pub(crate) ranks: &'a [u32],
    pub(crate) periods: usize,
    pub(crate) units: &'a [u32],
    pub(crate) unit_count: usize,
    /// The respondents, when they are not the units; `None` when the units are the respondents.
    pub(crate) respondents: Option<(&'a [u32], usize)>,
}

/// The figures of every period of `answers` on `scale`.
///
/// The change between consecutive periods is the linearization of METHODS §5.2 (see
/// [`linearize`]) with the units as clusters: per unit, the number of answers and the sum of their
/// −1/0/+1 codings in each of the two periods. Units with the same sums are counted together.
///
/// # Errors
///
/// [`Error::ScoreOutOfScale`](crate::Error::ScoreOutOfScale) for the first score off the scale.
pub(crate) fn period_figures(scale: Scale, answers: &CodedAnswers<'_>) -> Result<PeriodFigures> {
    if check_scores(scale, answers.scores, 0).is_err() {
        // As row by row: the first score off the scale, reported as it is.
        if let Some(&bad) = answers.scores.iter().find(|&&raw| !scale.contains(raw)) {
            scale.category(bad)?;
        }
    }
    let codings = coding_table(scale);
    let periods = answers.periods;
    let rows_of = rows_by_period(answers.ranks, periods);

    let mut current = UnitTable::new(answers.unit_count);
    let mut previous = UnitTable::new(answers.unit_count);
    let mut respondents = answers.respondents.map(|(_, count)| UnitTable::new(count));
    let mut figures = PeriodFigures {
        tallies: Vec::with_capacity(periods),
        changes: Vec::with_capacity(periods),
        repeated: Vec::with_capacity(periods),
    };
    for p in 0..periods {
        let mut histogram = [0u64; BINS];
        let mut tables =
            Tables { histogram: &mut histogram, units: &mut current, respondents: respondents.as_mut() };
        // The loop over the rows is compiled per layout, so that nothing is dispatched per row.
        match &rows_of {
            RowsByPeriod::Runs(runs) => tables.count(answers, &codings, runs.get(p).cloned().unwrap_or(0..0)),
            RowsByPeriod::Sorted { starts, order } => {
                tables.count(answers, &codings, slice_of(order, starts, p).iter().map(|&row| row as usize));
            }
            RowsByPeriod::Wide { starts, order } => {
                tables.count(answers, &codings, slice_of(order, starts, p).iter().copied());
            }
        }
        figures.tallies.push(Tally::from_histogram(scale, histogram)?);
        figures.repeated.push(match respondents.as_mut() {
            Some(table) => {
                let repeats = table.repeats();
                table.clear();
                repeats
            }
            None => current.repeats(),
        });
        figures.changes.push((p > 0).then(|| linearize(signatures(&previous, &current))).flatten());
        previous.clear();
        core::mem::swap(&mut previous, &mut current);
    }
    Ok(figures)
}

/// What one period's rows are counted into.
struct Tables<'t> {
    histogram: &'t mut [u64; BINS],
    units: &'t mut UnitTable,
    respondents: Option<&'t mut UnitTable>,
}

impl Tables<'_> {
    fn count(&mut self, answers: &CodedAnswers<'_>, codings: &[i8; BINS], rows: impl Iterator<Item = usize>) {
        for row in rows {
            let score = answers.scores.get(row).copied().unwrap_or_default();
            if let Some(bin) = self.histogram.get_mut(usize::from(score)) {
                *bin += 1;
            }
            let coding = codings.get(usize::from(score)).copied().unwrap_or_default();
            self.units.add(answers.units.get(row).copied().unwrap_or(MISSING), coding);
            if let (Some(table), Some((codes, _))) = (self.respondents.as_deref_mut(), answers.respondents) {
                table.add(codes.get(row).copied().unwrap_or(MISSING), 0);
            }
        }
    }
}

/// The rows of each period: ranges of rows when the answers come period by period (as exports of
/// successive waves do), else the rows sorted by a counting sort on the ranks.
enum RowsByPeriod {
    Runs(Vec<core::ops::Range<usize>>),
    Sorted { starts: Vec<usize>, order: Vec<u32> },
    Wide { starts: Vec<usize>, order: Vec<usize> },
}

fn slice_of<'o, T>(order: &'o [T], starts: &[usize], p: usize) -> &'o [T] {
    let (from, to) = (starts.get(p).copied().unwrap_or(0), starts.get(p + 1).copied().unwrap_or(0));
    order.get(from..to).unwrap_or(&[])
}

fn rows_by_period(ranks: &[u32], periods: usize) -> RowsByPeriod {
    // Runs when every period's rows are together, in rank order (unassigned rows anywhere).
    let mut runs: Vec<core::ops::Range<usize>> = vec![0..0; periods];
    let mut last: Option<usize> = None;
    let mut in_runs = true;
    for (row, &rank) in ranks.iter().enumerate() {
        let Some(run) = runs.get_mut(rank as usize) else { continue };
        if last != Some(rank as usize) {
            if last.is_some_and(|last| last > rank as usize) || run.end > run.start {
                in_runs = false;
                break;
            }
            *run = row..row;
            last = Some(rank as usize);
        }
        run.end = row + 1;
    }
    // Unassigned rows inside a run would be counted with it: runs hold only when there are none.
    if in_runs && !ranks.contains(&MISSING) {
        return RowsByPeriod::Runs(runs);
    }
    let mut starts = vec![0usize; periods + 1];
    for &rank in ranks {
        if let Some(count) =
            usize::try_from(rank).ok().and_then(|r| r.checked_add(1)).and_then(|r| starts.get_mut(r))
        {
            *count += 1;
        }
    }
    for p in 0..periods {
        let before = starts.get(p).copied().unwrap_or(0);
        if let Some(next) = starts.get_mut(p + 1) {
            *next += before;
        }
    }
    let mut fill = starts.clone();
    let total = starts.last().copied().unwrap_or(0);
    if u32::try_from(ranks.len()).is_ok() {
        let mut order = vec![0u32; total];
        for (row, &rank) in (0u32..).zip(ranks) {
            if let Some(at) = usize::try_from(rank).ok().and_then(|r| fill.get_mut(r))
                && let Some(slot) = order.get_mut(*at)
            {
                *slot = row;
                *at += 1;
            }
        }
        RowsByPeriod::Sorted { starts, order }
    } else {
        let mut order = vec![0usize; total];
        for (row, &rank) in ranks.iter().enumerate() {
            if let Some(at) = usize::try_from(rank).ok().and_then(|r| fill.get_mut(r))
                && let Some(slot) = order.get_mut(*at)
            {
                *slot = row;
                *at += 1;
            }
        }
        RowsByPeriod::Wide { starts, order }
    }
}

/// The −1/0/+1 coding of every raw score on `scale` (0 off the scale, which is checked first).
fn coding_table(scale: Scale) -> [i8; BINS] {
    let mut table = [0i8; BINS];
    for (raw, coding) in (0u8..).zip(&mut table) {
        if let Ok(category) = scale.category(raw) {
            *coding = category.coding();
        }
    }
    table
}

/// Per unit code, the answers and the sum of their codings in one period, with the codes touched
/// (so that clearing costs what filling did), and the anonymous answers by coding.
struct UnitTable {
    /// Per unit: answers, sum of codings (side by side: one cache line per unit).
    units: Vec<(u32, i32)>,
    touched: Vec<u32>,
    anonymous: [u64; 3],
    /// Answers of a unit already counted in this period.
    repeats: u64,
}

impl UnitTable {
    fn new(units: usize) -> UnitTable {
        UnitTable { units: vec![(0, 0); units], touched: Vec::new(), anonymous: [0; 3], repeats: 0 }
    }

    #[inline]
    fn add(&mut self, unit: u32, coding: i8) {
        match self.units.get_mut(unit as usize) {
            Some((count, sum)) => {
                if *count == 0 {
                    self.touched.push(unit);
                } else {
                    self.repeats += 1;
                }
                *count = count.saturating_add(1);
                *sum = sum.saturating_add(i32::from(coding));
            }
            None => {
                if let Some(slot) =
                    self.anonymous.get_mut(usize::from(coding.unsigned_abs()) + usize::from(coding > 0))
                {
                    *slot += 1;
                }
            }
        }
    }

    /// The sums of `unit` (answers, sum of codings).
    fn get(&self, unit: u32) -> (u64, i64) {
        let (count, sum) = self.units.get(unit as usize).copied().unwrap_or((0, 0));
        (u64::from(count), i64::from(sum))
    }

    /// The answers that repeat a unit already counted in this period.
    fn repeats(&self) -> u64 {
        self.repeats
    }

    fn clear(&mut self) {
        for &unit in &self.touched {
            if let Some(slot) = self.units.get_mut(unit as usize) {
                *slot = (0, 0);
            }
        }
        self.touched.clear();
        self.anonymous = [0; 3];
        self.repeats = 0;
    }
}

/// The anonymous slots' codings: `anonymous[0]` holds 0, `[1]` −1 … see [`UnitTable::add`].
const ANONYMOUS_CODING: [i64; 3] = [0, -1, 1];

/// Every unit of two consecutive periods as (count of identical units, sums): the units seen
/// before (with their sums after, if any), those seen only after, and each anonymous answer as a
/// unit of its own. Units of one answer in each period are counted in a small table; the rest in a
/// map.
fn signatures(before: &UnitTable, after: &UnitTable) -> impl Iterator<Item = (u64, UnitSums)> {
    let mut counts: HashMap<(u64, i64, u64, i64), u64> = HashMap::new();
    let mut small = [0u64; 81];
    let mut count = |sums: (u64, i64, u64, i64)| {
        let (bn, bs, an, as_) = sums;
        match small_index(bn, bs, an, as_) {
            Some(at) => {
                if let Some(slot) = small.get_mut(at) {
                    *slot += 1;
                }
            }
            None => *counts.entry(sums).or_insert(0) += 1,
        }
    };
    for &unit in &before.touched {
        let ((bn, bs), (an, as_)) = (before.get(unit), after.get(unit));
        count((bn, bs, an, as_));
    }
    for &unit in &after.touched {
        if before.get(unit).0 == 0 {
            let (an, as_) = after.get(unit);
            count((0, 0, an, as_));
        }
    }
    let mut all: Vec<(u64, UnitSums)> = Vec::new();
    for (at, &m) in small.iter().enumerate().filter(|&(_, &m)| m > 0) {
        let (bn, bs, an, as_) = small_sums(at);
        all.push((m, UnitSums::new(bn, bs, an, as_)));
    }
    for ((bn, bs, an, as_), m) in counts {
        all.push((m, UnitSums::new(bn, bs, an, as_)));
    }
    for (&m, &coding) in before.anonymous.iter().zip(&ANONYMOUS_CODING) {
        if m > 0 {
            all.push((m, UnitSums::new(1, coding, 0, 0)));
        }
    }
    for (&m, &coding) in after.anonymous.iter().zip(&ANONYMOUS_CODING) {
        if m > 0 {
            all.push((m, UnitSums::new(0, 0, 1, coding)));
        }
    }
    all.into_iter()
}

/// A unit with at most one answer in each period: 3 × 3 states per period (no answer, or one with
/// coding −1, 0, +1 — encoded with the count) give 81 slots.
fn small_index(bn: u64, bs: i64, an: u64, as_: i64) -> Option<usize> {
    let state = |n: u64, s: i64| -> Option<usize> {
        match (n, s) {
            (0, 0) => Some(0),
            (1, -1) => Some(1),
            (1, 0) => Some(2),
            (1, 1) => Some(3),
            _ => None,
        }
    };
    Some(state(bn, bs)? * 9 + state(an, as_)?)
}

fn small_sums(at: usize) -> (u64, i64, u64, i64) {
    let state = |s: usize| -> (u64, i64) {
        match s {
            1 => (1, -1),
            2 => (1, 0),
            3 => (1, 1),
            _ => (0, 0),
        }
    };
    let ((bn, bs), (an, as_)) = (state(at / 9), state(at % 9));
    (bn, bs, an, as_)
}
