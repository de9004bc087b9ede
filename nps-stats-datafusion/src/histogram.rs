//! The accumulators of `nps`, `nps_summary` and `nps_tally`: an exact 11-bin histogram per group.
//!
//! [`HistogramAccumulator`] serves a single group (an aggregate without `GROUP BY`, or a window);
//! [`HistogramGroups`] serves any number of groups at once with one flat `Vec<u64>` of 11 counts per
//! group, which is what makes `GROUP BY` over many groups fast.

use datafusion::arrow::array::{ArrayRef, BooleanArray};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::{Accumulator, EmitTo, GroupsAccumulator};

use crate::report::Report;
use datafusion::arrow::datatypes::ArrowNativeType;

use crate::scores::{MAX_SCORE, every_row_counts, score_bytes, with_score_values};
use crate::state::{BINS, add_counts, histogram_array, histogram_values, take_groups};

/// The histogram of one group.
#[derive(Debug)]
pub(crate) struct HistogramAccumulator {
    function: &'static str,
    report: Report,
    counts: [u64; BINS],
    /// Scratch space for one batch of score bytes, reused between batches.
    bytes: Vec<u8>,
}

impl HistogramAccumulator {
    pub(crate) fn new(function: &'static str, report: Report) -> HistogramAccumulator {
        HistogramAccumulator { function, report, counts: [0; BINS], bytes: Vec::new() }
    }

    /// The histogram of one batch of scores.
    fn batch(&mut self, values: &[ArrayRef]) -> Result<[u64; BINS]> {
        let scores = first(self.function, values)?;
        self.bytes.clear();
        score_bytes(self.function, self.report.scale, scores, None, None, &mut self.bytes)?;
        let mut part = [0u64; BINS];
        for &score in &self.bytes {
            // A skipped row's byte is off the end of the histogram.
            if let Some(count) = part.get_mut(usize::from(score)) {
                *count += 1;
            }
        }
        Ok(part)
    }
}

impl Accumulator for HistogramAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let part = self.batch(values)?;
        add_counts(self.function, &mut self.counts, &part)
    }

    /// Removes rows that left a sliding window frame: counts subtract exactly.
    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let part = self.batch(values)?;
        for (count, &gone) in self.counts.iter_mut().zip(&part) {
            *count = count.checked_sub(gone).ok_or_else(|| {
                DataFusionError::Internal(format!(
                    "{}: retracted answers that were never added",
                    self.function
                ))
            })?;
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        self.report.scalar(self.function, &self.counts)
    }

    fn size(&self) -> usize {
        size_of_val(self) + self.bytes.capacity()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let array = histogram_array(self.counts.to_vec())?;
        Ok(vec![ScalarValue::try_from_array(&array, 0)?])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for part in histogram_values(first(self.function, states)?)?.chunks_exact(BINS) {
            add_counts(self.function, &mut self.counts, part)?;
        }
        Ok(())
    }
}

/// The histograms of all groups: `counts[11 * g + s]` answers with score `s` in group `g`.
#[derive(Debug)]
pub(crate) struct HistogramGroups {
    function: &'static str,
    report: Report,
    counts: Vec<u64>,
    bytes: Vec<u8>,
}

impl HistogramGroups {
    pub(crate) fn new(function: &'static str, report: Report) -> HistogramGroups {
        HistogramGroups { function, report, counts: Vec::new(), bytes: Vec::new() }
    }
}

