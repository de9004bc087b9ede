//! `Tally::grouped(_on)` and `Tally::grouped_by_label(_on)` on arbitrary keys and bytes against the
//! per-group reference: the same tallies, or the same error (length mismatch first, then the first
//! byte off the scale with its position).
//!
//! Dense keys are drawn from 0..512: `grouped` allocates one tally per id up to the largest key by
//! contract, so a key near `u32::MAX` would only measure the allocator. Now and then a prefix of
//! about 16 Ki valid answers under key 0 (its exact length, 16,320 to 16,447, chosen by the fuzzer)
//! moves the arbitrary answers past the first chunk, where the dense kernel validates each block of
//! 64 answers as it counts them.

#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use nps_stats::{Error, Score, Tally};
use nps_stats_fuzz::{ScaleChoice, check_tally, naive_histogram, out_of_scale_at};

fuzz_target!(|input: (ScaleChoice, bool, Vec<(u16, u8)>, u8, u16)| {
    let (choice, raw, pairs, extra, prefix) = input;
    let scale = choice.scale();
    let prefix = if extra & 0x40 != 0 { 16_320 + usize::from(prefix % 128) } else { 0 };
    let keys: Vec<u32> =
        std::iter::repeat_n(0, prefix).chain(pairs.iter().map(|&(key, _)| u32::from(key % 512))).collect();
    let mut scores: Vec<u8> = std::iter::repeat_n(scale.max(), prefix)
        .chain(pairs.iter().map(|&(_, score)| if raw { score } else { score % 12 }))
        .collect();
    // Now and then one score too many, for the length check.
    if extra == 0xFF {
        scores.push(9);
    }

    let dense = Tally::grouped_on(scale, &keys, &scores);
    let by_key = Tally::grouped_by_label_on(scale, &keys, &scores);
    if keys.len() != scores.len() {
        let expected = Error::LengthMismatch {
            left_name: "keys",
            left: keys.len(),
            right_name: "scores",
            right: scores.len(),
        };
        assert_eq!(dense, Err(expected.clone()));
        assert_eq!(by_key, Err(expected));
        return;
    }
    if let Err(bad) = naive_histogram(scale, &scores) {
        assert_eq!(dense, Err(out_of_scale_at(scale, bad)));
        assert_eq!(by_key, Err(out_of_scale_at(scale, bad)));
        return;
    }

    // The reference: the prefix in one count, then one answer at a time into per-key histograms.
    let groups = keys.iter().max().map_or(0, |&max| max as usize + 1);
    let mut expected = vec![Tally::with_scale(scale); groups];
    let mut expected_by_key: HashMap<u32, Tally> = HashMap::new();
    if prefix > 0 {
        let top = Score::try_from(scale.max()).expect("a scale's maximum is a score");
        let mut first = Tally::with_scale(scale);
        first.add_count(top, prefix as u64).expect("on the scale");
        expected[0] = first.clone();
        expected_by_key.insert(0, first);
    }
    for (&key, &score) in keys.iter().zip(&scores).skip(prefix) {
        expected[key as usize].try_add(score).expect("on the scale");
        expected_by_key
            .entry(key)
            .or_insert_with(|| Tally::with_scale(scale))
            .try_add(score)
            .expect("on the scale");
    }
    let dense = dense.expect("valid input");
    assert_eq!(dense, expected);
    assert_eq!(by_key.expect("valid input"), expected_by_key);
    for tally in dense.iter().filter(|tally| !tally.is_empty()) {
        check_tally(tally);
    }
    // The groups add up to the whole.
    let whole: nps_stats::Result<Tally> = dense.iter().sum();
    if !dense.is_empty() {
        assert_eq!(whole, Tally::from_scores_on(scale, &scores));
    }
    if scale == nps_stats::Scale::STANDARD {
        assert_eq!(Tally::grouped(&keys, &scores).expect("valid"), dense);
    }
});
