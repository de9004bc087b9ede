//! The counting loop behind [`Tally::grouped`](crate::Tally::grouped): one histogram per dense key.
//!
//! Each answer increments one cell `key * 16 + score` of a flat table of `u32` counters (rows of
//! 16 cells, so the index is a shift and an or). Four tables take turns, answer `i` going to table
//! `i % 4`, so that a run of equal answers does not wait on the store of the previous increment.
//! Four tables stay cache-resident only for a moderate number of keys; beyond
//! [`INTERLEAVED_MAX_ROWS`] one table is faster and the others are folded into it. The `u32` cells
//! are flushed into `u64` totals before they can overflow.
//!
//! The input is taken in chunks of [`CHUNK`] answers: the scores of a chunk are validated with a
//! vectorized minimum and maximum, and the largest key of the chunk grows the tables first, so the
//! increment loop itself has no check that can fail. Both pre-passes read the chunk into cache for
//! the increment loop, so they cost little beyond the increments themselves.

use crate::kernel::check_scores;
use crate::tally::BINS;
use crate::{Error, Result, Scale};

/// Cells per key: the 11 bins padded to 16, so that the cell index is `key << 4 | score`.
const STRIDE: usize = 16;

/// Answers per chunk: the chunk's keys and scores (80 KiB) stay in L2 between the passes.
const CHUNK: usize = 16 * 1024;

/// Interleaved tables while there are few keys.
const TABLES: usize = 4;

/// Up to this many keys, four tables (4 × 2048 × 16 × 4 bytes = 512 KiB) are faster than one.
const INTERLEAVED_MAX_ROWS: usize = 2048;

/// The most answers counted before the `u32` cells are flushed: no cell can overflow.
pub(crate) const FLUSH_EVERY: usize = u32::MAX as usize;

/// Per-key histograms under construction.
pub(crate) struct GroupCounts {
    /// `TABLES` tables of `rows * STRIDE` cells while interleaved; afterwards only the first is used.
    tables: [Vec<u32>; TABLES],
    interleaved: bool,
    /// The flushed counts, one row per key.
    totals: Vec<[u64; BINS]>,
    /// Answers counted in the tables since the last flush.
    pending: usize,
    flush_every: usize,
}

impl GroupCounts {
    /// Empty counts that flush after at most `flush_every` answers (at most [`FLUSH_EVERY`]).
    pub(crate) fn new(flush_every: usize) -> GroupCounts {
        GroupCounts {
            tables: Default::default(),
            interleaved: true,
            totals: Vec::new(),
            pending: 0,
            flush_every: flush_every.clamp(1, FLUSH_EVERY),
        }
    }

    /// Counts `scores` (validated against `scale`; `offset` is the position of the first) under
    /// their `keys`. The slices have equal length.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScaleAt`] for the first score off the scale; [`Error::InvalidParameter`]
    /// when the largest key needs more rows than memory can hold.
    pub(crate) fn add(&mut self, scale: Scale, keys: &[u32], scores: &[u8], offset: usize) -> Result<()> {
        let mut start = offset;
        for (keys, scores) in keys.chunks(CHUNK).zip(scores.chunks(CHUNK)) {
            check_scores(scale, scores, start)?;
            if let Some(&largest) = keys.iter().max() {
                self.grow(largest)?;
            }
            if self.pending + keys.len() > self.flush_every {
                self.flush();
            }
            if self.interleaved {
                self.bump_interleaved(keys, scores);
            } else if let Some(table) = self.tables.first_mut() {
                for (&key, &score) in keys.iter().zip(scores) {
                    bump(table, key, score);
                }
            }
            self.pending += keys.len();
            start += keys.len();
        }
        Ok(())
    }

    /// The histograms, one per key `0..=max(keys)`.
    pub(crate) fn finish(mut self) -> Vec<[u64; BINS]> {
        self.flush();
        self.totals
    }

    /// Four tables in turn; every key is below the row count.
    fn bump_interleaved(&mut self, keys: &[u32], scores: &[u8]) {
        let [t0, t1, t2, t3] = &mut self.tables;
        let (key_quads, key_rest) = keys.as_chunks::<TABLES>();
        let (score_quads, score_rest) = scores.as_chunks::<TABLES>();
        for (k, s) in key_quads.iter().zip(score_quads) {
            bump(t0, k[0], s[0]);
            bump(t1, k[1], s[1]);
            bump(t2, k[2], s[2]);
            bump(t3, k[3], s[3]);
        }
        for (&key, &score) in key_rest.iter().zip(score_rest) {
            bump(t0, key, score);
        }
    }

