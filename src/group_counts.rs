//! The counting loop behind [`Tally::grouped`](crate::Tally::grouped): one histogram per dense key.
//!
//! With many answers per key, each answer increments one cell `key * 16 + score` of a flat table of
//! `u32` counters (rows of 16 cells, so the index is a shift and an or). Four tables take turns,
//! answer `i` going to table `i % 4`, so that a run of equal answers does not wait on the store of
//! the previous increment; the `u32` cells are flushed into the `u64` totals before they can
//! overflow. Four tables pay for themselves only when they stay in cache (up to
//! [`INTERLEAVED_MAX_ROWS`] keys) and when there are enough answers per key to repay zeroing and
//! flushing them ([`MIN_ANSWERS_PER_ROW`]); otherwise the answers are counted straight into the
//! `u64` totals.
//!
//! The input is taken in chunks of [`CHUNK`] answers: the scores of a chunk are first validated
//! with a vectorized minimum and maximum (which also brings the chunk into cache). The rows grow on
//! demand: the index check that every increment needs anyway doubles as the test for a key without
//! a row, which stops the loop, grows the rows to that key and resumes. So the rows always number
//! exactly the largest key seen plus one, without a separate pass for the largest key.

use crate::kernel::check_scores;
use crate::{Error, Result, Scale, Tally};

/// Cells per key in the interleaved tables: the 11 bins padded to 16, so that the cell index is
/// `key << 4 | score`.
const STRIDE: usize = 16;

/// Answers per chunk: the chunk's keys and scores (80 KiB) stay in L2 between the passes.
const CHUNK: usize = 16 * 1024;

/// Interleaved tables.
const TABLES: usize = 4;

/// Up to this many keys, four tables (4 × 2048 × 16 × 4 bytes = 512 KiB) stay in L2.
const INTERLEAVED_MAX_ROWS: usize = 2048;

/// Answers per key needed to repay zeroing and flushing four tables (a few hundred bytes a key).
const MIN_ANSWERS_PER_ROW: usize = 64;

/// The most answers counted before the `u32` cells are flushed: no cell can overflow.
pub(crate) const FLUSH_EVERY: usize = u32::MAX as usize;

/// Per-key tallies under construction. The scores are validated before they are counted and each
/// answer is counted once, so the tallies keep their invariants (bins off the scale stay zero, the
/// total is at most the number of answers).
pub(crate) struct GroupCounts {
    scale: Scale,
    /// `TABLES` tables of `rows * STRIDE` cells while interleaved; empty once counting is direct.
    tables: [Vec<u32>; TABLES],
    interleaved: bool,
    /// The counts, one tally per key: flushed from the tables, or counted here directly.
    totals: Vec<Tally>,
    /// Answers counted in the tables since the last flush.
    pending: usize,
    flush_every: usize,
    /// Answers expected in all: decides whether interleaved tables are worth their set-up.
    expected: usize,
}

impl GroupCounts {
    /// Empty counts on `scale` for about `expected` answers, whose tables flush after at most
    /// `flush_every` answers (at most [`FLUSH_EVERY`], and at least one chunk).
    pub(crate) fn new(scale: Scale, expected: usize, flush_every: usize) -> GroupCounts {
        GroupCounts {
            scale,
            tables: Default::default(),
            interleaved: true,
            totals: Vec::new(),
            pending: 0,
            flush_every: flush_every.clamp(1, FLUSH_EVERY),
            expected,
        }
    }

    /// Counts `scores` (validated against `scale`; `offset` is the position of the first) under
    /// their `keys`. The slices have equal length.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScaleAt`] for the first score off the scale; [`Error::InvalidParameter`]
    /// when the largest key needs more rows than memory can hold.
    pub(crate) fn add(&mut self, keys: &[u32], scores: &[u8], offset: usize) -> Result<()> {
        let mut start = offset;
        for (keys, scores) in keys.chunks(CHUNK).zip(scores.chunks(CHUNK)) {
            check_scores(self.scale, scores, start)?;
            if self.interleaved && self.pending + keys.len() > self.flush_every {
                self.flush();
            }
            self.pending += keys.len();
            let mut counted = 0;
            while let (Some(rest_keys), Some(rest_scores)) = (keys.get(counted..), scores.get(counted..)) {
                counted += if self.interleaved {
                    self.bump_interleaved(rest_keys, rest_scores)
                } else {
                    self.bump_direct(rest_keys, rest_scores)
                };
                // Stopped at a key without a row (or at the end): make room and go on.
                let Some(&key) = keys.get(counted) else { break };
                let rows = self.totals.len();
                self.grow(key)?;
                if self.totals.len() == rows {
                    // Unreachable while the tables match the rows; an error beats an endless loop.
                    return Err(Error::Inconsistent {
                        what: "grouped counts",
                        detail: format!("key {key} missed a row of {rows}"),
                    });
                }
            }
            start += keys.len();
        }
        Ok(())
    }

    /// The tallies, one per key `0..=max(keys)`.
    pub(crate) fn finish(mut self) -> Vec<Tally> {
        self.flush();
        self.totals
    }

