//! What the aggregates mean at the edges: empty groups, nulls, integer types, filters, windows and
//! the DataFrame API.
//!
//! Expected values are worked by hand in the comments (NPS = 100 × (promoters − detractors) / n) or
//! come from `nps_stats` on the same scores.

use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, Float64Array, Int8Array, Int16Array, Int32Array, Int64Array, RecordBatch, StringArray,
    UInt8Array, UInt16Array, UInt32Array, UInt64Array,
};
use datafusion::error::Result;
use datafusion::prelude::{col, lit};
use nps_stats::{Confidence, Method, Tally};

use crate::{float, query, session, summary};

fn table(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    RecordBatch::try_from_iter(columns).unwrap()
}

#[tokio::test]
async fn a_group_without_answers_has_no_nps_not_zero() -> Result<()> {
    let ctx = session();
    let answers = table(vec![
        ("g", Arc::new(StringArray::from(vec!["a", "a", "b", "b"])) as ArrayRef),
        ("score", Arc::new(Int64Array::from(vec![Some(10), Some(0), None, None]))),
        ("w", Arc::new(Float64Array::from(vec![1.0, 1.0, 1.0, 1.0]))),
    ]);
    ctx.register_batch("t", answers)?;

    let batch = query(
        &ctx,
        "SELECT g, nps(score), nps_summary(score), weighted_nps(score, w) FROM t GROUP BY g ORDER BY g",
    )
    .await?;
    // a: one promoter, one detractor → 0, a real zero.
    assert_eq!(float(&batch, 1, 0), Some(0.0));
    assert_eq!(float(&batch, 3, 0), Some(0.0));
    // b: only nulls → no answers → NULL, n = 0, no interval.
    assert_eq!(float(&batch, 1, 1), None);
    assert_eq!(summary(&batch, 2, 1), ([0, 0, 0, 0], [None, None, None]));
    assert_eq!(float(&batch, 3, 1), None);

    // No rows at all, without GROUP BY.
    let none =
        query(&ctx, "SELECT nps(score), nps_summary(score), weighted_nps(score, w) FROM t WHERE false")
            .await?;
    assert_eq!(float(&none, 0, 0), None);
    assert_eq!(summary(&none, 1, 0), ([0, 0, 0, 0], [None, None, None]));
    assert_eq!(float(&none, 2, 0), None);
    Ok(())
}

#[tokio::test]
async fn every_integer_type_gives_the_same_answer() -> Result<()> {
    // 3 promoters, 2 passives, 2 detractors of 7: NPS = 100/7.
    let scores = [10u8, 9, 9, 8, 7, 6, 0];
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("i8", Arc::new(Int8Array::from(scores.map(|s| s as i8).to_vec()))),
        ("i16", Arc::new(Int16Array::from(scores.map(i16::from).to_vec()))),
        ("i32", Arc::new(Int32Array::from(scores.map(i32::from).to_vec()))),
        ("i64", Arc::new(Int64Array::from(scores.map(i64::from).to_vec()))),
        ("u8", Arc::new(UInt8Array::from(scores.to_vec()))),
        ("u16", Arc::new(UInt16Array::from(scores.map(u16::from).to_vec()))),
        ("u32", Arc::new(UInt32Array::from(scores.map(u32::from).to_vec()))),
        ("u64", Arc::new(UInt64Array::from(scores.map(u64::from).to_vec()))),
    ];
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let ctx = session();
    ctx.register_batch("t", table(columns))?;
    let select: Vec<String> = names.iter().map(|name| format!("nps({name})")).collect();
    let batch = query(&ctx, &format!("SELECT {} FROM t", select.join(", "))).await?;
    for (column, name) in names.iter().enumerate() {
        assert_eq!(float(&batch, column, 0), Some(100.0 * ((3.0 - 2.0) / 7.0)), "{name}");
    }
    Ok(())
}

