//! The SQL aggregates on the bundled sample data, against `nps_stats` on the same rows.
//!
//! Reference values: the CSV file is parsed here line by line (no DataFusion), every branch's rows
//! go into a `Tally` and a `WeightedTally` (weight: the account's ARR), and `Tally::estimate` gives
//! the adjusted Wald bounds. The query engine has to deliver exactly those rows and merge its
//! partial states exactly: counts must be identical, and so must the NPS and the bounds of the
//! unweighted aggregates, which the same code computes from identical counts (compared bit for
//! bit, stricter than any tolerance); the weighted NPS, whose weight sums are added in a different
//! order, must agree to 1e-12 points. (On this data it agrees bit for bit: the ARR values are whole
//! numbers, whose sums are exact in f64; the tolerance leaves room for the rounding of fractional
//! weights.)
//!
//! Every query runs with 1 and with 8 target partitions, from the CSV file (split into byte ranges
//! at 8 partitions) and from an in-memory table of 8 partitions with batches of 7 rows, with and
//! without DataFusion's skipping of partial aggregation (which turns every row into a partial
//! state). At 8 partitions the plan is checked to aggregate in two phases, partial then final, so
//! partial states really merge.

use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::compute::concat_batches;
use datafusion::datasource::MemTable;
use datafusion::error::Result;
use datafusion::physical_plan::{collect, displayable};
use datafusion::prelude::{CsvReadOptions, SessionConfig, SessionContext};
use nps_stats::{Confidence, Method, Tally, WeightedTally};

use crate::{float, summary, text};

const CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/b2b_survey.csv");

/// One answer of the bundled survey, as read without DataFusion.
struct Answer {
    branch: String,
    role: String,
    arr: f64,
    score: u8,
}

/// Reads the bundled CSV: the first seven fields (period, account, branch, arr, respondent, role,
/// score) never contain a comma; only the free-text comment after them may be quoted.
fn answers() -> Vec<Answer> {
    let text = std::fs::read_to_string(CSV).unwrap_or_else(|e| panic!("reading {CSV}: {e}"));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("period,account,branch,arr,respondent,role,score,comment,invited,renewed"));
    lines
        .map(|line| {
            let fields: Vec<&str> = line.splitn(8, ',').collect();
            Answer {
                branch: fields[2].to_string(),
                role: fields[5].to_string(),
                arr: fields[3].parse().unwrap_or_else(|e| panic!("arr in {line:?}: {e}")),
                score: fields[6].parse().unwrap_or_else(|e| panic!("score in {line:?}: {e}")),
            }
        })
        .collect()
}

/// What `nps_stats` says about a set of answers.
#[derive(Default)]
struct Expected {
    tally: Tally,
    weighted: WeightedTally,
    decision_makers: Tally,
}

impl Expected {
    fn add(&mut self, answer: &Answer) {
        self.tally.try_add(answer.score).unwrap();
        self.weighted.try_add(answer.score, answer.arr).unwrap();
        if answer.role == "decision maker" {
            self.decision_makers.try_add(answer.score).unwrap();
        }
    }
}

fn expected_by_branch() -> BTreeMap<String, Expected> {
    let mut branches: BTreeMap<String, Expected> = BTreeMap::new();
    for answer in answers() {
        branches.entry(answer.branch.clone()).or_default().add(&answer);
    }
    branches
}

/// Asserts that an `nps_summary` cell matches the tally at `level`.
fn assert_summary(batch: &RecordBatch, column: usize, row: usize, tally: &Tally, level: Confidence) {
    let (counts, [nps, lower, upper]) = summary(batch, column, row);
    assert_eq!(counts, [tally.total(), tally.promoters(), tally.passives(), tally.detractors()]);
    let estimate = tally.estimate(Method::AdjustedWald, level).unwrap();
    assert_eq!(nps, Some(estimate.nps));
    assert_eq!(lower, Some(estimate.interval.lower));
    assert_eq!(upper, Some(estimate.interval.upper));
}

fn assert_close(actual: Option<f64>, expected: f64, tolerance: f64) {
    let actual = actual.unwrap_or_else(|| panic!("expected {expected}, got NULL"));
    assert!((actual - expected).abs() <= tolerance, "expected {expected}, got {actual}");
}

