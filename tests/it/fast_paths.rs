//! Every fast path equals a naive reference: the vectorized tally, the grouped tallies, the weighted
//! pass and (feature `rayon`) their parallel forms. Lengths are chosen around the kernels' lane
//! (16, 32), block (16 × 255, 32 × 255, 512) and chunk (4096, 16384) boundaries, and invalid input is
//! planted at the start, in the middle and at the end.

use std::collections::HashMap;

use nps_stats::{Category, Error, Scale, Tally, WeightedTally};
use proptest::prelude::*;

/// The scales exercised: a byte that is valid on one is off another.
const SCALES: [Scale; 3] = [Scale::STANDARD, Scale::DUTCH, Scale::FIVE_POINT];

/// Counts the slow way: one bin per byte, or the first byte off the scale and its position.
fn naive_histogram(scale: Scale, scores: &[u8]) -> Result<[u64; 11], (usize, u8)> {
    let mut counts = [0u64; 11];
    for (position, &raw) in scores.iter().enumerate() {
        if !scale.contains(raw) {
            return Err((position, raw));
        }
        counts[usize::from(raw)] += 1;
    }
    Ok(counts)
}

/// `len` valid scores on `scale` from a seeded splitmix64 stream.
fn valid_scores(scale: Scale, len: usize, seed: u64) -> Vec<u8> {
    let span = u64::from(scale.max() - scale.min()) + 1;
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            scale.min() + ((z ^ (z >> 31)) % span) as u8
        })
        .collect()
}

/// Lengths on and around every boundary of the kernels.
fn boundary_lengths() -> Vec<usize> {
    let mut lengths =
        vec![0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 511, 512, 513, 1023, 1025];
    for edge in [16 * 255, 32 * 255, 4096, 16 * 1024, 2 * 32 * 255, 3 * 16 * 1024] {
        lengths.extend([edge - 1, edge, edge + 1]);
    }
    lengths
}

fn check_tally(scale: Scale, scores: &[u8]) {
    match (Tally::from_scores_on(scale, scores), naive_histogram(scale, scores)) {
        (Ok(tally), Ok(counts)) => assert_eq!(tally.histogram(), Some(&counts), "len {}", scores.len()),
        (Err(Error::ScoreOutOfScaleAt { position, score, .. }), Err((at, raw))) => {
            assert_eq!((position, score), (at, raw), "len {}", scores.len());
        }
        (got, expected) => panic!("{got:?} vs {expected:?}"),
    }
}

#[test]
fn tally_equals_the_naive_count_at_every_boundary() {
    for scale in SCALES {
        for len in boundary_lengths() {
            let scores = valid_scores(scale, len, len as u64);
            check_tally(scale, &scores);
            // One value only: every lane counter of one bin runs up to its flush limit.
            check_tally(scale, &vec![scale.max(); len]);
            check_tally(scale, &vec![scale.min(); len]);
        }
    }
}

#[test]
fn tally_names_the_first_bad_byte_at_start_middle_and_end() {
    for scale in SCALES {
        for len in boundary_lengths().into_iter().filter(|&len| len > 0) {
            let clean = valid_scores(scale, len, 3 * len as u64);
            let bad_values = [scale.max() + 1, 255, scale.min().wrapping_sub(1)];
            for position in [0, len / 2, len - 1] {
                for bad in bad_values.into_iter().filter(|&bad| !scale.contains(bad)) {
                    let mut scores = clean.clone();
                    scores[position] = bad;
                    // A later offender must not be reported instead.
                    if let Some(later) = scores.get_mut(position + 1) {
                        *later = 200;
                    }
                    check_tally(scale, &scores);
                    assert!(matches!(
                        Tally::from_scores_on(scale, &scores),
                        Err(Error::ScoreOutOfScaleAt { position: p, .. }) if p == position
                    ));
                }
            }
        }
    }
}

