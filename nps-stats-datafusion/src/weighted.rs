//! The aggregate function `weighted_nps(score, weight)`.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray, BooleanArray, Float64Array};
use datafusion::arrow::datatypes::{DataType, FieldRef, Float64Type};
use datafusion::common::{DataFusionError, Result, ScalarValue, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, AggregateFunctionSimplification, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, EmitTo, GroupsAccumulator, Signature, Volatility,
};
use nps_stats::{Category, Scale, Tally, WeightedTally};

use crate::functions::{no_distinct, reject_distinct};
use crate::histogram::{emitted, same_length};
use crate::report::execution;
use crate::scores::{MAX_SCORE, coerce_score, score_bytes};
use crate::state::{
    BINS, CATEGORIES, histogram_array, histogram_field, histogram_values, sums_array, sums_values,
    take_groups, weight_fields,
};

const NAME: &str = "weighted_nps";

/// `weighted_nps(score, weight)`: the weighted NPS of each group, 100 × (Σw of promoters − Σw of
/// detractors) / Σw, as `Float64` — for example with account value (ARR) as the weight, so that a
/// key account counts for more than a small one. See [`nps_stats::WeightedTally::nps`].
///
/// Scores are treated as in [`Nps`](crate::Nps). The weight may be any numeric column (it is read as
/// `Float64`) and must be finite and greater than 0: NaN, ±∞, 0 or a negative weight is an execution
/// error that names the value, never a silently dropped row. A row whose score or weight is null is
/// ignored, like a pair with a null in SQL's two-argument aggregates. A group without answers gives
/// `NULL`.
///
/// The partial state is the weighted tally itself (11 counts, Σw and Σw² per category), so partial
/// results merge exactly: up to the rounding of the weight sums, which are carried with compensated
/// summation.
///
/// # Examples
///
/// ```
/// use datafusion::logical_expr::AggregateUDF;
/// use nps_stats_datafusion::WeightedNps;
///
/// let weighted = AggregateUDF::from(WeightedNps::new());
/// assert_eq!(weighted.name(), "weighted_nps");
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct WeightedNps {
    signature: Signature,
}

impl WeightedNps {
    /// The function, ready for [`AggregateUDF::from`](datafusion::logical_expr::AggregateUDF).
    ///
    /// ```
    /// let f = datafusion::logical_expr::AggregateUDF::from(nps_stats_datafusion::WeightedNps::new());
    /// assert_eq!(f.name(), "weighted_nps");
    /// ```
    pub fn new() -> WeightedNps {
        WeightedNps { signature: Signature::user_defined(Volatility::Immutable) }
    }
}

impl Default for WeightedNps {
    fn default() -> WeightedNps {
        WeightedNps::new()
    }
}

impl AggregateUDFImpl for WeightedNps {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [score, weight] if weight.is_numeric() || *weight == DataType::Null => {
                Ok(vec![coerce_score(NAME, score)?, DataType::Float64])
            }
            [_, weight] => plan_err!("{NAME}: the weight must be a numeric column, got {weight}"),
            _ => plan_err!("{NAME} takes two arguments, score and weight; got {}", arg_types.len()),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        no_distinct(NAME, &args)?;
        Ok(Box::new(WeightedAccumulator { tally: WeightedTally::new(), bytes: Vec::new() }))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let [weight, weight_squared] = weight_fields(args.name);
        Ok(vec![histogram_field(args.name), weight, weight_squared])
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.is_distinct
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        no_distinct(NAME, &args)?;
        Ok(Box::new(WeightedGroups { tallies: Vec::new(), bytes: Vec::new() }))
    }

    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        reject_distinct(NAME)
    }
}

/// The weighted tally of one group.
#[derive(Debug)]
struct WeightedAccumulator {
    tally: WeightedTally,
    bytes: Vec<u8>,
}

impl Accumulator for WeightedAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let weights = rows(values, None, &mut self.bytes)?;
        for (&score, &weight) in self.bytes.iter().zip(weights.values()) {
            if score <= MAX_SCORE {
                self.tally.try_add(score, weight).map_err(|error| execution(NAME, error))?;
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Float64(self.tally.nps()))
    }

    fn size(&self) -> usize {
        size_of_val(self) + self.bytes.capacity()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state_of(std::slice::from_ref(&self.tally))?
            .iter()
            .map(|column| ScalarValue::try_from_array(column, 0))
            .collect()
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for part in parts_of(states)? {
            self.tally.merge(&part?).map_err(|error| execution(NAME, error))?;
        }
        Ok(())
    }
}

