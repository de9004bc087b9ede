//! Every comparison function on arbitrary samples (counts up to `u64::MAX`), methods, resamples,
//! levels and targets: no panic; every comparison finite and in range, except the documented
//! infinite statistic (with p = 0) when the answers leave no doubt; every refusal documented.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::analysis::{Unit, compare_repeated};
use nps_stats::core::Points;
use nps_stats::inference::{
    BootstrapInterval, MAX_RESAMPLES, Prior, Transitions, compare_independent, compare_paired,
    compare_to_target,
};
use nps_stats::{Category, Error, Method, Response, Score, Tally};
use nps_stats_fuzz::{
    CountChoice, LevelChoice, PointsChoice, check_change, check_comparison, check_finite_comparison, tally_of,
};

#[derive(arbitrary::Arbitrary, Debug, Clone, Copy)]
enum MethodChoice {
    Wald,
    AdjustedWald,
    Score,
    Bayesian,
    Bootstrap { resamples: u32, small: bool, seed: u64, bca: bool },
}

impl MethodChoice {
    /// The method, with the resamples of a valid bootstrap kept small enough to run quickly.
    fn method(self) -> Method {
        match self {
            MethodChoice::Wald => Method::Wald,
            MethodChoice::AdjustedWald => Method::AdjustedWald,
            MethodChoice::Score => Method::Score,
            MethodChoice::Bayesian => Method::Bayesian { prior: Prior::UNIFORM },
            MethodChoice::Bootstrap { resamples, small, seed, bca } => {
                let resamples =
                    if small || resamples <= MAX_RESAMPLES { 900 + resamples % 3_000 } else { resamples };
                let interval = if bca { BootstrapInterval::Bca } else { BootstrapInterval::Percentile };
                Method::Bootstrap { resamples, seed, interval }
            }
        }
    }
}

/// Refusals of a bootstrap's settings.
fn bootstrap_refusal(error: &Error) -> bool {
    matches!(
        error,
        Error::TooFewResamples { .. }
            | Error::InvalidCount { name: "bootstrap resamples", .. }
            | Error::InvalidParameter { name: "confidence level of a bootstrap interval", .. }
    )
}

fn responses(codes: &[(u8, u8)], respondents: u8) -> Vec<Response> {
    codes
        .iter()
        .map(|&(respondent, score)| {
            let score = Score::try_from(score % 11).expect("0..=10");
            Response::new(score).with_respondent(format!("r{}", respondent % respondents.max(1)))
        })
        .collect()
}

#[derive(arbitrary::Arbitrary, Debug)]
struct Input {
    first: [CountChoice; 3],
    second: [CountChoice; 3],
    method: MethodChoice,
    level: LevelChoice,
    target: PointsChoice,
    cells: [CountChoice; 9],
    before: Vec<(u8, u8)>,
    after: Vec<(u8, u8)>,
    respondents: u8,
}

fuzz_target!(|input: Input| {
    let Some(level) = input.level.confidence() else { return };
    let count = |c: [CountChoice; 3]| tally_of(c[0].value(), c[1].value(), c[2].value());
    let (Some(first), Some(second)) = (count(input.first), count(input.second)) else { return };
    let method = input.method.method();

    // Against a target: infinite only for Wald with no spread, or a score test of a target at ±100.
    if let Ok(target) = Points::new(input.target.value()) {
        match compare_to_target(&first, target, method, level) {
            Ok(comparison) => {
                check_comparison(&comparison);
                let certain = match method {
                    Method::Wald => comparison.std_error == 0.0,
                    Method::Score => target.value().abs() == 100.0,
                    _ => false,
                };
                if !certain {
                    check_finite_comparison(&comparison);
                }
            }
            Err(error) => assert!(
                first.is_empty() || !(-100.0..=100.0).contains(&target.value()) || bootstrap_refusal(&error),
                "{error:?}"
            ),
        }
    }

    // Two independent samples: infinite only for Wald when neither has any spread.
    match compare_independent(&first, &second, method, level) {
        Ok(comparison) => {
            check_comparison(&comparison);
            if !(method == Method::Wald && comparison.std_error == 0.0) {
                check_finite_comparison(&comparison);
            }
            let difference = second.nps().unwrap() - first.nps().unwrap();
            assert!((comparison.difference - difference).abs() <= 1e-12 * 200.0, "{comparison:?}");
        }
        Err(error) => assert!(
            first.is_empty()
                || second.is_empty()
                || matches!(error, Error::UnsupportedMethod { .. })
                || bootstrap_refusal(&error),
            "{error:?}"
        ),
    }

    // A panel's transition table: infinite only when every respondent moved alike.
    let mut transitions = Transitions::new();
    let mut cells = input.cells.iter();
    for before in Category::ALL {
        for after in Category::ALL {
            let count = cells.next().map_or(0, |c| c.value());
            let snapshot = transitions.clone();
            if transitions.add_count(before, after, count).is_err() {
                assert_eq!(transitions, snapshot, "a failed add changed the table");
            }
        }
    }
    match compare_paired(&transitions, level) {
        Ok(comparison) => {
            check_comparison(&comparison);
            if comparison.std_error > 0.0 {
                check_finite_comparison(&comparison);
            }
        }
        Err(error) => assert!(transitions.total() == 0 && matches!(error, Error::EmptySample { .. })),
    }

    // Repeated answers of the same respondents.
    let (before, after) =
        (responses(&input.before, input.respondents), responses(&input.after, input.respondents));
    match compare_repeated(&before, &after, Unit::Respondent, method, level) {
        Ok(change) => check_change(&change),
        Err(error) => assert!(
            before.is_empty()
                || after.is_empty()
                || matches!(error, Error::UnsupportedMethod { .. })
                || bootstrap_refusal(&error),
            "{error:?}"
        ),
    }
    let _ = Tally::new();
});
