//! The aggregate function `weighted_nps(score, weight [, scale])`.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Float64Array, ListArray};
use datafusion::arrow::buffer::{OffsetBuffer, ScalarBuffer};
use datafusion::arrow::datatypes::{ArrowNativeType, DataType, Field, FieldRef, Float64Type};
use datafusion::common::{DataFusionError, Result, ScalarValue, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, AggregateFunctionSimplification, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, EmitTo, GroupsAccumulator, Signature, Volatility,
};
use nps_stats::tally::{MAX_WEIGHT, MIN_WEIGHT};
use nps_stats::{Category, Scale, WeightedTally};

use crate::exact::{ExactSum, decompose, scale_by_power_of_two, scaled_parts};
use crate::functions::{no_distinct, reject_distinct};
use crate::histogram::{emitted, same_length};
use crate::report::execution;
use crate::scale::{is_scale_type, scale_of};
use crate::scores::{MAX_SCORE, coerce_score, every_row_counts, score_bytes, with_score_values};
use crate::state::take_groups;

const NAME: &str = "weighted_nps";

/// `weighted_nps(score, weight [, scale])`: the weighted NPS of each group, 100 × (Σw of promoters −
/// Σw of detractors) / Σw, as `Float64` — for example with account value (ARR) as the weight, so
/// that a key account counts for more than a small one. See [`nps_stats::WeightedTally::nps`].
///
/// Scores and the optional scale are treated as in [`Nps`](crate::Nps). The weight may be any
/// numeric column (it is read as `Float64`) and must be what [`WeightedTally::add`] accepts: from
/// [`MIN_WEIGHT`] (2⁻⁵¹¹ ≈ 1.5e-154) to [`MAX_WEIGHT`] (2⁵¹¹ ≈ 6.7e153). NaN,
/// ±∞, 0, a negative or an out-of-range weight is an execution error that names the value, never a
/// silently dropped row. A row whose score or weight is null is ignored, like a pair with a null in
/// SQL's two-argument aggregates. A group without answers gives `NULL`.
///
/// # Exact, whatever the partitioning
///
/// Σw per category is kept exactly — as integers in units of the lowest bit of the smallest
/// weight, or as big integers when the weights span too wide a range — and the partial state
/// carries it exactly, so the result is the correctly rounded value of 100 × (exact net weight /
/// exact total weight), bit for bit the same at any number of partitions, threads or executors and
/// in any merge order. (Compensated summation would not be: the rounding of each partial sum, and
/// of the compensation terms themselves, depends on how the rows were split.) Unlike
/// [`WeightedTally`], the aggregate does not keep Σw², which the weighted NPS does not need.
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
        let weight = |weight: &DataType| {
            if weight.is_numeric() || *weight == DataType::Null {
                Ok(DataType::Float64)
            } else {
                plan_err!("{NAME}: the weight must be a numeric column, got {weight}")
            }
        };
        match arg_types {
            [score, w] => Ok(vec![coerce_score(NAME, score)?, weight(w)?]),
            [score, w, scale] if is_scale_type(scale) => {
                Ok(vec![coerce_score(NAME, score)?, weight(w)?, DataType::Utf8])
            }
            [_, _, scale] => plan_err!("{NAME}: the scale must be text such as 'dutch', got {scale}"),
            _ => plan_err!(
                "{NAME} takes two arguments, score and weight, and optionally a scale; got {}",
                arg_types.len()
            ),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        no_distinct(NAME, &args)?;
        Ok(Box::new(WeightedAccumulator {
            groups: WeightedGroups::new(scale_arg(&args)?),
            zeros: Vec::new(),
        }))
    }

    /// Σw of detractors, passives and promoters, each exactly: a list of `f64` parts whose exact sum
    /// it is.
    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(["detractor_weight", "passive_weight", "promoter_weight"]
            .map(|part| {
                Arc::new(Field::new(format_state_name(args.name, part), DataType::List(part_field()), true))
                    as FieldRef
            })
            .to_vec())
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !args.is_distinct
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        no_distinct(NAME, &args)?;
        Ok(Box::new(WeightedGroups::new(scale_arg(&args)?)))
    }

    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        reject_distinct(NAME)
    }
}

