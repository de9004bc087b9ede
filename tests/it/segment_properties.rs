//! Invariants of breakdowns, trends, adjustments and the mix-shift decomposition, with proptest.

use nps_stats::{
    Breakdown, Quarter, Response, Score, Tally, Trend,
    analysis::{Window, mix_shift_by},
    inference::Adjustment,
};
use proptest::prelude::*;

/// Answers as (segment 0..5, quarter 1..4, respondent 0..12, score).
fn answers() -> impl Strategy<Value = Vec<(u8, u8, u8, u8)>> {
    prop::collection::vec((0u8..5, 1u8..=4, 0u8..12, 0u8..=10), 0..200)
}

fn responses(rows: &[(u8, u8, u8, u8)]) -> Vec<Response> {
    rows.iter()
        .map(|&(segment, quarter, who, score)| {
            Response::new(Score::try_from(score).unwrap())
                .with_segment("segment", format!("s{segment}"))
                .with_period(format!("2026-Q{quarter}"))
                .with_respondent(format!("r{who}"))
        })
        .collect()
}

/// A seeded Fisher–Yates shuffle (splitmix64 steps), so a failure replays exactly.
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut out = items.to_vec();
    let mut state = seed;
    for i in (1..out.len()).rev() {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        out.swap(i, (z % (i as u64 + 1)) as usize);
    }
    out
}

proptest! {
    #[test]
    fn pooled_breakdown_equals_the_tally_of_all_responses(rows in answers(), threshold in 0u64..8) {
        let responses = responses(&rows);
        let all: Tally = responses.iter().map(Response::score).collect();
        let breakdown = Breakdown::builder().by_dimension(&responses, "segment").unwrap();
        prop_assert_eq!(breakdown.overall.as_ref().unwrap(), &all);
        let merged: nps_stats::Result<Tally> = breakdown.rows.iter().filter_map(|row| row.tally.clone()).sum();
        prop_assert_eq!(&merged.unwrap(), &all);
        // With suppression the overall is unchanged (when shown), and hidden rows hold together either
        // nothing or at least the threshold.
        let private = Breakdown::builder().suppress_below(threshold).by_dimension(&responses, "segment").unwrap();
        if all.total() >= threshold {
            prop_assert_eq!(private.overall.as_ref().unwrap(), &all);
        }
        let visible: u64 = private.rows.iter().filter_map(|row| row.tally.as_ref()).map(Tally::total).sum();
        let hidden = all.total() - visible;
        prop_assert!(hidden == 0 || hidden >= threshold || private.overall.is_none());
        for row in &private.rows {
            if let Some(tally) = &row.tally {
                prop_assert!(tally.total() >= threshold);
            }
        }
    }

    #[test]
    fn reordering_rows_changes_nothing(rows in answers(), seed in any::<u64>()) {
        let original = responses(&rows);
        let reordered = shuffled(&original, seed);
        let builder = Breakdown::builder().suppress_below(3);
        prop_assert_eq!(
            builder.by_dimension(&original, "segment").unwrap(),
            builder.by_dimension(&reordered, "segment").unwrap()
        );
        for window in [Window::Period, Window::Rolling(2), Window::Cumulative] {
            let trend = Trend::builder().window(window);
            prop_assert_eq!(
                trend.by_period::<Quarter>(&original).unwrap(),
                trend.by_period::<Quarter>(&reordered).unwrap()
            );
        }
    }

    #[test]
    fn decomposition_parts_sum_to_the_total_change(before in answers(), after in answers()) {
        let (before, after) = (responses(&before), responses(&after));
        match mix_shift_by(&before, &after, |r| r.segment("segment")) {
            Ok(shift) => {
                prop_assert!((shift.within + shift.mix - shift.total_change).abs() < 1e-9);
                let all = |rs: &[Response]| rs.iter().map(Response::score).collect::<Tally>().nps().unwrap();
                prop_assert!((shift.total_change - (all(&after) - all(&before))).abs() < 1e-9);
                let within: f64 = shift.segments.iter().map(|s| s.within).sum();
                prop_assert!((within - shift.within).abs() < 1e-12);
            }
            Err(_) => prop_assert!(before.is_empty() || after.is_empty()),
        }
    }

    #[test]
    fn adjusted_p_values_are_bounded_and_monotone(raw in prop::collection::vec(0.0f64..=1.0, 0..30)) {
        for adjustment in [Adjustment::Holm, Adjustment::BenjaminiHochberg, Adjustment::Bonferroni] {
            let adjusted = adjustment.adjust(&raw).unwrap();
            prop_assert_eq!(adjusted.len(), raw.len());
            for (a, p) in adjusted.iter().zip(&raw) {
                prop_assert!(*a >= *p && *a <= 1.0, "{adjustment}: {a} from {p}");
            }
            // Monotone in raw order: a smaller raw p-value never gets a larger adjusted one.
            for (i, pi) in raw.iter().enumerate() {
                for (j, pj) in raw.iter().enumerate() {
                    if pi <= pj {
                        prop_assert!(adjusted[i] <= adjusted[j], "{adjustment}: {i} vs {j}");
                    }
                }
            }
        }
        // Holm never rejects more than BH, which is never more conservative than Holm.
        let holm = Adjustment::Holm.adjust(&raw).unwrap();
        let bh = Adjustment::BenjaminiHochberg.adjust(&raw).unwrap();
        for (h, b) in holm.iter().zip(&bh) {
            prop_assert!(b <= h);
        }
    }

    #[test]
    fn trend_points_pool_their_periods(rows in answers()) {
        let responses = responses(&rows);
        let trend = Trend::builder().by_period::<Quarter>(&responses).unwrap();
        let total: u64 = trend.points.iter().map(|p| p.tally.total()).sum();
        prop_assert_eq!(total, responses.len() as u64);
        // Every change's difference is the difference of the points' NPS.
        for pair in trend.points.windows(2) {
            if let Some(change) = &pair[1].change {
                let expected = pair[1].tally.nps().unwrap() - pair[0].tally.nps().unwrap();
                prop_assert!((change.difference - expected).abs() < 1e-9);
                if let Some(paired) = &change.paired {
                    prop_assert!((paired.difference - expected).abs() < 1e-9);
                    prop_assert!(paired.p_value >= 0.0 && paired.p_value <= 1.0);
                }
            }
        }
    }
}