/// One tally per key from the key's own subsequence of scores (the answers filtered by key, all
/// keys in one pass): the definition of a grouped tally.
fn filtered(scale: Scale, keys: &[u32], scores: &[u8]) -> Vec<Tally> {
    let groups = keys.iter().max().map_or(0, |&max| max as usize + 1);
    let mut subsequences = vec![Vec::new(); groups];
    for (&key, &score) in keys.iter().zip(scores) {
        subsequences[key as usize].push(score);
    }
    subsequences.iter().map(|mine| Tally::from_scores_on(scale, mine).unwrap()).collect()
}

fn check_grouped(scale: Scale, keys: &[u32], scores: &[u8]) {
    let grouped = Tally::grouped_on(scale, keys, scores);
    let expected_len = keys.iter().max().map_or(0, |&max| max as usize + 1);
    match naive_histogram(scale, scores) {
        Ok(_) => {
            let grouped = grouped.unwrap();
            assert_eq!(grouped.len(), expected_len);
            assert_eq!(grouped, filtered(scale, keys, scores));
            let by_key = Tally::grouped_by_label_on(scale, keys, scores).unwrap();
            let present: std::collections::HashSet<u32> = keys.iter().copied().collect();
            assert_eq!(by_key.len(), present.len());
            for (key, tally) in &by_key {
                assert_eq!(tally, &grouped[*key as usize]);
            }
        }
        Err((at, raw)) => {
            let expected =
                Error::ScoreOutOfScaleAt { score: raw, position: at, min: scale.min(), max: scale.max() };
            assert_eq!(grouped.unwrap_err(), expected);
            assert_eq!(Tally::grouped_by_label_on(scale, keys, scores).unwrap_err(), expected);
        }
    }
}

#[test]
fn grouped_equals_filtering_per_key_at_every_boundary() {
    for len in boundary_lengths() {
        for groups in [1u32, 3, 1000, 3000] {
            let scores = valid_scores(Scale::STANDARD, len, len as u64 + 5);
            let keys: Vec<u32> = valid_scores(Scale::STANDARD, len, len as u64 + 6)
                .iter()
                .zip(0u32..)
                .map(|(&s, i)| (u32::from(s) * 7919 + i * 31) % groups)
                .collect();
            check_grouped(Scale::STANDARD, &keys, &scores);
            if len > 0 {
                for position in [0, len / 2, len - 1] {
                    let mut bad = scores.clone();
                    bad[position] = 11;
                    check_grouped(Scale::STANDARD, &keys, &bad);
                }
            }
        }
    }
}

#[test]
fn grouped_names_the_first_bad_score_at_every_block_position() {
    // The grouped loop validates blocks of 64 answers: a bad score first, last or alone in a block,
    // below or above the scale, with a new key arriving in the same block. The first 16 Ki answers
    // are checked in one piece when the rows are first sized, so the positions that exercise the
    // block checks come after them.
    let len = 16 * 1024 + 5 * 64 + 7;
    for scale in SCALES {
        let scores = valid_scores(scale, len, 41);
        for groups in [1u32, 5, 1000] {
            let keys: Vec<u32> = (0..len as u32).map(|i| (i * 7) % groups).collect();
            let after = 16 * 1024;
            for position in
                [0, 1, after, after + 1, after + 63, after + 64, after + 127, after + 200, len - 7, len - 1]
            {
                for raw in [scale.min().wrapping_sub(1), scale.max() + 1, u8::MAX] {
                    if scale.contains(raw) {
                        continue;
                    }
                    let mut bad = scores.clone();
                    bad[position] = raw;
                    check_grouped(scale, &keys, &bad);
                    let mut late_key = keys.clone();
                    late_key[position] = groups + 3;
                    check_grouped(scale, &late_key, &bad);
                    check_grouped(scale, &late_key, &scores);
                }
            }
        }
    }
}