/// The weighted tallies of all groups.
#[derive(Debug)]
struct WeightedGroups {
    tallies: Vec<WeightedTally>,
    bytes: Vec<u8>,
}

impl GroupsAccumulator for WeightedGroups {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.tallies.resize_with(total_num_groups, WeightedTally::new);
        let weights = rows(values, opt_filter, &mut self.bytes)?;
        same_length(NAME, group_indices.len(), self.bytes.len())?;
        for ((&group, &score), &weight) in group_indices.iter().zip(&self.bytes).zip(weights.values()) {
            if score <= MAX_SCORE
                && let Some(tally) = self.tallies.get_mut(group)
            {
                tally.try_add(score, weight).map_err(|error| execution(NAME, error))?;
            }
        }
        Ok(())
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let tallies = take_groups(&mut self.tallies, emitted(emit_to), 1);
        Ok(Arc::new(tallies.iter().map(WeightedTally::nps).collect::<Float64Array>()))
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        state_of(&take_groups(&mut self.tallies, emitted(emit_to), 1))
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.tallies.resize_with(total_num_groups, WeightedTally::new);
        let parts = parts_of(values)?;
        same_length(NAME, group_indices.len(), parts.len())?;
        for (&group, part) in group_indices.iter().zip(parts) {
            let tally = self
                .tallies
                .get_mut(group)
                .ok_or_else(|| DataFusionError::Internal(format!("{NAME}: group {group} out of range")))?;
            tally.merge(&part?).map_err(|error| execution(NAME, error))?;
        }
        Ok(())
    }

    /// Each row as its own weighted tally; weights are validated here as in `update_batch`.
    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        let mut bytes = Vec::new();
        let weights = rows(values, opt_filter, &mut bytes)?;
        let mut tallies = Vec::with_capacity(bytes.len());
        for (&score, &weight) in bytes.iter().zip(weights.values()) {
            let mut tally = WeightedTally::new();
            if score <= MAX_SCORE {
                tally.try_add(score, weight).map_err(|error| execution(NAME, error))?;
            }
            tallies.push(tally);
        }
        state_of(&tallies)
    }

    fn size(&self) -> usize {
        self.tallies.capacity() * size_of::<WeightedTally>() + self.bytes.capacity()
    }
}

/// Fills `bytes` with the score byte of every row (skipping rows with a null score or weight, or
/// filtered out) and returns the weight column.
fn rows<'a>(
    values: &'a [ArrayRef],
    filter: Option<&BooleanArray>,
    bytes: &mut Vec<u8>,
) -> Result<&'a Float64Array> {
    let [scores, weights] = values else {
        return Err(DataFusionError::Internal(format!("{NAME}: expected score and weight columns")));
    };
    bytes.clear();
    score_bytes(NAME, scores, filter, Some(weights), bytes)?;
    let weights = weights
        .as_primitive_opt::<Float64Type>()
        .ok_or_else(|| DataFusionError::Internal(format!("{NAME}: expected Float64 weights")))?;
    same_length(NAME, weights.len(), bytes.len())?;
    Ok(weights)
}

/// The state columns of `tallies`, one row each: histogram, Σw and Σw² per category.
fn state_of(tallies: &[WeightedTally]) -> Result<Vec<ArrayRef>> {
    let mut counts = Vec::with_capacity(tallies.len() * BINS);
    let mut weight = Vec::with_capacity(tallies.len() * CATEGORIES);
    let mut weight_squared = Vec::with_capacity(tallies.len() * CATEGORIES);
    for tally in tallies {
        // Tallies here are counted from scores, so they always have a histogram.
        counts.extend_from_slice(tally.tally().histogram().map_or(&[0; BINS][..], |bins| &bins[..]));
        for category in Category::ALL {
            weight.push(tally.weight(category));
            weight_squared.push(tally.weight_squared(category));
        }
    }
    Ok(vec![histogram_array(counts)?, sums_array(weight)?, sums_array(weight_squared)?])
}