    /// Makes room for `key`; switches to one table when there are many keys.
    fn grow(&mut self, key: u32) -> Result<()> {
        let rows = key as usize + 1;
        if rows <= self.totals.len() {
            return Ok(());
        }
        let too_many = || Error::InvalidParameter {
            name: "largest key",
            value: f64::from(key),
            expected: "a dense group id, with one tally per id 0..=key fitting in memory \
                       (use grouped_by_key for sparse ids)",
        };
        if self.interleaved && rows > INTERLEAVED_MAX_ROWS {
            self.flush();
            self.interleaved = false;
            for table in self.tables.iter_mut().skip(1) {
                *table = Vec::new();
            }
        }
        let used = if self.interleaved { TABLES } else { 1 };
        self.totals.try_reserve(rows - self.totals.len()).map_err(|_| too_many())?;
        self.totals.resize(rows, [0; BINS]);
        for table in self.tables.iter_mut().take(used) {
            let cells = rows * STRIDE;
            table.try_reserve(cells.saturating_sub(table.len())).map_err(|_| too_many())?;
            table.resize(cells, 0);
        }
        Ok(())
    }

    /// Moves the table counts into the `u64` totals.
    fn flush(&mut self) {
        for table in &mut self.tables {
            for (total, cells) in self.totals.iter_mut().zip(table.chunks_exact(STRIDE)) {
                for (bin, &cell) in total.iter_mut().zip(cells) {
                    *bin += u64::from(cell);
                }
            }
            table.fill(0);
        }
        self.pending = 0;
    }
}

/// One increment; `key` is known to be below the row count, so the check never fails.
#[inline(always)]
fn bump(table: &mut [u32], key: u32, score: u8) {
    if let Some(cell) = table.get_mut((key as usize) << 4 | usize::from(score)) {
        *cell += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{CHUNK, GroupCounts, INTERLEAVED_MAX_ROWS};
    use crate::{Error, Scale};

    fn naive(keys: &[u32], scores: &[u8]) -> Vec<[u64; 11]> {
        let rows = keys.iter().max().map_or(0, |&k| k as usize + 1);
        let mut out = vec![[0u64; 11]; rows];
        for (&k, &s) in keys.iter().zip(scores) {
            out[k as usize][usize::from(s)] += 1;
        }
        out
    }

    fn data(len: usize, groups: u64, seed: u64) -> (Vec<u32>, Vec<u8>) {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let keys = (0..len).map(|_| (next() % groups) as u32).collect();
        let scores = (0..len).map(|_| (next() % 11) as u8).collect();
        (keys, scores)
    }

    #[test]
    fn small_flush_limits_and_growing_keys_equal_the_naive_count() -> crate::Result<()> {
        for (len, groups) in [(0, 1), (1, 1), (7, 3), (CHUNK + 5, 10), (3 * CHUNK + 1, 1000)] {
            let (keys, scores) = data(len, groups, len as u64 + 1);
            for flush_every in [1, 3, 1000, super::FLUSH_EVERY] {
                let mut counts = GroupCounts::new(flush_every);
                // In pieces, as the sparse path and the parallel path feed it.
                let cut = len / 3;
                counts.add(Scale::STANDARD, &keys[..cut], &scores[..cut], 0)?;
                counts.add(Scale::STANDARD, &keys[cut..], &scores[cut..], cut)?;
                assert_eq!(counts.finish(), naive(&keys, &scores), "len {len}, flush {flush_every}");
            }
        }
        Ok(())
    }

    #[test]
    fn switching_to_one_table_keeps_every_count() -> crate::Result<()> {
        // Few keys first (four tables), then a key beyond the limit (one table).
        let (mut keys, scores) = data(2 * CHUNK + 17, 50, 9);
        let last = keys.len() - 3;
        keys[last] = INTERLEAVED_MAX_ROWS as u32 + 10;
        let mut counts = GroupCounts::new(super::FLUSH_EVERY);
        counts.add(Scale::STANDARD, &keys, &scores, 0)?;
        assert_eq!(counts.finish(), naive(&keys, &scores));
        Ok(())
    }

    #[test]
    fn an_impossible_key_is_an_error_not_an_abort() {
        let mut counts = GroupCounts::new(super::FLUSH_EVERY);
        let result = counts.add(Scale::STANDARD, &[u32::MAX], &[1], 0);
        assert!(matches!(result, Err(Error::InvalidParameter { name: "largest key", .. })), "{result:?}");
    }
}
