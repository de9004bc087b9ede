//! Net Promoter Score aggregates for [Apache DataFusion](https://datafusion.apache.org) SQL, and so
//! for [Ballista](https://datafusion.apache.org/ballista/) clusters: the numbers of
//! [`nps_stats`], computed where the data lives.
//!
//! | SQL | returns |
//! |---|---|
//! | `nps(score)` | `Float64`: the NPS in points, −100 to +100 |
//! | `nps_summary(score [, level])` | struct of `n`, `promoters`, `passives`, `detractors` (`UInt64`) and `nps`, `lower`, `upper` (`Float64`): the adjusted Wald interval at `level` (default 0.95) |
//! | `weighted_nps(score, weight)` | `Float64`: the NPS with every answer weighted, for example by account value |
//!
//! # Example
//!
//! ```
//! use datafusion::arrow::array::{Int64Array, RecordBatch, StringArray};
//! use datafusion::prelude::SessionContext;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! let ctx = SessionContext::new();
//! nps_stats_datafusion::register(&ctx);
//!
//! let answers = RecordBatch::try_from_iter([
//!     ("branch", std::sync::Arc::new(StringArray::from(vec!["IT", "IT", "IT", "retail"])) as _),
//!     ("score", std::sync::Arc::new(Int64Array::from(vec![10, 9, 3, 8])) as _),
//! ])?;
//! ctx.register_batch("answers", answers)?;
//!
//! let rows = ctx
//!     .sql("SELECT branch, nps(score) AS nps, get_field(nps_summary(score), 'upper') AS upper \
//!           FROM answers GROUP BY branch ORDER BY branch")
//!     .await?
//!     .collect()
//!     .await?;
//! let nps = rows[0].column(1).as_any().downcast_ref::<datafusion::arrow::array::Float64Array>().unwrap();
//! assert!((nps.value(0) - 100.0 / 3.0).abs() < 1e-12); // IT: 2 promoters, 1 detractor of 3
//! assert_eq!(nps.value(1), 0.0);                       // retail: one passive
//! # Ok(())
//! # }
//! ```
//!
//! # Scores, nulls and errors
//!
//! - Scores are integer columns of any width or sign (`Int8` … `Int64`, `UInt8` … `UInt64`) on the
//!   standard 0–10 scale: promoters 9–10, passives 7–8, detractors 0–6. A value off the scale (11,
//!   −1) is an execution error that names it; a fractional column is refused when the query is
//!   planned. Nothing is rounded, clamped or dropped without saying so.
//! - Nulls are ignored, as SQL aggregates ignore them: a null score is not an answer, and for
//!   `weighted_nps` a row counts only when both score and weight are non-null.
//! - Weights must be finite and greater than 0; NaN, ±∞, 0 or a negative weight is an execution
//!   error naming the value.
//! - A group without answers has no NPS: `NULL` (for `nps_summary`, `n = 0` with null `nps`,
//!   `lower` and `upper`), never 0.
//!
//! # Exact under partitioning and distribution
//!
//! The partial state of every aggregate is the tally itself — 11 counts per group, and for
//! `weighted_nps` also Σw and Σw² per category. Counts form a commutative monoid (adding is
//! associative and order-free, zero is the identity), so whatever way the engine splits rows across
//! threads, partitions, phases or machines, the merged counts are exactly those of all rows, and the
//! NPS and interval are computed once, from them. Averaging partial NPS values would not be. Weight
//! sums are floating point, carried with compensated summation.
//!
//! `GROUP BY` runs through a vectorized [`GroupsAccumulator`](datafusion::logical_expr::GroupsAccumulator)
//! with one flat vector of 11 counts per group; `nps` and `nps_summary` also work as window
//! functions over sliding frames (counts retract exactly).

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::todo,
    clippy::unimplemented,
    rustdoc::broken_intra_doc_links
)]

mod functions;
mod histogram;
mod report;
mod scores;
mod state;
mod weighted;