impl GroupsAccumulator for HistogramGroups {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.counts.resize(total_num_groups * BINS, 0);
        let scores = first(self.function, values)?;
        if every_row_counts(scores, opt_filter, None) {
            same_length(self.function, group_indices.len(), scores.len())?;
            // One pass: count, and note whether any value is off the scale.
            let (min, max) = (usize::from(self.report.scale.min()), usize::from(self.report.scale.max()));
            let counts = &mut self.counts;
            let off_scale = with_score_values!(scores, values => {
                let mut off_scale = false;
                for (&group, &value) in group_indices.iter().zip(values) {
                    let score = value.as_usize();
                    off_scale |= score.wrapping_sub(min) > max - min;
                    if let Some(count) = counts.get_mut(group * BINS + score.min(usize::from(MAX_SCORE))) {
                        *count += 1;
                    }
                }
                off_scale
            });
            if off_scale == Some(false) {
                return Ok(());
            }
            // The counts are wrong now, but the query fails: name the value.
            let mut bytes = Vec::new();
            score_bytes(self.function, self.report.scale, scores, None, None, &mut bytes)?;
            return Err(DataFusionError::Internal(format!(
                "{}: an off-scale score went unnamed",
                self.function
            )));
        }
        self.bytes.clear();
        score_bytes(self.function, self.report.scale, scores, opt_filter, None, &mut self.bytes)?;
        same_length(self.function, group_indices.len(), self.bytes.len())?;
        for (&group, &score) in group_indices.iter().zip(&self.bytes) {
            if score <= MAX_SCORE
                && let Some(count) = self.counts.get_mut(group * BINS + usize::from(score))
            {
                *count += 1;
            }
        }
        Ok(())
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let counts = take_groups(&mut self.counts, emitted(emit_to), BINS);
        self.report.evaluate(self.function, &counts)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let counts = take_groups(&mut self.counts, emitted(emit_to), BINS);
        Ok(vec![histogram_array(counts)?])
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.counts.resize(total_num_groups * BINS, 0);
        let parts = histogram_values(first(self.function, values)?)?;
        same_length(self.function, group_indices.len(), parts.len() / BINS)?;
        for (&group, part) in group_indices.iter().zip(parts.chunks_exact(BINS)) {
            let start = group * BINS;
            let slot = self.counts.get_mut(start..start + BINS).ok_or_else(|| {
                DataFusionError::Internal(format!("{}: group {group} out of range", self.function))
            })?;
            add_counts(self.function, slot, part)?;
        }
        Ok(())
    }

    /// Each row as its own histogram with a single answer (or none): used when partial aggregation
    /// does not reduce the rows enough to be worth it.
    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        let mut bytes = Vec::new();
        let scores = first(self.function, values)?;
        score_bytes(self.function, self.report.scale, scores, opt_filter, None, &mut bytes)?;
        let mut counts = vec![0u64; bytes.len() * BINS];
        for (row, &score) in bytes.iter().enumerate() {
            if score <= MAX_SCORE
                && let Some(count) = counts.get_mut(row * BINS + usize::from(score))
            {
                *count = 1;
            }
        }
        Ok(vec![histogram_array(counts)?])
    }

    fn size(&self) -> usize {
        self.counts.capacity() * size_of::<u64>() + self.bytes.capacity()
    }
}

/// The number of groups to emit: `None` for all.
pub(crate) fn emitted(emit_to: EmitTo) -> Option<usize> {
    match emit_to {
        EmitTo::All => None,
        EmitTo::First(n) => Some(n),
    }
}

/// The first argument column (the scores, or the first state column).
pub(crate) fn first<'a>(function: &str, values: &'a [ArrayRef]) -> Result<&'a ArrayRef> {
    values.first().ok_or_else(|| DataFusionError::Internal(format!("{function}: called without arguments")))
}

