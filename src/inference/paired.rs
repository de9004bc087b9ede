//! Paired samples: the same respondents or accounts measured twice, and the linearized test for
//! samples that share only some of them.

use crate::core::{Category, Confidence};
use crate::error::{Error, Result};
use crate::inference::comparison::Samples;
use crate::inference::comparison::z_comparison;
use crate::inference::{Comparison, Method};

/// A 3×3 table of how the same respondents moved between two measurements: how many were a
/// detractor, passive or promoter before, and which of those they were after.
///
/// The input of [`compare_paired`], for panels where every respondent answered twice.
///
/// # Examples
///
/// ```
/// use nps_stats::{Category::*, inference::Transitions};
///
/// let mut moves = Transitions::new();
/// moves.add_count(Passive, Promoter, 10)?;
/// moves.add_count(Promoter, Promoter, 30)?;
/// moves.add(Promoter, Detractor)?;
/// assert_eq!(moves.total(), 41);
/// assert_eq!(moves.count(Passive, Promoter), 10);
/// assert_eq!(moves.nps_before(), Some(100.0 * 31.0 / 41.0));
/// assert_eq!(moves.nps_after(), Some(100.0 * 39.0 / 41.0));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TransitionsRepr"))]
pub struct Transitions {
    /// `counts[before.index()][after.index()]`, detractor first.
    counts: [[u64; 3]; 3],
}

/// The wire form of [`Transitions`], checked on the way in: the counts add up to at most `u64::MAX`.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct TransitionsRepr {
    counts: [[u64; 3]; 3],
}

#[cfg(feature = "serde")]
impl TryFrom<TransitionsRepr> for Transitions {
    type Error = Error;

    fn try_from(repr: TransitionsRepr) -> Result<Transitions> {
        repr.counts
            .iter()
            .flatten()
            .try_fold(0u64, |total, &count| total.checked_add(count))
            .ok_or(Error::CountOverflow)?;
        Ok(Transitions { counts: repr.counts })
    }
}

impl Transitions {
    /// An empty table.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::Transitions::new().total(), 0);
    /// ```
    pub const fn new() -> Transitions {
        Transitions { counts: [[0; 3]; 3] }
    }

    /// Adds one respondent who was `before` and then `after`.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when the total would exceed `u64::MAX`.
    ///
    /// ```
    /// use nps_stats::{Category, inference::Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add(Category::Detractor, Category::Passive)?;
    /// assert_eq!(moves.count(Category::Detractor, Category::Passive), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn add(&mut self, before: Category, after: Category) -> Result<()> {
        self.add_count(before, after, 1)
    }

    /// Adds `count` respondents who were `before` and then `after`.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when the total would exceed `u64::MAX`; the table is then unchanged.
    ///
    /// ```
    /// use nps_stats::{Category, inference::Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add_count(Category::Promoter, Category::Promoter, u64::MAX)?;
    /// assert!(moves.add(Category::Passive, Category::Passive).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn add_count(&mut self, before: Category, after: Category, count: u64) -> Result<()> {
        self.total().checked_add(count).ok_or(Error::CountOverflow)?;
        if let Some(cell) = self.counts.get_mut(before.index()).and_then(|row| row.get_mut(after.index())) {
            *cell += count;
        }
        Ok(())
    }

    /// The number of respondents who were `before` and then `after`.
    ///
    /// ```
    /// use nps_stats::{Category, inference::Transitions};
    /// assert_eq!(Transitions::new().count(Category::Promoter, Category::Detractor), 0);
    /// ```
    pub fn count(&self, before: Category, after: Category) -> u64 {
        self.counts.get(before.index()).and_then(|row| row.get(after.index())).copied().unwrap_or(0)
    }

    /// The number of respondents.
    ///
    /// ```
    /// use nps_stats::{Category, inference::Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add_count(Category::Passive, Category::Promoter, 4)?;
    /// assert_eq!(moves.total(), 4);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn total(&self) -> u64 {
        // Fits by invariant: every addition checks the total first.
        self.counts.iter().flatten().sum()
    }

    /// The NPS of the first measurement in points; `None` when the table is empty.
    ///
    /// ```
    /// use nps_stats::{Category, inference::Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add(Category::Detractor, Category::Promoter)?;
    /// assert_eq!(moves.nps_before(), Some(-100.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn nps_before(&self) -> Option<f64> {
        self.nps_by(|before, _| before)
    }

    /// The NPS of the second measurement in points; `None` when the table is empty.
    ///
    /// ```
    /// use nps_stats::{Category, inference::Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add(Category::Detractor, Category::Promoter)?;
    /// assert_eq!(moves.nps_after(), Some(100.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn nps_after(&self) -> Option<f64> {
        self.nps_by(|_, after| after)
    }

    fn nps_by(&self, pick: impl Fn(Category, Category) -> Category) -> Option<f64> {
        let total = self.total();
        let net: i128 = self
            .cells()
            .map(|(before, after, count)| i128::from(pick(before, after).coding()) * i128::from(count))
            .sum();
        // Divide before scaling, so that |net| ≤ total keeps the result within ±100 (see `Tally::nps`).
        (total > 0).then(|| 100.0 * (net as f64 / total as f64))
    }

    fn cells(&self) -> impl Iterator<Item = (Category, Category, u64)> + '_ {
        Category::ALL.into_iter().flat_map(move |before| {
            Category::ALL.into_iter().map(move |after| (before, after, self.count(before, after)))
        })
    }
}

