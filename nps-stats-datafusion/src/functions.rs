//! The aggregate functions `nps(score [, scale])`, `nps_summary(score [, level] [, scale])` and
//! `nps_tally(score [, scale])`.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::{DataFusionError, Result, ScalarValue, plan_err};
use datafusion::logical_expr::expr::AggregateFunction;
use datafusion::logical_expr::function::{AccumulatorArgs, AggregateFunctionSimplification, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, Expr, GroupsAccumulator, Signature, Volatility,
};
use datafusion::physical_plan::PhysicalExpr;
use nps_stats::{Confidence, Scale};

use crate::histogram::{HistogramAccumulator, HistogramGroups};
use crate::report::{Kind, Report};
use crate::scale::{constant, is_scale_type, scale_of};
use crate::scores::coerce_score;
use crate::state::{BINS, histogram_field};

/// `nps(score [, scale])`: the Net Promoter Score of the answers in each group, in points from −100
/// to +100, as `Float64`.
///
/// The score column may have any integer type (`Int8` … `Int64`, `UInt8` … `UInt64`); every value
/// must lie on the scale — by default the standard 0–10 scale, else the constant `scale`:
/// `'standard'`, `'dutch'` (1–10), `'five_point'` (1–5) or cut-points
/// `'min, max, passive_from, promoter_from'` as in [`Scale::new`]. Anything else (11, −1, a 0 on
/// the Dutch scale) is an execution error that names the value. Null scores are ignored, as SQL
/// aggregates ignore nulls. A group without answers gives `NULL`, never 0.
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
        coerce_score_and_scale("nps", arg_types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(Kind::Nps.data_type())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        no_distinct("nps", &args)?;
        Ok(Box::new(HistogramAccumulator::new("nps", report_of("nps", &args, Kind::Nps)?)))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![histogram_field(args.name)])
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.is_distinct
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        no_distinct("nps", &args)?;
        Ok(Box::new(HistogramGroups::new("nps", report_of("nps", &args, Kind::Nps)?)))
    }

    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        reject_distinct("nps")
    }
}

/// `nps_summary(score [, level] [, scale])`: per group a struct of `n`, `promoters`, `passives`,
/// `detractors` (`UInt64`) and `nps`, `lower`, `upper` (`Float64`, points), where `lower` and
/// `upper` bound the adjusted Wald interval (Rocks 2016, see [`nps_stats::Method::AdjustedWald`]) at
/// the confidence `level`, a constant strictly between 0 and 1 (default 0.95).
///
/// Scores, the optional text `scale` (`nps_summary(score, 'dutch')`,
/// `nps_summary(score, 0.9, 'dutch')`) and nulls are treated as in [`Nps`]. A group without answers has `n = 0` and null `nps`,
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
        const NAME: &str = "nps_summary";
        let level = |level: &DataType| {
            if level.is_numeric() || *level == DataType::Null {
                Ok(DataType::Float64)
            } else {
                plan_err!("{NAME}: the confidence level must be a number such as 0.9, got {level}")
            }
        };
        match arg_types {
            [score] => Ok(vec![coerce_score(NAME, score)?]),
            [score, scale] if is_scale_type(scale) => Ok(vec![coerce_score(NAME, score)?, DataType::Utf8]),
            [score, other] => Ok(vec![coerce_score(NAME, score)?, level(other)?]),
            [score, other, scale] if is_scale_type(scale) => {
                Ok(vec![coerce_score(NAME, score)?, level(other)?, DataType::Utf8])
            }
            [_, _, scale] => plan_err!("{NAME}: the scale must be text such as 'dutch', got {scale}"),
            _ => plan_err!(
                "{NAME} takes the score column, optionally a confidence level and optionally a scale; got {} \
                 arguments",
                arg_types.len()
            ),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(Kind::Summary(Confidence::NINETY_FIVE).data_type())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        no_distinct("nps_summary", &args)?;
        let report = report_of("nps_summary", &args, Kind::Summary(Confidence::NINETY_FIVE))?;
        Ok(Box::new(HistogramAccumulator::new("nps_summary", report)))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![histogram_field(args.name)])
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.is_distinct
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        no_distinct("nps_summary", &args)?;
        let report = report_of("nps_summary", &args, Kind::Summary(Confidence::NINETY_FIVE))?;
        Ok(Box::new(HistogramGroups::new("nps_summary", report)))
    }

    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        reject_distinct("nps_summary")
    }

    /// The summary of no answers (`n = 0`, null NPS and bounds), where the engine needs the value of
    /// an aggregate over nothing.
    fn default_value(&self, _data_type: &DataType) -> Result<ScalarValue> {
        let report = Report { kind: Kind::Summary(Confidence::NINETY_FIVE), scale: Scale::STANDARD };
        report.scalar("nps_summary", &[0; BINS])
    }
}

