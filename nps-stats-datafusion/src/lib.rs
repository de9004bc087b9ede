//! Net Promoter Score aggregates for [Apache DataFusion](https://datafusion.apache.org) SQL, and so
//! for [Ballista](https://datafusion.apache.org/ballista/) clusters: the numbers of
//! [`nps_stats`], computed where the data lives.
//!
//! | SQL | returns |
//! |---|---|
//! | `nps(score [, scale])` | `Float64`: the NPS in points, −100 to +100 |
//! | `nps_summary(score [, level] [, scale])` | struct of `n`, `promoters`, `passives`, `detractors` (`UInt64`) and `nps`, `lower`, `upper` (`Float64`): the adjusted Wald interval at `level` (default 0.95) |
//! | `weighted_nps(score, weight [, scale])` | `Float64`: the NPS with every answer weighted, for example by account value |
//! | `nps_tally(score [, scale])` | the group's tally as a value to store: struct of the scale (`min`, `max`, `passive_from`, `promoter_from`) and `counts` (11 × `UInt64`) |
//! | `nps_merge(tally)` | the sum of stored tallies, of the same type |
//! | `nps_from_tally(tally)` | `Float64`: the NPS of a stored tally |
//! | `nps_summary_from_tally(tally [, level])` | the `nps_summary` struct of a stored tally |
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
//! - Scores are integer columns of any width or sign (`Int8` … `Int64`, `UInt8` … `UInt64`), by
//!   default on the standard 0–10 scale: promoters 9–10, passives 7–8, detractors 0–6. A value off
//!   the scale (11, −1) is an execution error that names it; a fractional column is refused when the
//!   query is planned. Nothing is rounded, clamped or dropped without saying so.
//! - The optional `scale` is a text constant: `'standard'`, `'dutch'` (1–10, promoters 8–10,
//!   passives 6–7), `'five_point'` (1–5, promoters 5, passives 4), or custom cut-points
//!   `'min, max, passive_from, promoter_from'` as in [`nps_stats::Scale::new`] (`'1, 7, 5, 7'`). A
//!   score off that scale (a 0 on the Dutch scale) is an execution error that names it, as in
//!   [`nps_stats::Tally::from_scores_on`].
//! - Nulls are ignored, as SQL aggregates ignore them: a null score is not an answer, and for
//!   `weighted_nps` a row counts only when both score and weight are non-null.
//! - Weights must be finite and greater than 0; NaN, ±∞, 0 or a negative weight is an execution
//!   error naming the value.
//! - A group without answers has no NPS: `NULL` (for `nps_summary`, `n = 0` with null `nps`,
//!   `lower` and `upper`), never 0.
//!
//! # Stored tallies
//!
//! `nps_tally` is the `-State` half of the pattern analytic databases use for roll-ups: keep one
//! tally per day, file or segment (in Parquet, say), and months later merge any selection of them
//! with `nps_merge` and read the numbers with `nps_from_tally` or `nps_summary_from_tally`. Merging
//! adds counts, so the result is bit for bit that of `nps` / `nps_summary` over all the raw rows.
//!
//! ```
//! use datafusion::arrow::array::{AsArray, Int64Array, RecordBatch, StringArray};
//! use datafusion::arrow::datatypes::Float64Type;
//! use datafusion::prelude::SessionContext;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! let ctx = SessionContext::new();
//! nps_stats_datafusion::register(&ctx);
//! let answers = RecordBatch::try_from_iter([
//!     ("day", std::sync::Arc::new(StringArray::from(vec!["mon", "mon", "tue", "tue"])) as _),
//!     ("score", std::sync::Arc::new(Int64Array::from(vec![10, 3, 9, 8])) as _),
//! ])?;
//! ctx.register_batch("answers", answers)?;
//! // One stored tally per day ...
//! let daily = ctx.sql("SELECT day, nps_tally(score) AS tally FROM answers GROUP BY day").await?;
//! ctx.register_table("daily", daily.into_view())?;
//! // ... merged later: 2 promoters, 1 passive, 1 detractor → +25.
//! let rows = ctx.sql("SELECT nps_from_tally(nps_merge(tally)) FROM daily").await?.collect().await?;
//! assert_eq!(rows[0].column(0).as_primitive::<Float64Type>().value(0), 25.0);
//! # Ok(())
//! # }
//! ```
//!
//! # Exact under partitioning and distribution
//!
//! The partial state of every aggregate is exact: 11 counts per group for the unweighted ones, and
//! for `weighted_nps` Σw per category as an exact sum (a list of `f64` parts whose exact total it
//! is). Counts and exact sums form commutative monoids (adding is associative and order-free, zero
//! is the identity), so whatever way the engine splits rows across threads, partitions, phases or
//! machines, the merged state is exactly that of all rows, and the result is computed once, from
//! it: the same bits at 1 partition or 16, on one machine or a Ballista cluster. Averaging partial
//! NPS values would not be, and neither would floating-point weight sums, compensated or not (see
//! [`WeightedNps`]).
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

mod exact;
mod functions;
mod histogram;
mod report;
mod scale;
mod scores;
mod state;
mod stored;
mod survey;
mod weighted;

use std::sync::Arc;

use datafusion::logical_expr::{AggregateUDF, Expr, ScalarUDF};
use datafusion::prelude::SessionContext;

pub use functions::{Nps, NpsSummary, NpsTally};
pub use stored::{NpsFromTally, NpsMerge, NpsSummaryFromTally};
pub use survey::{SurveyColumns, survey_from_batches};
pub use weighted::WeightedNps;

