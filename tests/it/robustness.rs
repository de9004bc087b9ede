//! The fuzz targets' properties as proptest suites, so that every test run exercises them: parsing
//! never panics and round-trips, the slice fast paths equal the one-at-a-time reference on arbitrary
//! bytes (invalid ones included, at any position), merge sequences equal one pass and leave the
//! receiver unchanged on failure, and weighted adds follow the documented rules against plain sums.

use nps_stats::{Category, Confidence, Error, Month, Quarter, Scale, Score, Tally, WeightedTally};
use proptest::prelude::*;

fn scales() -> impl Strategy<Value = Scale> {
    prop_oneof![
        Just(Scale::STANDARD),
        Just(Scale::DUTCH),
        Just(Scale::FIVE_POINT),
        (0u8..=10, 0u8..=10, 0u8..=10, 0u8..=10)
            .prop_filter_map("a valid custom scale", |(a, b, c, d)| { Scale::new(a, b, c, d).ok() }),
    ]
}

/// Bytes that are mostly scores, with bytes off every scale mixed in at any position.
fn score_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(0u8..=10, 0..400),
        prop::collection::vec(prop_oneof![20 => 0u8..=10, 1 => any::<u8>()], 0..400),
        prop::collection::vec(any::<u8>(), 0..50),
    ]
}

/// Weights across the range of `f64`, valid or not.
fn weights() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 1e-6f64..1e12,
        1 => any::<f64>(),
        1 => (-1100i32..1100).prop_map(|e| 2f64.powi(e)),
        1 => prop::sample::select(vec![0.0, -0.0, -1.0, f64::NAN, f64::INFINITY, f64::MIN_POSITIVE, 5e-324]),
    ]
}

fn naive_category(scale: Scale, raw: u8) -> Category {
    if raw >= scale.promoter_from() {
        Category::Promoter
    } else if raw >= scale.passive_from() {
        Category::Passive
    } else {
        Category::Detractor
    }
}

/// One answer at a time: the histogram, or the first byte off the scale and its position.
fn naive_histogram(scale: Scale, scores: &[u8]) -> Result<[u64; 11], Error> {
    let mut counts = [0u64; 11];
    for (position, &raw) in scores.iter().enumerate() {
        if raw < scale.min() || raw > scale.max() {
            return Err(Error::ScoreOutOfScaleAt {
                score: raw,
                position,
                min: scale.min(),
                max: scale.max(),
            });
        }
        counts[usize::from(raw)] += 1;
    }
    Ok(counts)
}

fn index(category: Category) -> usize {
    match category {
        Category::Detractor => 0,
        Category::Passive => 1,
        Category::Promoter => 2,
    }
}

fn close(a: f64, b: f64, relative: f64) -> bool {
    a == b || (a - b).abs() <= relative * a.abs().max(b.abs())
}

