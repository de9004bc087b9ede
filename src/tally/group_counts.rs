//! The counting loop behind [`Tally::grouped`](crate::tally::Tally::grouped): one histogram per dense key.
//!
//! With many answers per key, the answers are taken in blocks of [`BLOCK`]. For each block a
//! vectorized step checks the scores against the scale and the keys against the rows, and turns
//! each answer into its cell index `key * 11 + score`; the scalar increments of the previous block's
//! cells run in the same loop iteration, so the increments overlap with reading the input instead of
//! waiting for a separate validation pass. The increments go to four flat tables of `u32` cells in
//! turn (answer `i` to table `i % 4`), so that a run of equal answers does not wait on the store of
//! the previous increment; the cells are flushed into the `u64` totals before they can overflow.
//!
//! A block with a key that has no row yet (or a score off the scale) stops the loop: the next
//! [`CHUNK`] answers are checked, the rows grown to their largest key, and counting resumes. So the
//! rows number exactly the largest key seen plus one, without a separate pass for the largest key.
//!
//! Four tables pay for themselves only when they stay in cache (up to [`INTERLEAVED_MAX_ROWS`]
//! keys) and when there are enough answers per key to repay zeroing and flushing them
//! ([`MIN_ANSWERS_PER_ROW`]); otherwise the answers are counted chunk by chunk straight into the
//! `u64` totals.

use crate::core::Scale;
use crate::core::score::BINS;
use crate::error::{Error, Result};
use crate::tally::Tally;
use crate::tally::kernel::check_scores;

/// Answers per block of the interleaved loop: measured best among 32, 64, 128 and 256 (the block's
/// cell indices stay in registers and L1 while the next block is read).
const BLOCK: usize = 64;

/// Answers checked at once when the rows must grow, and per step of direct counting: their keys
/// and scores (80 KiB) stay in L2 between the check and the count.
const CHUNK: usize = 16 * 1024;

/// Interleaved tables.
const TABLES: usize = 4;

/// Up to this many keys, four tables (4 × 2048 × 11 × 4 bytes = 352 KiB) stay in L2, and every cell
/// index fits a `u16`.
const INTERLEAVED_MAX_ROWS: usize = 2048;

/// Answers per key needed to repay zeroing and flushing four tables (a few hundred bytes a key).
const MIN_ANSWERS_PER_ROW: usize = 64;

/// The most answers counted before the `u32` cells are flushed: no cell can overflow.
pub(crate) const FLUSH_EVERY: usize = u32::MAX as usize;

/// Per-key tallies under construction. The scores are validated before they are counted and each
/// answer is counted once (checked at every flush), so the tallies keep their invariants (bins off
/// the scale stay zero, the total is at most the number of answers).
pub(crate) struct GroupCounts {
    scale: Scale,
    /// `TABLES` tables of `rows * BINS` cells while interleaved; empty once counting is direct.
    tables: [Vec<u32>; TABLES],
    interleaved: bool,
    /// The counts, one tally per key: flushed from the tables, or counted here directly.
    totals: Vec<Tally>,
    /// Answers counted in the tables since the last flush.
    pending: usize,
    flush_every: usize,
    /// Answers expected in all: decides whether interleaved tables are worth their set-up.
    expected: usize,
    /// The largest key accepted: one tally per key 0..=it is allocated.
    largest_key: u32,
}

impl GroupCounts {
    /// Empty counts on `scale` for about `expected` answers, whose tables flush after at most
    /// `flush_every` answers (at most [`FLUSH_EVERY`]).
    pub(crate) fn new(scale: Scale, expected: usize, flush_every: usize) -> GroupCounts {
        GroupCounts {
            scale,
            tables: Default::default(),
            interleaved: true,
            totals: Vec::new(),
            pending: 0,
            flush_every: flush_every.clamp(1, FLUSH_EVERY),
            expected,
            largest_key: u32::MAX,
        }
    }

    /// The same counts, refusing keys above `largest` (dense ids from the caller) instead of
    /// allocating a tally per id up to them.
    pub(crate) fn with_largest_key(self, largest: u32) -> GroupCounts {
        GroupCounts { largest_key: largest, ..self }
    }

