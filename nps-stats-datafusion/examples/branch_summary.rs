//! NPS per branch of the bundled B2B survey, computed by SQL in DataFusion.
//!
//! Runs `SELECT branch, nps_summary(score) FROM '<the bundled CSV file>' GROUP BY branch` and
//! prints the struct it returns per branch: the counts, the NPS and its 95 % adjusted Wald interval.
//! The same query runs unchanged on a Ballista cluster whose scheduler and executors registered the
//! functions (see the README).
//!
//! Run with `cargo run -p nps-stats-datafusion --example branch_summary`.

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{Float64Type, UInt64Type};
use datafusion::error::Result;
use datafusion::prelude::SessionContext;

/// The bundled sample data: period, account, branch, arr, respondent, role, score, comment.
const SURVEY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/b2b_survey.csv");

#[tokio::main]
async fn main() -> Result<()> {
    // `enable_url_table` lets a query name a file directly in FROM.
    let ctx = SessionContext::new().enable_url_table();
    nps_stats_datafusion::register(&ctx);

    let sql = format!("SELECT branch, nps_summary(score) FROM '{SURVEY}' GROUP BY branch ORDER BY branch");
    let batches = ctx.sql(&sql).await?.collect().await?;

    println!(
        "{:<20} {:>4} {:>5} {:>5} {:>5} {:>7}  95% interval",
        "branch", "n", "prom", "pass", "detr", "NPS"
    );
    for batch in &batches {
        print_rows(batch);
    }
    println!("\nA few dozen answers per branch give intervals this wide. The counts merge exactly however");
    println!("the engine splits the file, so these are the numbers nps_stats gives on the same rows.");
    Ok(())
}

/// Prints one line per branch from the `branch` column and the `nps_summary` struct column.
fn print_rows(batch: &RecordBatch) {
    let branches = batch.column(0);
    let summary = batch.column(1).as_struct();
    let count = |field: &str, row: usize| {
        summary.column_by_name(field).map_or(0, |column| column.as_primitive::<UInt64Type>().value(row))
    };
    let points = |field: &str, row: usize| {
        summary.column_by_name(field).and_then(|column| {
            let values = column.as_primitive::<Float64Type>();
            (!values.is_null(row)).then(|| values.value(row))
        })
    };
    for row in 0..batch.num_rows() {
        let branch = match branches.as_string_view_opt() {
            Some(names) => names.value(row).to_string(),
            None => branches.as_string::<i32>().value(row).to_string(),
        };
        let (n, promoters, passives, detractors) =
            (count("n", row), count("promoters", row), count("passives", row), count("detractors", row));
        match (points("nps", row), points("lower", row), points("upper", row)) {
            (Some(nps), Some(lower), Some(upper)) => println!(
                "{branch:<20} {n:>4} {promoters:>5} {passives:>5} {detractors:>5} {nps:>+7.1}  [{lower:+.1}, {upper:+.1}]"
            ),
            _ => println!("{branch:<20} {n:>4} {promoters:>5} {passives:>5} {detractors:>5} {:>7}", "n/a"),
        }
    }
}