/// Registers every function of this crate with a session — the aggregates `nps`, `nps_summary`,
/// `weighted_nps`, `nps_tally`, `nps_merge` and the scalar functions `nps_from_tally`,
/// `nps_summary_from_tally` — so that its SQL and DataFrames can call them.
///
/// For a Ballista cluster, register the same functions on the scheduler and every executor; see
/// [`aggregate_functions`] and [`scalar_functions`].
///
/// ```
/// use datafusion::execution::FunctionRegistry;
/// use datafusion::prelude::SessionContext;
///
/// let ctx = SessionContext::new();
/// nps_stats_datafusion::register(&ctx);
/// assert!(ctx.udaf("nps_summary").is_ok());
/// assert!(ctx.udf("nps_from_tally").is_ok());
/// ```
pub fn register(ctx: &SessionContext) {
    for function in aggregate_functions() {
        ctx.register_udaf(function.as_ref().clone());
    }
    for function in scalar_functions() {
        ctx.register_udf(function.as_ref().clone());
    }
}

/// The aggregate functions, for registries other than a [`SessionContext`]: a
/// `SessionStateBuilder` (`with_aggregate_functions`), or the function registry of a Ballista
/// executor and the session builder of its scheduler.
///
/// ```
/// let names: Vec<String> = nps_stats_datafusion::aggregate_functions()
///     .iter()
///     .map(|f| f.name().to_string())
///     .collect();
/// assert_eq!(names, ["nps", "nps_summary", "weighted_nps", "nps_tally", "nps_merge"]);
/// ```
pub fn aggregate_functions() -> Vec<Arc<AggregateUDF>> {
    vec![
        nps_udaf(),
        nps_summary_udaf(),
        weighted_nps_udaf(),
        Arc::new(AggregateUDF::from(NpsTally::new())),
        Arc::new(AggregateUDF::from(NpsMerge::new())),
    ]
}

/// The scalar functions that read stored tallies, for the same registries as
/// [`aggregate_functions`].
///
/// ```
/// let names: Vec<String> = nps_stats_datafusion::scalar_functions()
///     .iter()
///     .map(|f| f.name().to_string())
///     .collect();
/// assert_eq!(names, ["nps_from_tally", "nps_summary_from_tally"]);
/// ```
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    vec![
        Arc::new(ScalarUDF::from(NpsFromTally::new())),
        Arc::new(ScalarUDF::from(NpsSummaryFromTally::new())),
    ]
}

/// The `nps(score [, scale])` aggregate function; see [`Nps`].
///
/// ```
/// assert_eq!(nps_stats_datafusion::nps_udaf().name(), "nps");
/// ```
pub fn nps_udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::from(Nps::new()))
}

/// The `nps_summary(score [, level] [, scale])` aggregate function; see [`NpsSummary`].
///
/// ```
/// assert_eq!(nps_stats_datafusion::nps_summary_udaf().name(), "nps_summary");
/// ```
pub fn nps_summary_udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::from(NpsSummary::new()))
}

/// The `weighted_nps(score, weight [, scale])` aggregate function; see [`WeightedNps`].
///
/// ```
/// assert_eq!(nps_stats_datafusion::weighted_nps_udaf().name(), "weighted_nps");
/// ```
pub fn weighted_nps_udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::from(WeightedNps::new()))
}

/// The expression `nps(score)`, for the DataFrame API; for another scale use
/// `nps_udaf().call(vec![score, lit("dutch")])`.
///
/// ```
/// use datafusion::prelude::{col, lit};
/// let expr = nps_stats_datafusion::nps(col("score"));
/// assert_eq!(expr.schema_name().to_string(), "nps(score)");
/// let dutch = nps_stats_datafusion::nps_udaf().call(vec![col("score"), lit("dutch")]);
/// assert_eq!(dutch.schema_name().to_string(), "nps(score,Utf8(\"dutch\"))");
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

/// The expression `nps_tally(score)`, for the DataFrame API: the stored form of a group's answers;
/// see [`NpsTally`].
///
/// ```
/// use datafusion::prelude::col;
/// let expr = nps_stats_datafusion::nps_tally(col("score"));
/// assert_eq!(expr.schema_name().to_string(), "nps_tally(score)");
/// ```
pub fn nps_tally(score: Expr) -> Expr {
    AggregateUDF::from(NpsTally::new()).call(vec![score])
}

/// The expression `nps_merge(tally)`, for the DataFrame API: the sum of stored tallies; see
/// [`NpsMerge`].
///
/// ```
/// use datafusion::prelude::col;
/// let expr = nps_stats_datafusion::nps_merge(col("tally"));
/// assert_eq!(expr.schema_name().to_string(), "nps_merge(tally)");
/// ```
pub fn nps_merge(tally: Expr) -> Expr {
    AggregateUDF::from(NpsMerge::new()).call(vec![tally])
}

/// The expression `nps_from_tally(tally)`, for the DataFrame API; see [`NpsFromTally`].
///
/// ```
/// use datafusion::prelude::col;
/// let expr = nps_stats_datafusion::nps_from_tally(col("tally"));
/// assert_eq!(expr.schema_name().to_string(), "nps_from_tally(tally)");
/// ```
pub fn nps_from_tally(tally: Expr) -> Expr {
    ScalarUDF::from(NpsFromTally::new()).call(vec![tally])
}

/// The expression `nps_summary_from_tally(tally)` at 95 % confidence, for the DataFrame API; see
/// [`NpsSummaryFromTally`].
///
/// ```
/// use datafusion::prelude::col;
/// let expr = nps_stats_datafusion::nps_summary_from_tally(col("tally"));
/// assert_eq!(expr.schema_name().to_string(), "nps_summary_from_tally(tally)");
/// ```
pub fn nps_summary_from_tally(tally: Expr) -> Expr {
    ScalarUDF::from(NpsSummaryFromTally::new()).call(vec![tally])
}