/// The paired test of an NPS change for a panel: the same respondents measured twice.
///
/// With dᵢ = sᵢ(after) − sᵢ(before) ∈ {−2, …, +2} on the −1/0/+1 coding, the change is
/// Δ̂ = mean(d) = NPS(after) − NPS(before), Var(Δ̂) = σ̂_d²/n with the plug-in σ̂_d² = mean(d²) − Δ̂²
/// (the n convention of the Wald interval), z = Δ̂/SE and p = 2(1 − Φ(|z|)). Only respondents whose
/// category changed contribute to d, as in McNemar's test. Source: the per-respondent-difference test
/// of METHODS §5.2 (the standard paired z-test on the coded scores, as in Rocks' `NPS` package for
/// one sample applied to the differences); it equals σ̂₁² + σ̂₂² − 2·Cov over n.
///
/// The result's `difference` and interval are after − before, in points. Because answers of the
/// same respondent are positively correlated, this is usually far more sensitive than
/// [`compare_independent`](crate::inference::compare_independent), which would treat the two measurements as unrelated samples.
///
/// # Errors
///
/// [`Error::EmptySample`] when the table is empty.
///
/// ```
/// use nps_stats::{Confidence, Category::*, inference::{Samples, Transitions, compare_paired}};
///
/// // Rows: before, columns: after, in (promoter, passive, detractor) order:
/// // [[40, 7, 3], [10, 15, 5], [4, 6, 10]].
/// let mut moves = Transitions::new();
/// for (before, row) in [(Promoter, [40, 7, 3]), (Passive, [10, 15, 5]), (Detractor, [4, 6, 10])] {
///     for (after, count) in [Promoter, Passive, Detractor].into_iter().zip(row) {
///         moves.add_count(before, after, count)?;
///     }
/// }
/// let cmp = compare_paired(&moves, Confidence::NINETY_FIVE)?;
/// assert!((cmp.difference - 6.0).abs() < 1e-9);
/// assert!((cmp.std_error - 7.459_222_48).abs() < 1e-6);
/// assert!((cmp.p_value - 0.421_181_370_0).abs() < 1e-9);
/// assert_eq!(cmp.samples, Samples::Paired);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_paired(transitions: &Transitions, level: Confidence) -> Result<Comparison> {
    let units = transitions
        .cells()
        .filter(|&(_, _, count)| count > 0)
        .map(|(before, after, count)| (count, UnitSums::single(before.coding(), after.coding())));
    let lin = linearize(units).ok_or(Error::EmptySample { what: "the transition table" })?;
    Ok(lin.comparison(level))
}