/// The scale of the optional third argument; the standard scale without one.
fn scale_arg(args: &AccumulatorArgs) -> Result<Scale> {
    match args.exprs.get(2) {
        Some(expr) => scale_of(NAME, expr),
        None => Ok(Scale::STANDARD),
    }
}

/// The slot of a counted answer's category in a group's cells: 0 detractor, 1 passive, 2 promoter;
/// [`OFF_SCALE`] for any other byte (its low bits are the discarded cell 3, where the weight of a
/// row that does not count is added and never read).
fn slots(scale: Scale) -> [u8; 256] {
    let mut slots = [OFF_SCALE; 256];
    for score in scale.scores() {
        if let (Some(slot), Ok(category)) = (slots.get_mut(usize::from(score)), scale.category(score)) {
            *slot = match category {
                Category::Detractor => 0,
                Category::Passive => 1,
                Category::Promoter => 2,
            };
        }
    }
    slots
}

/// The cell of rows that do not count.
const DISCARDED: usize = 3;

/// The slot of a value off the scale: bit 2 marks it, the low bits are the discarded cell.
const OFF_SCALE: u8 = 0b111;

/// The largest value any fixed-point cell, or their total, may reach: every sum stays below 2¹²⁶, so
/// the three cells of a group add up without overflow and their difference fits an `i128`.
const LIMIT: u128 = 1 << 126;

/// Σw per category of every group, kept exactly.
///
/// Usually as integers: every cell is an integer multiple of 2^`exponent`, where `exponent` is that
/// of the lowest bit of the smallest weight seen, so each weight is its 53-bit significand shifted
/// into place and added without rounding — a few integer instructions per row. `bound` is an upper
/// bound of the sum of all cells, checked before every batch so that no cell can overflow. When a
/// batch would not fit (weights spread over more than about 2⁷⁰, or sums past 2¹²⁶ units) the sums
/// move, exactly, to [`ExactSum`]s of any size. Both are exact, so the result is the correctly
/// rounded value of the true sums either way.
#[derive(Debug)]
enum Sums {
    Fixed { exponent: Option<i32>, bound: u128, cells: Vec<[u128; 4]> },
    Exact(Vec<[ExactSum; 3]>),
}

/// The exponent of the lowest bit of a positive normal `f64`'s 53-bit significand.
fn low_exponent(x: f64) -> i32 {
    let (_, position) = decompose(x);
    position as i32 - 1074
}

impl Sums {
    fn resize(&mut self, groups: usize) {
        match self {
            Sums::Fixed { cells, .. } => cells.resize(groups, [0; 4]),
            Sums::Exact(sums) => sums.resize_with(groups, Default::default),
        }
    }

    /// Makes room in the fixed-point cells for `rows` more values, each a multiple of 2^`low` and
    /// below 2^`top`: lowers the exponent if needed and checks the bound. False, with nothing
    /// changed, when they do not fit.
    fn reserve(&mut self, low: i32, top: i32, rows: u128) -> bool {
        let Sums::Fixed { exponent, bound, cells } = self else {
            return false;
        };
        let current = exponent.unwrap_or(low);
        let target = current.min(low);
        let rescale = (current - target) as u32;
        let width = top - target;
        if rescale >= 126 || *bound >= LIMIT >> rescale || !(0..=126).contains(&width) {
            return false;
        }
        let scaled_bound = *bound << rescale;
        let Some(added) = rows.checked_shl(width as u32).filter(|_| rows < LIMIT >> width) else {
            return false;
        };
        match scaled_bound.checked_add(added) {
            Some(total) if total < LIMIT => {
                if rescale > 0 {
                    for cell in cells.iter_mut().flatten() {
                        *cell <<= rescale;
                    }
                }
                *exponent = Some(target);
                *bound = total;
                true
            }
            _ => false,
        }
    }

    /// Moves the sums into [`ExactSum`]s (once; exact).
    fn make_exact(&mut self) -> Result<&mut Vec<[ExactSum; 3]>> {
        if let Sums::Fixed { exponent, cells, .. } = self {
            let e = exponent.unwrap_or(0);
            let exact = cells
                .iter()
                .map(|cell| {
                    [0, 1, 2].map(|slot| {
                        let mut sum = ExactSum::default();
                        sum.add_scaled(cell[slot], e);
                        sum
                    })
                })
                .collect();
            *self = Sums::Exact(exact);
        }
        match self {
            Sums::Exact(sums) => Ok(sums),
            Sums::Fixed { .. } => Err(DataFusionError::Internal(format!("{NAME}: sums not converted"))),
        }
    }