#[test]
fn grouped_with_sorted_keys_and_a_late_large_key() {
    // Accounts sorted (runs of one key) and, at the very end, a key beyond the four-table limit.
    let len = 40_000;
    let scores = valid_scores(Scale::DUTCH, len, 77);
    let mut keys: Vec<u32> = (0..len as u32).map(|i| i / 100).collect();
    *keys.last_mut().unwrap() = 10_000;
    check_grouped(Scale::DUTCH, &keys, &scores);
}

#[test]
fn grouped_rejects_mismatched_lengths_and_impossible_keys() {
    assert!(matches!(Tally::grouped(&[0, 1], &[9]), Err(Error::LengthMismatch { left: 2, right: 1, .. })));
    assert!(matches!(Tally::grouped_by_label(&["a"], &[9, 9]), Err(Error::LengthMismatch { .. })));
    // One tally per id up to 4 294 967 295 does not fit in memory: an error, not an abort.
    assert!(matches!(
        Tally::grouped(&[u32::MAX], &[9]),
        Err(Error::InvalidCount { value: 4_294_967_295, .. })
    ));
    // A bad score is reported before a key that is too large, wherever the two are.
    let err = Tally::grouped(&[u32::MAX, 0], &[9, 11]).unwrap_err();
    assert!(matches!(err, Error::ScoreOutOfScaleAt { position: 1, score: 11, .. }), "{err}");
}

#[test]
fn grouped_by_label_with_string_keys() {
    let accounts = ["ACME", "Globex", "ACME", "Initech", "Globex", "ACME"];
    let scores = [10, 3, 9, 8, 2, 6];
    let tallies = Tally::grouped_by_label(&accounts, &scores).unwrap();
    assert_eq!(tallies.len(), 3);
    assert_eq!(tallies["ACME"], Tally::from_scores(&[10, 9, 6]).unwrap());
    assert_eq!(tallies["Globex"], Tally::from_scores(&[3, 2]).unwrap());
    assert_eq!(tallies["Initech"], Tally::from_scores(&[8]).unwrap());
}

/// Adds the answers one at a time; the error names the first bad position as the fast path does,
/// checking the weight before the score (as `WeightedTally::add` does; `try_add` rejects a raw
/// value above 10 before looking at the weight, so the weight is checked here first).
fn one_at_a_time(scale: Scale, scores: &[u8], weights: &[f64]) -> Result<WeightedTally, Error> {
    let mut weighted = WeightedTally::with_scale(scale);
    for (position, (&raw, &weight)) in scores.iter().zip(weights).enumerate() {
        if !(weight.is_finite() && weight > 0.0) {
            return Err(Error::InvalidWeightAt { weight, position });
        }
        match weighted.try_add(raw, weight) {
            Ok(()) => {}
            Err(Error::InvalidWeight { weight }) => return Err(Error::InvalidWeightAt { weight, position }),
            Err(Error::ScoreOutOfScale { .. }) => {
                return Err(Error::ScoreOutOfScaleAt {
                    score: raw,
                    position,
                    min: scale.min(),
                    max: scale.max(),
                });
            }
            Err(other) => return Err(other),
        }
    }
    Ok(weighted)
}

/// The documented agreement of the blocked fast path with one-at-a-time addition.
const WEIGHT_TOLERANCE: f64 = 1e-14;

fn check_weighted(scale: Scale, scores: &[u8], weights: &[f64]) {
    let fast = WeightedTally::from_weighted_scores_on(scale, scores, weights);
    match (fast, one_at_a_time(scale, scores, weights)) {
        (Ok(fast), Ok(slow)) => {
            assert_eq!(fast.tally(), slow.tally());
            for category in Category::ALL {
                let (f, s) = (fast.weight(category), slow.weight(category));
                assert!((f - s).abs() <= WEIGHT_TOLERANCE * s, "{category} Σw {f} vs {s}");
                let (f, s) = (fast.weight_squared(category), slow.weight_squared(category));
                assert!((f - s).abs() <= WEIGHT_TOLERANCE * s, "{category} Σw² {f} vs {s}");
            }
        }
        (Err(fast), Err(slow)) => match (&fast, &slow) {
            // NaN != NaN: compare the position and the bits.
            (
                Error::InvalidWeightAt { weight: a, position: p },
                Error::InvalidWeightAt { weight: b, position: q },
            ) => assert_eq!((a.to_bits(), p), (b.to_bits(), q)),
            _ => assert_eq!(fast, slow),
        },
        (fast, slow) => panic!("{fast:?} vs {slow:?}"),
    }
}