/// Checks that the engine gave one group index per row.
pub(crate) fn same_length(function: &str, groups: usize, rows: usize) -> Result<()> {
    if groups == rows {
        Ok(())
    } else {
        Err(DataFusionError::Internal(format!("{function}: {groups} group indices for {rows} rows")))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{Array, AsArray, Int64Array};
    use datafusion::arrow::datatypes::Float64Type;

    use super::*;

    fn scores(values: &[Option<i64>]) -> Vec<ArrayRef> {
        vec![Arc::new(Int64Array::from(values.to_vec()))]
    }

    #[test]
    fn groups_count_their_own_rows_and_merge_exactly() -> Result<()> {
        let mut left = HistogramGroups::new("nps", Report::NPS);
        left.update_batch(&scores(&[Some(10), Some(0), None]), &[0, 1, 1], None, 2)?;
        let mut right = HistogramGroups::new("nps", Report::NPS);
        right.update_batch(&scores(&[Some(9), Some(9)]), &[1, 2], None, 3)?;

        // Final phase: right's groups 0, 1, 2 are this side's groups 1, 0, 2.
        let mut total = HistogramGroups::new("nps", Report::NPS);
        total.merge_batch(&left.state(EmitTo::All)?, &[0, 1], 2)?;
        total.merge_batch(&right.state(EmitTo::All)?, &[1, 0, 2], 3)?;
        let nps = total.evaluate(EmitTo::All)?;
        let nps = nps.as_primitive::<Float64Type>();
        // Group 0: 10 (left) and 9 (right's group 1) → +100; group 1: 0 and nothing (right's empty
        // group 0) → −100; group 2: 9 → +100. The null score counts nowhere.
        assert_eq!((nps.value(0), nps.value(1), nps.value(2)), (100.0, -100.0, 100.0));
        assert_eq!(nps.null_count(), 0);
        Ok(())
    }

    #[test]
    fn emitting_the_first_groups_keeps_the_rest() -> Result<()> {
        let mut groups = HistogramGroups::new("nps", Report::NPS);
        groups.update_batch(&scores(&[Some(10), Some(0), Some(9)]), &[0, 1, 2], None, 3)?;
        let first_two = groups.evaluate(EmitTo::First(2))?;
        assert_eq!(first_two.len(), 2);
        // The remaining group is now group 0.
        groups.update_batch(&scores(&[Some(0)]), &[0], None, 1)?;
        let rest = groups.evaluate(EmitTo::All)?;
        assert_eq!(rest.as_primitive::<Float64Type>().value(0), 0.0);
        Ok(())
    }

    #[test]
    fn converted_rows_merge_like_updated_rows() -> Result<()> {
        let rows = scores(&[Some(10), Some(3), None, Some(7)]);
        let filter = BooleanArray::from(vec![true, true, true, false]);
        let mut direct = HistogramGroups::new("nps", Report::NPS);
        direct.update_batch(&rows, &[0, 0, 0, 0], Some(&filter), 1)?;
        let mut merged = HistogramGroups::new("nps", Report::NPS);
        let converted = merged.convert_to_state(&rows, Some(&filter))?;
        merged.merge_batch(&converted, &[0, 0, 0, 0], 1)?;
        assert_eq!(merged.counts, direct.counts);
        assert_eq!(direct.counts.iter().sum::<u64>(), 2);
        Ok(())
    }

    #[test]
    fn a_window_retracts_exactly() -> Result<()> {
        let mut window = HistogramAccumulator::new("nps", Report::NPS);
        window.update_batch(&scores(&[Some(10), Some(0), Some(0)]))?;
        window.retract_batch(&scores(&[Some(0)]))?;
        assert_eq!(window.evaluate()?, ScalarValue::Float64(Some(0.0)));
        window.retract_batch(&scores(&[Some(10), Some(0)]))?;
        assert_eq!(window.evaluate()?, ScalarValue::Float64(None));
        assert!(window.retract_batch(&scores(&[Some(5)])).is_err());
        Ok(())
    }

    #[test]
    fn the_single_group_state_round_trips() -> Result<()> {
        let mut one = HistogramAccumulator::new("nps", Report::NPS);
        one.update_batch(&scores(&[Some(10), Some(8), Some(2), Some(9)]))?;
        let state = one.state()?;
        let arrays = state.iter().map(ScalarValue::to_array).collect::<Result<Vec<_>>>()?;
        let mut other = HistogramAccumulator::new("nps", Report::NPS);
        other.merge_batch(&arrays)?;
        other.merge_batch(&arrays)?;
        assert_eq!(other.counts.iter().sum::<u64>(), 8);
        assert_eq!(other.evaluate()?, ScalarValue::Float64(Some(25.0)));
        Ok(())
    }
}
