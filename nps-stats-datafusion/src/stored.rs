//! Stored tallies: `nps_tally` returns a group's tally as a value, `nps_merge` adds such values up,
//! and `nps_from_tally` / `nps_summary_from_tally` turn one into numbers.
//!
//! The value is a struct `{min, max, passive_from, promoter_from: UInt8, counts: List<UInt64>}` with
//! 11 counts (answers with score 0..=10): plain integers, so it survives Parquet, CSV-free exports and
//! other engines unchanged, and merging stored tallies is adding integers — exactly the counts of all
//! the raw rows, however the roll-ups were cut.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Float64Array, ListArray, StructArray, UInt8Array, UInt64Array,
};
use datafusion::arrow::buffer::{NullBuffer, OffsetBuffer};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields, UInt8Type, UInt64Type};
use datafusion::common::{DataFusionError, Result, ScalarValue, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, AggregateFunctionSimplification, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, ColumnarValue, EmitTo, GroupsAccumulator, ScalarFunctionArgs,
    ScalarUDFImpl, Signature, Volatility,
};
use nps_stats::{Confidence, Scale, Tally};

use crate::functions::{no_distinct, reject_distinct};
use crate::histogram::{emitted, first, same_length};
use crate::report::{Kind, execution, summaries};
use crate::state::{BINS, take_groups};

/// The names of the scale fields of a stored tally, in order.
const SCALE_FIELDS: [&str; 4] = ["min", "max", "passive_from", "promoter_from"];

/// The fields of a stored tally, in order: the scale, then the 11 counts.
pub(crate) fn tally_fields() -> Fields {
    let mut fields: Vec<Field> =
        SCALE_FIELDS.iter().map(|name| Field::new(*name, DataType::UInt8, false)).collect();
    fields.push(Field::new("counts", DataType::List(count_field()), false));
    Fields::from(fields)
}

fn count_field() -> FieldRef {
    Arc::new(Field::new_list_field(DataType::UInt64, true))
}

/// The Arrow type of a stored tally.
pub(crate) fn tally_type() -> DataType {
    DataType::Struct(tally_fields())
}

/// The 11 counts of a tally. The tallies here are counted from scores; a tally of category counts
/// alone (which has no histogram) keeps each category's count at its lowest score, as the library does.
fn bins_of(tally: &Tally) -> [u64; BINS] {
    if let Some(histogram) = tally.histogram() {
        return *histogram;
    }
    let scale = tally.scale();
    let mut bins = [0; BINS];
    for (score, count) in [
        (scale.min(), tally.detractors()),
        (scale.passive_from(), tally.passives()),
        (scale.promoter_from(), tally.promoters()),
    ] {
        if let Some(bin) = bins.get_mut(usize::from(score)) {
            *bin += count;
        }
    }
    bins
}

/// A column of stored tallies; `None` rows are null.
pub(crate) fn tally_array(tallies: &[Option<Tally>]) -> Result<ArrayRef> {
    let mut scale: [Vec<u8>; 4] = Default::default();
    let mut counts = Vec::with_capacity(tallies.len() * BINS);
    for tally in tallies {
        let (s, histogram) = match tally {
            Some(tally) => (tally.scale(), bins_of(tally)),
            None => (Scale::STANDARD, [0; BINS]),
        };
        for (column, value) in scale.iter_mut().zip([s.min(), s.max(), s.passive_from(), s.promoter_from()]) {
            column.push(value);
        }
        counts.extend_from_slice(&histogram);
    }
    let offsets = OffsetBuffer::from_lengths(std::iter::repeat_n(BINS, tallies.len()));
    let counts = ListArray::try_new(count_field(), offsets, Arc::new(UInt64Array::from(counts)), None)?;
    let mut columns: Vec<ArrayRef> =
        scale.into_iter().map(|column| Arc::new(UInt8Array::from(column)) as ArrayRef).collect();
    columns.push(Arc::new(counts));
    let nulls = tallies.iter().any(Option::is_none).then(|| tallies.iter().map(Option::is_some).collect());
    Ok(Arc::new(StructArray::try_new(tally_fields(), columns, nulls.map(NullBuffer::new))?))
}

