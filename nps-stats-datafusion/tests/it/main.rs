//! Integration tests through the public API and SQL, in one binary so they link once.

mod bundled_data;
mod cluster;
mod errors;
mod generated;
mod partitioning;
mod scales;
mod semantics;

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{Float64Type, UInt64Type};
use datafusion::error::Result;
use datafusion::prelude::SessionContext;

/// Runs `sql` and returns all result batches concatenated into one.
pub async fn query(ctx: &SessionContext, sql: &str) -> Result<RecordBatch> {
    let frame = ctx.sql(sql).await?;
    let schema = std::sync::Arc::new(frame.schema().as_arrow().clone());
    let batches = frame.collect().await?;
    Ok(datafusion::arrow::compute::concat_batches(&schema, &batches)?)
}

/// The `Float64` value in `column`, `row`; `None` for a null.
pub fn float(batch: &RecordBatch, column: usize, row: usize) -> Option<f64> {
    let array = batch.column(column).as_primitive::<Float64Type>();
    (!array.is_null(row)).then(|| array.value(row))
}

/// A text value in `column`, `row` (Utf8 or Utf8View).
pub fn text(batch: &RecordBatch, column: usize, row: usize) -> String {
    let array = batch.column(column);
    match array.as_string_view_opt() {
        Some(strings) => strings.value(row).to_string(),
        None => array.as_string::<i32>().value(row).to_string(),
    }
}

/// The fields of an `nps_summary` struct in `column`, `row`: the four counts and the three floats.
pub fn summary(batch: &RecordBatch, column: usize, row: usize) -> ([u64; 4], [Option<f64>; 3]) {
    let fields = batch.column(column).as_struct();
    let count = |i: usize| fields.column(i).as_primitive::<UInt64Type>().value(row);
    let value = |i: usize| {
        let array = fields.column(i).as_primitive::<Float64Type>();
        (!array.is_null(row)).then(|| array.value(row))
    };
    ([count(0), count(1), count(2), count(3)], [value(4), value(5), value(6)])
}

/// A session with the aggregates registered.
pub fn session() -> SessionContext {
    let ctx = SessionContext::new();
    nps_stats_datafusion::register(&ctx);
    ctx
}