    /// Adds one part of a partial state to `slot` of `group`.
    fn add_part(&mut self, group: usize, slot: usize, part: f64) -> Result<()> {
        if !(part.is_finite() && part >= 0.0) {
            return Err(DataFusionError::Internal(format!(
                "{NAME}: partial state is malformed: weight part {part:?}"
            )));
        }
        if part == 0.0 {
            return Ok(());
        }
        let (significand, position) = decompose(part);
        let zeros = significand.trailing_zeros();
        let (value, low) = (significand >> zeros, position as i32 + zeros as i32 - 1074);
        let top = low + (64 - value.leading_zeros()) as i32;
        if self.reserve(low, top, 1)
            && let Sums::Fixed { exponent: Some(e), cells, .. } = self
        {
            let cell = cells
                .get_mut(group)
                .and_then(|cell| cell.get_mut(slot))
                .ok_or_else(|| out_of_range(group))?;
            *cell += u128::from(value) << (low - *e);
            return Ok(());
        }
        let sum = self
            .make_exact()?
            .get_mut(group)
            .and_then(|sums| sums.get_mut(slot))
            .ok_or_else(|| out_of_range(group))?;
        sum.add_f64(part);
        Ok(())
    }

    /// The exact sums of `group`: the fixed-point cells as (value, exponent), or the exact sums.
    fn weighted_nps(&self, group: usize) -> Result<Option<f64>> {
        let (net, total) = match self {
            Sums::Fixed { exponent, cells, .. } => {
                let [d, p, q, _] = *cells.get(group).ok_or_else(|| out_of_range(group))?;
                let e = i64::from(exponent.unwrap_or(0));
                // Below 2¹²⁶ each: the total fits, and so does the difference as an i128.
                let total = scale_by_power_of_two((d + p + q) as f64, e);
                let net = scale_by_power_of_two((q as i128 - d as i128) as f64, e);
                (net, total)
            }
            Sums::Exact(sums) => {
                let [d, p, q] = sums.get(group).ok_or_else(|| out_of_range(group))?;
                let mut total = d.clone();
                total.add(p);
                total.add(q);
                (q.difference(d), total.value())
            }
        };
        if total == 0.0 {
            return Ok(None);
        }
        if !total.is_finite() {
            return Err(DataFusionError::Execution(format!(
                "{NAME}: the weights of a group add up to more than f64 can hold"
            )));
        }
        // As `WeightedTally::nps`: divide first, and stay on the scale.
        Ok(Some((100.0 * (net / total)).clamp(-100.0, 100.0)))
    }

    /// Appends the parts of Σw of `slot` in `group` to `out`.
    fn parts(&self, group: usize, slot: usize, out: &mut Vec<f64>) -> Result<()> {
        match self {
            Sums::Fixed { exponent, cells, .. } => {
                let cell =
                    cells.get(group).and_then(|cell| cell.get(slot)).ok_or_else(|| out_of_range(group))?;
                scaled_parts(*cell, exponent.unwrap_or(0), out);
            }
            Sums::Exact(sums) => {
                sums.get(group)
                    .and_then(|sums| sums.get(slot))
                    .ok_or_else(|| out_of_range(group))?
                    .parts(out);
            }
        }
        Ok(())
    }

    /// Removes the first `groups` groups (all for `None`); the bound stays an upper bound.
    fn remove_first(&mut self, groups: Option<usize>) {
        match self {
            Sums::Fixed { cells, .. } => drop(take_groups(cells, groups, 1)),
            Sums::Exact(sums) => drop(take_groups(sums, groups, 1)),
        }
    }

    fn len(&self) -> usize {
        match self {
            Sums::Fixed { cells, .. } => cells.len(),
            Sums::Exact(sums) => sums.len(),
        }
    }
}

fn out_of_range(group: usize) -> DataFusionError {
    DataFusionError::Internal(format!("{NAME}: group {group} out of range"))
}