    /// Counts `scores` (validated against `scale`; `offset` is the position of the first) under
    /// their `keys`. The slices have equal length.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScaleAt`] for the first score off the scale; [`Error::InvalidParameter`]
    /// when the largest key needs more rows than memory can hold.
    pub(crate) fn add(&mut self, keys: &[u32], scores: &[u8], offset: usize) -> Result<()> {
        // The slices have equal length (the callers check it), so no `get` below returns `None`;
        // if one did, the error says so rather than leaving answers uncounted.
        let uneven = || lost("the keys and scores differ in length");
        let mut at = 0;
        while at < keys.len() {
            let (Some(rest_keys), Some(rest_scores)) = (keys.get(at..), scores.get(at..)) else {
                return Err(uneven());
            };
            if !self.interleaved {
                return self.add_direct(rest_keys, rest_scores, offset + at);
            }
            if self.pending >= self.flush_every {
                self.flush()?;
            }
            let room = (self.flush_every - self.pending).min(rest_keys.len());
            let (Some(room_keys), Some(room_scores)) = (rest_keys.get(..room), rest_scores.get(..room))
            else {
                return Err(uneven());
            };
            let counted = self.count_interleaved(room_keys, room_scores);
            self.pending += counted;
            at += counted;
            if counted < room {
                // A key without a row or a score off the scale ahead: check, grow, go on.
                let end = (at + CHUNK).min(keys.len());
                let (Some(next_keys), Some(next_scores)) = (keys.get(at..end), scores.get(at..end)) else {
                    return Err(uneven());
                };
                check_scores(self.scale, next_scores, offset + at)?;
                let rows = self.totals.len();
                self.grow(next_keys.iter().copied().max().unwrap_or(0))?;
                if self.interleaved && self.totals.len() == rows {
                    // Unreachable: the scores are valid, so a key lacked its row. An error beats
                    // an endless loop.
                    return Err(lost("a key missed its row after the rows grew"));
                }
            }
        }
        Ok(())
    }

    /// The tallies, one per key `0..=max(keys)`.
    ///
    /// # Errors
    ///
    /// [`Error::Inconsistent`] if the tables do not hold exactly the answers counted into them
    /// (a defect, never expected).
    pub(crate) fn finish(mut self) -> Result<Vec<Tally>> {
        self.flush()?;
        Ok(self.totals)
    }

    /// Counts with four tables in turn, block by block, up to the first block with a key without a
    /// row or a score off the scale; returns how many answers were counted.
    fn count_interleaved(&mut self, keys: &[u32], scores: &[u8]) -> usize {
        // At most INTERLEAVED_MAX_ROWS rows while interleaved.
        let rows = u32::try_from(self.totals.len()).unwrap_or(u32::MAX);
        let (low, high) = (self.scale.min(), self.scale.max());
        let [t0, t1, t2, t3] = &mut self.tables;
        let mut bump_block = |cells: &[u16; BLOCK]| {
            for quad in cells.as_chunks::<TABLES>().0 {
                bump(t0, quad[0]);
                bump(t1, quad[1]);
                bump(t2, quad[2]);
                bump(t3, quad[3]);
            }
        };
        let (key_blocks, key_rest) = keys.as_chunks::<BLOCK>();
        let (score_blocks, score_rest) = scores.as_chunks::<BLOCK>();
        let mut previous: Option<[u16; BLOCK]> = None;
        let mut counted = 0;
        let mut clean = true;
        for (keys, scores) in key_blocks.iter().zip(score_blocks) {
            let Some(cells) = block_cells(keys, scores, rows, low, high) else {
                clean = false;
                break;
            };
            if let Some(previous) = previous.replace(cells) {
                bump_block(&previous);
            }
            counted += BLOCK;
        }
        if let Some(previous) = previous {
            bump_block(&previous);
        }
        if clean {
            for (&key, &score) in key_rest.iter().zip(score_rest) {
                if key >= rows || score < low || score > high {
                    break;
                }
                bump(t0, cell(key, score));
                counted += 1;
            }
        }
        counted
    }

    /// Counts straight into the tallies, chunk by chunk: check the scores, grow to the largest key,
    /// count.
    fn add_direct(&mut self, keys: &[u32], scores: &[u8], offset: usize) -> Result<()> {
        let mut start = offset;
        for (keys, scores) in keys.chunks(CHUNK).zip(scores.chunks(CHUNK)) {
            check_scores(self.scale, scores, start)?;
            self.grow(keys.iter().copied().max().unwrap_or(0))?;
            let mut missed = false;
            for (&key, &score) in keys.iter().zip(scores) {
                let cell = self
                    .totals
                    .get_mut(key as usize)
                    .and_then(|tally| tally.bins_mut().get_mut(usize::from(score)));
                match cell {
                    Some(cell) => *cell += 1,
                    None => missed = true,
                }
            }
            if missed {
                return Err(lost("a key missed its row in direct counting"));
            }
            start += keys.len();
        }
        Ok(())
    }

    /// Makes room for `key`; gives up the tables when there are too many keys for them.
    fn grow(&mut self, key: u32) -> Result<()> {
        let rows = key as usize + 1;
        if rows <= self.totals.len() {
            return Ok(());
        }
        if key > self.largest_key {
            return Err(Error::InvalidCount {
                name: "largest key",
                value: u64::from(key),
                expected: "a dense group id of at most 1048575 (MAX_DENSE_KEY): one tally is made per id \
                           0..=key; use grouped_by_label for larger or sparse ids",
            });
        }
        let too_many = || Error::InvalidCount {
            name: "largest key",
            value: u64::from(key),
            expected: "a dense group id, with one tally per id 0..=key fitting in memory \
                       (use grouped_by_label for sparse ids)",
        };
        if self.interleaved
            && (rows > INTERLEAVED_MAX_ROWS || rows.saturating_mul(MIN_ANSWERS_PER_ROW) > self.expected)
        {
            self.flush()?;
            self.interleaved = false;
            self.tables = Default::default();
        }
        self.totals.try_reserve(rows - self.totals.len()).map_err(|_| too_many())?;
        self.totals.resize(rows, Tally::with_scale(self.scale));
        if self.interleaved {
            for table in &mut self.tables {
                let cells = rows * BINS;
                table.try_reserve(cells.saturating_sub(table.len())).map_err(|_| too_many())?;
                table.resize(cells, 0);
            }
        }
        Ok(())
    }