/// The sums of one unit's codings and its answer counts in each sample.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct UnitSums {
    before_sum: i64,
    before_n: u64,
    after_sum: i64,
    after_n: u64,
}

impl UnitSums {
    /// A unit with `before_n` answers summing to `before_sum` before, and likewise after.
    pub(crate) fn new(before_n: u64, before_sum: i64, after_n: u64, after_sum: i64) -> UnitSums {
        UnitSums { before_sum, before_n, after_sum, after_n }
    }

    pub(crate) fn single(before: i8, after: i8) -> UnitSums {
        UnitSums { before_sum: i64::from(before), before_n: 1, after_sum: i64::from(after), after_n: 1 }
    }

    pub(crate) fn add(&mut self, coding: i8, is_after: bool) {
        if is_after {
            self.after_sum += i64::from(coding);
            self.after_n += 1;
        } else {
            self.before_sum += i64::from(coding);
            self.before_n += 1;
        }
    }
}

/// The linearized difference of the two NPS values (on −1..=1) and its standard error.
pub(crate) struct Linearized {
    pub(crate) difference: f64,
    pub(crate) std_error: f64,
    pub(crate) shared: u64,
    pub(crate) units_before: u64,
    pub(crate) units_after: u64,
}

impl Linearized {
    pub(crate) fn samples(&self) -> Samples {
        if self.shared == self.units_before && self.shared == self.units_after {
            Samples::Paired
        } else {
            Samples::Overlapping
        }
    }

    pub(crate) fn comparison(&self, level: Confidence) -> Comparison {
        let difference = 100.0 * self.difference;
        z_comparison(difference, difference, 100.0 * self.std_error, level, self.samples(), Method::Wald)
    }
}

/// V̂ = Σ_u m_u·Z_u² with Z_u = (S₂ᵤ − n₂ᵤ·NPS₂)/n₂ − (S₁ᵤ − n₁ᵤ·NPS₁)/n₁ (METHODS §5.2, partial
/// overlap; units as clusters). `m_u` counts identical independent units. `None` when either sample
/// is empty. Deterministic: the result depends only on the multiset of units.
pub(crate) fn linearize(units: impl Iterator<Item = (u64, UnitSums)>) -> Option<Linearized> {
    let mut units: Vec<(u64, UnitSums)> = units.collect();
    // Sum in an order fixed by the values alone, so that the bits do not depend on the order of the
    // input rows (or of a hash map), and with units of the same sums counted together, so that they
    // do not depend on whether the caller counted them together (as columnar data does) or not.
    units.sort_unstable_by_key(|&(m, u)| (u.before_n, u.before_sum, u.after_n, u.after_sum, m));
    units.dedup_by(|unit, kept| {
        let same = unit.1 == kept.1;
        if same {
            kept.0 += unit.0;
        }
        same
    });
    let (mut n1, mut s1, mut n2, mut s2) = (0f64, 0f64, 0f64, 0f64);
    let (mut shared, mut units_before, mut units_after) = (0u64, 0u64, 0u64);
    for &(m, u) in &units {
        let m_f = m as f64;
        n1 += m_f * u.before_n as f64;
        s1 += m_f * u.before_sum as f64;
        n2 += m_f * u.after_n as f64;
        s2 += m_f * u.after_sum as f64;
        let (in_before, in_after) = (u.before_n > 0, u.after_n > 0);
        units_before += if in_before { m } else { 0 };
        units_after += if in_after { m } else { 0 };
        shared += if in_before && in_after { m } else { 0 };
    }
    if n1 == 0.0 || n2 == 0.0 {
        return None;
    }
    let (nps1, nps2) = (s1 / n1, s2 / n2);
    let variance: f64 = units
        .iter()
        .map(|&(m, u)| {
            let z = (u.after_sum as f64 - u.after_n as f64 * nps2) / n2
                - (u.before_sum as f64 - u.before_n as f64 * nps1) / n1;
            m as f64 * z * z
        })
        .sum();
    Some(Linearized {
        difference: nps2 - nps1,
        std_error: variance.sqrt(),
        shared,
        units_before,
        units_after,
    })
}