#[tokio::test]
async fn filter_clauses_and_levels_are_honoured() -> Result<()> {
    let ctx = session();
    ctx.register_batch(
        "t",
        table(vec![
            ("score", Arc::new(Int32Array::from(vec![10, 10, 9, 3, 8, 0])) as ArrayRef),
            (
                "keep",
                Arc::new(datafusion::arrow::array::BooleanArray::from(vec![
                    true, true, false, true, true, false,
                ])),
            ),
        ]),
    )?;
    let batch = query(
        &ctx,
        "SELECT nps(score) FILTER (WHERE keep), nps_summary(score, 0.8), nps_summary(score, 0.99) FROM t",
    )
    .await?;
    // Kept: 10, 10, 3, 8 → (2 − 1) / 4 = +25.
    assert_eq!(float(&batch, 0, 0), Some(25.0));
    let tally = Tally::from_scores(&[10, 10, 9, 3, 8, 0]).unwrap();
    for (column, level) in [(1, 0.8), (2, 0.99)] {
        let estimate = tally.estimate(Method::AdjustedWald, Confidence::new(level).unwrap()).unwrap();
        let (_, [nps, lower, upper]) = summary(&batch, column, 0);
        assert_eq!(nps, Some(estimate.nps));
        assert_eq!((lower, upper), (Some(estimate.interval.lower), Some(estimate.interval.upper)));
    }
    let (_, [_, lower_80, upper_80]) = summary(&batch, 1, 0);
    let (_, [_, lower_99, upper_99]) = summary(&batch, 2, 0);
    assert!(lower_99 < lower_80 && upper_80 < upper_99, "a higher level gives a wider interval");
    Ok(())
}

#[tokio::test]
async fn a_sliding_window_matches_a_tally_of_its_frame() -> Result<()> {
    let scores: Vec<i64> = vec![10, 0, 9, 3, 8, 10, 10, 1, 7, 9, 2, 6];
    let ctx = session();
    ctx.register_batch(
        "t",
        table(vec![
            ("id", Arc::new(Int64Array::from((0..scores.len() as i64).collect::<Vec<_>>())) as ArrayRef),
            ("score", Arc::new(Int64Array::from(scores.clone()))),
        ]),
    )?;
    let batch = query(
        &ctx,
        "SELECT nps(score) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW), \
                nps_summary(score) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) \
         FROM t ORDER BY id",
    )
    .await?;
    for row in 0..scores.len() {
        let frame: Vec<u8> = scores[row.saturating_sub(3)..=row].iter().map(|&s| s as u8).collect();
        let tally = Tally::from_scores(&frame).unwrap();
        assert_eq!(float(&batch, 0, row), tally.nps(), "row {row}");
        assert_eq!(summary(&batch, 1, row).0[0], tally.total());
    }
    Ok(())
}

#[tokio::test]
async fn the_dataframe_api_gives_the_same_numbers_as_sql() -> Result<()> {
    let ctx = session();
    ctx.register_batch(
        "t",
        table(vec![
            ("score", Arc::new(Int64Array::from(vec![10, 9, 3, 8])) as ArrayRef),
            ("arr", Arc::new(Int64Array::from(vec![100, 300, 600, 1000]))),
        ]),
    )?;
    let frame = ctx.table("t").await?.aggregate(
        vec![],
        vec![
            nps_stats_datafusion::nps(col("score")),
            nps_stats_datafusion::nps_summary(col("score")),
            nps_stats_datafusion::weighted_nps(col("score"), col("arr")),
            nps_stats_datafusion::nps_summary_udaf().call(vec![col("score"), lit(0.9)]),
        ],
    )?;
    let batches = frame.collect().await?;
    let batch = &batches[0];
    // (2 − 1) / 4 = +25; weighted (100 + 300 − 600) / 2000 = −10 (the integer ARR column is read as Float64).
    assert_eq!(float(batch, 0, 0), Some(25.0));
    assert_eq!(summary(batch, 1, 0).0, [4, 2, 1, 1]);
    assert_eq!(float(batch, 2, 0), Some(-10.0));
    let sql = query(&ctx, "SELECT nps_summary(score, 0.9) FROM t").await?;
    assert_eq!(summary(batch, 3, 0), summary(&sql, 0, 0));
    Ok(())
}