/// `nps_tally(score [, scale])`: per group the tally itself — the scale and the number of answers
/// for each score 0..=10 — as a value that can be stored (in Parquet, say) and merged later with
/// [`NpsMerge`](crate::NpsMerge), or turned into numbers with `nps_from_tally` and
/// `nps_summary_from_tally`.
///
/// The value is a struct of `min`, `max`, `passive_from`, `promoter_from` (`UInt8`, the scale as
/// in [`nps_stats::Scale::new`]) and `counts` (`List<UInt64>`, always 11 entries: the answers with
/// score 0, 1, …, 10; scores off the scale have 0). Scores and nulls are treated as in [`Nps`]. A
/// group without answers gives a tally with all counts 0, on its scale.
///
/// # Examples
///
/// ```
/// use datafusion::logical_expr::AggregateUDF;
/// use nps_stats_datafusion::NpsTally;
///
/// let tally = AggregateUDF::from(NpsTally::new());
/// assert_eq!(tally.name(), "nps_tally");
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct NpsTally {
    signature: Signature,
}

impl NpsTally {
    /// The function, ready for [`AggregateUDF::from`](datafusion::logical_expr::AggregateUDF).
    ///
    /// ```
    /// let f = datafusion::logical_expr::AggregateUDF::from(nps_stats_datafusion::NpsTally::new());
    /// assert_eq!(f.name(), "nps_tally");
    /// ```
    pub fn new() -> NpsTally {
        NpsTally { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for NpsTally {
    fn default() -> NpsTally {
        NpsTally::new()
    }
}

impl AggregateUDFImpl for NpsTally {
    fn name(&self) -> &str {
        "nps_tally"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce_score_and_scale("nps_tally", arg_types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(Kind::Tally.data_type())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        no_distinct("nps_tally", &args)?;
        Ok(Box::new(HistogramAccumulator::new("nps_tally", report_of("nps_tally", &args, Kind::Tally)?)))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![histogram_field(args.name)])
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.is_distinct
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        no_distinct("nps_tally", &args)?;
        Ok(Box::new(HistogramGroups::new("nps_tally", report_of("nps_tally", &args, Kind::Tally)?)))
    }

    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        reject_distinct("nps_tally")
    }
}

/// The argument types of `f(score [, scale])` after coercion: the score keeps its integer type, a
/// scale is text.
pub(crate) fn coerce_score_and_scale(function: &str, arg_types: &[DataType]) -> Result<Vec<DataType>> {
    match arg_types {
        [score] => Ok(vec![coerce_score(function, score)?]),
        [score, scale] if is_scale_type(scale) => Ok(vec![coerce_score(function, score)?, DataType::Utf8]),
        [_, scale] => plan_err!("{function}: the scale must be text such as 'dutch', got {scale}"),
        _ => plan_err!(
            "{function} takes the score column and optionally a scale such as 'dutch'; got {} arguments",
            arg_types.len()
        ),
    }
}

/// The report of a histogram aggregate from its constant arguments after the score: a confidence
/// level (a number, for `nps_summary`) and a scale (text); 95 % and the standard scale when absent.
fn report_of(function: &str, args: &AccumulatorArgs, kind: Kind) -> Result<Report> {
    let mut report = Report { kind, scale: Scale::STANDARD };
    for (expr, field) in args.exprs.iter().zip(args.expr_fields).skip(1) {
        if is_scale_type(field.data_type()) {
            report.scale = scale_of(function, expr)?;
        } else if let Kind::Summary(_) = kind {
            report.kind = Kind::Summary(level_of(function, expr)?);
        } else {
            return plan_err!("{function}: unexpected argument of type {}", field.data_type());
        }
    }
    Ok(report)
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

/// The confidence level of `nps_summary` from its constant argument.
pub(crate) fn level_of(function: &str, expr: &Arc<dyn PhysicalExpr>) -> Result<Confidence> {
    let value = constant(function, "confidence level", expr)?;
    let level = match value.cast_to(&DataType::Float64)? {
        ScalarValue::Float64(Some(level)) => level,
        _ => return plan_err!("{function}: the confidence level must not be null"),
    };
    Confidence::new(level).map_err(|error| DataFusionError::Plan(format!("{function}: {error}")))
}