/// Weights from 10⁻³ to 10⁶, log-uniform: account values that differ by orders of magnitude.
fn spread_weights(len: usize, seed: u64) -> Vec<f64> {
    valid_scores(Scale::STANDARD, len, seed)
        .iter()
        .zip(valid_scores(Scale::STANDARD, len, seed ^ 0xABCD))
        .map(|(&a, b)| 10f64.powf(f64::from(a) * 0.9 - 3.0 + f64::from(b) * 0.01))
        .collect()
}

#[test]
fn weighted_equals_one_at_a_time_at_every_boundary() {
    for scale in SCALES {
        for len in boundary_lengths() {
            let scores = valid_scores(scale, len, len as u64 + 11);
            let weights = spread_weights(len, len as u64 + 12);
            check_weighted(scale, &scores, &weights);
        }
    }
}

#[test]
fn weighted_names_the_first_bad_answer_at_start_middle_and_end() {
    let len = 3 * 512 + 5;
    let scores = valid_scores(Scale::STANDARD, len, 21);
    let weights = spread_weights(len, 22);
    for position in [0, len / 2, len - 1] {
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0] {
            let mut w = weights.clone();
            w[position] = bad;
            check_weighted(Scale::STANDARD, &scores, &w);
            let err = WeightedTally::from_weighted_scores(&scores, &w).unwrap_err();
            assert!(matches!(err, Error::InvalidWeightAt { position: p, .. } if p == position), "{err}");
        }
        let mut s = scores.clone();
        s[position] = 11;
        check_weighted(Scale::STANDARD, &s, &weights);
        // A bad weight before a bad score wins, and the other way round.
        if position > 0 {
            let mut w = weights.clone();
            w[position - 1] = -2.0;
            let err = WeightedTally::from_weighted_scores(&s, &w).unwrap_err();
            assert_eq!(err, Error::InvalidWeightAt { weight: -2.0, position: position - 1 });
        }
        if position + 1 < len {
            let mut w = weights.clone();
            w[position + 1] = -2.0;
            let err = WeightedTally::from_weighted_scores(&s, &w).unwrap_err();
            assert!(matches!(err, Error::ScoreOutOfScaleAt { score: 11, position: p, .. } if p == position));
        }
    }
    // The weight is checked before the score at the same position, as in `add`.
    let err = WeightedTally::from_weighted_scores(&[11], &[-1.0]).unwrap_err();
    assert_eq!(err, Error::InvalidWeightAt { weight: -1.0, position: 0 });
    assert!(matches!(
        WeightedTally::from_weighted_scores(&[9, 9], &[1.0]),
        Err(Error::LengthMismatch { left: 2, right: 1, .. })
    ));
}

#[test]
fn weighted_overflow_is_the_same_error_as_one_at_a_time() {
    // 1e200² is not finite: the squared sum overflows at the first answer.
    check_weighted(Scale::STANDARD, &[9, 3], &[1.0, 1e200]);
    assert!(matches!(
        WeightedTally::from_weighted_scores(&[9, 3], &[1.0, 1e200]),
        Err(Error::WeightOverflow { .. })
    ));
    // Each weight is fine, their sum is not.
    let huge = vec![f64::MAX / 4.0; 8];
    assert!(matches!(
        WeightedTally::from_weighted_scores(&[10; 8], &huge),
        Err(Error::WeightOverflow { .. })
    ));
}