use std::sync::Arc;

use datafusion::logical_expr::{AggregateUDF, Expr};
use datafusion::prelude::SessionContext;

pub use functions::{Nps, NpsSummary};
pub use weighted::WeightedNps;

/// Registers `nps`, `nps_summary` and `weighted_nps` with a session, so that its SQL and DataFrames
/// can call them.
///
/// For a Ballista cluster, register the same functions on the scheduler and every executor; see
/// [`aggregate_functions`].
///
/// ```
/// use datafusion::execution::FunctionRegistry;
/// use datafusion::prelude::SessionContext;
///
/// let ctx = SessionContext::new();
/// nps_stats_datafusion::register(&ctx);
/// assert!(ctx.udaf("nps_summary").is_ok());
/// ```
pub fn register(ctx: &SessionContext) {
    for function in aggregate_functions() {
        ctx.register_udaf(function.as_ref().clone());
    }
}

/// The three aggregate functions, for registries other than a [`SessionContext`]: a
/// `SessionStateBuilder` (`with_aggregate_functions`), or the function registry of a Ballista
/// executor and the session builder of its scheduler.
///
/// ```
/// let names: Vec<String> = nps_stats_datafusion::aggregate_functions()
///     .iter()
///     .map(|f| f.name().to_string())
///     .collect();
/// assert_eq!(names, ["nps", "nps_summary", "weighted_nps"]);
/// ```
pub fn aggregate_functions() -> Vec<Arc<AggregateUDF>> {
    vec![nps_udaf(), nps_summary_udaf(), weighted_nps_udaf()]
}

/// The `nps(score)` aggregate function; see [`Nps`].
///
/// ```
/// assert_eq!(nps_stats_datafusion::nps_udaf().name(), "nps");
/// ```
pub fn nps_udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::from(Nps::new()))
}

/// The `nps_summary(score [, level])` aggregate function; see [`NpsSummary`].
///
/// ```
/// assert_eq!(nps_stats_datafusion::nps_summary_udaf().name(), "nps_summary");
/// ```
pub fn nps_summary_udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::from(NpsSummary::new()))
}

/// The `weighted_nps(score, weight)` aggregate function; see [`WeightedNps`].
///
/// ```
/// assert_eq!(nps_stats_datafusion::weighted_nps_udaf().name(), "weighted_nps");
/// ```
pub fn weighted_nps_udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::from(WeightedNps::new()))
}

/// The expression `nps(score)`, for the DataFrame API.
///
/// ```
/// use datafusion::prelude::col;
/// let expr = nps_stats_datafusion::nps(col("score"));
/// assert_eq!(expr.schema_name().to_string(), "nps(score)");
/// ```
pub fn nps(score: Expr) -> Expr {
    nps_udaf().call(vec![score])
}

/// The expression `nps_summary(score)` at 95 % confidence, for the DataFrame API; for another level
/// use `nps_summary_udaf().call(vec![score, lit(0.9)])`.
///
/// ```
/// use datafusion::prelude::{col, lit};
/// let at_95 = nps_stats_datafusion::nps_summary(col("score"));
/// let at_90 = nps_stats_datafusion::nps_summary_udaf().call(vec![col("score"), lit(0.9)]);
/// assert_eq!(at_90.schema_name().to_string(), "nps_summary(score,Float64(0.9))");
/// # let _ = at_95;
/// ```
pub fn nps_summary(score: Expr) -> Expr {
    nps_summary_udaf().call(vec![score])
}

/// The expression `weighted_nps(score, weight)`, for the DataFrame API.
///
/// ```
/// use datafusion::prelude::col;
/// let expr = nps_stats_datafusion::weighted_nps(col("score"), col("arr"));
/// assert_eq!(expr.schema_name().to_string(), "weighted_nps(score,arr)");
/// ```
pub fn weighted_nps(score: Expr, weight: Expr) -> Expr {
    weighted_nps_udaf().call(vec![score, weight])
}
