//! Estimates and comparisons on any tally (counts up to `u64::MAX`) at any accepted level: no panic,
//! no NaN, intervals ordered and within the NPS range, p-values in 0..=1.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::{Error, Method, Scale, Tally, inference::compare_independent};
use nps_stats_fuzz::{LevelChoice, check_interval};

fn tally_from(counts: [u64; 3], huge: bool) -> Option<Tally> {
    let mut histogram = [0u64; 11];
    // Detractor 0, passive 7, promoter 10 on the standard scale.
    for (bin, count) in [0usize, 7, 10].into_iter().zip(counts) {
        histogram[bin] = if huge { count } else { count % 1000 };
    }
    match Tally::from_histogram(Scale::STANDARD, histogram) {
        Ok(tally) => Some(tally),
        Err(error) => {
            assert_eq!(error, Error::CountOverflow);
            None
        }
    }
}

fuzz_target!(|input: ([u64; 3], [u64; 3], bool, LevelChoice)| {
    let (first, second, huge, level) = input;
    let Some(level) = level.confidence() else { return };
    let (Some(first), Some(second)) = (tally_from(first, huge), tally_from(second, huge)) else { return };
    for method in [Method::Wald, Method::AdjustedWald] {
        match first.estimate(method, level) {
            Ok(estimate) => {
                assert_eq!(estimate.n, first.total());
                assert_eq!(Some(estimate.nps), first.nps());
                check_interval(estimate.nps, estimate.std_error, &estimate.interval, 100.0);
                let _ = estimate.to_string();
            }
            Err(error) => {
                assert!(first.is_empty());
                assert!(matches!(error, Error::EmptySample { .. }));
            }
        }
        match compare_independent(&second, &first, method, level) {
            Ok(comparison) => {
                check_interval(comparison.difference, comparison.std_error, &comparison.interval, 200.0);
                assert!((0.0..=1.0).contains(&comparison.p_value), "{comparison:?}");
                assert!(!comparison.statistic.is_nan(), "{comparison:?}");
                let _ = comparison.to_string();
            }
            Err(error) => {
                assert!(first.is_empty() || second.is_empty());
                assert!(matches!(error, Error::EmptySample { .. }));
            }
        }
    }
});
