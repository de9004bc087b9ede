//! The optional scale argument: `'standard'`, `'dutch'`, `'five_point'`, or custom cut-points.
//!
//! A scale is a constant of the query, given as text, so that every partial state of one aggregate
//! expression is on the same scale and the state itself never has to carry it.

use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::{DataType, Schema};
use datafusion::common::{DataFusionError, Result, ScalarValue, plan_err};
use datafusion::logical_expr::ColumnarValue;
use datafusion::physical_plan::PhysicalExpr;
use nps_stats::Scale;

/// Whether an argument of this type is a scale (text) rather than a number.
pub(crate) fn is_scale_type(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8)
}

/// The scale named by `text`: `standard` (0–10, passives from 7, promoters from 9), `dutch` (1–10,
/// passives from 6, promoters from 8), `five_point` (1–5, passives from 4, promoters from 5), or
/// four whole numbers `min, max, passive_from, promoter_from` as in [`Scale::new`].
///
/// # Errors
///
/// A planning error for a name it does not know, for numbers that are not four whole numbers from 0
/// to 10, and for cut-points that [`Scale::new`] refuses (with its message).
pub(crate) fn parse_scale(function: &str, text: &str) -> Result<Scale> {
    let trimmed = text.trim();
    match trimmed.to_ascii_lowercase().as_str() {
        "standard" => return Ok(Scale::STANDARD),
        "dutch" => return Ok(Scale::DUTCH),
        "five_point" => return Ok(Scale::FIVE_POINT),
        _ => {}
    }
    let numbers: Vec<&str> = trimmed.split(',').map(str::trim).collect();
    let parsed: Option<Vec<u8>> = numbers.iter().map(|n| n.parse::<u8>().ok()).collect();
    match parsed.as_deref() {
        Some(&[min, max, passive_from, promoter_from]) => Scale::new(min, max, passive_from, promoter_from)
            .map_err(|error| DataFusionError::Plan(format!("{function}: {error}"))),
        _ => plan_err!(
            "{function}: unknown scale '{text}': expected 'standard', 'dutch', 'five_point' or four whole \
             numbers 'min, max, passive_from, promoter_from' such as '1, 7, 5, 7'"
        ),
    }
}

/// The value of a constant argument, or a planning error saying that it must be a constant.
pub(crate) fn constant(function: &str, what: &str, expr: &Arc<dyn PhysicalExpr>) -> Result<ScalarValue> {
    let not_constant =
        || DataFusionError::Plan(format!("{function}: the {what} must be a constant, not a column"));
    // A constant evaluates without any input column.
    let empty = RecordBatch::new_empty(Arc::new(Schema::empty()));
    match expr.evaluate(&empty).map_err(|_| not_constant())? {
        ColumnarValue::Scalar(value) => Ok(value),
        ColumnarValue::Array(_) => Err(not_constant()),
    }
}

/// The scale of a constant text argument.
pub(crate) fn scale_of(function: &str, expr: &Arc<dyn PhysicalExpr>) -> Result<Scale> {
    let value = constant(function, "scale", expr)?;
    match value.cast_to(&DataType::Utf8)? {
        ScalarValue::Utf8(Some(text)) => parse_scale(function, &text),
        _ => plan_err!("{function}: the scale must not be null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_cut_points_parse() -> Result<()> {
        assert_eq!(parse_scale("nps", "standard")?, Scale::STANDARD);
        assert_eq!(parse_scale("nps", " Dutch ")?, Scale::DUTCH);
        assert_eq!(parse_scale("nps", "five_point")?, Scale::FIVE_POINT);
        assert_eq!(
            parse_scale("nps", "1, 7, 5, 7")?,
            Scale::new(1, 7, 5, 7).map_err(|e| { DataFusionError::Internal(e.to_string()) })?
        );
        Ok(())
    }

    #[test]
    fn bad_scales_are_planning_errors() {
        for (text, expected) in [
            ("decimal", "unknown scale 'decimal'"),
            ("1, 7, 5", "unknown scale"),
            ("0, 11, 7, 9", "invalid scale"),
            ("5, 1, 3, 4", "invalid scale"),
            ("-1, 10, 7, 9", "unknown scale"),
        ] {
            let message = parse_scale("nps", text).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(message.contains(expected), "{text}: {message}");
        }
    }
}
