//! The aggregates on a running Ballista cluster: a scheduler and two executors in this process, on
//! the loopback address, each on a port the operating system picked (bound to port 0 and read
//! back), with the functions registered where each part needs them — the scheduler's session
//! builder (it plans) and each executor's function registry (they run the stages).
//!
//! The data are Parquet files in a temporary folder: the bundled survey in 4 files and a generated
//! table of 10⁶ rows in 1,000 groups in 10 files. Every query runs through the cluster and through
//! plain single-process DataFusion on the same files, and the results must be the same bits — the
//! counts, the NPS and the intervals, and the weighted NPS too, whose weight sums are exact. The
//! single-process results are in turn checked against `nps_stats` on the rows themselves. At the
//! end the cluster is shut down and its scheduler port no longer accepts connections.

use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ballista::prelude::SessionContextExt;
use ballista_core::extension::SessionConfigExt;
use ballista_core::registry::BallistaFunctionRegistry;
use ballista_core::serde::BallistaCodec;
use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use ballista_core::utils::{default_config_producer, default_session_builder};
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{Float64Type, UInt64Type};
use datafusion::error::Result;
use datafusion::execution::runtime_env::RuntimeEnv;
use datafusion::execution::{FunctionRegistry, SessionStateBuilder};
use datafusion::physical_plan::displayable;
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionConfig, SessionContext, col};
use nps_stats::{Confidence, Method};

use crate::generated::{answers, one_batch, reference, write_one, write_parquet};

/// An in-process Ballista cluster; its tasks run on a runtime of their own, so that shutting the
/// runtime down stops every server and loop of the cluster.
pub struct Cluster {
    runtime: tokio::runtime::Runtime,
    port: u16,
}

impl Cluster {
    /// A scheduler and `executors` executors of 2 task slots each.
    pub fn start(executors: usize) -> Cluster {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let port = runtime.block_on(start_cluster(executors)).unwrap();
        Cluster { runtime, port }
    }

    /// A client session that sends its queries to the cluster, with the functions registered for
    /// planning them.
    pub async fn session(&self, target_partitions: usize) -> Result<SessionContext> {
        let config = SessionConfig::new_with_ballista().with_target_partitions(target_partitions);
        let state = SessionStateBuilder::new().with_default_features().with_config(config).build();
        let ctx = SessionContext::remote_with_state(&format!("df://localhost:{}", self.port), state).await?;
        nps_stats_datafusion::register(&ctx);
        Ok(ctx)
    }

    /// Stops the scheduler and the executors and checks that the scheduler port is closed.
    pub fn shut_down(self) {
        let port = self.port;
        self.runtime.shutdown_timeout(Duration::from_secs(10));
        assert!(TcpStream::connect(("localhost", port)).is_err(), "the scheduler still listens on {port}");
    }
}

/// Starts the scheduler and the executors; returns the scheduler's port.
async fn start_cluster(executors: usize) -> ballista_core::error::Result<u16> {
    // Scheduler: its session builder is Ballista's default plus the functions.
    let session_builder = Arc::new(|config: SessionConfig| {
        let mut state = default_session_builder(config)?;
        for function in nps_stats_datafusion::aggregate_functions() {
            state.register_udaf(function)?;
        }
        for function in nps_stats_datafusion::scalar_functions() {
            state.register_udf(function)?;
        }
        Ok(state)
    });
    let address = ballista_scheduler::standalone::new_standalone_scheduler_with_builder(
        session_builder,
        Arc::new(default_config_producer),
        BallistaCodec::default(),
    )
    .await?;
    assert!(address.ip().is_loopback(), "{address}");
    let url = format!("http://localhost:{}", address.port());

    for _ in 0..executors {
        // Executors: the default function registry plus the functions.
        let mut registry = BallistaFunctionRegistry::default();
        for function in nps_stats_datafusion::aggregate_functions() {
            registry.aggregate_functions.insert(function.name().to_string(), function);
        }
        for function in nps_stats_datafusion::scalar_functions() {
            registry.scalar_functions.insert(function.name().to_string(), function);
        }
        let scheduler = connect(&url).await?;
        let runtime = Arc::new(RuntimeEnv::default());
        ballista_executor::new_standalone_executor_from_builder(
            scheduler,
            2,
            Arc::new(default_config_producer),
            Arc::new(move |_| Ok(Arc::clone(&runtime))),
            BallistaCodec::default(),
            registry,
        )
        .await?;
    }
    Ok(address.port())
}

