//! Invariants of tallies, checked with proptest.

use nps_stats::{Category, Scale, Score, Tally, WeightedTally};
use proptest::prelude::*;

fn scores() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(0u8..=10, 0..300)
}

/// The definition, computed the slow way: the mean of the −1/0/+1 coding, in points.
fn naive_nps(scores: &[u8]) -> Option<f64> {
    if scores.is_empty() {
        return None;
    }
    let coded: i64 = scores
        .iter()
        .map(|&s| {
            if s >= 9 {
                1
            } else if s >= 7 {
                0
            } else {
                -1
            }
        })
        .sum();
    Some(100.0 * coded as f64 / scores.len() as f64)
}

proptest! {
    #[test]
    fn nps_is_within_bounds_and_matches_the_definition(scores in scores()) {
        let tally = Tally::from_scores(&scores).unwrap();
        prop_assert_eq!(tally.total(), scores.len() as u64);
        prop_assert_eq!(tally.promoters() + tally.passives() + tally.detractors(), tally.total());
        match (tally.nps(), naive_nps(&scores)) {
            (Some(nps), Some(expected)) => {
                prop_assert!((-100.0..=100.0).contains(&nps));
                prop_assert!((nps - expected).abs() < 1e-9);
            }
            (None, None) => {}
            (got, expected) => prop_assert!(false, "{:?} vs {:?}", got, expected),
        }
    }

    #[test]
    fn merge_equals_concatenation(a in scores(), b in scores()) {
        let joined: Vec<u8> = a.iter().chain(&b).copied().collect();
        let whole = Tally::from_scores(&joined).unwrap();
        let parts = (Tally::from_scores(&a).unwrap() + Tally::from_scores(&b).unwrap()).unwrap();
        prop_assert_eq!(whole, parts);
    }

    #[test]
    fn order_does_not_matter(scores in scores(), seed in any::<u64>()) {
        let mut shuffled = scores.clone();
        // A seeded Fisher–Yates shuffle (splitmix64 steps), so a failure replays exactly.
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            shuffled.swap(i, (z % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(Tally::from_scores(&scores).unwrap(), Tally::from_scores(&shuffled).unwrap());
    }

    #[test]
    fn slice_path_equals_one_at_a_time(scores in scores()) {
        let mut one_by_one = Tally::new();
        for &raw in &scores {
            one_by_one.try_add(raw).unwrap();
        }
        let collected: Tally = scores.iter().map(|&raw| Score::new(raw).unwrap()).collect();
        prop_assert_eq!(&Tally::from_scores(&scores).unwrap(), &one_by_one);
        prop_assert_eq!(&collected, &one_by_one);
    }

    #[test]
    fn from_scores_rejects_the_first_off_scale_byte(
        scores in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let first_bad = scores.iter().position(|&raw| raw > 10);
        match (Tally::from_scores(&scores), first_bad) {
            (Ok(tally), None) => prop_assert_eq!(tally.total(), scores.len() as u64),
            (Err(nps_stats::Error::ScoreOutOfScaleAt { position, score, .. }), Some(bad)) => {
                prop_assert_eq!(position, bad);
                prop_assert_eq!(score, scores[bad]);
            }
            (result, bad) => prop_assert!(false, "{:?} with first bad {:?}", result, bad),
        }
    }

    #[test]
    fn equal_weights_give_the_unweighted_nps(scores in scores(), weight in 1e-6f64..1e6) {
        let mut weighted = WeightedTally::new();
        for &raw in &scores {
            weighted.try_add(raw, weight).unwrap();
        }
        let unweighted = Tally::from_scores(&scores).unwrap();
        prop_assert_eq!(weighted.tally(), &unweighted);
        match (weighted.nps(), unweighted.nps()) {
            (Some(w), Some(u)) => prop_assert!((w - u).abs() < 1e-12 * 100.0, "{} vs {}", w, u),
            (None, None) => {}
            other => prop_assert!(false, "{:?}", other),
        }
        if let Some(n_eff) = weighted.effective_n() {
            let n = scores.len() as f64;
            prop_assert!((n_eff - n).abs() <= 1e-9 * n, "{} vs {}", n_eff, n);
        }
    }

    #[test]
    fn kish_effective_n_is_at_most_n(
        answers in prop::collection::vec((0u8..=10, 1e-3f64..1e3), 1..200),
    ) {
        let mut weighted = WeightedTally::new();
        for &(raw, weight) in &answers {
            weighted.try_add(raw, weight).unwrap();
        }
        let n_eff = weighted.effective_n().unwrap();
        prop_assert!(n_eff >= 1.0 - 1e-9);
        prop_assert!(n_eff <= answers.len() as f64 * (1.0 + 1e-12));
        let nps = weighted.nps().unwrap();
        prop_assert!((-100.0..=100.0).contains(&nps));
    }

    #[test]
    fn weighted_matches_the_definition(
        answers in prop::collection::vec((0u8..=10, 1e-3f64..1e3), 1..200),
    ) {
        let mut weighted = WeightedTally::new();
        let (mut net, mut total) = (0.0, 0.0);
        for &(raw, weight) in &answers {
            weighted.try_add(raw, weight).unwrap();
            net += weight * f64::from(Scale::STANDARD.category(raw).unwrap().coding());
            total += weight;
        }
        let expected = 100.0 * net / total;
        prop_assert!((weighted.nps().unwrap() - expected).abs() < 1e-9, "{} vs {}", weighted.nps().unwrap(), expected);
    }

    #[test]
    fn weighted_merge_equals_one_pass(
        a in prop::collection::vec((0u8..=10, 1e-3f64..1e3), 0..100),
        b in prop::collection::vec((0u8..=10, 1e-3f64..1e3), 0..100),
    ) {
        let fill = |answers: &[(u8, f64)]| {
            let mut weighted = WeightedTally::new();
            for &(raw, weight) in answers {
                weighted.try_add(raw, weight).unwrap();
            }
            weighted
        };
        let mut merged = fill(&a);
        merged.merge(&fill(&b)).unwrap();
        let joined: Vec<(u8, f64)> = a.iter().chain(&b).copied().collect();
        let whole = fill(&joined);
        prop_assert_eq!(merged.tally(), whole.tally());
        for category in Category::ALL {
            let (m, w) = (merged.weight(category), whole.weight(category));
            prop_assert!((m - w).abs() <= 1e-12 * w.max(1.0), "{} vs {}", m, w);
        }
    }

    #[test]
    fn any_custom_scale_partitions_its_scores(
        min in 0u8..=9, width in 1u8..=10, cut_a in 0u8..=10, cut_b in 0u8..=10,
    ) {
        let max = (min + width).min(10);
        if let Ok(scale) = Scale::new(min, max, cut_a.min(cut_b), cut_a.max(cut_b)) {
            let scores: Vec<u8> = scale.scores().collect();
            let tally = Tally::from_scores_on(scale, &scores).unwrap();
            prop_assert!(tally.detractors() >= 1);
            prop_assert!(tally.promoters() >= 1);
            prop_assert_eq!(tally.total(), u64::from(max - min) + 1);
        }
    }
}