#[test]
fn weighted_sums_are_exact_where_the_arithmetic_is() {
    // Integer weights below 2⁵³ / n add exactly in any order: the expected sums are closed forms.
    // Weights 1..=n cycle through the scores 0..=10; a weight w goes to score (w − 1) % 11.
    let n = 10_000u64;
    let scores: Vec<u8> = (0..n).map(|i| (i % 11) as u8).collect();
    let weights: Vec<f64> = (1..=n).map(|w| w as f64).collect();
    let fast = WeightedTally::from_weighted_scores(&scores, &weights).unwrap();
    let (mut sums, mut squares) = ([0u128; 3], [0u128; 3]);
    for w in 1..=n {
        let score = (w - 1) % 11;
        let category = usize::from(score >= 7) + usize::from(score >= 9);
        sums[category] += u128::from(w);
        squares[category] += u128::from(w) * u128::from(w);
    }
    for (i, category) in Category::ALL.into_iter().enumerate() {
        assert_eq!(fast.weight(category), sums[i] as f64);
        assert_eq!(fast.weight_squared(category), squares[i] as f64);
    }
    // Total: n(n+1)/2.
    assert_eq!(fast.total_weight(), (n * (n + 1) / 2) as f64);
}

#[test]
fn weighted_error_bound_holds_for_a_huge_weight_beside_many_small_ones() {
    // 10¹⁶ then 5,000 weights of 1: the exact promoter Σw is 10¹⁶ + 5,000 (representable: the
    // spacing of doubles there is 2). Plain summation keeps 10¹⁶; one-at-a-time compensated
    // summation is exact; the blocked sum may lose up to 69 u Σw ≈ 77 (see the accuracy notes).
    let mut weights = vec![1.0; 5_001];
    weights[0] = 1e16;
    let scores = vec![10u8; weights.len()];
    let exact = 1e16 + 5_000.0;
    let fast = WeightedTally::from_weighted_scores(&scores, &weights).unwrap();
    let got = fast.weight(Category::Promoter);
    assert!((got - exact).abs() <= 69.0 * f64::EPSILON / 2.0 * exact, "{got} vs {exact}");
    assert!((got - exact).abs() <= WEIGHT_TOLERANCE * exact);
    check_weighted(Scale::STANDARD, &scores, &weights);
}

#[test]
fn all_detractors_weigh_exactly_minus_one_hundred() {
    // A rounding path once gave −100.00000000000001 for these three weights.
    let weights = [11.993869371056153, 184.8372305203515, 192.62742388574173];
    let fast = WeightedTally::from_weighted_scores(&[0, 0, 0], &weights).unwrap();
    assert_eq!(fast.nps(), Some(-100.0));
    let slow = one_at_a_time(Scale::STANDARD, &[0, 0, 0], &weights).unwrap();
    assert_eq!(slow.nps(), Some(-100.0));
}

proptest! {
    #[test]
    fn tally_equals_naive_on_random_input(
        scores in prop::collection::vec(prop_oneof![9 => 0u8..=10, 1 => any::<u8>()], 0..5_000),
        scale_index in 0usize..3,
    ) {
        check_tally(SCALES[scale_index], &scores);
    }

    #[test]
    fn grouped_equals_filtering_on_random_input(
        answers in prop::collection::vec((0u32..50, prop_oneof![30 => 0u8..=10, 1 => 11u8..=255]), 0..3_000),
    ) {
        let (keys, scores): (Vec<u32>, Vec<u8>) = answers.into_iter().unzip();
        check_grouped(Scale::STANDARD, &keys, &scores);
    }

    #[test]
    fn grouped_by_label_equals_filtering_on_random_input(
        answers in prop::collection::vec((any::<u64>().prop_map(|k| k % 40), 0u8..=10), 0..3_000),
    ) {
        let (keys, scores): (Vec<u64>, Vec<u8>) = answers.into_iter().unzip();
        let tallies = Tally::grouped_by_label(&keys, &scores).unwrap();
        let mut expected: HashMap<u64, Vec<u8>> = HashMap::new();
        for (&key, &score) in keys.iter().zip(&scores) {
            expected.entry(key).or_default().push(score);
        }
        prop_assert_eq!(tallies.len(), expected.len());
        for (key, mine) in expected {
            prop_assert_eq!(&tallies[&key], &Tally::from_scores(&mine).unwrap());
        }
    }

    #[test]
    fn weighted_equals_one_at_a_time_on_random_input(
        answers in prop::collection::vec(
            (prop_oneof![50 => 0u8..=10, 1 => 11u8..=20], prop_oneof![50 => 1e-3f64..1e6, 1 => Just(0.0), 1 => Just(f64::NAN)]),
            0..3_000,
        ),
        scale_index in 0usize..3,
    ) {
        let (scores, weights): (Vec<u8>, Vec<f64>) = answers.into_iter().unzip();
        check_weighted(SCALES[scale_index], &scores, &weights);
    }
}

