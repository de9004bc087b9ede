//! Score columns: type checks, validation, and the conversion to one byte per row.
//!
//! Every aggregate of this crate first turns its score column into bytes: the score 0..=10 for a row
//! that counts, [`SKIP`] for a row that does not (a null score, a null weight, a row excluded by the
//! aggregate's `FILTER`). Counting then runs over plain bytes, whatever the integer type of the
//! column was.

use datafusion::arrow::array::{Array, ArrayRef, ArrowPrimitiveType, AsArray, BooleanArray, PrimitiveArray};
use datafusion::arrow::buffer::BooleanBuffer;
use datafusion::arrow::datatypes::{
    DataType, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use datafusion::common::{DataFusionError, Result, plan_err};
use nps_stats::Scale;

/// The highest score on any scale: a byte at most this is an answer, anything above is not.
pub(crate) const MAX_SCORE: u8 = 10;

/// The byte of a row that does not count.
pub(crate) const SKIP: u8 = u8::MAX;

/// The byte of a value off the scale, before nulls and filters are applied.
const INVALID: u8 = u8::MAX - 1;

/// Runs `$body` with `$values` bound to the values slice of an integer score column (of whichever
/// integer type it has), for fused loops that read each value with `as_usize()` (a negative value
/// wraps to a huge one, so it is off every scale); `None` for a column of another type.
macro_rules! with_score_values {
    ($scores:expr, $values:ident => $body:expr) => {{
        use datafusion::arrow::array::AsArray as _;
        use datafusion::arrow::datatypes as types;
        let scores = $scores;
        match scores.data_type() {
            types::DataType::Int8 => scores.as_primitive_opt::<types::Int8Type>().map(|a| {
                let $values = a.values();
                $body
            }),
            types::DataType::Int16 => scores.as_primitive_opt::<types::Int16Type>().map(|a| {
                let $values = a.values();
                $body
            }),
            types::DataType::Int32 => scores.as_primitive_opt::<types::Int32Type>().map(|a| {
                let $values = a.values();
                $body
            }),
            types::DataType::Int64 => scores.as_primitive_opt::<types::Int64Type>().map(|a| {
                let $values = a.values();
                $body
            }),
            types::DataType::UInt8 => scores.as_primitive_opt::<types::UInt8Type>().map(|a| {
                let $values = a.values();
                $body
            }),
            types::DataType::UInt16 => scores.as_primitive_opt::<types::UInt16Type>().map(|a| {
                let $values = a.values();
                $body
            }),
            types::DataType::UInt32 => scores.as_primitive_opt::<types::UInt32Type>().map(|a| {
                let $values = a.values();
                $body
            }),
            types::DataType::UInt64 => scores.as_primitive_opt::<types::UInt64Type>().map(|a| {
                let $values = a.values();
                $body
            }),
            _ => None,
        }
    }};
}
pub(crate) use with_score_values;

/// Whether every row of a batch counts: no filter, and no nulls in the score column or in
/// `also` (the weights), so that a fused loop may read the values directly.
pub(crate) fn every_row_counts(
    scores: &ArrayRef,
    filter: Option<&BooleanArray>,
    also: Option<&ArrayRef>,
) -> bool {
    filter.is_none()
        && scores.logical_null_count() == 0
        && also.is_none_or(|column| column.logical_null_count() == 0)
}

/// Whether `data_type` can hold scores: any integer type, or `Null` (a column of nothing but nulls).
pub(crate) fn is_score_type(data_type: &DataType) -> bool {
    data_type.is_integer() || *data_type == DataType::Null
}

/// The argument types after coercion: the score column keeps its integer type (no cast, so no
/// value can be changed on the way), a `NULL` literal becomes `Int64`.
///
/// # Errors
///
/// A planning error for a non-integer score column: a fractional score is not an answer on the
/// 0–10 scale, and rounding it silently would invent one.
pub(crate) fn coerce_score(function: &str, data_type: &DataType) -> Result<DataType> {
    match data_type {
        DataType::Null => Ok(DataType::Int64),
        t if is_score_type(t) => Ok(t.clone()),
        other => plan_err!(
            "{function}: the score must be an integer column (Int8..Int64 or UInt8..UInt64) with answers \
             from 0 to 10, got {other}"
        ),
    }
}

/// Appends one byte per row of `scores` to `out`: the score (on `scale`) when the row counts, [`SKIP`]
/// when the score is null, when `filter` is not true for the row, or when `also_null` (the weight
/// column) is null.
///
/// Nulls are ignored the way SQL aggregates ignore them; they are not answers.
///
/// # Errors
///
/// An execution error naming the first counted value that is not on `scale`, such as 11 or -1 (or
/// 0 on the Dutch scale).
pub(crate) fn score_bytes(
    function: &str,
    scale: Scale,
    scores: &ArrayRef,
    filter: Option<&BooleanArray>,
    also_null: Option<&ArrayRef>,
    out: &mut Vec<u8>,
) -> Result<()> {
    let start = out.len();
    match scores.data_type() {
        DataType::Int8 => convert::<Int8Type>(function, scale, scores, out)?,
        DataType::Int16 => convert::<Int16Type>(function, scale, scores, out)?,
        DataType::Int32 => convert::<Int32Type>(function, scale, scores, out)?,
        DataType::Int64 => convert::<Int64Type>(function, scale, scores, out)?,
        DataType::UInt8 => convert::<UInt8Type>(function, scale, scores, out)?,
        DataType::UInt16 => convert::<UInt16Type>(function, scale, scores, out)?,
        DataType::UInt32 => convert::<UInt32Type>(function, scale, scores, out)?,
        DataType::UInt64 => convert::<UInt64Type>(function, scale, scores, out)?,
        DataType::Null => out.resize(start + scores.len(), SKIP),
        other => {
            return Err(DataFusionError::Execution(format!(
                "{function}: the score must be an integer column, got {other}"
            )));
        }
    }
    let rows = out.get_mut(start..).unwrap_or_default();
    if let Some(counted) = counted_rows(scores, filter, also_null) {
        for (byte, counts) in rows.iter_mut().zip(counted.iter()) {
            if !counts {
                *byte = SKIP;
            }
        }
    }
    match rows.iter().position(|&byte| byte == INVALID) {
        None => Ok(()),
        Some(row) => Err(off_scale(function, scale, scores, row)),
    }
}

/// Maps each value to its byte, [`INVALID`] when it is off the scale; nulls are dealt with later.
fn convert<T>(function: &str, scale: Scale, scores: &ArrayRef, out: &mut Vec<u8>) -> Result<()>
where
    T: ArrowPrimitiveType,
    u8: TryFrom<T::Native>,
{
    let values = typed::<T>(function, scores)?.values();
    let (min, max) = (scale.min(), scale.max());
    out.extend(values.iter().map(|&value| match u8::try_from(value) {
        Ok(score) if min <= score && score <= max => score,
        _ => INVALID,
    }));
    Ok(())
}

fn typed<'a, T: ArrowPrimitiveType>(function: &str, array: &'a ArrayRef) -> Result<&'a PrimitiveArray<T>> {
    array
        .as_primitive_opt::<T>()
        .ok_or_else(|| DataFusionError::Internal(format!("{function}: expected a {} column", T::DATA_TYPE)))
}

