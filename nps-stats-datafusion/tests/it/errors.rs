//! Invalid input is an error that says what was wrong, never a silent number.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array, Int8Array, Int64Array, RecordBatch, UInt64Array};
use datafusion::error::Result;

use crate::{query, session};

/// The error message of running `sql` on a table `t` with the given columns.
async fn error_of(columns: Vec<(&str, ArrayRef)>, sql: &str) -> String {
    let ctx = session();
    ctx.register_batch("t", RecordBatch::try_from_iter(columns).unwrap()).unwrap();
    match query(&ctx, sql).await {
        Ok(batch) => panic!("expected an error from {sql}, got {batch:?}"),
        Err(error) => error.to_string(),
    }
}

#[tokio::test]
async fn scores_off_the_scale_are_named() {
    let high = || vec![("score", Arc::new(Int64Array::from(vec![9, 11, 3])) as ArrayRef)];
    for function in ["nps(score)", "nps_summary(score)"] {
        let message = error_of(high(), &format!("SELECT {function} FROM t")).await;
        assert!(message.contains("score 11 is outside the scale 0..=10"), "{message}");
        let grouped =
            error_of(high(), &format!("SELECT score % 2, {function} FROM t GROUP BY score % 2")).await;
        assert!(grouped.contains("score 11 is outside the scale 0..=10"), "{grouped}");
    }
    let negative = vec![("score", Arc::new(Int8Array::from(vec![5, -1])) as ArrayRef)];
    let message = error_of(negative, "SELECT nps(score) FROM t").await;
    assert!(message.contains("nps: score -1 is outside the scale 0..=10"), "{message}");
    let huge = vec![("score", Arc::new(UInt64Array::from(vec![u64::MAX])) as ArrayRef)];
    let message = error_of(huge, "SELECT nps(score) FROM t").await;
    assert!(message.contains("score 18446744073709551615 is outside"), "{message}");
}

#[tokio::test]
async fn invalid_weights_are_named() {
    for (weight, shown) in
        [(f64::NAN, "weight NaN"), (0.0, "weight 0 "), (-3.0, "weight -3 "), (f64::INFINITY, "weight inf")]
    {
        let columns = || {
            vec![
                ("g", Arc::new(Int64Array::from(vec![1, 1])) as ArrayRef),
                ("score", Arc::new(Int64Array::from(vec![9, 3]))),
                ("w", Arc::new(Float64Array::from(vec![1.0, weight]))),
            ]
        };
        let message = error_of(columns(), "SELECT weighted_nps(score, w) FROM t").await;
        assert!(
            message.contains(&format!("weighted_nps: {shown}")) && message.contains("invalid"),
            "{message}"
        );
        let grouped = error_of(columns(), "SELECT g, weighted_nps(score, w) FROM t GROUP BY g").await;
        assert!(grouped.contains(shown), "{grouped}");
    }
    let scores = vec![
        ("score", Arc::new(Int64Array::from(vec![12])) as ArrayRef),
        ("w", Arc::new(Float64Array::from(vec![1.0]))),
    ];
    assert!(error_of(scores, "SELECT weighted_nps(score, w) FROM t").await.contains("score 12 is outside"));
}

#[tokio::test]
async fn wrong_arguments_fail_when_planned() {
    let columns = || {
        vec![
            ("score", Arc::new(Int64Array::from(vec![9, 3])) as ArrayRef),
            ("fraction", Arc::new(Float64Array::from(vec![8.5, 3.0]))),
        ]
    };
    let cases = [
        ("SELECT nps(fraction) FROM t", "the score must be an integer column"),
        ("SELECT nps_summary(score, 1.0) FROM t", "confidence level 1 is invalid"),
        ("SELECT nps_summary(score, 95) FROM t", "confidence level 95 is invalid"),
        ("SELECT nps_summary(score, fraction) FROM t", "must be a constant"),
        ("SELECT nps_summary(score, 'high') FROM t", "unknown scale 'high'"),
        ("SELECT nps_summary(score, 0.9, 0.8) FROM t", "the scale must be text"),
        ("SELECT nps(score, 'dutch', 'dutch') FROM t", "takes the score column and optionally a scale"),
        ("SELECT nps(score, '1, 11, 7, 9') FROM t", "invalid scale 1..=11"),
        ("SELECT weighted_nps(score, fraction, score) FROM t", "the scale must be text"),
        ("SELECT nps_merge(score) FROM t", "expected a tally as returned by nps_tally"),
        ("SELECT nps_from_tally(score) FROM t", "expected a tally as returned by nps_tally"),
        ("SELECT weighted_nps(score, 'heavy') FROM t", "the weight must be a numeric column"),
        ("SELECT weighted_nps(score) FROM t", "takes two arguments"),
        ("SELECT nps(score, score) FROM t", "nps: the scale must be text such as 'dutch', got Int64"),
        ("SELECT nps(DISTINCT score) FROM t", "nps(DISTINCT ...) is not supported"),
        ("SELECT nps_summary(DISTINCT score), count(*) FROM t", "nps_summary(DISTINCT ...) is not supported"),
        (
            "SELECT weighted_nps(DISTINCT score, fraction) FROM t",
            "weighted_nps(DISTINCT ...) is not supported",
        ),
        ("SELECT nps(DISTINCT score) OVER () FROM t", "nps(DISTINCT ...) is not supported"),
    ];
    for (sql, expected) in cases {
        let message = error_of(columns(), sql).await;
        assert!(message.contains(expected), "{sql}: {message}");
    }
}

#[tokio::test]
async fn nulls_are_not_errors() -> Result<()> {
    // A null score, and an off-scale value hidden behind a null weight, are not answers.
    let ctx = session();
    ctx.register_batch(
        "t",
        RecordBatch::try_from_iter(vec![
            ("score", Arc::new(Int64Array::from(vec![Some(10), None, Some(42)])) as ArrayRef),
            ("w", Arc::new(Float64Array::from(vec![Some(2.0), Some(1.0), None]))),
        ])?,
    )?;
    let batch = query(&ctx, "SELECT weighted_nps(score, w) FROM t").await?;
    assert_eq!(crate::float(&batch, 0, 0), Some(100.0));
    Ok(())
}