#[cfg(feature = "rayon")]
mod parallel {
    use super::{Category, Error, Scale, Tally, WeightedTally, spread_weights, valid_scores};

    /// More than two pieces of 2²⁰ answers, and not a multiple of a piece.
    const LEN: usize = 2 * (1 << 20) + 12_345;

    #[test]
    fn parallel_tally_equals_serial_bit_for_bit() {
        for scale in [Scale::STANDARD, Scale::DUTCH] {
            let mut scores = valid_scores(scale, LEN, 5);
            assert_eq!(Tally::from_scores_on_par(scale, &scores), Tally::from_scores_on(scale, &scores));
            // Bad bytes in the last piece and the first: the first position is reported.
            scores[LEN - 3] = 42;
            assert!(matches!(
                Tally::from_scores_on_par(scale, &scores),
                Err(Error::ScoreOutOfScaleAt { position, .. }) if position == LEN - 3
            ));
            scores[(1 << 20) + 1] = 42;
            assert_eq!(Tally::from_scores_on_par(scale, &scores), Tally::from_scores_on(scale, &scores));
        }
        assert_eq!(Tally::from_scores_par(&[]), Ok(Tally::new()));
    }

    #[test]
    fn parallel_grouped_equals_serial_bit_for_bit() {
        let mut scores = valid_scores(Scale::STANDARD, LEN, 6);
        // Keys grow along the input, so later pieces see keys the first never saw.
        let keys: Vec<u32> = (0..LEN as u32).map(|i| (i / 1000) % 2500 + (i % 7)).collect();
        assert_eq!(Tally::grouped_par(&keys, &scores), Tally::grouped(&keys, &scores));
        scores[LEN - 1] = 11;
        assert_eq!(Tally::grouped_par(&keys, &scores), Tally::grouped(&keys, &scores));
        assert!(Tally::grouped_par(&keys, &scores[1..]).is_err());
        assert_eq!(Tally::grouped_par(&[], &[]), Ok(Vec::new()));
    }

    #[test]
    fn parallel_weighted_equals_serial_within_rounding() {
        let scores = valid_scores(Scale::STANDARD, LEN, 7);
        let mut weights = spread_weights(LEN, 8);
        let parallel = WeightedTally::from_weighted_scores_par(&scores, &weights).unwrap();
        let serial = WeightedTally::from_weighted_scores(&scores, &weights).unwrap();
        assert_eq!(parallel.tally(), serial.tally());
        for category in Category::ALL {
            let (p, s) = (parallel.weight(category), serial.weight(category));
            assert!((p - s).abs() <= 1e-14 * s, "{p} vs {s}");
            let (p, s) = (parallel.weight_squared(category), serial.weight_squared(category));
            assert!((p - s).abs() <= 1e-14 * s, "{p} vs {s}");
        }
        // Deterministic: the same bits on every run.
        assert_eq!(WeightedTally::from_weighted_scores_par(&scores, &weights).unwrap(), parallel);
        weights[LEN - 2] = -1.0;
        assert_eq!(
            WeightedTally::from_weighted_scores_par(&scores, &weights).unwrap_err(),
            Error::InvalidWeightAt { weight: -1.0, position: LEN - 2 }
        );
    }
}
