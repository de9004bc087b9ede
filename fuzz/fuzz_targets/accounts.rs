//! Account roll-ups on arbitrary answers, account values, strategies, weightings, every variance
//! method (the cluster bootstrap with any number of resamples, the two-stage variance with each
//! single-contact policy), populations and levels: no panic or
//! abort; roll-ups, follow-up lists and coverage finite and in range; an account value beyond the
//! limits of a weight refused the same way by all three.

#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use nps_stats::accounts::{SingleContact, Strategy, VarianceMethod, Weighting};
use nps_stats::core::Duplicates;
use nps_stats::inference::MAX_RESAMPLES;
use nps_stats::tally::{MAX_WEIGHT, MIN_WEIGHT};
use nps_stats::{AccountId, AccountRollup, Error, Response, Score};
use nps_stats_fuzz::{LevelChoice, WeightChoice, check_coverage, check_follow_up, check_rollup};

#[derive(arbitrary::Arbitrary, Debug)]
struct Answer {
    account: u8,
    score: u8,
    decision_maker: bool,
    respondent: Option<u8>,
    period: Option<u8>,
}

#[derive(arbitrary::Arbitrary, Debug)]
enum VarianceChoice {
    Linearized,
    ClusterRobust,
    ClusterBootstrap { resamples: u32, small: bool, seed: u64 },
    TwoStage { single_contact: u8 },
}

#[derive(arbitrary::Arbitrary, Debug)]
struct Input {
    answers: Vec<Answer>,
    values: Vec<WeightChoice>,
    strategy: u8,
    weighting: u8,
    latest: bool,
    variance: VarianceChoice,
    population: Option<u16>,
    level: LevelChoice,
    min_sample: u8,
    invitations: Option<Vec<u8>>,
}

const ACCOUNTS: u8 = 12;

