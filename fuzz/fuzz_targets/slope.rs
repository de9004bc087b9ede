//! The weighted slope on arbitrary points: no panic; a slope, standard error, statistic and
//! interval that are finite and within the range a slope of NPS values can take, or the documented
//! error.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::Error;
use nps_stats::inference::weighted_slope;
use nps_stats_fuzz::{LevelChoice, PointsChoice, check_slope};

#[derive(arbitrary::Arbitrary, Debug)]
enum X {
    Period(u8),
    Any(PointsChoice),
}

#[derive(arbitrary::Arbitrary, Debug)]
enum Se {
    Ordinary(u16),
    Any(u64),
    PowerOfTwo(i16),
}

fuzz_target!(|input: (Vec<(X, PointsChoice, Se)>, LevelChoice)| {
    let (raw, level) = input;
    let Some(level) = level.confidence() else { return };
    let points: Vec<(f64, f64, f64)> = raw
        .iter()
        .map(|(x, y, se)| {
            let x = match x {
                X::Period(k) => f64::from(*k),
                X::Any(choice) => choice.value(),
            };
            let se = match se {
                Se::Ordinary(k) => 0.5 + f64::from(*k) / 100.0,
                Se::Any(bits) => f64::from_bits(*bits),
                Se::PowerOfTwo(e) => 2f64.powi(i32::from(*e) % 1100),
            };
            (x, y.value(), se)
        })
        .collect();
    match weighted_slope(&points, level) {
        Ok(slope) => {
            check_slope(&slope);
            let mut xs: Vec<f64> = points.iter().map(|p| p.0).collect();
            xs.sort_by(f64::total_cmp);
            xs.dedup();
            let gap = xs.windows(2).map(|w| w[1] - w[0]).fold(f64::INFINITY, f64::min);
            // A weighted average of the pairwise slopes, each at most 200 points over its gap.
            assert!(slope.slope.abs() <= 200.0 / gap * (1.0 + 1e-9) + 1e-300, "{slope:?} gap {gap}");
            assert!(points.iter().all(|&(x, y, se)| x.is_finite() && y.abs() <= 100.0 && se > 0.0));
        }
        Err(error) => assert!(matches!(error, Error::InvalidParameter { .. }), "{error:?}"),
    }
});
