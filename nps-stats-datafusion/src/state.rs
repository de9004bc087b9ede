//! The partial state that travels between aggregation phases: the tally itself.
//!
//! A histogram is a `FixedSizeList<UInt64, 11>` (answers per score 0..=10): plain counts, so any
//! number of partial states from threads, partitions or machines merge into exactly the tally of all
//! rows. (`weighted_nps` keeps exact weight sums of its own; see the `weighted` module.)

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, FixedSizeListArray, UInt64Array};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, UInt64Type};
use datafusion::common::{DataFusionError, Result};
use datafusion::logical_expr::utils::format_state_name;

/// Bins of a histogram: one for every score 0..=10.
pub(crate) const BINS: usize = 11;

/// The state field of a histogram, named after the aggregate expression.
pub(crate) fn histogram_field(name: &str) -> FieldRef {
    list_field(name, "histogram", DataType::UInt64, BINS)
}

fn list_field(name: &str, part: &str, item: DataType, size: usize) -> FieldRef {
    let data_type = DataType::FixedSizeList(item_field(item), size as i32);
    Arc::new(Field::new(format_state_name(name, part), data_type, true))
}

fn item_field(item: DataType) -> FieldRef {
    Arc::new(Field::new_list_field(item, true))
}

/// A `FixedSizeList<UInt64, 11>` of `counts.len() / 11` histograms; the vector becomes the values
/// buffer without a copy.
pub(crate) fn histogram_array(counts: Vec<u64>) -> Result<ArrayRef> {
    let values: ArrayRef = Arc::new(UInt64Array::from(counts));
    let list = FixedSizeListArray::try_new(item_field(DataType::UInt64), BINS as i32, values, None)?;
    Ok(Arc::new(list))
}

/// The flat counts of a histogram state column: 11 per row.
pub(crate) fn histogram_values(state: &ArrayRef) -> Result<&[u64]> {
    let list = fixed_list(state, BINS)?;
    let values = list.values().as_primitive_opt::<UInt64Type>().ok_or_else(|| malformed("UInt64 counts"))?;
    if values.null_count() > 0 {
        return Err(malformed("counts without nulls"));
    }
    values.values().get(..list.len() * BINS).ok_or_else(|| malformed("11 counts per row"))
}

fn fixed_list(state: &ArrayRef, size: usize) -> Result<&FixedSizeListArray> {
    let list = state.as_fixed_size_list_opt().ok_or_else(|| malformed("a fixed-size list column"))?;
    if list.value_length() as usize != size {
        return Err(malformed("a list of the state's width"));
    }
    if list.null_count() > 0 {
        return Err(malformed("a state in every row"));
    }
    Ok(list)
}

fn malformed(expected: &str) -> DataFusionError {
    DataFusionError::Internal(format!("partial NPS state is malformed: expected {expected}"))
}

/// Adds `part` to `total` bin by bin.
///
/// # Errors
///
/// An execution error when a bin would pass `u64::MAX` answers.
pub(crate) fn add_counts(function: &str, total: &mut [u64], part: &[u64]) -> Result<()> {
    for (bin, &count) in total.iter_mut().zip(part) {
        *bin = bin.checked_add(count).ok_or_else(|| {
            DataFusionError::Execution(format!(
                "{function}: count overflow: a group would hold more than {} answers",
                u64::MAX
            ))
        })?;
    }
    Ok(())
}

/// Removes the first `groups` groups of `stride` slots each from `state` and returns them.
pub(crate) fn take_groups<T>(state: &mut Vec<T>, groups: Option<usize>, stride: usize) -> Vec<T> {
    match groups {
        None => std::mem::take(state),
        Some(n) => {
            let rest = state.split_off(n.saturating_mul(stride).min(state.len()));
            std::mem::replace(state, rest)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_round_trip_through_their_arrays() -> Result<()> {
        let counts: Vec<u64> = (0..22).collect();
        let array = histogram_array(counts.clone())?;
        assert_eq!(array.len(), 2);
        assert_eq!(array.data_type(), histogram_field("nps(score)").data_type());
        assert_eq!(histogram_values(&array)?, counts.as_slice());
        // A slice of the state keeps only its rows.
        assert_eq!(histogram_values(&array.slice(1, 1))?, &counts[11..]);
        Ok(())
    }

    #[test]
    fn overflowing_counts_are_an_error() {
        let mut total = [u64::MAX, 0];
        assert!(add_counts("nps", &mut total, &[1, 0]).is_err());
    }

    #[test]
    fn groups_are_taken_from_the_front() {
        let mut state: Vec<u32> = (0..6).collect();
        assert_eq!(take_groups(&mut state, Some(2), 2), vec![0, 1, 2, 3]);
        assert_eq!(state, vec![4, 5]);
        assert_eq!(take_groups(&mut state, None, 2), vec![4, 5]);
        assert!(state.is_empty());
    }
}