/// Where the survey table comes from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// The CSV file itself.
    Csv,
    /// An in-memory table of 8 partitions with batches of 7 rows.
    Memory,
}

async fn session(partitions: usize, source: Source, skip_partial: bool) -> Result<SessionContext> {
    let mut config = SessionConfig::new()
        .with_target_partitions(partitions)
        .with_repartition_file_scans(true)
        .with_repartition_file_min_size(0)
        .with_batch_size(16);
    if skip_partial {
        let execution = &mut config.options_mut().execution;
        execution.skip_partial_aggregation_probe_rows_threshold = 1;
        execution.skip_partial_aggregation_probe_ratio_threshold = 0.0;
    }
    let ctx = SessionContext::new_with_config(config);
    nps_stats_datafusion::register(&ctx);
    match source {
        Source::Csv => ctx.register_csv("survey", CSV, CsvReadOptions::new()).await?,
        Source::Memory => {
            let reader = SessionContext::new();
            let frame = reader.read_csv(CSV, CsvReadOptions::new()).await?;
            let schema = Arc::new(frame.schema().as_arrow().clone());
            let all = concat_batches(&schema, &frame.collect().await?)?;
            let mut partitions = vec![Vec::new(); 8];
            for (i, start) in (0..all.num_rows()).step_by(7).enumerate() {
                partitions[i % 8].push(all.slice(start, 7.min(all.num_rows() - start)));
            }
            ctx.register_table("survey", Arc::new(MemTable::try_new(schema, partitions)?))?;
        }
    }
    Ok(ctx)
}

/// Runs `sql` and returns its result and the executed plan with its metrics.
async fn run(ctx: &SessionContext, sql: &str) -> Result<(RecordBatch, String)> {
    let frame = ctx.sql(sql).await?;
    let schema = Arc::new(frame.schema().as_arrow().clone());
    let plan = frame.create_physical_plan().await?;
    let batches = collect(Arc::clone(&plan), ctx.task_ctx()).await?;
    let shown = displayable(plan.as_ref()).indent(true).to_string()
        + &datafusion::physical_plan::display::DisplayableExecutionPlan::with_metrics(plan.as_ref())
            .indent(true)
            .to_string();
    Ok((concat_batches(&schema, &batches)?, shown))
}

async fn check_grouped(partitions: usize, source: Source, skip_partial: bool) -> Result<()> {
    let ctx = session(partitions, source, skip_partial).await?;
    let (batch, plan) = run(
        &ctx,
        "SELECT branch, nps(score), nps_summary(score), nps_summary(score, 0.9), weighted_nps(score, arr), \
                nps(score) FILTER (WHERE role = 'decision maker') \
         FROM survey GROUP BY branch ORDER BY branch",
    )
    .await?;
    if partitions > 1 {
        assert!(plan.contains("AggregateExec: mode=Partial"), "{plan}");
        assert!(plan.contains("AggregateExec: mode=FinalPartitioned"), "{plan}");
    }
    if skip_partial {
        let skipped: Vec<&str> = plan
            .split("skipped_aggregation_rows=")
            .skip(1)
            .map(|rest| rest.split([',', ']']).next().unwrap_or(""))
            .collect();
        assert!(skipped.iter().any(|n| n.trim() != "0"), "partial aggregation was never skipped: {plan}");
    }

    let expected = expected_by_branch();
    assert_eq!(batch.num_rows(), expected.len());
    assert_eq!(expected.len(), 10);
    for (row, (branch, want)) in expected.iter().enumerate() {
        assert_eq!(&text(&batch, 0, row), branch);
        assert_eq!(float(&batch, 1, row), want.tally.nps(), "{branch}");
        assert_summary(&batch, 2, row, &want.tally, Confidence::NINETY_FIVE);
        assert_summary(&batch, 3, row, &want.tally, Confidence::NINETY);
        assert_close(float(&batch, 4, row), want.weighted.nps().unwrap(), 1e-12);
        assert_eq!(float(&batch, 5, row), want.decision_makers.nps(), "{branch}");
    }
    Ok(())
}

