//! The aggregate functions `nps(score)` and `nps_summary(score [, level])`.

use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::{DataType, FieldRef, Schema};
use datafusion::common::{DataFusionError, Result, ScalarValue, plan_err};
use datafusion::logical_expr::expr::AggregateFunction;
use datafusion::logical_expr::function::{AccumulatorArgs, AggregateFunctionSimplification, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, ColumnarValue, Expr, GroupsAccumulator, Signature, Volatility,
};
use nps_stats::Confidence;

use crate::histogram::{HistogramAccumulator, HistogramGroups};
use crate::report::Report;
use crate::scores::coerce_score;
use crate::state::{BINS, histogram_field};

/// `nps(score)`: the Net Promoter Score of the answers in each group, in points from −100 to +100,
/// as `Float64`.
///
/// The score column may have any integer type (`Int8` … `Int64`, `UInt8` … `UInt64`); every value
/// must be 0..=10, anything else (11, −1) is an execution error that names the value. Null scores
/// are ignored, as SQL aggregates ignore nulls. A group without answers gives `NULL`, never 0.
///
/// The partial state is the group's 11-bin histogram, so partitioned, multi-phase and distributed
/// execution give exactly the NPS of all rows together. Register it with [`crate::register`].
///
/// # Examples
///
/// ```
/// use datafusion::logical_expr::AggregateUDF;
/// use nps_stats_datafusion::Nps;
///
/// let nps = AggregateUDF::from(Nps::new());
/// assert_eq!(nps.name(), "nps");
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Nps {
    signature: Signature,
}

