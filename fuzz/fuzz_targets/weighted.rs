//! `WeightedTally::add` and `try_add` on arbitrary answers and weights against the naive reference:
//! each call succeeds or fails exactly when the documented rules say, a failed call changes
//! nothing, and the result matches plain sums within their rounding bound. The fast path
//! `WeightedTally::from_weighted_scores(_on)` on the same columns agrees with the one-at-a-time result.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::{Error, Score, WeightedTally};
use nps_stats_fuzz::{
    Expected, LevelChoice, NaiveWeighted, ScaleChoice, WeightChoice, check_interval, check_weighted,
};

fuzz_target!(|input: (ScaleChoice, Vec<(u8, WeightChoice, bool)>, LevelChoice)| {
    let (choice, answers, level) = input;
    let scale = choice.scale();
    let mut weighted = WeightedTally::with_scale(scale);
    let mut naive = NaiveWeighted::new(scale);
    let mut first_failure: Option<(usize, Vec<Expected>)> = None;
    for (position, &(raw, weight, typed)) in answers.iter().enumerate() {
        let raw = raw % 16;
        let weight = weight.value();
        let before = weighted.clone();
        let result = match Score::try_from(raw) {
            Ok(score) if typed => weighted.add(score, weight),
            _ => weighted.try_add(raw, weight),
        };
        let allowed = naive.add(raw, weight);
        let outcome = match &result {
            Ok(()) => Expected::Added,
            Err(Error::InvalidWeight { .. }) => Expected::InvalidWeight,
            Err(Error::WeightUnderflow { .. }) => Expected::WeightUnderflow,
            Err(Error::ScoreOutOfScale { .. }) => Expected::OffScale,
            Err(Error::WeightOverflow { .. }) => Expected::OverflowOrAdded,
            Err(other) => panic!("answer {raw} weight {weight:e}: unexpected {other:?}"),
        };
        let fine = allowed.contains(&outcome)
            || (outcome == Expected::Added && allowed.contains(&Expected::OverflowOrAdded));
        assert!(fine, "answer {raw} weight {weight:e}: allowed {allowed:?}, got {result:?}");
        if result.is_err() {
            first_failure.get_or_insert((position, allowed.clone()));
            assert_eq!(weighted, before, "a failed add changed the tally");
            assert_eq!(weighted.tally(), before.tally());
        }
        if allowed.contains(&Expected::OverflowOrAdded) {
            naive.resync(&weighted);
        }
        naive.assert_matches(&weighted);
    }
    check_weighted(&weighted);

    // The fast path on the same columns: the first bad answer's error (any of its problems, with
    // its position where the error carries one), otherwise the same tally with weight sums within
    // its documented 1e-14.
    let raws: Vec<u8> = answers.iter().map(|&(raw, _, _)| raw % 16).collect();
    let weights: Vec<f64> = answers.iter().map(|&(_, weight, _)| weight.value()).collect();
    let fast = WeightedTally::from_weighted_scores_on(scale, &raws, &weights);
    match first_failure {
        None => {
            let fast = fast.expect("every answer was accepted one at a time");
            assert_eq!(fast.tally(), weighted.tally());
            for category in nps_stats::Category::ALL {
                assert!(nps_stats_fuzz::close(fast.weight(category), weighted.weight(category), 1e-14));
                assert!(nps_stats_fuzz::close(
                    fast.weight_squared(category),
                    weighted.weight_squared(category),
                    1e-14
                ));
            }
            check_weighted(&fast);
        }
        Some((position, ref allowed)) => {
            let error = fast.expect_err("an answer was refused one at a time");
            let fits = match error {
                Error::InvalidWeightAt { position: at, .. } => {
                    at == position && allowed.contains(&Expected::InvalidWeight)
                }
                Error::ScoreOutOfScaleAt { position: at, .. } => {
                    at == position && allowed.contains(&Expected::OffScale)
                }
                Error::WeightUnderflow { .. } => allowed.contains(&Expected::WeightUnderflow),
                Error::WeightOverflow { .. } => allowed.contains(&Expected::OverflowOrAdded),
                _ => false,
            };
            assert!(fits, "answer {position}: allowed {allowed:?}, the fast path said {error:?}");
        }
    }
    if scale == nps_stats::Scale::STANDARD {
        assert_eq!(WeightedTally::from_weighted_scores(&raws, &weights).is_ok(), first_failure.is_none());
    }

    if let Some(level) = level.confidence() {
        match weighted.linearized_estimate(level) {
            Ok(estimate) => {
                assert!(weighted.tally().total() >= 2);
                check_interval(estimate.nps, estimate.std_error, &estimate.interval, 100.0);
                assert!(estimate.interval.contains(estimate.nps), "{estimate:?}");
                assert!(estimate.effective_n.is_finite());
            }
            Err(Error::EmptySample { .. } | Error::TooFewForVariance { .. }) => {
                assert!(weighted.tally().total() < 2)
            }
            Err(other) => panic!("{other:?}"),
        }
    }
});