/// The rows that count (true) as one bitmap, or `None` when every row counts.
fn counted_rows(
    scores: &ArrayRef,
    filter: Option<&BooleanArray>,
    also_null: Option<&ArrayRef>,
) -> Option<BooleanBuffer> {
    let mut counted: Option<BooleanBuffer> = scores.logical_nulls().map(|nulls| nulls.into_inner());
    let mut and = |mask: BooleanBuffer| {
        counted = Some(match counted.take() {
            Some(rows) => &rows & &mask,
            None => mask,
        });
    };
    if let Some(filter) = filter {
        // A null filter value is not true: the row does not count.
        match filter.nulls() {
            Some(nulls) => and(filter.values() & nulls.inner()),
            None => and(filter.values().clone()),
        }
    }
    if let Some(nulls) = also_null.and_then(|column| column.logical_nulls()) {
        and(nulls.into_inner());
    }
    counted
}

/// The error for the off-scale value in `row`, naming the value as it was given.
fn off_scale(function: &str, scale: Scale, scores: &ArrayRef, row: usize) -> DataFusionError {
    let value = match scores.data_type() {
        DataType::Int8 => shown::<Int8Type>(scores, row),
        DataType::Int16 => shown::<Int16Type>(scores, row),
        DataType::Int32 => shown::<Int32Type>(scores, row),
        DataType::Int64 => shown::<Int64Type>(scores, row),
        DataType::UInt8 => shown::<UInt8Type>(scores, row),
        DataType::UInt16 => shown::<UInt16Type>(scores, row),
        DataType::UInt32 => shown::<UInt32Type>(scores, row),
        DataType::UInt64 => shown::<UInt64Type>(scores, row),
        _ => None,
    };
    let value = value.unwrap_or_else(|| String::from("?"));
    // The wording of `nps_stats::Error::ScoreOutOfScale`, which cannot hold a u64 above i64::MAX.
    let (min, max) = (scale.min(), scale.max());
    DataFusionError::Execution(format!(
        "{function}: score {value} is outside the scale {min}..={max}; answers must be whole numbers \
         from {min} to {max} (nulls are ignored)"
    ))
}