    /// Counts with four tables in turn, up to the first key without a row; returns how many
    /// answers were counted.
    fn bump_interleaved(&mut self, keys: &[u32], scores: &[u8]) -> usize {
        let [t0, t1, t2, t3] = &mut self.tables;
        let (key_quads, key_rest) = keys.as_chunks::<TABLES>();
        let (score_quads, score_rest) = scores.as_chunks::<TABLES>();
        for (quad, (k, s)) in key_quads.iter().zip(score_quads).enumerate() {
            let at = quad * TABLES;
            if !bump(t0, k[0], s[0]) {
                return at;
            }
            if !bump(t1, k[1], s[1]) {
                return at + 1;
            }
            if !bump(t2, k[2], s[2]) {
                return at + 2;
            }
            if !bump(t3, k[3], s[3]) {
                return at + 3;
            }
        }
        let quads = key_quads.len() * TABLES;
        for (at, (&key, &score)) in key_rest.iter().zip(score_rest).enumerate() {
            if !bump(t0, key, score) {
                return quads + at;
            }
        }
        keys.len()
    }

    /// Counts straight into the tallies, up to the first key without a row; returns how many
    /// answers were counted.
    fn bump_direct(&mut self, keys: &[u32], scores: &[u8]) -> usize {
        for (at, (&key, &score)) in keys.iter().zip(scores).enumerate() {
            let cell = self
                .totals
                .get_mut(key as usize)
                .and_then(|tally| tally.bins_mut().get_mut(usize::from(score)));
            match cell {
                Some(cell) => *cell += 1,
                None => return at,
            }
        }
        keys.len()
    }

    /// Makes room for `key`; gives up the tables when there are too many keys for them.
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
        if self.interleaved
            && (rows > INTERLEAVED_MAX_ROWS || rows.saturating_mul(MIN_ANSWERS_PER_ROW) > self.expected)
        {
            self.flush();
            self.interleaved = false;
            self.tables = Default::default();
        }
        self.totals.try_reserve(rows - self.totals.len()).map_err(|_| too_many())?;
        self.totals.resize(rows, Tally::with_scale(self.scale));
        if self.interleaved {
            for table in &mut self.tables {
                let cells = rows * STRIDE;
                table.try_reserve(cells.saturating_sub(table.len())).map_err(|_| too_many())?;
                table.resize(cells, 0);
            }
        }
        Ok(())
    }

    /// Moves the table counts into the `u64` totals.
    fn flush(&mut self) {
        for table in &mut self.tables {
            for (total, cells) in self.totals.iter_mut().zip(table.chunks_exact(STRIDE)) {
                for (bin, &cell) in total.bins_mut().iter_mut().zip(cells) {
                    *bin += u64::from(cell);
                }
            }
            table.fill(0);
        }
        self.pending = 0;
    }
}

/// One increment; `false` when `key` has no row yet (scores are valid, so `score < 16`).
#[inline(always)]
fn bump(table: &mut [u32], key: u32, score: u8) -> bool {
    match table.get_mut((key as usize) << 4 | usize::from(score)) {
        Some(cell) => {
            *cell += 1;
            true
        }
        None => false,
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

    fn histograms(counts: GroupCounts) -> Vec<[u64; 11]> {
        counts.finish().iter().map(|tally| *tally.histogram()).collect()
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
            for (expected, flush_every) in [(len, 1), (len, 1000), (len, super::FLUSH_EVERY), (0, 1)] {
                let mut counts = GroupCounts::new(Scale::STANDARD, expected, flush_every);
                // In pieces, as the sparse path feeds it.
                let cut = len / 3;
                counts.add(&keys[..cut], &scores[..cut], 0)?;
                counts.add(&keys[cut..], &scores[cut..], cut)?;
                assert_eq!(histograms(counts), naive(&keys, &scores), "len {len}, flush {flush_every}");
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
        let mut counts = GroupCounts::new(Scale::STANDARD, usize::MAX, super::FLUSH_EVERY);
        counts.add(&keys, &scores, 0)?;
        assert_eq!(histograms(counts), naive(&keys, &scores));
        Ok(())
    }

    #[test]
    fn switching_to_direct_counting_midway_keeps_every_count() -> crate::Result<()> {
        // Sorted keys: the first chunk has few keys (four tables), later chunks too many keys for
        // the expected answers (direct counting).
        let len = 3 * CHUNK;
        let (_, scores) = data(len, 1, 4);
        let keys: Vec<u32> = (0..len as u32).map(|i| i / 32).collect();
        let mut counts = GroupCounts::new(Scale::STANDARD, len, super::FLUSH_EVERY);
        counts.add(&keys, &scores, 0)?;
        assert!(!counts.interleaved);
        assert_eq!(histograms(counts), naive(&keys, &scores));
        Ok(())
    }

    #[test]
    fn an_impossible_key_is_an_error_not_an_abort() {
        let mut counts = GroupCounts::new(Scale::STANDARD, usize::MAX, super::FLUSH_EVERY);
        let result = counts.add(&[u32::MAX], &[1], 0);
        assert!(matches!(result, Err(Error::InvalidParameter { name: "largest key", .. })), "{result:?}");
    }
}