impl Nps {
    /// The function, ready for [`AggregateUDF::from`](datafusion::logical_expr::AggregateUDF).
    ///
    /// ```
    /// let nps = datafusion::logical_expr::AggregateUDF::from(nps_stats_datafusion::Nps::new());
    /// assert_eq!(nps.name(), "nps");
    /// ```
    pub fn new() -> Nps {
        Nps { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for Nps {
    fn default() -> Nps {
        Nps::new()
    }
}

impl AggregateUDFImpl for Nps {
    fn name(&self) -> &str {
        "nps"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [score] => Ok(vec![coerce_score("nps", score)?]),
            _ => plan_err!("nps takes one argument, the score column; got {} arguments", arg_types.len()),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(Report::Nps.data_type())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        no_distinct("nps", &args)?;
        Ok(Box::new(HistogramAccumulator::new("nps", Report::Nps)))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![histogram_field(args.name)])
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.is_distinct
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        no_distinct("nps", &args)?;
        Ok(Box::new(HistogramGroups::new("nps", Report::Nps)))
    }

    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        reject_distinct("nps")
    }
}

/// `nps_summary(score [, level])`: per group a struct of `n`, `promoters`, `passives`,
/// `detractors` (`UInt64`) and `nps`, `lower`, `upper` (`Float64`, points), where `lower` and
/// `upper` bound the adjusted Wald interval (Rocks 2016, see [`nps_stats::Method::AdjustedWald`]) at
/// the confidence `level`, a constant strictly between 0 and 1 (default 0.95).
///
/// Scores and nulls are treated as in [`Nps`]. A group without answers has `n = 0` and null `nps`,
/// `lower` and `upper`: no NPS, no interval, and never a silent 0. An invalid level (0.0, 1.0, 95)
/// or one that is not a constant is an error before any row is read.
///
/// # Examples
///
/// ```
/// use datafusion::logical_expr::AggregateUDF;
/// use nps_stats_datafusion::NpsSummary;
///
/// let summary = AggregateUDF::from(NpsSummary::new());
/// assert_eq!(summary.name(), "nps_summary");
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct NpsSummary {
    signature: Signature,
}

impl NpsSummary {
    /// The function, ready for [`AggregateUDF::from`](datafusion::logical_expr::AggregateUDF).
    ///
    /// ```
    /// let f = datafusion::logical_expr::AggregateUDF::from(nps_stats_datafusion::NpsSummary::new());
    /// assert_eq!(f.name(), "nps_summary");
    /// ```
    pub fn new() -> NpsSummary {
        NpsSummary { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for NpsSummary {
    fn default() -> NpsSummary {
        NpsSummary::new()
    }
}

impl AggregateUDFImpl for NpsSummary {
    fn name(&self) -> &str {
        "nps_summary"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [score] => Ok(vec![coerce_score("nps_summary", score)?]),
            [score, level] if level.is_numeric() || *level == DataType::Null => {
                Ok(vec![coerce_score("nps_summary", score)?, DataType::Float64])
            }
            [_, level] => {
                plan_err!("nps_summary: the confidence level must be a number such as 0.9, got {level}")
            }
            _ => plan_err!(
                "nps_summary takes the score column and optionally a confidence level; got {} arguments",
                arg_types.len()
            ),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(Report::Summary(Confidence::NINETY_FIVE).data_type())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        no_distinct("nps_summary", &args)?;
        Ok(Box::new(HistogramAccumulator::new("nps_summary", Report::Summary(level_of(&args)?))))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![histogram_field(args.name)])
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.is_distinct
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        no_distinct("nps_summary", &args)?;
        Ok(Box::new(HistogramGroups::new("nps_summary", Report::Summary(level_of(&args)?))))
    }

    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        reject_distinct("nps_summary")
    }

    /// The summary of no answers (`n = 0`, null NPS and bounds), where the engine needs the value of
    /// an aggregate over nothing.
    fn default_value(&self, _data_type: &DataType) -> Result<ScalarValue> {
        Report::Summary(Confidence::NINETY_FIVE).scalar("nps_summary", &[0; BINS])
    }
}

/// Rejects `f(DISTINCT score)` when an accumulator is made: an NPS counts every answer, and the
/// distinct scores of a group are not a sample of anything.
pub(crate) fn no_distinct(function: &str, args: &AccumulatorArgs) -> Result<()> {
    if args.is_distinct {
        return distinct_error(function);
    }
    Ok(())
}

/// Rejects `f(DISTINCT score)` while the query is optimized, before DataFusion can rewrite it into
/// a `GROUP BY score` under a plain `f(score)` (which would silently give the NPS of the distinct
/// score values). Every other call is returned unchanged.
pub(crate) fn reject_distinct(function: &'static str) -> Option<AggregateFunctionSimplification> {
    Some(Box::new(move |aggregate: AggregateFunction, _context| {
        if aggregate.params.distinct {
            return distinct_error(function);
        }
        Ok(Expr::AggregateFunction(aggregate))
    }))
}

fn distinct_error<T>(function: &str) -> Result<T> {
    plan_err!("{function}(DISTINCT ...) is not supported: an NPS counts every answer, not distinct scores")
}

/// The confidence level of `nps_summary`: the constant second argument, or 95 %.
fn level_of(args: &AccumulatorArgs) -> Result<Confidence> {
    let Some(expr) = args.exprs.get(1) else {
        return Ok(Confidence::NINETY_FIVE);
    };
    let not_constant = || {
        DataFusionError::Plan(String::from(
            "nps_summary: the confidence level must be a constant such as 0.9, not a column",
        ))
    };
    // A constant evaluates without any input column.
    let empty = RecordBatch::new_empty(Arc::new(Schema::empty()));
    let value = match expr.evaluate(&empty).map_err(|_| not_constant())? {
        ColumnarValue::Scalar(value) => value,
        ColumnarValue::Array(_) => return Err(not_constant()),
    };
    let level = match value.cast_to(&DataType::Float64)? {
        ScalarValue::Float64(Some(level)) => level,
        _ => return plan_err!("nps_summary: the confidence level must not be null"),
    };
    Confidence::new(level).map_err(|error| DataFusionError::Plan(format!("nps_summary: {error}")))
}