/// The weighted sums of all groups (or of one, for an aggregate without `GROUP BY`).
#[derive(Debug)]
struct WeightedGroups {
    scale: Scale,
    slots: [u8; 256],
    sums: Sums,
    bytes: Vec<u8>,
}

impl WeightedGroups {
    fn new(scale: Scale) -> WeightedGroups {
        WeightedGroups {
            scale,
            slots: slots(scale),
            sums: Sums::Fixed { exponent: None, bound: 0, cells: Vec::new() },
            bytes: Vec::new(),
        }
    }

    /// Adds a batch of rows: validated, then, when the batch fits the fixed-point cells, one pass of
    /// integer additions; otherwise exact sums of any size.
    fn add_rows(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.sums.resize(total_num_groups);
        if let [scores, weights, ..] = values
            && every_row_counts(scores, filter, Some(weights))
            && self.add_every_row(scores, weights, group_indices)?
        {
            return Ok(());
        }
        let weights = rows(self.scale, values, filter, &mut self.bytes)?.values();
        same_length(NAME, group_indices.len(), self.bytes.len())?;
        let Some((lightest, heaviest)) = weight_range(self.scale, &self.bytes, weights)? else {
            return Ok(());
        };
        let (low, top) = (low_exponent(lightest), low_exponent(heaviest) + 53);
        if self.sums.reserve(low, top, self.bytes.len() as u128)
            && let Sums::Fixed { exponent: Some(e), cells, .. } = &mut self.sums
        {
            let shift_base = 1075 + *e;
            for ((&group, &score), &weight) in group_indices.iter().zip(&self.bytes).zip(weights) {
                let slot = usize::from(self.slots[usize::from(score)]) & 3;
                let bits = weight.to_bits();
                let significand = u128::from((bits & 0x000F_FFFF_FFFF_FFFF) | (1 << 52));
                // Rows that do not count may hold anything (NaN, 0): their shift is masked, their
                // value lands in the discarded cell.
                let shift = ((bits >> 52) as i32).wrapping_sub(shift_base) as u32;
                if let Some(cell) = cells.get_mut(group) {
                    cell[slot] = cell[slot].wrapping_add(significand.wrapping_shl(shift));
                }
            }
            return Ok(());
        }
        let sums = self.sums.make_exact()?;
        for ((&group, &score), &weight) in group_indices.iter().zip(&self.bytes).zip(weights) {
            let slot = usize::from(self.slots[usize::from(score)]);
            if slot < DISCARDED {
                let cell = sums
                    .get_mut(group)
                    .and_then(|sums| sums.get_mut(slot))
                    .ok_or_else(|| out_of_range(group))?;
                cell.add_f64(weight);
            }
        }
        Ok(())
    }

