//! Tallies per group in one pass: the fast path behind breakdowns.

use std::collections::HashMap;
use std::hash::Hash;

use crate::core::Scale;
use crate::error::{Error, Result};
use crate::tally::Tally;
use crate::tally::group_counts::{FLUSH_EVERY, GroupCounts};
use crate::tally::kernel::check_scores;

/// The largest dense group id that [`Tally::grouped`] and its relatives accept, 2²⁰ − 1 =
/// 1,048,575: they return one tally per id from 0 to the largest key, about 96 bytes each, so a
/// larger key would ask for more memory than the answers justify (a single answer with key 2²⁴
/// would take 1.6 GB). Larger or sparse ids go through
/// [`Tally::grouped_by_label`], whose memory grows with the number of distinct keys.
///
/// ```
/// use nps_stats::{Tally, tally::MAX_DENSE_KEY};
/// assert!(Tally::grouped(&[MAX_DENSE_KEY + 1], &[9]).is_err());
/// assert_eq!(Tally::grouped_by_label(&[u32::MAX], &[9])?[&u32::MAX].total(), 1);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub const MAX_DENSE_KEY: u32 = (1 << 20) - 1;

/// Answers per chunk of the sparse path: their dense ids fit in L1.
const SPARSE_CHUNK: usize = 4096;

impl Tally {
    /// One tally per dense group id: `keys[i]` is the group of `scores[i]`, and the result has
    /// `max(keys) + 1` tallies (an empty input gives an empty vector). Groups without answers get an
    /// empty tally.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] when the slices differ in length; [`Error::ScoreOutOfScaleAt`]
    /// naming the first score off the standard scale; [`Error::InvalidCount`] when the largest
    /// key is above [`MAX_DENSE_KEY`] (use [`grouped_by_label`](Tally::grouped_by_label) for larger
    /// or sparse ids).
    ///
    /// Cost: one pass over the input; the counts of up to a few thousand keys stay in cache (see
    /// the performance table in the README).
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let branches = [0u32, 1, 0, 2, 1];
    /// let scores = [10u8, 3, 9, 8, 10];
    /// let tallies = Tally::grouped(&branches, &scores)?;
    /// assert_eq!(tallies.len(), 3);
    /// assert_eq!(tallies[0].nps(), Some(100.0));
    /// assert_eq!(tallies[1].nps(), Some(0.0));
    /// assert_eq!(tallies[2].nps(), Some(0.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped(keys: &[u32], scores: &[u8]) -> Result<Vec<Tally>> {
        Tally::grouped_on(Scale::STANDARD, keys, scores)
    }

    /// As [`grouped`](Tally::grouped), on `scale`.
    ///
    /// # Errors
    ///
    /// As [`grouped`](Tally::grouped), with scores checked against `scale`.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let tallies = Tally::grouped_on(Scale::DUTCH, &[0, 0], &[8, 5])?;
    /// assert_eq!(tallies[0].nps(), Some(0.0));
    /// assert!(Tally::grouped_on(Scale::DUTCH, &[0], &[0]).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped_on(scale: Scale, keys: &[u32], scores: &[u8]) -> Result<Vec<Tally>> {
        grouped_below(scale, keys, scores, MAX_DENSE_KEY)
    }
}

/// [`Tally::grouped_on`] for keys that are codes of a dictionary of `groups` labels: the table of
/// tallies is bounded by data the caller already holds, so the dense-key limit becomes `groups`.
pub(crate) fn grouped_codes(scale: Scale, keys: &[u32], scores: &[u8], groups: usize) -> Result<Vec<Tally>> {
    let largest = u32::try_from(groups.saturating_sub(1)).unwrap_or(u32::MAX - 1);
    grouped_below(scale, keys, scores, largest.max(MAX_DENSE_KEY))
}

/// One tally per key 0..=max(keys), refusing a key above `largest`.
fn grouped_below(scale: Scale, keys: &[u32], scores: &[u8], largest: u32) -> Result<Vec<Tally>> {
    check_lengths(keys.len(), scores.len())?;
    let mut counts = GroupCounts::new(scale, keys.len(), FLUSH_EVERY).with_largest_key(largest);
    if let Err(err) = counts.add(keys, scores, 0) {
        // A score error anywhere comes before a key that does not fit in memory.
        return Err(match err {
            Error::ScoreOutOfScaleAt { .. } => err,
            _ => check_scores(scale, scores, 0).err().unwrap_or(err),
        });
    }
    counts.finish()
}

impl Tally {
    /// One tally per distinct key, for sparse or non-integer keys (account ids, labels).
    ///
    /// # Errors
    ///
    /// As [`grouped`](Tally::grouped).
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let accounts = ["ACME", "Globex", "ACME"];
    /// let tallies = Tally::grouped_by_label(&accounts, &[10, 2, 9])?;
    /// assert_eq!(tallies["ACME"].nps(), Some(100.0));
    /// assert_eq!(tallies["Globex"].nps(), Some(-100.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped_by_label<K: Hash + Eq + Clone>(keys: &[K], scores: &[u8]) -> Result<HashMap<K, Tally>> {
        Tally::grouped_by_label_on(Scale::STANDARD, keys, scores)
    }

    /// As [`grouped_by_label`](Tally::grouped_by_label), on `scale`.
    ///
    /// # Errors
    ///
    /// As [`grouped`](Tally::grouped), with scores checked against `scale`.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let tallies = Tally::grouped_by_label_on(Scale::FIVE_POINT, &['a', 'b'], &[5, 1])?;
    /// assert_eq!(tallies[&'a'].promoters(), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped_by_label_on<K: Hash + Eq + Clone>(
        scale: Scale,
        keys: &[K],
        scores: &[u8],
    ) -> Result<HashMap<K, Tally>> {
        check_lengths(keys.len(), scores.len())?;
        // Each distinct key gets a dense id in order of appearance; the ids are counted by the
        // dense kernel a chunk at a time.
        let mut ids_of: HashMap<K, u32> = HashMap::new();
        let mut ids = Vec::with_capacity(SPARSE_CHUNK.min(keys.len()));
        let mut counts = GroupCounts::new(scale, keys.len(), FLUSH_EVERY);
        let mut offset = 0;
        for (keys, scores) in keys.chunks(SPARSE_CHUNK).zip(scores.chunks(SPARSE_CHUNK)) {
            check_scores(scale, scores, offset)?;
            ids.clear();
            for key in keys {
                let id = match ids_of.get(key) {
                    Some(&id) => id,
                    None => {
                        // At most one id per answer, and a slice of u32::MAX answers of distinct
                        // keys is beyond any memory; saturate rather than wrap all the same.
                        let id = u32::try_from(ids_of.len()).unwrap_or(u32::MAX);
                        ids_of.insert(key.clone(), id);
                        id
                    }
                };
                ids.push(id);
            }
            counts.add(&ids, scores, offset)?;
            offset += keys.len();
        }
        let mut tallies = counts.finish()?;
        Ok(ids_of
            .into_iter()
            .map(|(key, id)| {
                let tally = tallies.get_mut(id as usize).map(core::mem::take);
                (key, tally.unwrap_or_else(|| Tally::with_scale(scale)))
            })
            .collect())
    }
}

fn check_lengths(keys: usize, scores: usize) -> Result<()> {
    if keys == scores {
        Ok(())
    } else {
        Err(Error::LengthMismatch { left_name: "keys", left: keys, right_name: "scores", right: scores })
    }
}