/// Whether `data_type` is a stored tally: a struct with the fields `min`, `max`, `passive_from`,
/// `promoter_from` (integers) and `counts` (a list of integers), in any order, with any others
/// beside them.
pub(crate) fn is_tally_type(data_type: &DataType) -> bool {
    let DataType::Struct(fields) = data_type else {
        return false;
    };
    let field = |name: &str| fields.iter().find(|f| f.name() == name).map(|f| f.data_type().clone());
    let integer = |name: &str| field(name).is_some_and(|t| t.is_integer());
    let list_of_integers = match field("counts") {
        Some(DataType::List(item) | DataType::LargeList(item) | DataType::FixedSizeList(item, _)) => {
            item.data_type().is_integer()
        }
        _ => false,
    };
    SCALE_FIELDS.iter().all(|name| integer(name)) && list_of_integers
}

/// The planning error for an argument that is not a stored tally.
pub(crate) fn not_a_tally<T>(function: &str, data_type: &DataType) -> Result<T> {
    plan_err!(
        "{function}: expected a tally as returned by nps_tally (a struct of min, max, passive_from, \
         promoter_from and counts), got {data_type}"
    )
}

/// The stored tallies of a column, one per row, `None` for a null row (or one that `filter` leaves
/// out).
///
/// # Errors
///
/// An execution error naming the row when a tally is malformed: a null scale field or count, not
/// 11 counts, cut-points that are not a scale, or counts for scores off its scale.
pub(crate) fn tallies_of(
    function: &str,
    column: &ArrayRef,
    filter: Option<&BooleanArray>,
) -> Result<Vec<Option<Tally>>> {
    let Some(tallies) = column.as_struct_opt() else {
        return not_a_tally(function, column.data_type());
    };
    let scale_columns = SCALE_FIELDS
        .iter()
        .map(|name| match tallies.column_by_name(name) {
            Some(values) => Ok(cast(values, &DataType::UInt8)?),
            None => not_a_tally(function, column.data_type()),
        })
        .collect::<Result<Vec<ArrayRef>>>()?;
    let counts = match tallies.column_by_name("counts") {
        Some(counts) => cast(counts, &DataType::List(count_field()))?,
        None => return not_a_tally(function, column.data_type()),
    };
    let counts = counts.as_list::<i32>();
    let malformed = |row: usize, what: &str| {
        DataFusionError::Execution(format!("{function}: the tally in row {row} is malformed: {what}"))
    };
    let mut out = Vec::with_capacity(tallies.len());
    for row in 0..tallies.len() {
        let counted = filter.is_none_or(|f| f.is_valid(row) && f.value(row));
        if !counted || tallies.is_null(row) {
            out.push(None);
            continue;
        }
        let mut cut_points = [0u8; 4];
        for (value, column) in cut_points.iter_mut().zip(&scale_columns) {
            let column = column.as_primitive::<UInt8Type>();
            if column.is_null(row) {
                return Err(malformed(row, "a null scale field"));
            }
            *value = column.value(row);
        }
        let [min, max, passive_from, promoter_from] = cut_points;
        let scale = Scale::new(min, max, passive_from, promoter_from)
            .map_err(|error| malformed(row, &error.to_string()))?;
        if counts.is_null(row) {
            return Err(malformed(row, "null counts"));
        }
        let bins = counts.value(row);
        let bins = bins.as_primitive::<UInt64Type>();
        if bins.len() != BINS || bins.null_count() > 0 {
            return Err(malformed(row, "expected 11 counts without nulls, for the scores 0 to 10"));
        }
        let mut histogram = [0u64; BINS];
        histogram.copy_from_slice(bins.values());
        let tally =
            Tally::from_histogram(scale, histogram).map_err(|error| malformed(row, &error.to_string()))?;
        out.push(Some(tally));
    }
    Ok(out)
}