fn shown<T: ArrowPrimitiveType>(array: &ArrayRef, row: usize) -> Option<String> {
    let values = array.as_primitive_opt::<T>()?.values();
    values.get(row).map(|value| format!("{value:?}"))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{Float64Array, Int8Array, Int64Array, StringArray, UInt64Array};

    use super::*;

    fn bytes(
        scores: ArrayRef,
        filter: Option<&BooleanArray>,
        also_null: Option<&ArrayRef>,
    ) -> Result<Vec<u8>> {
        let mut out = vec![7]; // appends after what is there
        score_bytes("nps", Scale::STANDARD, &scores, filter, also_null, &mut out)?;
        Ok(out)
    }

    fn error_of(result: Result<Vec<u8>>) -> String {
        result.err().map(|error| error.to_string()).unwrap_or_default()
    }

    #[test]
    fn every_integer_type_converts() -> Result<()> {
        let i8s: ArrayRef = Arc::new(Int8Array::from(vec![Some(0), None, Some(10)]));
        assert_eq!(bytes(i8s, None, None)?, vec![7, 0, SKIP, 10]);
        let u64s: ArrayRef = Arc::new(UInt64Array::from(vec![9, 6]));
        assert_eq!(bytes(u64s, None, None)?, vec![7, 9, 6]);
        Ok(())
    }

    #[test]
    fn off_scale_values_are_named() {
        let high: ArrayRef = Arc::new(Int64Array::from(vec![3, 11]));
        let message = error_of(bytes(high, None, None));
        assert!(message.contains("nps: score 11 is outside the scale 0..=10"), "{message}");
        let negative: ArrayRef = Arc::new(Int8Array::from(vec![-1]));
        assert!(error_of(bytes(negative, None, None)).contains("score -1 is outside"));
        let huge: ArrayRef = Arc::new(UInt64Array::from(vec![u64::MAX]));
        assert!(error_of(bytes(huge, None, None)).contains("score 18446744073709551615"));
    }

    #[test]
    fn an_off_scale_value_in_a_row_that_does_not_count_is_not_an_error() -> Result<()> {
        // The value behind a null slot, or a filtered-out row, is not an answer.
        let scores: ArrayRef = Arc::new(Int64Array::from(vec![11, 5, 12, 4]));
        let filter = BooleanArray::from(vec![Some(false), Some(true), None, Some(true)]);
        assert_eq!(bytes(scores, Some(&filter), None)?, vec![7, SKIP, 5, SKIP, 4]);
        let with_null_weight: ArrayRef = Arc::new(Int64Array::from(vec![12, 3]));
        let weights: ArrayRef = Arc::new(Float64Array::from(vec![None, Some(1.0)]));
        assert_eq!(bytes(with_null_weight, None, Some(&weights))?, vec![7, SKIP, 3]);
        Ok(())
    }

    #[test]
    fn a_scale_decides_what_is_an_answer() -> Result<()> {
        let scores: ArrayRef = Arc::new(Int64Array::from(vec![1, 10, 5]));
        let mut out = Vec::new();
        score_bytes("nps", Scale::DUTCH, &scores, None, None, &mut out)?;
        assert_eq!(out, vec![1, 10, 5]);
        let zero: ArrayRef = Arc::new(Int64Array::from(vec![3, 0]));
        let message = score_bytes("nps", Scale::DUTCH, &zero, None, None, &mut out)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("nps: score 0 is outside the scale 1..=10"), "{message}");
        let six: ArrayRef = Arc::new(Int64Array::from(vec![6]));
        assert!(score_bytes("nps", Scale::FIVE_POINT, &six, None, None, &mut out).is_err());
        Ok(())
    }

    #[test]
    fn only_integers_are_scores() {
        assert!(coerce_score("nps", &DataType::Float64).is_err());
        assert!(coerce_score("nps", &DataType::Utf8).is_err());
        assert_eq!(coerce_score("nps", &DataType::UInt8).ok(), Some(DataType::UInt8));
        assert_eq!(coerce_score("nps", &DataType::Null).ok(), Some(DataType::Int64));
        let text: ArrayRef = Arc::new(StringArray::from(vec!["9"]));
        assert!(bytes(text, None, None).is_err());
    }
}