    /// Moves the table counts into the `u64` totals, checking that they hold exactly the answers
    /// counted since the last flush.
    fn flush(&mut self) -> Result<()> {
        let mut moved = 0u64;
        for table in &mut self.tables {
            for (total, cells) in self.totals.iter_mut().zip(table.chunks_exact(BINS)) {
                for (bin, &cell) in total.bins_mut().iter_mut().zip(cells) {
                    *bin += u64::from(cell);
                    moved += u64::from(cell);
                }
            }
            table.fill(0);
        }
        let pending = std::mem::take(&mut self.pending);
        if moved == pending as u64 {
            Ok(())
        } else {
            Err(lost(&format!("{moved} answers in the tables, {pending} counted into them")))
        }
    }
}

/// The cell indices of one block, or `None` when a key has no row or a score is off the scale.
/// Written as a fold over fixed-size arrays so that the compiler vectorizes it.
#[inline(always)]
fn block_cells(
    keys: &[u32; BLOCK],
    scores: &[u8; BLOCK],
    rows: u32,
    low: u8,
    high: u8,
) -> Option<[u16; BLOCK]> {
    let mut cells = [0u16; BLOCK];
    let (mut largest, mut lowest, mut highest) = (0u32, u8::MAX, u8::MIN);
    for ((cell, &key), &score) in cells.iter_mut().zip(keys).zip(scores) {
        largest = largest.max(key);
        lowest = lowest.min(score);
        highest = highest.max(score);
        *cell = self::cell(key, score);
    }
    (largest < rows && low <= lowest && highest <= high).then_some(cells)
}

/// The cell of `score` in the row of `key`: exact for keys below [`INTERLEAVED_MAX_ROWS`], the only
/// ones whose cells are counted.
#[inline(always)]
fn cell(key: u32, score: u8) -> u16 {
    /// Eleven bins a row (a constant that fits).
    #[allow(clippy::cast_possible_truncation, reason = "BINS is 11")]
    const ROW: u16 = BINS as u16;
    #[allow(
        clippy::cast_possible_truncation,
        reason = "keys are checked against the rows before their cells are counted"
    )]
    let key = key as u16;
    key.wrapping_mul(ROW).wrapping_add(u16::from(score))
}

/// One increment. Every cell is inside its table (keys below the rows, scores on the scale); an
/// index outside would be skipped and then caught by the count check at the next flush.
#[inline(always)]
fn bump(table: &mut [u32], cell: u16) {
    if let Some(count) = table.get_mut(usize::from(cell)) {
        *count += 1;
    }
}

/// The error for an answer the tables lost (a defect, never expected).
fn lost(detail: &str) -> Error {
    Error::Inconsistent { what: "grouped counts", detail: detail.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::{CHUNK, GroupCounts, INTERLEAVED_MAX_ROWS};
    use crate::core::Scale;
    use crate::error::Error;

    fn naive(keys: &[u32], scores: &[u8]) -> Vec<[u64; 11]> {
        let rows = keys.iter().max().map_or(0, |&k| k as usize + 1);
        let mut out = vec![[0u64; 11]; rows];
        for (&k, &s) in keys.iter().zip(scores) {
            out[k as usize][usize::from(s)] += 1;
        }
        out
    }

    fn histograms(counts: GroupCounts) -> Vec<[u64; 11]> {
        counts.finish().expect("no answer lost").iter().map(|tally| *tally.bins()).collect()
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
    fn small_flush_limits_and_growing_keys_equal_the_naive_count() -> crate::error::Result<()> {
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
    fn a_key_beyond_the_table_limit_switches_to_direct_counting_and_keeps_every_count()
    -> crate::error::Result<()> {
        // Few keys first (four tables), then a key beyond the table limit (direct counting).
        let (mut keys, scores) = data(2 * CHUNK + 17, 50, 9);
        let last = keys.len() - 3;
        keys[last] = INTERLEAVED_MAX_ROWS as u32 + 10;
        let mut counts = GroupCounts::new(Scale::STANDARD, usize::MAX, super::FLUSH_EVERY);
        counts.add(&keys, &scores, 0)?;
        assert_eq!(histograms(counts), naive(&keys, &scores));
        Ok(())
    }

    #[test]
    fn switching_to_direct_counting_midway_keeps_every_count() -> crate::error::Result<()> {
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
        assert!(matches!(result, Err(Error::InvalidCount { name: "largest key", .. })), "{result:?}");
    }
}
