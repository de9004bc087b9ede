//! Results that do not depend on partitioning: 10⁶ rows in about 10⁵ groups, aggregated at 1, 8 and
//! 16 target partitions (the table itself split into that many partitions, in batches of 4,096
//! rows), must give the same bits in every group — for `weighted_nps` too, whose weight sums used to
//! be rounded differently in each split (23,554 of 99,994 groups differed between 1 and 16
//! partitions, by up to 4.3e-14 points).
//!
//! Independent check: every group's weighted NPS agrees with `WeightedTally` over the same rows,
//! added one at a time, to 1e-12 points.

use std::sync::Arc;

use datafusion::arrow::array::{AsArray, RecordBatch};
use datafusion::arrow::datatypes::{Float64Type, Int64Type};
use datafusion::datasource::MemTable;
use datafusion::error::Result;
use datafusion::prelude::{SessionConfig, SessionContext};

use crate::generated::{answers, one_batch, reference};

const SQL: &str = "SELECT grp, weighted_nps(score, w), nps(score), nps_summary(score) \
                   FROM answers GROUP BY grp ORDER BY grp";

async fn grouped_at(table: &RecordBatch, partitions: usize) -> Result<RecordBatch> {
    let mut splits = vec![Vec::new(); partitions];
    for (i, start) in (0..table.num_rows()).step_by(4_096).enumerate() {
        splits[i % partitions].push(table.slice(start, 4_096.min(table.num_rows() - start)));
    }
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    nps_stats_datafusion::register(&ctx);
    ctx.register_table("answers", Arc::new(MemTable::try_new(table.schema(), splits)?))?;
    one_batch(&ctx.sql(SQL).await?.collect().await?)
}

/// The number of values in `column` whose bits differ between two results.
fn differing(a: &RecordBatch, b: &RecordBatch, column: usize) -> usize {
    let bits = |batch: &RecordBatch| -> Vec<Option<u64>> {
        let array = batch.column(column);
        match array.as_primitive_opt::<Float64Type>() {
            Some(floats) => floats.iter().map(|v| v.map(f64::to_bits)).collect(),
            None => {
                // The summary: its float fields.
                let fields = array.as_struct();
                (4..7)
                    .flat_map(|i| {
                        fields.column(i).as_primitive::<Float64Type>().iter().map(|v| v.map(f64::to_bits))
                    })
                    .collect()
            }
        }
    };
    bits(a).iter().zip(&bits(b)).filter(|(x, y)| x != y).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_partitioning_gives_the_same_bits() -> Result<()> {
    let table = answers(1_000_000, 100_000, 17);
    let one = grouped_at(&table, 1).await?;
    assert!(one.num_rows() > 99_000, "{} groups", one.num_rows());
    for partitions in [8, 16] {
        let other = grouped_at(&table, partitions).await?;
        assert_eq!(other.num_rows(), one.num_rows());
        for (column, name) in [(1, "weighted_nps"), (2, "nps"), (3, "nps_summary")] {
            let count = differing(&one, &other, column);
            assert_eq!(count, 0, "{name}: {count} groups differ between 1 and {partitions} partitions");
        }
    }
    let expected = reference(&table);
    assert_eq!(expected.len(), one.num_rows());
    let keys = one.column(0).as_primitive::<Int64Type>();
    let weighted = one.column(1).as_primitive::<Float64Type>();
    for (row, (key, (_, tally))) in expected.iter().enumerate() {
        assert_eq!(keys.value(row), *key);
        let (ours, theirs) = (weighted.value(row), tally.nps().unwrap_or(f64::NAN));
        assert!((ours - theirs).abs() <= 1e-12, "group {key}: {ours} against WeightedTally's {theirs}");
    }
    Ok(())
}