proptest! {
    #[test]
    fn score_text_never_panics_and_round_trips(text in prop_oneof![".*", "[ \t]{0,2}-?[0-9]{1,3}[ \n]{0,2}"]) {
        let naive = text.trim().parse::<i64>();
        match text.parse::<Score>() {
            Ok(score) => {
                prop_assert_eq!(naive, Ok(i64::from(u8::from(score))));
                prop_assert_eq!(score.to_string().parse::<Score>(), Ok(score));
            }
            Err(Error::ParseScore { input }) => {
                prop_assert!(naive.is_err());
                prop_assert_eq!(input, text);
            }
            Err(Error::ScoreOutOfScale { score, .. }) => {
                prop_assert_eq!(naive, Ok(score));
                prop_assert!(!(0..=10).contains(&score));
            }
            Err(other) => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn scale_new_follows_its_rule(min: u8, max: u8, passive: u8, promoter: u8) {
        let valid = min < passive && passive <= promoter && promoter <= max && max <= 10;
        match Scale::new(min, max, passive, promoter) {
            Ok(scale) => {
                prop_assert!(valid);
                for raw in 0..=u8::MAX {
                    let on = min <= raw && raw <= max;
                    prop_assert_eq!(scale.contains(raw), on);
                    prop_assert_eq!(scale.category(raw).ok(), on.then(|| naive_category(scale, raw)));
                }
            }
            Err(error) => {
                prop_assert!(!valid);
                let is_invalid_scale = matches!(error, Error::InvalidScale { .. });
                prop_assert!(is_invalid_scale);
            }
        }
    }

    #[test]
    fn periods_parse_only_their_form_and_round_trip(
        text in prop_oneof![".{0,10}", "[0-9]{4}-[0-9]{2}", "[0-9]{4}-[Qq][0-9]", " [0-9]{4}-[01][0-9] "]
    ) {
        if let Ok(month) = text.parse::<Month>() {
            prop_assert!((1..=12).contains(&month.month()));
            prop_assert_eq!(month.to_string().parse::<Month>(), Ok(month));
            prop_assert_eq!(month.to_string(), text.trim());
        }
        if let Ok(quarter) = text.parse::<Quarter>() {
            prop_assert!((1..=4).contains(&quarter.quarter()));
            prop_assert_eq!(quarter.to_string().parse::<Quarter>(), Ok(quarter));
            prop_assert_eq!(quarter.to_string(), text.trim().to_uppercase());
        }
    }

    #[test]
    fn confidence_accepts_exactly_the_open_unit_interval(level in prop_oneof![any::<f64>(), 0.0f64..1.0]) {
        match Confidence::new(level) {
            Ok(confidence) => {
                prop_assert!(level > 0.0 && level < 1.0);
                prop_assert!(confidence.z().is_finite() && confidence.z() >= 0.0);
            }
            Err(error) => {
                prop_assert!(!(level > 0.0 && level < 1.0));
                prop_assert_eq!(error, Error::InvalidConfidence { level });
            }
        }
    }

    #[test]
    fn from_scores_equals_the_reference_on_any_bytes(scale in scales(), bytes in score_bytes()) {
        let fast = Tally::from_scores_on(scale, &bytes);
        match naive_histogram(scale, &bytes) {
            Ok(counts) => {
                let tally = fast.unwrap();
                prop_assert_eq!(tally.histogram(), Some(&counts));
                prop_assert_eq!(tally.total(), bytes.len() as u64);
            }
            Err(error) => prop_assert_eq!(fast, Err(error)),
        }
        if scale == Scale::STANDARD {
            prop_assert_eq!(Tally::from_scores(&bytes), Tally::from_scores_on(Scale::STANDARD, &bytes));
        }
    }

    #[test]
    fn grouped_equals_the_reference_on_any_bytes(
        scale in scales(),
        pairs in prop::collection::vec((0u32..40, prop_oneof![20 => 0u8..=10, 1 => any::<u8>()]), 0..200),
        extra in prop::option::weighted(0.1, any::<u8>()),
    ) {
        let keys: Vec<u32> = pairs.iter().map(|&(key, _)| key).collect();
        let mut scores: Vec<u8> = pairs.iter().map(|&(_, score)| score).collect();
        scores.extend(extra);
        let dense = Tally::grouped_on(scale, &keys, &scores);
        let by_key = Tally::grouped_by_label_on(scale, &keys, &scores);
        if keys.len() != scores.len() {
            let expected =
                Error::LengthMismatch { left_name: "keys", left: keys.len(), right_name: "scores", right: scores.len() };
            prop_assert_eq!(dense, Err(expected.clone()));
            prop_assert_eq!(by_key, Err(expected));
        } else if let Err(error) = naive_histogram(scale, &scores) {
            prop_assert_eq!(dense, Err(error.clone()));
            prop_assert_eq!(by_key, Err(error));
        } else {
            let groups = keys.iter().max().map_or(0, |&max| max as usize + 1);
            let mut expected = vec![Tally::with_scale(scale); groups];
            for (&key, &score) in keys.iter().zip(&scores) {
                expected[key as usize].try_add(score).unwrap();
            }
            let by_key = by_key.unwrap();
            prop_assert_eq!(by_key.len(), expected.iter().filter(|t| !t.is_empty()).count());
            for (key, tally) in &by_key {
                prop_assert_eq!(tally, &expected[*key as usize]);
            }
            prop_assert_eq!(dense.unwrap(), expected);
        }
    }

    #[test]
    fn tally_merge_sequences(
        parts in prop::collection::vec(
            (any::<bool>(), prop_oneof![
                3 => prop::collection::vec(0u8..=10, 0..40).prop_map(Ok),
                1 => prop::array::uniform11(prop_oneof![0u64..1000, (u64::MAX / 4)..=u64::MAX]).prop_map(Err),
            ]),
            0..8,
        )
    ) {
        let mut acc: Option<Tally> = None;
        let mut all_scores = Vec::new();
        let mut one_pass = true;
        let mut parts_built = Vec::new();
        for (dutch, part) in parts {
            let scale = if dutch { Scale::DUTCH } else { Scale::STANDARD };
            let tally = match part {
                Ok(scores) => {
                    let scores: Vec<u8> = scores.into_iter().map(|s| s.max(scale.min())).collect();
                    all_scores.extend_from_slice(&scores);
                    Tally::from_scores_on(scale, &scores).unwrap()
                }
                Err(mut histogram) => {
                    one_pass = false;
                    if dutch {
                        histogram[0] = 0;
                    }
                    let total: u128 = histogram.iter().map(|&c| u128::from(c)).sum();
                    match Tally::from_histogram(scale, histogram) {
                        Ok(tally) => tally,
                        Err(error) => {
                            prop_assert_eq!(error, Error::CountOverflow);
                            prop_assert!(total > u128::from(u64::MAX));
                            continue;
                        }
                    }
                }
            };
            parts_built.push(tally.clone());
            let Some(receiver) = acc.as_mut() else {
                acc = Some(tally);
                continue;
            };
            let before = receiver.clone();
            let by_operator = &before + &tally;
            let result = receiver.merge(&tally);
            prop_assert_eq!(result.clone().map(|()| receiver.clone()), by_operator);
            if before.scale() != tally.scale() {
                prop_assert_eq!(&result, & Err(Error::ScaleMismatch { left: before.scale(), right: tally.scale() }));
            } else if u128::from(before.total()) + u128::from(tally.total()) > u128::from(u64::MAX) {
                prop_assert_eq!(&result, & Err(Error::CountOverflow));
            } else {
                prop_assert_eq!(&result, & Ok(()));
            }
            if result.is_err() {
                one_pass = false;
                prop_assert_eq!(&*receiver, &before, "a failed merge changed the receiver");
            }
        }
        // `sum()` keeps the first error, otherwise it is the sequence of merges.
        let summed: nps_stats::Result<Tally> = parts_built.iter().sum();
        let mut sequential: nps_stats::Result<Tally> = Ok(parts_built.first().cloned().unwrap_or_default());
        for tally in parts_built.iter().skip(1) {
            sequential = sequential.and_then(|mut acc| acc.merge(tally).map(|()| acc));
        }
        prop_assert_eq!(&summed, &sequential);
        if one_pass && let (Some(first), Ok(summed)) = (parts_built.first(), &summed) {
            prop_assert_eq!(summed, &Tally::from_scores_on(first.scale(), &all_scores).unwrap());
        }
    }

    #[test]
    fn weighted_adds_follow_the_rules(
        scale in scales(),
        answers in prop::collection::vec((0u8..14, weights()), 0..80),
    ) {
        let mut weighted = WeightedTally::with_scale(scale);
        let mut counts = [0u64; 11];
        let (mut sum, mut squared) = ([0.0f64; 3], [0.0f64; 3]);
        for &(raw, weight) in &answers {
            let before = weighted.clone();
            let result = weighted.try_add(raw, weight);
            let bad_weight = !(weight.is_finite() && weight > 0.0);
            let tiny = !bad_weight && weight * weight < f64::MIN_POSITIVE;
            // Above 2⁵¹¹ (MAX_WEIGHT), whatever the sums.
            let huge = !bad_weight && weight > 2f64.powi(511);
            let off_scale = !scale.contains(raw);
            let i = if off_scale { 0 } else { index(naive_category(scale, raw)) };
            let (mut new_sum, mut new_squared) = (sum, squared);
            new_sum[i] += weight;
            new_squared[i] += weight * weight;
            let total_squared: f64 = new_squared.iter().sum();
            match result {
                Ok(()) => {
                    prop_assert!(!bad_weight && !tiny && !huge && !off_scale, "accepted {} with weight {:e}", raw, weight);
                    prop_assert!(total_squared.is_finite(), "accepted Σw² = {:e}", total_squared);
                    counts[usize::from(raw)] += 1;
                    (sum, squared) = (new_sum, new_squared);
                }
                Err(error) => {
                    prop_assert_eq!(&weighted, &before, "a failed add changed the tally");
                    let explained = match error {
                        Error::InvalidWeight { .. } => bad_weight,
                        Error::WeightUnderflow { .. } => tiny,
                        Error::ScoreOutOfScale { .. } => off_scale,
                        Error::WeightOverflow { .. } => {
                            huge || total_squared.is_nan() || total_squared >= f64::MAX / 2.0
                        }
                        _ => false,
                    };
                    prop_assert!(explained, "{} with weight {:e}: {:?}", raw, weight, error);
                }
            }
        }
        prop_assert_eq!(weighted.tally().histogram(), Some(&counts));
        let bound = (answers.len() as f64 + 2.0) * f64::EPSILON;
        for category in Category::ALL {
            let i = index(category);
            prop_assert!(close(weighted.weight(category), sum[i], bound));
            prop_assert!(close(weighted.weight_squared(category), squared[i], bound));
        }
        if let Some(nps) = weighted.nps() {
            prop_assert!((-100.0..=100.0).contains(&nps));
            let effective = weighted.effective_n().unwrap();
            prop_assert!(effective >= 1.0 - 1e-9 && effective <= weighted.tally().total() as f64 * (1.0 + 1e-9));
        }
    }

    #[test]
    fn weighted_fast_path_agrees_with_adding_one_at_a_time(
        scale in scales(),
        answers in prop::collection::vec((prop_oneof![20 => 0u8..=10, 1 => 0u8..14], weights()), 0..120),
    ) {
        let (scores, weights): (Vec<u8>, Vec<f64>) = answers.iter().copied().unzip();
        let fast = WeightedTally::from_weighted_scores_on(scale, &scores, &weights);
        let mut slow = WeightedTally::with_scale(scale);
        let first_failure = answers.iter().position(|&(raw, weight)| slow.try_add(raw, weight).is_err());
        match first_failure {
            None => {
                let fast = fast.unwrap();
                prop_assert_eq!(fast.tally(), slow.tally());
                for category in Category::ALL {
                    // The fast path's documented agreement with one-at-a-time adds: 1e-14 relative.
                    prop_assert!(close(fast.weight(category), slow.weight(category), 1e-14));
                    prop_assert!(close(fast.weight_squared(category), slow.weight_squared(category), 1e-14));
                }
            }
            Some(position) => {
                let (raw, weight) = answers[position];
                let bad_weight = !(weight.is_finite() && weight > 0.0);
                let error = fast.unwrap_err();
                let explained = match error {
                    Error::InvalidWeightAt { position: at, .. } => at == position && bad_weight,
                    Error::ScoreOutOfScaleAt { position: at, .. } => at == position && !scale.contains(raw),
                    Error::WeightUnderflow { weight: w } => w == weight && weight * weight < f64::MIN_POSITIVE,
                    Error::WeightOverflow { .. } => !bad_weight && scale.contains(raw),
                    _ => false,
                };
                prop_assert!(explained, "answer {} ({}, {:e}): {:?}", position, raw, weight, error);
            }
        }
    }

    #[test]
    fn weighted_merges_equal_one_pass(
        parts in prop::collection::vec(prop::collection::vec((0u8..=10, 1e-6f64..1e12), 0..30), 0..6),
    ) {
        let mut one_pass = WeightedTally::new();
        let mut merged = WeightedTally::new();
        for part in &parts {
            let mut tally = WeightedTally::new();
            for &(raw, weight) in part {
                tally.try_add(raw, weight).unwrap();
                one_pass.try_add(raw, weight).unwrap();
            }
            merged.merge(&tally).unwrap();
        }
        prop_assert_eq!(merged.tally(), one_pass.tally());
        for category in Category::ALL {
            // Two compensated sums of the same positive terms in different orders: each within
            // about 2ε of the exact sum.
            prop_assert!(close(merged.weight(category), one_pass.weight(category), 8.0 * f64::EPSILON));
            prop_assert!(close(merged.weight_squared(category), one_pass.weight_squared(category), 8.0 * f64::EPSILON));
        }
        // A merge that fails leaves the receiver as it was.
        let before = merged.clone();
        prop_assert!(merged.merge(&WeightedTally::with_scale(Scale::DUTCH)).is_err());
        prop_assert_eq!(merged, before);
    }
}
