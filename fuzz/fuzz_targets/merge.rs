//! Arbitrary merge sequences of `Tally` and `WeightedTally`: each merge succeeds or fails exactly
//! when the documented rules say, a failed merge leaves the receiver unchanged, the operators agree
//! with `merge`, and merging parts equals counting everything in one pass.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use nps_stats::{Category, Error, Scale, Tally, WeightedTally};
use nps_stats_fuzz::{WeightChoice, check_tally, check_weighted, close, naive_index};

#[derive(Arbitrary, Debug)]
enum Count {
    Small(u8),
    Huge(u8),
}

impl Count {
    fn value(&self) -> u64 {
        match *self {
            Count::Small(n) => u64::from(n),
            Count::Huge(shift) => u64::MAX >> (shift % 8),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Part {
    /// Answers on the standard (false) or Dutch (true) scale.
    Scores(bool, Vec<u8>),
    /// A histogram with counts up to `u64::MAX`.
    Histogram(bool, [Count; 11]),
    /// The accumulator merged with a copy of itself.
    Double,
}

#[derive(Arbitrary, Debug)]
struct Input {
    parts: Vec<Part>,
    weighted: Vec<(bool, Vec<(u8, WeightChoice)>, bool)>,
}

fn scale_of(dutch: bool) -> Scale {
    if dutch { Scale::DUTCH } else { Scale::STANDARD }
}

fuzz_target!(|input: Input| {
    tallies(&input.parts);
    weighted(&input.weighted);
});

fn tallies(parts: &[Part]) {
    let mut acc: Option<Tally> = None;
    let mut all_scores: Vec<u8> = Vec::new();
    let mut one_pass_possible = true;
    let mut operator_acc: nps_stats::Result<Tally> = Ok(Tally::new());
    let mut built: Vec<Tally> = Vec::new();
    for part in parts {
        let tally = match part {
            Part::Scores(dutch, scores) => {
                let scale = scale_of(*dutch);
                let scores: Vec<u8> =
                    scores.iter().map(|s| scale.min() + s % (scale.max() - scale.min() + 1)).collect();
                all_scores.extend(&scores);
                Tally::from_scores_on(scale, &scores).expect("on the scale")
            }
            Part::Histogram(dutch, counts) => {
                one_pass_possible = false;
                let scale = scale_of(*dutch);
                let mut histogram = [0u64; 11];
                for (raw, count) in (0u8..).zip(counts) {
                    if scale.contains(raw) {
                        histogram[usize::from(raw)] = count.value();
                    }
                }
                let total: u128 = histogram.iter().map(|&c| u128::from(c)).sum();
                match Tally::from_histogram(scale, histogram) {
                    Ok(tally) => tally,
                    Err(error) => {
                        assert_eq!(error, Error::CountOverflow);
                        assert!(total > u128::from(u64::MAX));
                        continue;
                    }
                }
            }
            Part::Double => {
                one_pass_possible = false;
                match &acc {
                    Some(tally) => tally.clone(),
                    None => continue,
                }
            }
        };
        check_tally(&tally);
        built.push(tally.clone());
        let Some(receiver) = acc.as_mut() else {
            acc = Some(tally.clone());
            operator_acc = Ok(tally);
            continue;
        };
        let before = receiver.clone();
        let sum = &before + &tally;
        let result = receiver.merge(&tally);
        assert_eq!(result.clone().map(|()| receiver.clone()), sum);
        if before.scale() != tally.scale() {
            assert_eq!(result, Err(Error::ScaleMismatch { left: before.scale(), right: tally.scale() }));
        } else if u128::from(before.total()) + u128::from(tally.total()) > u128::from(u64::MAX) {
            assert_eq!(result, Err(Error::CountOverflow));
        } else {
            assert_eq!(result, Ok(()));
            // The tallies here are counted from scores, so each has its histogram.
            let bins = |t: &Tally| *t.histogram().expect("tallies counted from scores");
            for raw in 0..11 {
                assert_eq!(bins(receiver)[raw], bins(&before)[raw] + bins(&tally)[raw]);
            }
            check_tally(receiver);
        }
        if result.is_err() {
            assert_eq!(*receiver, before, "a failed merge changed the receiver");
            one_pass_possible = false;
        }
        if operator_acc.is_ok() {
            operator_acc += &tally;
            match &result {
                Ok(()) => assert_eq!(operator_acc.as_ref(), Ok(&*receiver)),
                Err(error) => assert_eq!(operator_acc.as_ref(), Err(error)),
            }
        }
    }
    // `sum()` keeps the first error and otherwise equals merging one after the other.
    let summed: nps_stats::Result<Tally> = built.iter().sum();
    let mut sequential: nps_stats::Result<Tally> = Ok(built.first().cloned().unwrap_or_default());
    for tally in built.iter().skip(1) {
        sequential = sequential.and_then(|mut acc| acc.merge(tally).map(|()| acc));
    }
    assert_eq!(summed, sequential);
    if one_pass_possible && let Some(first) = built.first() {
        assert_eq!(summed, Tally::from_scores_on(first.scale(), &all_scores));
    }
}

fn weighted(parts: &[(bool, Vec<(u8, WeightChoice)>, bool)]) {
    let mut acc: Option<WeightedTally> = None;
    let mut one_pass: Option<WeightedTally> = None;
    let mut one_pass_possible = true;
    for (dutch, answers, double) in parts {
        let scale = scale_of(*dutch);
        let mut part = WeightedTally::with_scale(scale);
        for &(raw, weight) in answers {
            let raw = raw % 11;
            let weight = weight.value();
            let before = part.clone();
            if part.try_add(raw, weight).is_ok() {
                let accepted = one_pass.get_or_insert_with(|| WeightedTally::with_scale(scale));
                if accepted.scale() == scale && accepted.try_add(raw, weight).is_err() {
                    one_pass_possible = false;
                }
            } else {
                assert_eq!(part, before);
            }
        }
        check_weighted(&part);
        let other = if *double {
            one_pass_possible = false;
            acc.clone().unwrap_or_else(|| part.clone())
        } else {
            part
        };
        let Some(receiver) = acc.as_mut() else {
            if other.scale() != one_pass.as_ref().map_or(other.scale(), WeightedTally::scale) {
                one_pass_possible = false;
            }
            acc = Some(other);
            continue;
        };
        let before = receiver.clone();
        let result = receiver.merge(&other);
        match result {
            Ok(()) => {
                assert_eq!(receiver.scale(), other.scale());
                assert_eq!(receiver.tally(), &(before.tally() + other.tally()).expect("the counts merged"));
                for category in Category::ALL {
                    let expected = before.weight(category) + other.weight(category);
                    assert!(close(receiver.weight(category), expected, 4.0 * f64::EPSILON), "{category}");
                    let expected = before.weight_squared(category) + other.weight_squared(category);
                    assert!(
                        close(receiver.weight_squared(category), expected, 4.0 * f64::EPSILON),
                        "{category}"
                    );
                }
                check_weighted(receiver);
            }
            Err(error) => {
                assert_eq!(*receiver, before, "a failed merge changed the receiver");
                one_pass_possible = false;
                match error {
                    Error::ScaleMismatch { left, right } => {
                        assert!(left == before.scale() && right == other.scale() && left != right)
                    }
                    Error::CountOverflow => {
                        assert!(
                            u128::from(before.tally().total()) + u128::from(other.tally().total())
                                > u128::from(u64::MAX)
                        )
                    }
                    Error::WeightOverflow { .. } => {
                        let squared: f64 = Category::ALL
                            .iter()
                            .map(|&c| before.weight_squared(c) + other.weight_squared(c))
                            .sum();
                        assert!(!(squared < f64::MAX / 2.0), "refused a merge with Σw² = {squared:e}");
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
    }
    if one_pass_possible && let (Some(merged), Some(one_pass)) = (&acc, &one_pass) {
        assert_eq!(merged.tally(), one_pass.tally());
        for category in Category::ALL {
            let i = naive_index(category);
            assert!(close(merged.weight(category), one_pass.weight(category), 1e-13), "{category} {i}");
            assert!(
                close(merged.weight_squared(category), one_pass.weight_squared(category), 1e-13),
                "{category}"
            );
        }
    }
}
