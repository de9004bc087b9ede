//! Every scale in SQL: the Dutch 1–10 scale, the five-point scale and custom cut-points, against
//! `nps_stats` on the same answers (`Tally::from_scores_on`, `WeightedTally::from_weighted_scores_on`),
//! and the library's error for a value off the scale.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch};
use datafusion::error::Result;
use nps_stats::{Confidence, Method, Scale, Tally, WeightedTally};

use crate::{float, query, session, summary};

/// Answers 1..=10 in two groups, with weights.
fn answers() -> (Vec<i64>, Vec<u8>, Vec<f64>) {
    let scores: Vec<u8> = (0..200).map(|i| (1 + (i * 7 + i / 13) % 10) as u8).collect();
    let groups = (0..200).map(|i| i % 2).collect();
    let weights = (0..200).map(|i| 1.0 + f64::from(i % 17) * 0.37).collect();
    (groups, scores, weights)
}

fn table(groups: &[i64], scores: &[u8], weights: &[f64]) -> RecordBatch {
    RecordBatch::try_from_iter([
        ("g", Arc::new(Int64Array::from(groups.to_vec())) as ArrayRef),
        (
            "score",
            Arc::new(Int64Array::from(scores.iter().map(|&s| i64::from(s)).collect::<Vec<_>>())) as ArrayRef,
        ),
        ("w", Arc::new(Float64Array::from(weights.to_vec())) as ArrayRef),
    ])
    .unwrap()
}

#[tokio::test]
async fn the_dutch_scale_matches_the_library() -> Result<()> {
    let (groups, scores, weights) = answers();
    let ctx = session();
    ctx.register_batch("t", table(&groups, &scores, &weights))?;
    let batch = query(
        &ctx,
        "SELECT g, nps(score, 'dutch'), nps_summary(score, 'dutch'), nps_summary(score, 0.9, 'dutch'), \
                weighted_nps(score, w, 'dutch'), nps_from_tally(nps_tally(score, 'dutch')), nps(score) \
         FROM t GROUP BY g ORDER BY g",
    )
    .await?;
    for group in 0..2 {
        let rows: Vec<usize> = (0..scores.len()).filter(|&i| groups[i] == group).collect();
        let mine: Vec<u8> = rows.iter().map(|&i| scores[i]).collect();
        let my_weights: Vec<f64> = rows.iter().map(|&i| weights[i]).collect();
        let dutch = Tally::from_scores_on(Scale::DUTCH, &mine).unwrap();
        let standard = Tally::from_scores(&mine).unwrap();
        assert_ne!(dutch.nps(), standard.nps(), "the scales must disagree on this data");
        let row = group as usize;
        assert_eq!(float(&batch, 1, row), dutch.nps());
        for (column, level) in [(2, Confidence::NINETY_FIVE), (3, Confidence::NINETY)] {
            let (counts, [nps, lower, upper]) = summary(&batch, column, row);
            assert_eq!(counts, [dutch.total(), dutch.promoters(), dutch.passives(), dutch.detractors()]);
            let estimate = dutch.estimate(Method::AdjustedWald, level).unwrap();
            assert_eq!(
                (nps, lower, upper),
                (Some(estimate.nps), Some(estimate.interval.lower), Some(estimate.interval.upper))
            );
        }
        let weighted = WeightedTally::from_weighted_scores_on(Scale::DUTCH, &mine, &my_weights).unwrap();
        let (ours, theirs) = (float(&batch, 4, row).unwrap(), weighted.nps().unwrap());
        assert!((ours - theirs).abs() <= 1e-12, "{ours} against {theirs}");
        assert_eq!(float(&batch, 5, row), dutch.nps());
        assert_eq!(float(&batch, 6, row), standard.nps());
    }
    Ok(())
}

#[tokio::test]
async fn five_point_and_custom_scales_match_the_library() -> Result<()> {
    let scores: Vec<u8> = vec![1, 2, 3, 4, 5, 5, 5, 4, 3, 1, 5, 2];
    let ctx = session();
    ctx.register_batch("t", table(&vec![0; scores.len()], &scores, &vec![1.0; scores.len()]))?;
    let custom = Scale::new(1, 5, 3, 5).unwrap();
    let batch = query(
        &ctx,
        "SELECT nps(score, 'five_point'), nps(score, '1, 5, 3, 5'), nps(score, ' FIVE_POINT ') FROM t",
    )
    .await?;
    assert_eq!(float(&batch, 0, 0), Tally::from_scores_on(Scale::FIVE_POINT, &scores).unwrap().nps());
    assert_eq!(float(&batch, 1, 0), Tally::from_scores_on(custom, &scores).unwrap().nps());
    assert_eq!(float(&batch, 2, 0), float(&batch, 0, 0));
    Ok(())
}

#[tokio::test]
async fn a_value_off_the_scale_is_an_error_naming_it() {
    let ctx = session();
    ctx.register_batch("t", table(&[0, 0, 1], &[8, 0, 10], &[1.0, 1.0, 1.0])).unwrap();
    let expected = Tally::with_scale(Scale::DUTCH).try_add(0).unwrap_err().to_string();
    assert!(expected.contains("score 0 is outside the scale 1..=10"), "{expected}");
    for sql in [
        "SELECT nps(score, 'dutch') FROM t",
        "SELECT g, nps_summary(score, 'dutch') FROM t GROUP BY g",
        "SELECT g, weighted_nps(score, w, 'dutch') FROM t GROUP BY g",
        "SELECT nps_tally(score, 'dutch') FROM t",
    ] {
        let message = query(&ctx, sql).await.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains(&expected), "{sql}: {message}");
    }
    let five = query(&ctx, "SELECT nps(score, 'five_point') FROM t").await.err().map(|e| e.to_string());
    assert!(five.unwrap_or_default().contains("score 8 is outside the scale 1..=5"));
}

#[tokio::test]
async fn tallies_on_different_scales_do_not_merge() -> Result<()> {
    let ctx = session();
    ctx.register_batch("t", table(&[0, 1], &[8, 9], &[1.0, 1.0]))?;
    let sql = "WITH parts AS (SELECT nps_tally(score, 'dutch') AS tally FROM t WHERE g = 0 \
                              UNION ALL SELECT nps_tally(score) AS tally FROM t WHERE g = 1) \
               SELECT nps_merge(tally) FROM parts";
    let message = query(&ctx, sql).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("nps_merge") && message.contains("scale"), "{message}");
    // The same scale merges, and an empty selection merges to NULL.
    let same = "WITH parts AS (SELECT nps_tally(score, 'dutch') AS tally FROM t GROUP BY g) \
                SELECT nps_from_tally(nps_merge(tally)), nps_merge(tally) IS NULL FROM parts WHERE tally IS NOT NULL";
    let batch = query(&ctx, same).await?;
    assert_eq!(float(&batch, 0, 0), Tally::from_scores_on(Scale::DUTCH, &[8, 9]).unwrap().nps());
    let none = query(&ctx, "SELECT nps_merge(nps_tally(score)) IS NULL FROM t WHERE false").await;
    assert!(none.is_err(), "an aggregate of an aggregate is refused by the engine");
    let empty = query(
        &ctx,
        "WITH parts AS (SELECT nps_tally(score) AS tally FROM t GROUP BY g) \
         SELECT nps_merge(tally) IS NULL, nps_from_tally(nps_merge(tally)) FROM parts WHERE false",
    )
    .await?;
    assert_eq!(float(&empty, 1, 0), None);
    Ok(())
}
