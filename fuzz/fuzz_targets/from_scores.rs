//! `Tally::from_scores` and `Tally::from_scores_on` on arbitrary bytes against the one-at-a-time
//! reference: the same counts, or the same error naming the first byte off the scale.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::{Scale, Score, Tally};
use nps_stats_fuzz::{ScaleChoice, check_tally, naive_histogram, out_of_scale_at};

fuzz_target!(|input: (ScaleChoice, bool, Vec<u8>)| {
    let (choice, raw, mut scores) = input;
    let scale = choice.scale();
    if !raw {
        // Mostly valid bytes, so that long valid inputs and late bad bytes are common too.
        for byte in &mut scores {
            *byte %= 12;
        }
    }
    let fast = Tally::from_scores_on(scale, &scores);
    match naive_histogram(scale, &scores) {
        Ok(counts) => {
            let tally = fast.expect("every byte is on the scale");
            assert_eq!(tally.histogram(), Some(&counts));
            assert_eq!(tally.scale(), scale);
            check_tally(&tally);
            // Answer by answer gives the same tally.
            let mut one_by_one = Tally::with_scale(scale);
            for &byte in &scores {
                one_by_one.try_add(byte).expect("on the scale");
            }
            assert_eq!(one_by_one, tally);
        }
        Err(bad) => assert_eq!(fast, Err(out_of_scale_at(scale, bad))),
    }
    if scale == Scale::STANDARD {
        let standard = Tally::from_scores(&scores);
        assert_eq!(standard, Tally::from_scores_on(Scale::STANDARD, &scores));
        if let Ok(tally) = standard {
            let collected: Tally =
                scores.iter().map(|&b| Score::try_from(b).expect("on the scale")).collect();
            assert_eq!(collected, tally);
        }
    }
});