    /// The batch path when every row counts (no nulls, no filter) and the weights fit the
    /// fixed-point cells: one pass over the weights (valid? their range), then one fused pass that
    /// reads each score, finds its category and adds the shifted significand. False, with nothing
    /// added, when the general path must take the batch (an invalid weight, which it names; weights
    /// too wide for the cells).
    fn add_every_row(
        &mut self,
        scores: &ArrayRef,
        weights: &ArrayRef,
        group_indices: &[usize],
    ) -> Result<bool> {
        let Some(weights) = weights.as_primitive_opt::<Float64Type>() else {
            return Ok(false);
        };
        let weights = weights.values();
        if weights.is_empty() || weights.len() != group_indices.len() || weights.len() != scores.len() {
            return Ok(false);
        }
        // Eight independent lanes, so that the comparisons vectorize and do not wait on each other.
        let (mut lightest, mut heaviest, mut valid) = ([f64::INFINITY; 8], [0.0f64; 8], [true; 8]);
        let (chunks, rest) = weights.as_chunks::<8>();
        for chunk in chunks {
            for lane in 0..8 {
                let weight = chunk[lane];
                valid[lane] &= is_valid(weight);
                lightest[lane] = if weight < lightest[lane] { weight } else { lightest[lane] };
                heaviest[lane] = if weight > heaviest[lane] { weight } else { heaviest[lane] };
            }
        }
        for (lane, &weight) in rest.iter().enumerate() {
            valid[lane] &= is_valid(weight);
            lightest[lane] = lightest[lane].min(weight);
            heaviest[lane] = heaviest[lane].max(weight);
        }
        let lightest = lightest.into_iter().fold(f64::INFINITY, f64::min);
        let heaviest = heaviest.into_iter().fold(0.0, f64::max);
        if !valid.iter().all(|&ok| ok)
            || !self.sums.reserve(low_exponent(lightest), low_exponent(heaviest) + 53, weights.len() as u128)
        {
            return Ok(false);
        }
        let Sums::Fixed { exponent: Some(e), cells, .. } = &mut self.sums else {
            return Ok(false);
        };
        let shift_base = 1075 + *e;
        let slots = &self.slots;
        let off_scale = with_score_values!(scores, values => {
            let mut marks = 0u8;
            for ((&group, &value), &weight) in group_indices.iter().zip(values).zip(weights.iter()) {
                let slot = slots[value.as_usize().min(255)];
                marks |= slot;
                let bits = weight.to_bits();
                let significand = u128::from((bits & 0x000F_FFFF_FFFF_FFFF) | (1 << 52));
                let shift = ((bits >> 52) as i32).wrapping_sub(shift_base) as u32;
                if let Some(cell) = cells.get_mut(group) {
                    let cell = &mut cell[usize::from(slot & 3)];
                    *cell = cell.wrapping_add(significand.wrapping_shl(shift));
                }
            }
            marks & 0b100 != 0
        });
        match off_scale {
            Some(false) => Ok(true),
            // The sums are wrong now, but the query fails: name the value.
            Some(true) => {
                score_bytes(NAME, self.scale, scores, None, None, &mut self.bytes)?;
                Err(DataFusionError::Internal(format!("{NAME}: an off-scale score went unnamed")))
            }
            None => Ok(false),
        }
    }

    /// Adds partial states: per row, the parts of Σw for the three categories.
    fn add_states(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.sums.resize(total_num_groups);
        let [detractors, passives, promoters] = values else {
            return Err(DataFusionError::Internal(format!("{NAME}: expected three state columns")));
        };
        let lists = [detractors, passives, promoters].map(|column| column.as_list_opt::<i32>());
        let [Some(d), Some(p), Some(q)] = lists else {
            return Err(DataFusionError::Internal(format!(
                "{NAME}: partial state is malformed: expected lists"
            )));
        };
        for (slot, list) in [d, p, q].into_iter().enumerate() {
            same_length(NAME, group_indices.len(), list.len())?;
            let parts = list.values().as_primitive_opt::<Float64Type>().ok_or_else(|| {
                DataFusionError::Internal(format!(
                    "{NAME}: partial state is malformed: expected Float64 parts"
                ))
            })?;
            let offsets = list.value_offsets();
            for (row, &group) in group_indices.iter().enumerate() {
                let (start, end) = (offsets[row] as usize, offsets[row + 1] as usize);
                for &part in parts.values().get(start..end).unwrap_or_default() {
                    self.sums.add_part(group, slot, part)?;
                }
            }
        }
        Ok(())
    }

    /// The state columns of the first `groups` groups.
    fn states(&self, groups: usize) -> Result<Vec<ArrayRef>> {
        let mut columns = Vec::with_capacity(3);
        for slot in 0..3 {
            let mut parts = Vec::new();
            let mut offsets = Vec::with_capacity(groups + 1);
            offsets.push(0i32);
            for group in 0..groups {
                self.sums.parts(group, slot, &mut parts)?;
                offsets.push(
                    i32::try_from(parts.len()).map_err(|_| {
                        DataFusionError::Execution(format!("{NAME}: partial state too large"))
                    })?,
                );
            }
            columns.push(parts_array(parts, offsets)?);
        }
        Ok(columns)
    }

    fn emitted_groups(&self, emit_to: EmitTo) -> usize {
        emitted(emit_to).map_or(self.sums.len(), |n| n.min(self.sums.len()))
    }
}

/// A `List<Float64>` column from flat parts and offsets.
fn parts_array(parts: Vec<f64>, offsets: Vec<i32>) -> Result<ArrayRef> {
    let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets));
    Ok(Arc::new(ListArray::try_new(part_field(), offsets, Arc::new(Float64Array::from(parts)), None)?))
}