/// Connects to the scheduler, waiting up to 10 s for it to accept.
async fn connect(url: &str) -> ballista_core::error::Result<SchedulerGrpcClient<tonic::transport::Channel>> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match SchedulerGrpcClient::connect(url.to_string()).await {
            Ok(client) => return Ok(client),
            Err(error) if Instant::now() > deadline => {
                return Err(ballista_core::error::BallistaError::General(format!("{url}: {error}")));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// A plain single-process session.
fn local_session(target_partitions: usize) -> SessionContext {
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(target_partitions));
    nps_stats_datafusion::register(&ctx);
    ctx
}

async fn run(ctx: &SessionContext, sql: &str) -> Result<RecordBatch> {
    one_batch(&ctx.sql(sql).await?.collect().await?)
}

/// The bits of every `Float64` value and every count in a column (a float column, a summary or a
/// tally struct), so that two results compare bit for bit.
fn bits(batch: &RecordBatch, column: usize) -> Vec<Option<u64>> {
    fn of(array: &dyn Array, out: &mut Vec<Option<u64>>) {
        if let Some(floats) = array.as_primitive_opt::<Float64Type>() {
            out.extend(floats.iter().map(|v| v.map(f64::to_bits)));
        } else if let Some(counts) = array.as_primitive_opt::<UInt64Type>() {
            out.extend(counts.iter());
        } else if let Some(fields) = array.as_struct_opt() {
            out.extend((0..fields.len()).map(|row| fields.is_valid(row).then_some(1)));
            for field in fields.columns() {
                of(field.as_ref(), out);
            }
        } else if let Some(list) = array.as_list_opt::<i32>() {
            out.extend(list.offsets().iter().map(|&o| Some(o as u64)));
            of(list.values().as_ref(), out);
        } else {
            // The scale fields of a tally (UInt8).
            let cast =
                datafusion::arrow::compute::cast(array, &datafusion::arrow::datatypes::DataType::UInt64)
                    .unwrap();
            out.extend(cast.as_primitive::<UInt64Type>().iter());
        }
    }
    let mut out = Vec::new();
    of(batch.column(column).as_ref(), &mut out);
    out
}

fn assert_same_bits(left: &RecordBatch, right: &RecordBatch, what: &str) {
    assert_eq!(left.num_rows(), right.num_rows(), "{what}: rows");
    assert_eq!(left.num_columns(), right.num_columns(), "{what}: columns");
    for column in 0..left.num_columns() {
        let (l, r) = (bits(left, column), bits(right, column));
        let differing = l.iter().zip(&r).filter(|(a, b)| a != b).count();
        assert_eq!(differing, 0, "{what}: column {column} differs in {differing} values");
    }
}

/// The generated table's grouped result checked against `nps_stats` on its rows.
fn check_against_library(batch: &RecordBatch, generated: &RecordBatch) {
    let expected = reference(generated);
    assert_eq!(batch.num_rows(), expected.len());
    let keys = batch.column(0).as_primitive::<datafusion::arrow::datatypes::Int64Type>();
    for (row, (key, (tally, weighted))) in expected.iter().enumerate() {
        assert_eq!(keys.value(row), *key);
        assert_eq!(crate::float(batch, 1, row), tally.nps(), "group {key}");
        let (counts, [nps, lower, upper]) = crate::summary(batch, 2, row);
        assert_eq!(counts, [tally.total(), tally.promoters(), tally.passives(), tally.detractors()]);
        let estimate = tally.estimate(Method::AdjustedWald, Confidence::NINETY_FIVE).unwrap();
        assert_eq!(
            (nps, lower, upper),
            (Some(estimate.nps), Some(estimate.interval.lower), Some(estimate.interval.upper))
        );
        let (ours, theirs) = (crate::float(batch, 3, row).unwrap(), weighted.nps().unwrap());
        assert!((ours - theirs).abs() <= 1e-12, "group {key}: weighted {ours} against {theirs}");
    }
}

/// `nps_tally` over each file on its own, each result stored in a Parquet file of `stored`, then
/// read back and merged: returns `grp, nps_from_tally(…), nps_summary_from_tally(…), nps_merge(…)`.
async fn stored_and_merged(ctx: &SessionContext, files: &[String], stored: &Path) -> Result<RecordBatch> {
    std::fs::create_dir_all(stored)?;
    for (i, file) in files.iter().enumerate() {
        let tallies = ctx
            .read_parquet(file.as_str(), ParquetReadOptions::default())
            .await?
            .aggregate(vec![col("grp")], vec![nps_stats_datafusion::nps_tally(col("score")).alias("tally")])?
            .collect()
            .await?;
        write_one(&one_batch(&tallies)?, &stored.join(format!("tally-{i:02}.parquet")));
    }
    let table = format!("stored_{}", stored.file_name().and_then(|n| n.to_str()).unwrap_or("x"));
    ctx.register_parquet(&table, stored.to_string_lossy().as_ref(), ParquetReadOptions::default()).await?;
    run(
        ctx,
        &format!(
            "SELECT grp, nps_from_tally(nps_merge(tally)), nps_summary_from_tally(nps_merge(tally)), \
                    nps_merge(tally) \
             FROM {table} GROUP BY grp ORDER BY grp"
        ),
    )
    .await
}

const GROUPED: &str = "SELECT grp, nps(score), nps_summary(score), weighted_nps(score, w) \
                       FROM answers GROUP BY grp ORDER BY grp";
const RAW_TALLIES: &str =
    "SELECT grp, nps(score), nps_summary(score), nps_tally(score) FROM answers GROUP BY grp ORDER BY grp";
const SURVEY: &str = "SELECT branch, nps(score), nps_summary(score, 0.9), weighted_nps(score, arr), \
                      nps(score) FILTER (WHERE role = 'decision maker') \
                      FROM survey GROUP BY branch ORDER BY branch";

#[test]
fn a_ballista_cluster_gives_the_single_process_results_bit_for_bit() -> Result<()> {
    let started = Instant::now();
    let dir = tempfile::tempdir()?;
    let generated = answers(1_000_000, 1_000, 15);
    let files = write_parquet(&generated, &dir.path().join("answers"), "answers", 10);
    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/b2b_survey.csv");
    let client = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let survey = client.block_on(async {
        one_batch(&SessionContext::new().read_csv(csv, CsvReadOptions::new()).await?.collect().await?)
    })?;
    let survey_files = write_parquet(&survey, &dir.path().join("survey"), "survey", 4);
    assert_eq!((files.len(), survey_files.len()), (10, 4));
    let written = started.elapsed();

    let cluster = Cluster::start(2);
    let outcome = client.block_on(async {
        let remote = cluster.session(4).await?;
        let local = local_session(4);
        for ctx in [&remote, &local] {
            let answers = dir.path().join("answers");
            ctx.register_parquet(
                "answers",
                answers.to_string_lossy().as_ref(),
                ParquetReadOptions::default(),
            )
            .await?;
            let survey = dir.path().join("survey");
            ctx.register_parquet("survey", survey.to_string_lossy().as_ref(), ParquetReadOptions::default())
                .await?;
        }
        // The remote session really hands the query to the cluster.
        let plan = remote.sql(GROUPED).await?.create_physical_plan().await?;
        let shown = displayable(plan.as_ref()).indent(true).to_string();
        assert!(shown.contains("DistributedQueryExec"), "{shown}");

        let through_cluster = run(&remote, GROUPED).await?;
        let single_process = run(&local, GROUPED).await?;
        assert_eq!(through_cluster.num_rows(), 1_000);
        assert_same_bits(&through_cluster, &single_process, "generated table");
        check_against_library(&single_process, &generated);

        let survey_cluster = run(&remote, SURVEY).await?;
        let survey_local = run(&local, SURVEY).await?;
        assert_eq!(survey_cluster.num_rows(), 10);
        assert_same_bits(&survey_cluster, &survey_local, "bundled survey");

        // Stored tallies, one file at a time, merged through the cluster: the numbers of all rows.
        let raw = run(&remote, RAW_TALLIES).await?;
        let merged = stored_and_merged(&remote, &files, &dir.path().join("tallies_cluster")).await?;
        assert_same_bits(&merged, &raw, "stored tallies through the cluster");
        Ok::<_, datafusion::error::DataFusionError>(())
    });
    let queried = started.elapsed();
    cluster.shut_down();
    outcome?;
    println!(
        "Parquet written in {:.1} s; cluster started, queried and checked in {:.1} s; shut down after {:.1} s",
        written.as_secs_f64(),
        (queried - written).as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_tallies_merge_into_the_numbers_of_all_rows() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let generated = answers(200_000, 1_000, 16);
    let files = write_parquet(&generated, &dir.path().join("answers"), "answers", 10);
    for partitions in [1, 8] {
        let ctx = local_session(partitions);
        let answers = dir.path().join("answers");
        ctx.register_parquet("answers", answers.to_string_lossy().as_ref(), ParquetReadOptions::default())
            .await?;
        let raw = run(&ctx, RAW_TALLIES).await?;
        let merged =
            stored_and_merged(&ctx, &files, &dir.path().join(format!("tallies_{partitions}"))).await?;
        assert_eq!(merged.num_rows(), 1_000);
        assert_same_bits(&merged, &raw, &format!("stored tallies at {partitions} partitions"));
        // And the raw numbers are those of nps_stats.
        let expected = reference(&generated);
        for (row, (_, (tally, _))) in expected.iter().enumerate() {
            assert_eq!(crate::float(&merged, 1, row), tally.nps());
        }
    }
    Ok(())
}