fuzz_target!(|input: Input| {
    let Some(level) = input.level.confidence() else { return };
    let responses: Vec<Response> = input
        .answers
        .iter()
        .take(200)
        .map(|a| {
            let mut response = Response::new(Score::try_from(a.score % 11).expect("0..=10"))
                .with_account(format!("A{}", a.account % ACCOUNTS))
                .with_role(if a.decision_maker { "decision maker" } else { "end user" });
            if let Some(r) = a.respondent {
                response = response.with_respondent(format!("r{}", r % 20));
            }
            if let Some(q) = a.period {
                response = response.with_period(format!("2026-Q{}", 1 + q % 4));
            }
            response
        })
        .collect();
    let values: BTreeMap<String, f64> = (0..ACCOUNTS)
        .map(|k| {
            let value = input.values.get(usize::from(k)).map_or(1.0, |w| w.value());
            (format!("A{k}"), value)
        })
        .collect();
    let invitations: Option<BTreeMap<String, u64>> = input.invitations.as_ref().map(|counts| {
        (0..ACCOUNTS)
            .map(|k| (format!("A{k}"), u64::from(counts.get(usize::from(k)).copied().unwrap_or(3))))
            .collect()
    });
    let strategy = match input.strategy % 3 {
        0 => Strategy::Respondent,
        1 => Strategy::Account,
        _ => Strategy::DecisionMakerFirst { roles: vec!["decision maker".to_owned()] },
    };
    let weighting = match input.weighting % 3 {
        0 => Weighting::Equal,
        1 => Weighting::AccountValue,
        _ => Weighting::AccountValueSpread,
    };
    let variance = match input.variance {
        VarianceChoice::Linearized => VarianceMethod::Linearized,
        VarianceChoice::ClusterRobust => VarianceMethod::ClusterRobust,
        // Valid resample counts kept small to run quickly; anything above the limit must be
        // refused before a single resample is drawn.
        VarianceChoice::ClusterBootstrap { resamples, small, seed } => {
            let resamples =
                if small || resamples <= MAX_RESAMPLES { 990 + resamples % 1_500 } else { resamples };
            VarianceMethod::ClusterBootstrap { resamples, seed }
        }
        VarianceChoice::TwoStage { .. } => VarianceMethod::TwoStage,
    };
    let single_contact = match input.variance {
        VarianceChoice::TwoStage { single_contact } => {
            [SingleContact::Adjust, SingleContact::Zero, SingleContact::Refuse]
                [usize::from(single_contact % 3)]
        }
        _ => SingleContact::default(),
    };
    let mut settings = AccountRollup::builder()
        .values(&values)
        .strategy(strategy)
        .weighting(weighting)
        .variance(variance)
        .single_contact(single_contact)
        .level(level)
        .min_sample(u64::from(input.min_sample % 4));
    if input.latest {
        settings = settings.duplicates(Duplicates::LatestPerRespondent);
    }
    if let Some(population) = input.population {
        settings = settings.population(u64::from(population));
    }
    if let Some(invitations) = &invitations {
        settings = settings.invitations(invitations);
    }

    // The first account (in id order) that answered with a value beyond the limits of a weight:
    // every analysis that reads values refuses it by name (when the latest-answer policy keeps its
    // answers; it can drop an account's only answers to an earlier one of the same respondent).
    let bad = |account: &str| !(MIN_WEIGHT..=MAX_WEIGHT).contains(&values[account]);
    let mut answered: Vec<&str> =
        responses.iter().filter_map(|r| r.account().map(AccountId::as_str)).collect();
    answered.sort_unstable();
    answered.dedup();
    let bad_answered = answered.iter().find(|id| bad(id));
    let refused = |account: &AccountId| {
        assert!(bad(account.as_str()) && answered.contains(&account.as_str()), "{account:?}");
        if !input.latest {
            assert_eq!(Some(account.as_str()), bad_answered.copied());
        }
    };

    let run = settings.run(&responses);
    match &run {
        Ok(rollup) => {
            check_rollup(rollup);
            assert!(input.latest || bad_answered.is_none(), "{bad_answered:?}");
        }
        Err(Error::InvalidAccountValue { account, value }) => {
            refused(account);
            assert_eq!(value.to_bits(), values[account.as_str()].to_bits());
        }
        Err(error) => assert!(
            matches!(
                error,
                Error::EmptySample { .. }
                    | Error::InvalidCount { .. }
                    | Error::TooFewForVariance { .. }
                    | Error::PopulationTooSmall { .. }
                    | Error::MissingPeriod { .. }
                    | Error::TooFewResamples { .. }
                    | Error::InvalidParameter { .. }
                    | Error::SettingRequired { .. }
                    | Error::UnsupportedMethod { .. }
                    | Error::SingleContactAccount { .. }
                    | Error::MissingInvitations { .. }
                    | Error::MoreAnswersThanInvitations { .. }
            ),
            "{error:?}"
        ),
    }
    match settings.close_the_loop(&responses) {
        Ok(follow_up) => {
            check_follow_up(&follow_up);
            assert!(input.latest || bad_answered.is_none(), "{bad_answered:?}");
        }
        Err(Error::InvalidAccountValue { account, .. }) => refused(&account),
        Err(error) => assert!(
            matches!(
                error,
                Error::EmptySample { .. } | Error::InvalidCount { .. } | Error::MissingPeriod { .. }
            ),
            "{error:?}"
        ),
    }
    match settings.coverage(&responses) {
        Ok(coverage) => {
            check_coverage(&coverage);
            assert!(values.values().all(|v| (MIN_WEIGHT..=MAX_WEIGHT).contains(v)));
        }
        Err(Error::InvalidAccountValue { account, .. }) => {
            assert!(!(MIN_WEIGHT..=MAX_WEIGHT).contains(&values[account.as_str()]));
        }
        Err(error) => assert!(
            matches!(
                error,
                Error::EmptySample { .. }
                    | Error::MissingPeriod { .. }
                    | Error::MissingInvitations { .. }
                    | Error::MoreAnswersThanInvitations { .. }
                    | Error::CountOverflow
            ),
            "{error:?}"
        ),
    }
});