fn part_field() -> FieldRef {
    Arc::new(Field::new_list_field(DataType::Float64, true))
}

/// The smallest and largest weight of the rows that count, or `None` when none does.
///
/// # Errors
///
/// The error of [`WeightedTally::try_add`] for the first counted row whose weight it refuses: NaN,
/// ±∞, 0, negative, below [`MIN_WEIGHT`] or above [`MAX_WEIGHT`].
fn weight_range(scale: Scale, bytes: &[u8], weights: &[f64]) -> Result<Option<(f64, f64)>> {
    let (mut lightest, mut heaviest, mut valid) = (f64::INFINITY, 0.0f64, true);
    for (&score, &weight) in bytes.iter().zip(weights) {
        let counts = score <= MAX_SCORE;
        valid &= !counts | is_valid(weight);
        lightest = lightest.min(if counts { weight } else { f64::INFINITY });
        heaviest = heaviest.max(if counts { weight } else { 0.0 });
    }
    if !valid {
        for (&score, &weight) in bytes.iter().zip(weights) {
            if score <= MAX_SCORE && !is_valid(weight) {
                let error = WeightedTally::with_scale(scale).try_add(score, weight).err();
                return Err(match error {
                    Some(error) => execution(NAME, error),
                    None => DataFusionError::Execution(format!("{NAME}: weight {weight} is invalid")),
                });
            }
        }
    }
    Ok((heaviest > 0.0).then_some((lightest, heaviest)))
}

/// What `WeightedTally::add` accepts: from `MIN_WEIGHT` to `MAX_WEIGHT` (NaN is neither).
#[allow(clippy::manual_range_contains, reason = "non-short-circuit `&` keeps the validity pass branch-free")]
fn is_valid(weight: f64) -> bool {
    (weight >= MIN_WEIGHT) & (weight <= MAX_WEIGHT)
}

impl GroupsAccumulator for WeightedGroups {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.add_rows(values, group_indices, opt_filter, total_num_groups)
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let groups = self.emitted_groups(emit_to);
        let nps = (0..groups).map(|group| self.sums.weighted_nps(group)).collect::<Result<Float64Array>>()?;
        self.sums.remove_first(emitted(emit_to));
        Ok(Arc::new(nps))
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let columns = self.states(self.emitted_groups(emit_to))?;
        self.sums.remove_first(emitted(emit_to));
        Ok(columns)
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.add_states(values, group_indices, total_num_groups)
    }

    /// Each row as its own partial state (its weight in its category, or nothing); weights are
    /// validated here as in `update_batch`.
    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        let mut bytes = Vec::new();
        let weights = rows(self.scale, values, opt_filter, &mut bytes)?.values();
        weight_range(self.scale, &bytes, weights)?;
        let mut columns = Vec::with_capacity(3);
        for slot in 0..3u8 {
            let mut parts = Vec::new();
            let mut offsets = Vec::with_capacity(bytes.len() + 1);
            offsets.push(0i32);
            for (&score, &weight) in bytes.iter().zip(weights) {
                if self.slots[usize::from(score)] == slot {
                    parts.push(weight);
                }
                offsets.push(
                    i32::try_from(parts.len())
                        .map_err(|_| DataFusionError::Execution(format!("{NAME}: batch too large")))?,
                );
            }
            columns.push(parts_array(parts, offsets)?);
        }
        Ok(columns)
    }

    fn size(&self) -> usize {
        let sums = match &self.sums {
            Sums::Fixed { cells, .. } => cells.capacity() * size_of::<[u128; 4]>(),
            Sums::Exact(sums) => sums.iter().flatten().map(|sum| size_of_val(sum) + 32).sum(),
        };
        sums + self.bytes.capacity()
    }
}

/// The weighted sums of one group: an aggregate without `GROUP BY`, or a window.
#[derive(Debug)]
struct WeightedAccumulator {
    groups: WeightedGroups,
    zeros: Vec<usize>,
}

