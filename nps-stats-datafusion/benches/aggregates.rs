//! `GROUP BY` over 10⁷ rows in 1,000 groups: the NPS aggregates beside DataFusion's built-in
//! `count` and `avg` on the same score column, in the same run, so each result reads as a ratio.
//!
//! The table is in memory (a `MemTable` of batches of 8,192 rows, one partition per target
//! partition); scores 0..=10 and group keys come from a fixed-seed SplitMix64 sequence. Every query
//! is planned and executed in full each iteration, including the final merge of partial states.
//!
//! Run with `cargo bench -p nps-stats-datafusion --bench aggregates`.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use datafusion::arrow::array::{ArrayRef, Float64Array, Int32Array, Int64Array, RecordBatch};
use datafusion::datasource::MemTable;
use datafusion::error::Result;
use datafusion::prelude::{SessionConfig, SessionContext};
use tokio::runtime::Runtime;

const ROWS: usize = 10_000_000;
const GROUPS: u64 = 1_000;
const BATCH: usize = 8_192;

/// SplitMix64 (Steele, Lea & Flood 2014): a fixed, dependency-free sequence for the bench data.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// 10⁷ answers: group key (`Int32`), score 0..=10 (`Int64`, as a CSV reader would type it) and a
/// weight (`Float64`, an account value between 1 and 1,000), split over `partitions` partitions.
fn table(partitions: usize) -> Result<MemTable> {
    let mut state = 42u64;
    let mut batches: Vec<Vec<RecordBatch>> = vec![Vec::new(); partitions];
    let mut start = 0;
    while start < ROWS {
        let len = BATCH.min(ROWS - start);
        let (mut groups, mut scores, mut weights) =
            (Vec::with_capacity(len), Vec::with_capacity(len), Vec::with_capacity(len));
        for _ in 0..len {
            let random = splitmix64(&mut state);
            groups.push((random % GROUPS) as i32);
            scores.push(((random >> 20) % 11) as i64);
            weights.push(1.0 + ((random >> 40) % 1_000) as f64);
        }
        let batch = RecordBatch::try_from_iter([
            ("g", Arc::new(Int32Array::from(groups)) as ArrayRef),
            ("score", Arc::new(Int64Array::from(scores)) as ArrayRef),
            ("w", Arc::new(Float64Array::from(weights)) as ArrayRef),
        ])?;
        batches[(start / BATCH) % partitions].push(batch);
        start += len;
    }
    let schema = batches[0][0].schema();
    MemTable::try_new(schema, batches)
}

/// Plans and runs `sql`, returning the number of result rows (one per group).
async fn run(ctx: &SessionContext, sql: &str) -> Result<usize> {
    let batches = ctx.sql(sql).await?.collect().await?;
    Ok(batches.iter().map(RecordBatch::num_rows).sum())
}

fn group_by(c: &mut Criterion) {
    let runtime = Runtime::new().unwrap();
    let ctx = SessionContext::new_with_config(SessionConfig::new());
    let partitions = ctx.copied_config().target_partitions();
    nps_stats_datafusion::register(&ctx);
    ctx.register_table("answers", Arc::new(table(partitions).unwrap())).unwrap();

    let queries = [
        ("baseline_count", "SELECT g, count(score) FROM answers GROUP BY g"),
        ("baseline_avg", "SELECT g, avg(score) FROM answers GROUP BY g"),
        ("baseline_sum_weight", "SELECT g, sum(w) FROM answers GROUP BY g"),
        ("probe_count_sum", "SELECT g, count(score), sum(w) FROM answers GROUP BY g"),
        ("nps", "SELECT g, nps(score) FROM answers GROUP BY g"),
        ("nps_summary", "SELECT g, nps_summary(score) FROM answers GROUP BY g"),
        ("weighted_nps", "SELECT g, weighted_nps(score, w) FROM answers GROUP BY g"),
    ];
    let mut group = c.benchmark_group("group_by_10m_rows_1000_groups");
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(8));
    group.throughput(Throughput::Elements(ROWS as u64));
    for (name, sql) in queries {
        assert_eq!(runtime.block_on(run(&ctx, sql)).unwrap(), GROUPS as usize, "{name}");
        group.bench_function(name, |b| b.iter(|| runtime.block_on(run(&ctx, black_box(sql))).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, group_by);
criterion_main!(benches);