/// `nps_merge(tally)`: the sum of the stored tallies in each group (see
/// [`NpsTally`](crate::NpsTally)), as a tally of the same type — the `-Merge` half of storing
/// partial aggregates.
///
/// Merging adds counts, so the merged tally of daily or per-file roll-ups is exactly the tally of
/// all their raw rows, and `nps_from_tally(nps_merge(t))` is bit for bit `nps(score)` over those
/// rows. Null tallies are ignored; a group with none gives `NULL`. Tallies on different scales are
/// an execution error (they must not be mixed), and so are malformed tallies and counts that would
/// pass `u64::MAX` answers.
///
/// # Examples
///
/// ```
/// use datafusion::logical_expr::AggregateUDF;
/// use nps_stats_datafusion::NpsMerge;
///
/// let merge = AggregateUDF::from(NpsMerge::new());
/// assert_eq!(merge.name(), "nps_merge");
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct NpsMerge {
    signature: Signature,
}

impl NpsMerge {
    /// The function, ready for [`AggregateUDF::from`](datafusion::logical_expr::AggregateUDF).
    ///
    /// ```
    /// let f = datafusion::logical_expr::AggregateUDF::from(nps_stats_datafusion::NpsMerge::new());
    /// assert_eq!(f.name(), "nps_merge");
    /// ```
    pub fn new() -> NpsMerge {
        NpsMerge { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for NpsMerge {
    fn default() -> NpsMerge {
        NpsMerge::new()
    }
}

const MERGE: &str = "nps_merge";

impl AggregateUDFImpl for NpsMerge {
    fn name(&self) -> &str {
        MERGE
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [tally] if is_tally_type(tally) => Ok(vec![tally.clone()]),
            [DataType::Null] => Ok(vec![tally_type()]),
            [other] => not_a_tally(MERGE, other),
            _ => plan_err!("{MERGE} takes one argument, a tally column; got {} arguments", arg_types.len()),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(tally_type())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        no_distinct(MERGE, &args)?;
        Ok(Box::new(MergeAccumulator { tally: None }))
    }

    /// The partial state is the merged tally itself (null until a tally arrives).
    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(format_state_name(args.name, "tally"), tally_type(), true))])
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.is_distinct
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        no_distinct(MERGE, &args)?;
        Ok(Box::new(MergeGroups { tallies: Vec::new() }))
    }

    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        reject_distinct(MERGE)
    }
}

/// Adds `part` to `total`, which takes `part`'s scale when it is still empty.
fn merge_into(total: &mut Option<Tally>, part: &Tally) -> Result<()> {
    match total {
        Some(total) => total.merge(part).map_err(|error| execution(MERGE, error)),
        None => {
            *total = Some(part.clone());
            Ok(())
        }
    }
}

#[derive(Debug)]
struct MergeAccumulator {
    tally: Option<Tally>,
}

impl Accumulator for MergeAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        for part in tallies_of(MERGE, first(MERGE, values)?, None)?.iter().flatten() {
            merge_into(&mut self.tally, part)?;
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        ScalarValue::try_from_array(&tally_array(std::slice::from_ref(&self.tally))?, 0)
    }

    fn size(&self) -> usize {
        size_of_val(self)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.evaluate()?])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.update_batch(states)
    }
}

#[derive(Debug)]
struct MergeGroups {
    tallies: Vec<Option<Tally>>,
}

impl GroupsAccumulator for MergeGroups {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.tallies.resize(total_num_groups, None);
        let parts = tallies_of(MERGE, first(MERGE, values)?, opt_filter)?;
        same_length(MERGE, group_indices.len(), parts.len())?;
        for (&group, part) in group_indices.iter().zip(&parts) {
            if let Some(part) = part {
                let total = self.tallies.get_mut(group).ok_or_else(|| {
                    DataFusionError::Internal(format!("{MERGE}: group {group} out of range"))
                })?;
                merge_into(total, part)?;
            }
        }
        Ok(())
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        tally_array(&take_groups(&mut self.tallies, emitted(emit_to), 1))
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        Ok(vec![self.evaluate(emit_to)?])
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.update_batch(values, group_indices, None, total_num_groups)
    }

    /// Each row's tally as its own partial state (null where the filter leaves it out).
    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        Ok(vec![tally_array(&tallies_of(MERGE, first(MERGE, values)?, opt_filter)?)?])
    }

    fn size(&self) -> usize {
        self.tallies.capacity() * size_of::<Option<Tally>>()
    }
}

