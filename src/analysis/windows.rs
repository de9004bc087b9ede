//! Which answers make up each point of a trend: one period, a rolling window, or everything to date.

use core::fmt;
use std::collections::HashMap;

use crate::error::{Error, Result};

/// Which answers a trend point reports on.
///
/// - [`Period`](Window::Period) (the default): the answers given in that period only. Consecutive
///   points are separate samples, so period-over-period changes get the independent test (and the
///   paired test for units that answered in both), and the trend slope is computed.
/// - [`Rolling(k)`](Window::Rolling): the answers of the last `k` periods of the series (the period
///   and the `k − 1` before it), a smoother line for thin monthly data.
/// - [`Cumulative`](Window::Cumulative): the state of the relationship as of each period's end, as
///   B2B dashboards show it: for every unit (respondent or account, see [`Unit`](crate::analysis::Unit)) its
///   answers from the latest period in which it answered, up to and including this one. Someone who
///   answered in Q1 and not since still counts in Q3 with that Q1 answer; an answer without the unit
///   id can never be superseded, so it stays in every later window.
///
/// Rolling windows with `k ≥ 2` and cumulative windows **overlap**: consecutive points share
/// answers, so they are not independent samples. On such points no independent-samples test is run
/// (the change's `independent` is `None`); the change is tested with the partial-overlap
/// linearization instead, in which a shared answer is the same unit on both sides, and no slope is
/// fitted. `Rolling(1)` is the same as `Period`.
///
/// # Examples
///
/// ```
/// use nps_stats::analysis::Window;
///
/// assert_eq!(Window::default(), Window::Period);
/// assert!(!Window::Period.overlapping());
/// assert!(!Window::Rolling(1).overlapping());
/// assert!(Window::Rolling(3).overlapping());
/// assert!(Window::Cumulative.overlapping());
/// assert_eq!(Window::Rolling(3).to_string(), "rolling 3 periods");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Window {
    /// Each period on its own. The default.
    #[default]
    Period,
    /// The last `k` periods together (k ≥ 1).
    Rolling(usize),
    /// The latest answers of every unit as of the period's end.
    Cumulative,
}

impl Window {
    /// Whether consecutive windows share answers, so that they are not independent samples.
    ///
    /// ```
    /// assert!(nps_stats::analysis::Window::Rolling(2).overlapping());
    /// ```
    pub fn overlapping(self) -> bool {
        match self {
            Window::Period => false,
            Window::Rolling(k) => k >= 2,
            Window::Cumulative => true,
        }
    }

    /// An error for a window that cannot be built: `Rolling(0)`.
    pub(crate) fn validate(self) -> Result<()> {
        match self {
            Window::Rolling(0) => Err(Error::InvalidCount {
                name: "rolling window length",
                value: 0,
                expected: "at least 1 period",
            }),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Period => f.pad("per period"),
            Window::Rolling(k) => f.pad(&format!("rolling {k} periods")),
            Window::Cumulative => f.pad("cumulative, latest answer per unit"),
        }
    }
}

/// One answer of a trend: the index of its period in the series, its unit, its respondent (a dense
/// id, if it has one), its score byte and how many identical independent answers it stands for.
/// Rows are in input order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) period: usize,
    pub(crate) unit: usize,
    pub(crate) respondent: Option<usize>,
    pub(crate) score: u8,
    pub(crate) multiplicity: u64,
}

/// Keeps the latest row of each respondent in `list` (indices into `rows`, ascending): the one in
/// the latest period, and of those the one latest in the input. Returns the rows kept (still
/// ascending) and how many were removed.
pub(crate) fn latest_per_respondent(list: &[usize], rows: &[Row]) -> (Vec<usize>, u64) {
    let mut best: HashMap<usize, (usize, usize)> = HashMap::new();
    for &index in list {
        let Some(row) = rows.get(index) else { continue };
        let Some(respondent) = row.respondent else { continue };
        let candidate = (row.period, index);
        let slot = best.entry(respondent).or_insert(candidate);
        if candidate > *slot {
            *slot = candidate;
        }
    }
    let kept: Vec<usize> = list
        .iter()
        .copied()
        .filter(|&index| {
            rows.get(index).is_some_and(|row| {
                row.respondent.is_none_or(|respondent| best.get(&respondent).map(|b| b.1) == Some(index))
            })
        })
        .collect();
    let removed = (list.len() - kept.len()) as u64;
    (kept, removed)
}

/// The rows (indices into `rows`) of each of the `periods` windows, each list in ascending order.
pub(crate) fn members(window: Window, rows: &[Row], periods: usize) -> Vec<Vec<usize>> {
    let mut windows: Vec<Vec<usize>> = vec![Vec::new(); periods];
    match window {
        Window::Period | Window::Rolling(0) => {
            for (index, row) in rows.iter().enumerate() {
                push(&mut windows, row.period, index);
            }
        }
        Window::Rolling(k) => {
            for (index, row) in rows.iter().enumerate() {
                let last = row.period.saturating_add(k - 1).min(periods.saturating_sub(1));
                for target in row.period..=last {
                    push(&mut windows, target, index);
                }
            }
        }
        Window::Cumulative => {
            // Rows by unit, then period: each unit's answers of period p stand in every window from p
            // up to (not including) the unit's next answering period.
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_by_key(|&index| rows.get(index).map(|row| (row.unit, row.period)));
            let key = |index: usize| rows.get(index).map(|row| (row.unit, row.period));
            let groups: Vec<&[usize]> = order.chunk_by(|&a, &b| key(a) == key(b)).collect();
            for (position, group) in groups.iter().enumerate() {
                let Some((unit, period)) = group.first().and_then(|&index| key(index)) else { continue };
                let until = groups
                    .get(position + 1)
                    .and_then(|next| next.first().and_then(|&index| key(index)))
                    .filter(|&(next_unit, _)| next_unit == unit)
                    .map_or(periods, |(_, next_period)| next_period);
                for target in period..until {
                    for &index in *group {
                        push(&mut windows, target, index);
                    }
                }
            }
            for list in &mut windows {
                list.sort_unstable();
            }
        }
    }
    windows
}

fn push(windows: &mut [Vec<usize>], target: usize, index: usize) {
    if let Some(list) = windows.get_mut(target) {
        list.push(index);
    }
}