/// The weighted tallies in state columns, one per row, each validated.
fn parts_of(states: &[ArrayRef]) -> Result<impl ExactSizeIterator<Item = Result<WeightedTally>>> {
    let [counts, weight, weight_squared] = states else {
        return Err(DataFusionError::Internal(format!("{NAME}: expected three state columns")));
    };
    let (counts, weight, weight_squared) =
        (histogram_values(counts)?, sums_values(weight)?, sums_values(weight_squared)?);
    same_length(NAME, counts.len() / BINS, weight.len() / CATEGORIES)?;
    same_length(NAME, counts.len() / BINS, weight_squared.len() / CATEGORIES)?;
    let rows = counts
        .chunks_exact(BINS)
        .zip(weight.chunks_exact(CATEGORIES))
        .zip(weight_squared.chunks_exact(CATEGORIES));
    Ok(rows.map(|((counts, weight), weight_squared)| {
        let mut histogram = [0u64; BINS];
        histogram.copy_from_slice(counts);
        let mut sums = [[0.0; CATEGORIES]; 2];
        sums[0].copy_from_slice(weight);
        sums[1].copy_from_slice(weight_squared);
        let tally =
            Tally::from_histogram(Scale::STANDARD, histogram).map_err(|error| execution(NAME, error))?;
        WeightedTally::from_parts(tally, sums[0], sums[1]).map_err(|error| execution(NAME, error))
    }))
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::Int32Array;

    use super::*;

    fn batch(scores: &[i32], weights: &[Option<f64>]) -> Vec<ArrayRef> {
        vec![Arc::new(Int32Array::from(scores.to_vec())), Arc::new(Float64Array::from(weights.to_vec()))]
    }

    #[test]
    fn partial_tallies_merge_into_the_tally_of_all_rows() -> Result<()> {
        let mut left = WeightedGroups { tallies: Vec::new(), bytes: Vec::new() };
        left.update_batch(&batch(&[10, 2], &[Some(3.0), Some(1.0)]), &[0, 0], None, 1)?;
        let mut right = WeightedGroups { tallies: Vec::new(), bytes: Vec::new() };
        right.update_batch(&batch(&[0, 9], &[Some(4.0), None]), &[0, 0], None, 1)?;
        let mut total = WeightedGroups { tallies: Vec::new(), bytes: Vec::new() };
        total.merge_batch(&left.state(EmitTo::All)?, &[0], 1)?;
        total.merge_batch(&right.state(EmitTo::All)?, &[0], 1)?;
        // Promoter weight 3, detractor weight 1 + 4; the row with a null weight does not count.
        let nps = total.evaluate(EmitTo::All)?;
        assert_eq!(nps.as_primitive::<Float64Type>().value(0), 100.0 * (3.0 - 5.0) / 8.0);
        assert_eq!(total.tallies.len(), 0);
        Ok(())
    }

    #[test]
    fn invalid_weights_are_named() {
        for (weight, shown) in [(f64::NAN, "NaN"), (0.0, "weight 0 "), (-2.5, "-2.5"), (f64::INFINITY, "inf")]
        {
            let mut groups = WeightedGroups { tallies: Vec::new(), bytes: Vec::new() };
            let result = groups.update_batch(&batch(&[9], &[Some(weight)]), &[0], None, 1);
            let message = result.err().map(|error| error.to_string()).unwrap_or_default();
            assert!(message.contains("weighted_nps: weight") && message.contains(shown), "{message}");
            assert!(groups.convert_to_state(&batch(&[9], &[Some(weight)]), None).is_err());
        }
    }

    #[test]
    fn an_inconsistent_state_is_rejected() -> Result<()> {
        // Weight for detractors that have no answers.
        let states = vec![
            histogram_array(vec![0; BINS])?,
            sums_array(vec![1.0, 0.0, 0.0])?,
            sums_array(vec![1.0, 0.0, 0.0])?,
        ];
        let mut total = WeightedAccumulator { tally: WeightedTally::new(), bytes: Vec::new() };
        assert!(total.merge_batch(&states).is_err());
        Ok(())
    }
}
