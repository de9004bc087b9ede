//! Merging tallies with operators.
//!
//! Merging can fail (different scales, a count past `u64::MAX`), and an operator must not panic, so
//! the operators produce and accept [`Result<Tally>`](crate::error::Result): `(a + b)?`, `acc += part`
//! on a `Result<Tally>` accumulator, `iter.sum::<Result<Tally>>()?`. The first error is kept and
//! later parts are ignored, so nothing is silently mixed.

use core::iter::Sum;
use core::ops::{Add, AddAssign};
use std::borrow::Borrow;

use crate::core::Score;

use crate::error::Result;

use crate::tally::Tally;

impl Add<&Tally> for &Tally {
    type Output = Result<Tally>;

    /// The merge of both tallies; see [`Tally::merge`] for the errors.
    fn add(self, other: &Tally) -> Result<Tally> {
        let mut sum = self.clone();
        sum.merge(other)?;
        Ok(sum)
    }
}

impl Add<Tally> for Tally {
    type Output = Result<Tally>;

    /// The merge of both tallies; see [`Tally::merge`] for the errors.
    fn add(mut self, other: Tally) -> Result<Tally> {
        self.merge(&other)?;
        Ok(self)
    }
}

impl Add<Tally> for Result<Tally> {
    type Output = Result<Tally>;

    /// Chains merges: `((a + b) + c)?`. An earlier error is passed on.
    fn add(self, other: Tally) -> Result<Tally> {
        self? + other
    }
}

impl AddAssign<&Tally> for Result<Tally> {
    /// Merges `other` into the accumulator, or turns it into the error; an error stays.
    fn add_assign(&mut self, other: &Tally) {
        if let Ok(tally) = self
            && let Err(error) = tally.merge(other)
        {
            *self = Err(error);
        }
    }
}

impl AddAssign<Tally> for Result<Tally> {
    /// Merges `other` into the accumulator, or turns it into the error; an error stays.
    fn add_assign(&mut self, other: Tally) {
        *self += &other;
    }
}

/// Merges all items; an empty iterator gives an empty standard-scale tally, otherwise the first
/// item's scale is the scale of the result.
fn merge_all<T: Borrow<Tally>>(tallies: impl Iterator<Item = T>) -> Result<Tally> {
    let mut sum: Option<Tally> = None;
    for tally in tallies {
        match &mut sum {
            None => sum = Some(tally.borrow().clone()),
            Some(acc) => acc.merge(tally.borrow())?,
        }
    }
    Ok(sum.unwrap_or_default())
}

impl Sum<Tally> for Result<Tally> {
    fn sum<I: Iterator<Item = Tally>>(iter: I) -> Result<Tally> {
        merge_all(iter)
    }
}

impl<'a> Sum<&'a Tally> for Result<Tally> {
    fn sum<I: Iterator<Item = &'a Tally>>(iter: I) -> Result<Tally> {
        merge_all(iter)
    }
}

impl FromIterator<Tally> for Result<Tally> {
    /// The same as [`Sum`]: merges all tallies.
    fn from_iter<I: IntoIterator<Item = Tally>>(iter: I) -> Result<Tally> {
        iter.into_iter().sum()
    }
}

impl FromIterator<Score> for Tally {
    /// A standard-scale tally of the scores. This cannot fail: every [`Score`] lies on the standard
    /// scale, and counting one item at a time from zero cannot reach `u64::MAX` (that would take
    /// centuries at memory speed).
    ///
    /// ```
    /// use nps_stats::{Score, Tally};
    /// let tally: Tally = [9u8, 10, 6].iter().filter_map(|&s| Score::try_from(s).ok()).collect();
    /// assert_eq!(tally.total(), 3);
    /// ```
    fn from_iter<I: IntoIterator<Item = Score>>(iter: I) -> Tally {
        let mut counts = [0u64; crate::core::score::BINS];
        for score in iter {
            if let Some(bin) = counts.get_mut(usize::from(score.value())) {
                *bin = bin.saturating_add(1);
            }
        }
        // Every bin is on the standard scale and the total is the item count, so this holds.
        Tally::from_histogram(crate::core::Scale::STANDARD, counts).unwrap_or_default()
    }
}

impl FromIterator<Score> for Result<Tally> {
    /// The same as collecting into a [`Tally`], for symmetry with the fallible extensions.
    fn from_iter<I: IntoIterator<Item = Score>>(iter: I) -> Result<Tally> {
        Ok(iter.into_iter().collect::<Tally>())
    }
}

impl Extend<Score> for Result<Tally> {
    /// Adds the scores all or nothing (see [`Tally::try_extend`]); an error stays.
    fn extend<I: IntoIterator<Item = Score>>(&mut self, scores: I) {
        if let Ok(tally) = self
            && let Err(error) = tally.try_extend(scores)
        {
            *self = Err(error);
        }
    }
}

impl Extend<Tally> for Result<Tally> {
    /// Merges the tallies one by one; the first error stays.
    fn extend<I: IntoIterator<Item = Tally>>(&mut self, tallies: I) {
        for tally in tallies {
            *self += &tally;
            if self.is_err() {
                return;
            }
        }
    }
}
