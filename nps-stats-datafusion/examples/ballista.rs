//! The NPS aggregates on a Ballista cluster: what a scheduler and an executor binary add, and a
//! query through an in-process cluster that uses exactly those additions.
//!
//! Ballista plans on the scheduler and runs the stages on the executors, and each process looks an
//! aggregate up by name in its own registry. So the functions are registered in three places:
//!
//! 1. the client's session, which plans the SQL: `nps_stats_datafusion::register(&ctx)`;
//! 2. the scheduler's session builder — [`scheduler_session_builder`] below, which a scheduler
//!    binary sets as `SchedulerConfig::override_session_builder`;
//! 3. every executor's function registry — [`executor_function_registry`] below, which an executor
//!    binary sets as `ExecutorProcessConfig::override_function_registry`.
//!
//! An executor without them fails the task ("PhysicalExtensionCodec is not provided for aggregate
//! function nps"); it never computes anything else.
//!
//! This example starts a scheduler and two executors in this process, on loopback ports that the
//! operating system picks, runs `SELECT branch, nps(score), nps_summary(score), weighted_nps(score,
//! arr) … GROUP BY branch` on the bundled survey through them, prints the result and shuts the
//! cluster down.
//!
//! Run with `cargo run -p nps-stats-datafusion --example ballista`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ballista::prelude::SessionContextExt;
use ballista_core::extension::SessionConfigExt;
use ballista_core::registry::BallistaFunctionRegistry;
use ballista_core::serde::BallistaCodec;
use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use ballista_core::utils::{default_config_producer, default_session_builder};
use ballista_scheduler::SessionBuilder;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::runtime_env::RuntimeEnv;
use datafusion::execution::{FunctionRegistry, SessionStateBuilder};
use datafusion::prelude::{CsvReadOptions, SessionConfig, SessionContext};

/// The bundled sample data: period, account, branch, arr, respondent, role, score, comment.
const SURVEY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/b2b_survey.csv");

/// The scheduler's session builder: Ballista's default, plus the functions. In a scheduler binary:
/// `config.override_session_builder = Some(scheduler_session_builder());`
fn scheduler_session_builder() -> SessionBuilder {
    Arc::new(|config: SessionConfig| {
        let mut state = default_session_builder(config)?;
        for function in nps_stats_datafusion::aggregate_functions() {
            state.register_udaf(function)?;
        }
        for function in nps_stats_datafusion::scalar_functions() {
            state.register_udf(function)?;
        }
        Ok(state)
    })
}

/// An executor's function registry: Ballista's default, plus the functions. In an executor binary:
/// `config.override_function_registry = Some(Arc::new(executor_function_registry()));`
fn executor_function_registry() -> BallistaFunctionRegistry {
    let mut registry = BallistaFunctionRegistry::default();
    for function in nps_stats_datafusion::aggregate_functions() {
        registry.aggregate_functions.insert(function.name().to_string(), function);
    }
    for function in nps_stats_datafusion::scalar_functions() {
        registry.scalar_functions.insert(function.name().to_string(), function);
    }
    registry
}

/// Starts a scheduler and `executors` executors in this process (each binds a loopback port the
/// system picks); returns the scheduler's port.
async fn start_cluster(executors: usize) -> Result<u16> {
    let failed = |error: ballista_core::error::BallistaError| DataFusionError::External(Box::new(error));
    let address = ballista_scheduler::standalone::new_standalone_scheduler_with_builder(
        scheduler_session_builder(),
        Arc::new(default_config_producer),
        BallistaCodec::default(),
    )
    .await
    .map_err(failed)?;
    let url = format!("http://localhost:{}", address.port());
    for _ in 0..executors {
        let deadline = Instant::now() + Duration::from_secs(10);
        let scheduler = loop {
            match SchedulerGrpcClient::connect(url.clone()).await {
                Ok(client) => break client,
                Err(error) if Instant::now() > deadline => {
                    return Err(DataFusionError::External(Box::new(error)));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        };
        let runtime = Arc::new(RuntimeEnv::default());
        ballista_executor::new_standalone_executor_from_builder(
            scheduler,
            2,
            Arc::new(default_config_producer),
            Arc::new(move |_| Ok(Arc::clone(&runtime))),
            BallistaCodec::default(),
            executor_function_registry(),
        )
        .await
        .map_err(failed)?;
    }
    Ok(address.port())
}

fn main() -> Result<()> {
    // The cluster runs on a runtime of its own: shutting that runtime down stops it.
    let cluster = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let port = cluster.block_on(start_cluster(2))?;
    println!("scheduler and 2 executors listening on the loopback address (scheduler port {port})\n");

    let client = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let result = client.block_on(async {
        // The client: a Ballista session with the functions registered for planning.
        let config = SessionConfig::new_with_ballista().with_target_partitions(4);
        let state = SessionStateBuilder::new().with_default_features().with_config(config).build();
        let ctx = SessionContext::remote_with_state(&format!("df://localhost:{port}"), state).await?;
        nps_stats_datafusion::register(&ctx);

        ctx.register_csv("survey", SURVEY, CsvReadOptions::new()).await?;
        ctx.sql(
            "SELECT branch, nps(score) AS nps, get_field(nps_summary(score), 'lower') AS lower, \
                    get_field(nps_summary(score), 'upper') AS upper, weighted_nps(score, arr) AS by_arr \
             FROM survey GROUP BY branch ORDER BY branch",
        )
        .await?
        .show()
        .await
    });
    cluster.shutdown_timeout(Duration::from_secs(10));
    result?;
    println!("\nThe same numbers, bit for bit, as on one machine: every partial state is exact.");
    Ok(())
}