async fn check_overall(partitions: usize, source: Source) -> Result<()> {
    let ctx = session(partitions, source, false).await?;
    let (batch, plan) =
        run(&ctx, "SELECT nps(score), nps_summary(score), weighted_nps(score, arr) FROM survey").await?;
    if partitions > 1 {
        assert!(plan.contains("AggregateExec: mode=Partial"), "{plan}");
        assert!(plan.contains("AggregateExec: mode=Final"), "{plan}");
    }
    let mut all = Expected::default();
    for answer in answers() {
        all.add(&answer);
    }
    assert_eq!(all.tally.total(), 405);
    assert_eq!(float(&batch, 0, 0), all.tally.nps());
    assert_summary(&batch, 1, 0, &all.tally, Confidence::NINETY_FIVE);
    assert_close(float(&batch, 2, 0), all.weighted.nps().unwrap(), 1e-12);
    Ok(())
}

#[tokio::test]
async fn grouped_on_one_partition_matches_nps_stats() -> Result<()> {
    check_grouped(1, Source::Csv, false).await?;
    check_grouped(1, Source::Memory, false).await
}

#[tokio::test]
async fn grouped_on_eight_partitions_matches_nps_stats() -> Result<()> {
    check_grouped(8, Source::Csv, false).await?;
    check_grouped(8, Source::Memory, false).await
}

#[tokio::test]
async fn grouped_with_partial_aggregation_skipped_matches_nps_stats() -> Result<()> {
    check_grouped(8, Source::Csv, true).await?;
    check_grouped(8, Source::Memory, true).await
}

#[tokio::test]
async fn ungrouped_matches_nps_stats() -> Result<()> {
    for partitions in [1, 8] {
        check_overall(partitions, Source::Csv).await?;
        check_overall(partitions, Source::Memory).await?;
    }
    Ok(())
}

#[tokio::test]
async fn the_example_query_runs_on_the_bundled_file_by_path() -> Result<()> {
    let ctx = crate::session().enable_url_table();
    let sql = format!("SELECT branch, nps_summary(score) FROM '{CSV}' GROUP BY branch ORDER BY branch");
    let batch = crate::query(&ctx, &sql).await?;
    let expected = expected_by_branch();
    assert_eq!(batch.num_rows(), expected.len());
    for (row, (branch, want)) in expected.iter().enumerate() {
        assert_eq!(&text(&batch, 0, row), branch);
        assert_summary(&batch, 1, row, &want.tally, Confidence::NINETY_FIVE);
    }
    Ok(())
}

/// The bundled survey read by DataFusion and turned into a columnar survey gives the breakdown of
/// the same answers parsed without DataFusion.
#[tokio::test]
async fn batches_become_a_survey_with_the_same_breakdown() -> Result<()> {
    use nps_stats::{Breakdown, Response, Score};
    use nps_stats_datafusion::{SurveyColumns, survey_from_batches};

    let ctx = SessionContext::new();
    ctx.register_csv("answers", CSV, CsvReadOptions::new()).await?;
    let batches = ctx.sql("SELECT score, branch, role FROM answers").await?.collect().await?;
    let columns = SurveyColumns::new("score").role("role").segment("branch", "branch");
    let survey = survey_from_batches(&batches, &columns)?;
    let responses: Vec<Response> = answers()
        .iter()
        .map(|a| {
            Response::new(Score::try_from(a.score).unwrap())
                .with_role(a.role.as_str())
                .with_segment("branch", a.branch.as_str())
        })
        .collect();
    assert_eq!(survey.len(), responses.len());
    for dimension in ["branch", "role"] {
        let from_batches = Breakdown::builder().by_dimension(&survey, dimension).unwrap();
        let from_responses = Breakdown::builder().by_dimension(&responses, dimension).unwrap();
        assert_eq!(from_batches, from_responses, "{dimension}");
    }
    // A column that is missing, or not text, is an error that names it.
    let err = survey_from_batches(&batches, &SurveyColumns::new("score").account("company")).unwrap_err();
    assert!(err.to_string().contains("company"), "{err}");
    Ok(())
}