/// `nps_from_tally(tally)`: the NPS of a stored tally (see [`NpsTally`](crate::NpsTally)), in points,
/// as `Float64`; `NULL` for a null tally or one without answers.
///
/// # Examples
///
/// ```
/// use datafusion::logical_expr::ScalarUDF;
/// use nps_stats_datafusion::NpsFromTally;
///
/// let f = ScalarUDF::from(NpsFromTally::new());
/// assert_eq!(f.name(), "nps_from_tally");
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct NpsFromTally {
    signature: Signature,
}

impl NpsFromTally {
    /// The function, ready for [`ScalarUDF::from`](datafusion::logical_expr::ScalarUDF).
    ///
    /// ```
    /// let f = datafusion::logical_expr::ScalarUDF::from(nps_stats_datafusion::NpsFromTally::new());
    /// assert_eq!(f.name(), "nps_from_tally");
    /// ```
    pub fn new() -> NpsFromTally {
        NpsFromTally { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for NpsFromTally {
    fn default() -> NpsFromTally {
        NpsFromTally::new()
    }
}

impl ScalarUDFImpl for NpsFromTally {
    fn name(&self) -> &str {
        "nps_from_tally"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce_tally("nps_from_tally", arg_types, false)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(Kind::Nps.data_type())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let tallies = scalar_tallies("nps_from_tally", &args)?;
        let nps: Float64Array = tallies.iter().map(|tally| tally.as_ref().and_then(Tally::nps)).collect();
        Ok(ColumnarValue::Array(Arc::new(nps)))
    }
}

/// `nps_summary_from_tally(tally [, level])`: the summary of a stored tally — the struct that
/// [`NpsSummary`](crate::NpsSummary) returns, with the adjusted Wald interval at the constant
/// `level` (default 0.95); `NULL` for a null tally.
///
/// # Examples
///
/// ```
/// use datafusion::logical_expr::ScalarUDF;
/// use nps_stats_datafusion::NpsSummaryFromTally;
///
/// let f = ScalarUDF::from(NpsSummaryFromTally::new());
/// assert_eq!(f.name(), "nps_summary_from_tally");
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct NpsSummaryFromTally {
    signature: Signature,
}

impl NpsSummaryFromTally {
    /// The function, ready for [`ScalarUDF::from`](datafusion::logical_expr::ScalarUDF).
    ///
    /// ```
    /// use datafusion::logical_expr::ScalarUDF;
    /// let f = ScalarUDF::from(nps_stats_datafusion::NpsSummaryFromTally::new());
    /// assert_eq!(f.name(), "nps_summary_from_tally");
    /// ```
    pub fn new() -> NpsSummaryFromTally {
        NpsSummaryFromTally { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for NpsSummaryFromTally {
    fn default() -> NpsSummaryFromTally {
        NpsSummaryFromTally::new()
    }
}

impl ScalarUDFImpl for NpsSummaryFromTally {
    fn name(&self) -> &str {
        "nps_summary_from_tally"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce_tally("nps_summary_from_tally", arg_types, true)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(Kind::Summary(Confidence::NINETY_FIVE).data_type())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        const NAME: &str = "nps_summary_from_tally";
        let level = match args.args.get(1) {
            None => Confidence::NINETY_FIVE,
            Some(ColumnarValue::Scalar(value)) => match value.cast_to(&DataType::Float64)? {
                ScalarValue::Float64(Some(level)) => {
                    Confidence::new(level).map_err(|error| execution(NAME, error))?
                }
                _ => return plan_err!("{NAME}: the confidence level must not be null"),
            },
            Some(ColumnarValue::Array(_)) => {
                return plan_err!(
                    "{NAME}: the confidence level must be a constant such as 0.9, not a column"
                );
            }
        };
        let tallies = scalar_tallies(NAME, &args)?;
        let present: Vec<Result<Tally>> =
            tallies.iter().map(|tally| Ok(tally.clone().unwrap_or_default())).collect();
        let summary = summaries(NAME, present.into_iter(), level)?;
        let summary = summary.as_struct();
        let nulls =
            tallies.iter().any(Option::is_none).then(|| tallies.iter().map(Option::is_some).collect());
        let (fields, columns, _) = summary.clone().into_parts();
        Ok(ColumnarValue::Array(Arc::new(StructArray::try_new(fields, columns, nulls.map(NullBuffer::new))?)))
    }
}

/// The argument types of a tally function: the tally, and for a summary optionally a level.
fn coerce_tally(function: &str, arg_types: &[DataType], level: bool) -> Result<Vec<DataType>> {
    let tally = |data_type: &DataType| match data_type {
        DataType::Null => Ok(tally_type()),
        t if is_tally_type(t) => Ok(t.clone()),
        other => not_a_tally(function, other),
    };
    match arg_types {
        [t] => Ok(vec![tally(t)?]),
        [t, l] if level && (l.is_numeric() || *l == DataType::Null) => Ok(vec![tally(t)?, DataType::Float64]),
        [_, l] if level => {
            plan_err!("{function}: the confidence level must be a number such as 0.9, got {l}")
        }
        _ if level => plan_err!(
            "{function} takes a tally and optionally a confidence level; got {} arguments",
            arg_types.len()
        ),
        _ => plan_err!("{function} takes one argument, a tally; got {} arguments", arg_types.len()),
    }
}

/// The tallies of a scalar function's first argument, one per row.
fn scalar_tallies(function: &str, args: &ScalarFunctionArgs) -> Result<Vec<Option<Tally>>> {
    let column = match args.args.first() {
        Some(value) => value.to_array(args.number_rows)?,
        None => return plan_err!("{function}: expected a tally argument"),
    };
    tallies_of(function, &column, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_round_trip_through_their_column() -> Result<()> {
        let dutch = Tally::from_scores_on(Scale::DUTCH, &[1, 8, 10, 10]).map_err(|e| execution("t", e))?;
        let column = tally_array(&[Some(dutch.clone()), None, Some(Tally::new())])?;
        assert!(is_tally_type(column.data_type()));
        assert_eq!(column.null_count(), 1);
        assert_eq!(tallies_of("t", &column, None)?, vec![Some(dutch), None, Some(Tally::new())]);
        let only_first = BooleanArray::from(vec![true, true, false]);
        assert_eq!(tallies_of("t", &column, Some(&only_first))?[2], None);
        Ok(())
    }

    #[test]
    fn malformed_tallies_are_named() -> Result<()> {
        // Counts for a 0 on the Dutch scale.
        let mut histogram = [0u64; BINS];
        histogram[0] = 1;
        let column = tally_array(&[Some(
            Tally::from_histogram(Scale::STANDARD, histogram).map_err(|e| execution("t", e))?,
        )])?;
        let (fields, mut columns, nulls) = column.as_struct().clone().into_parts();
        columns[0] = Arc::new(UInt8Array::from(vec![1]));
        let shifted: ArrayRef = Arc::new(StructArray::try_new(fields, columns, nulls)?);
        let message =
            tallies_of("nps_merge", &shifted, None).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message
                .contains("nps_merge: the tally in row 0 is malformed: score 0 is outside the scale 1..=10"),
            "{message}"
        );
        Ok(())
    }

    #[test]
    fn merging_adds_counts_and_refuses_mixed_scales() -> Result<()> {
        let standard = Tally::from_scores(&[10, 3]).map_err(|e| execution("t", e))?;
        let dutch = Tally::from_scores_on(Scale::DUTCH, &[10]).map_err(|e| execution("t", e))?;
        let mut groups = MergeGroups { tallies: Vec::new() };
        let column = tally_array(&[Some(standard.clone()), Some(standard.clone()), None])?;
        groups.update_batch(&[column], &[0, 0, 1], None, 2)?;
        let merged = tallies_of("t", &groups.evaluate(EmitTo::All)?, None)?;
        let mut twice = standard.clone();
        twice.merge(&standard).map_err(|e| execution("t", e))?;
        assert_eq!(merged, vec![Some(twice), None]);
        let mut mixed = MergeAccumulator { tally: None };
        let result = mixed.update_batch(&[tally_array(&[Some(standard), Some(dutch)])?]);
        assert!(result.is_err());
        Ok(())
    }
}