impl Accumulator for WeightedAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let rows = values.first().map_or(0, |column| column.len());
        self.zeros.resize(rows, 0);
        self.groups.add_rows(values, &self.zeros, None, 1)
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        self.groups.sums.resize(1);
        Ok(ScalarValue::Float64(self.groups.sums.weighted_nps(0)?))
    }

    fn size(&self) -> usize {
        size_of_val(self) + self.groups.size() + self.zeros.capacity() * size_of::<usize>()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        self.groups.sums.resize(1);
        self.groups.states(1)?.iter().map(|column| ScalarValue::try_from_array(column, 0)).collect()
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let rows = states.first().map_or(0, |column| column.len());
        self.zeros.resize(rows, 0);
        self.groups.add_states(states, &self.zeros, 1)
    }
}

/// Fills `bytes` with the score byte of every row (skipping rows with a null score or weight, or
/// filtered out) and returns the weight column.
fn rows<'a>(
    scale: Scale,
    values: &'a [ArrayRef],
    filter: Option<&BooleanArray>,
    bytes: &mut Vec<u8>,
) -> Result<&'a Float64Array> {
    let [scores, weights, ..] = values else {
        return Err(DataFusionError::Internal(format!("{NAME}: expected score and weight columns")));
    };
    bytes.clear();
    score_bytes(NAME, scale, scores, filter, Some(weights), bytes)?;
    let weights = weights
        .as_primitive_opt::<Float64Type>()
        .ok_or_else(|| DataFusionError::Internal(format!("{NAME}: expected Float64 weights")))?;
    same_length(NAME, weights.len(), bytes.len())?;
    Ok(weights)
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::Int32Array;

    use super::*;

    fn batch(scores: &[i32], weights: &[Option<f64>]) -> Vec<ArrayRef> {
        vec![Arc::new(Int32Array::from(scores.to_vec())), Arc::new(Float64Array::from(weights.to_vec()))]
    }

    fn standard() -> WeightedGroups {
        WeightedGroups::new(Scale::STANDARD)
    }

    fn nps_of(groups: &mut WeightedGroups) -> Result<Vec<Option<f64>>> {
        let nps = groups.evaluate(EmitTo::All)?;
        Ok(nps.as_primitive::<Float64Type>().iter().collect())
    }

    #[test]
    fn partial_sums_merge_into_the_sums_of_all_rows() -> Result<()> {
        let mut left = standard();
        left.update_batch(&batch(&[10, 2], &[Some(3.0), Some(1.0)]), &[0, 0], None, 1)?;
        let mut right = standard();
        right.update_batch(&batch(&[0, 9], &[Some(4.0), None]), &[0, 0], None, 1)?;
        let mut total = standard();
        total.merge_batch(&left.state(EmitTo::All)?, &[0], 1)?;
        total.merge_batch(&right.state(EmitTo::All)?, &[0], 1)?;
        // Promoter weight 3, detractor weight 1 + 4; the row with a null weight does not count.
        assert_eq!(nps_of(&mut total)?, vec![Some(100.0 * ((3.0 - 5.0) / 8.0))]);
        assert_eq!(total.sums.len(), 0);
        Ok(())
    }

    #[test]
    fn any_split_and_merge_order_gives_the_same_bits() -> Result<()> {
        // Weights over 60 binary orders of magnitude (so the fixed-point cells must move to exact
        // sums in some splits and not in others) and fractions that no f64 sum adds exactly.
        let mut state = 7u64;
        let mut next = || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 11
        };
        let rows: Vec<(i32, f64, usize)> = (0..3000)
            .map(|i| {
                let r = next();
                let weight = (1.0 + (r % 1000) as f64 / 7.0)
                    * 2f64.powi(if i % 97 == 0 { 40 } else { -20 } + (r % 3) as i32);
                ((r % 11) as i32, weight, (r % 5) as usize)
            })
            .collect();
        let run = |chunk: usize, reverse: bool| -> Result<Vec<Option<f64>>> {
            let mut parts = Vec::new();
            for piece in rows.chunks(chunk) {
                let mut groups = standard();
                let scores: Vec<i32> = piece.iter().map(|r| r.0).collect();
                let weights: Vec<Option<f64>> = piece.iter().map(|r| Some(r.1)).collect();
                let keys: Vec<usize> = piece.iter().map(|r| r.2).collect();
                groups.update_batch(&batch(&scores, &weights), &keys, None, 5)?;
                parts.push(groups.state(EmitTo::All)?);
            }
            if reverse {
                parts.reverse();
            }
            let mut total = standard();
            for part in &parts {
                total.merge_batch(part, &[0, 1, 2, 3, 4], 5)?;
            }
            nps_of(&mut total)
        };
        let whole = run(rows.len(), false)?;
        for (chunk, reverse) in [(1, false), (7, true), (128, false), (1000, true)] {
            let split = run(chunk, reverse)?;
            let same = whole.iter().zip(&split).all(|(a, b)| a.map(f64::to_bits) == b.map(f64::to_bits));
            assert!(same, "chunks of {chunk}: {whole:?} vs {split:?}");
        }
        // And the library, adding one row at a time with compensated sums, agrees to rounding.
        for (group, ours) in whole.iter().enumerate() {
            let mut tally = WeightedTally::new();
            for row in rows.iter().filter(|r| r.2 == group) {
                tally.try_add(row.0 as u8, row.1).map_err(|e| execution(NAME, e))?;
            }
            let (ours, theirs) = (ours.unwrap_or(f64::NAN), tally.nps().unwrap_or(f64::NAN));
            assert!((ours - theirs).abs() <= 1e-9, "group {group}: {ours} vs {theirs}");
        }
        Ok(())
    }

    #[test]
    fn wide_weights_move_to_exact_sums() -> Result<()> {
        let mut groups = standard();
        groups.update_batch(&batch(&[10, 0], &[Some(1e-100), Some(1e100)]), &[0, 1], None, 2)?;
        assert!(matches!(groups.sums, Sums::Exact(_)));
        assert_eq!(nps_of(&mut groups)?, vec![Some(100.0), Some(-100.0)]);
        Ok(())
    }

    #[test]
    fn invalid_weights_are_named() {
        for (weight, shown) in [
            (f64::NAN, "NaN"),
            (0.0, "weight 0 "),
            (-2.5, "-2.5"),
            (f64::INFINITY, "inf"),
            (1e-200, "1e-200"),
            (1e200, "1e200"),
        ] {
            let mut groups = standard();
            let result = groups.update_batch(&batch(&[9], &[Some(weight)]), &[0], None, 1);
            let message = result.err().map(|error| error.to_string()).unwrap_or_default();
            assert!(message.contains("weighted_nps: weight") && message.contains(shown), "{message}");
            assert!(groups.convert_to_state(&batch(&[9], &[Some(weight)]), None).is_err());
        }
    }

    #[test]
    fn the_weight_range_is_the_librarys() -> Result<()> {
        // The limits themselves count; the next float beyond each is refused, with the library's
        // error, as `WeightedTally::add` refuses it. Between 2⁵¹¹ and 2⁵¹² the square is still
        // finite, so a check on the square alone would let these through.
        let beyond_max = f64::from_bits(MAX_WEIGHT.to_bits() + 1);
        let below_min = f64::from_bits(MIN_WEIGHT.to_bits() - 1);
        for weight in [below_min, beyond_max, 1.5 * MAX_WEIGHT, 2.0 * MAX_WEIGHT * (1.0 - f64::EPSILON)] {
            assert!(WeightedTally::new().try_add(9, weight).is_err());
            let mut groups = standard();
            let message = groups
                .update_batch(&batch(&[9], &[Some(weight)]), &[0], None, 1)
                .err()
                .map(|error| error.to_string())
                .unwrap_or_default();
            assert!(message.contains(&format!("weighted_nps: weight {weight:?}")), "{weight:?}: {message}");
        }
        let mut groups = standard();
        groups.update_batch(&batch(&[9, 0], &[Some(MIN_WEIGHT), Some(MAX_WEIGHT)]), &[0, 1], None, 2)?;
        assert_eq!(nps_of(&mut groups)?, vec![Some(100.0), Some(-100.0)]);
        Ok(())
    }

    #[test]
    fn a_malformed_state_is_rejected() -> Result<()> {
        let list = |parts: Vec<f64>| parts_array(parts, vec![0, 1]);
        let states = vec![list(vec![-1.0])?, list(vec![0.0])?, list(vec![0.0])?];
        let mut total = WeightedAccumulator { groups: standard(), zeros: Vec::new() };
        assert!(total.merge_batch(&states).is_err());
        Ok(())
    }
}
