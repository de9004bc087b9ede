//! Every bad input of the account roll-up is a clear error that names what was wrong.

use std::collections::{BTreeMap, HashMap};

use nps_stats::{
    AccountId, AccountRollup, Confidence, Error, Response, Scale, Score, WeightedTally,
    accounts::{Strategy, VarianceMethod, Weighting},
    core::Duplicates,
};

fn answer(score: u8, account: &str) -> Response {
    Response::new(Score::try_from(score).unwrap()).with_account(account)
}

fn two_accounts() -> Vec<Response> {
    vec![answer(10, "ACME"), answer(3, "ACME"), answer(9, "Globex")]
}

fn id(account: &str) -> AccountId {
    AccountId::from(account)
}

#[test]
fn a_response_without_an_account() {
    let responses = vec![answer(10, "ACME"), Response::new(Score::MAX), answer(3, "Globex")];
    let err = AccountRollup::builder().run(&responses).unwrap_err();
    assert_eq!(err, Error::MissingAccount { position: 1 });
    assert_eq!(
        err.to_string(),
        "response at position 1 has no account: expected an account id on every response of an account analysis"
    );
    let values = HashMap::from([("ACME", 1.0), ("Globex", 1.0)]);
    assert_eq!(AccountRollup::builder().values(&values).close_the_loop(&responses).unwrap_err(), err);
    assert_eq!(AccountRollup::builder().values(&values).coverage(&responses).unwrap_err(), err);
}

#[test]
fn an_account_without_a_value() {
    let responses = two_accounts();
    let values = HashMap::from([("ACME", 1_000.0)]);
    let err = AccountRollup::builder().values(&values).run(&responses).unwrap_err();
    assert_eq!(err, Error::MissingAccountValue { account: id("Globex") });
    assert_eq!(
        err.to_string(),
        "account Globex has no value: expected a value (ARR, revenue) for every account that answered"
    );
    // Also with equal weights: given values must cover every account, nothing is skipped.
    let equal = AccountRollup::builder().values(&values).weighting(Weighting::Equal).run(&responses);
    assert_eq!(equal.unwrap_err(), err);
    // And through a closure.
    let lookup = |account: &AccountId| (account.as_str() == "ACME").then_some(5.0);
    assert_eq!(AccountRollup::builder().values(&lookup).run(&responses).unwrap_err(), err);
    assert_eq!(AccountRollup::builder().values(&values).close_the_loop(&responses).unwrap_err(), err);
}

#[test]
fn invalid_account_values_name_the_account() {
    let responses = two_accounts();
    // Beyond the limits of a weight too (2⁻⁵¹¹ to 2⁵¹¹), as everywhere account values enter.
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, -250.0, 1e-200, 1e160, f64::MAX] {
        let values = BTreeMap::from([("ACME", 100.0), ("Globex", bad)]);
        let err = AccountRollup::builder()
            .values(&values)
            .weighting(Weighting::AccountValueSpread)
            .run(&responses)
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidAccountValue { ref account, value } if account.as_str() == "Globex"
                && (value.to_bits() == bad.to_bits())),
            "{bad}: {err:?}"
        );
        assert!(err.to_string().starts_with("value "), "{err}");
        assert!(
            err.to_string().ends_with(
                "of account Globex is invalid: expected a number from 2^-511 to 2^511 (about 1.5e-154 to \
                 6.7e153)"
            ),
            "{err}"
        );
    }
}

#[test]
fn value_analyses_without_values() {
    let responses = two_accounts();
    for weighting in [Weighting::AccountValue, Weighting::AccountValueSpread] {
        let err = AccountRollup::builder().weighting(weighting).run(&responses).unwrap_err();
        assert_eq!(err, Error::AccountValuesRequired { purpose: "value weighting" });
        assert_eq!(
            err.to_string(),
            "value weighting needs account values: expected them from the builder's `values`"
        );
    }
    assert!(matches!(
        AccountRollup::builder().close_the_loop(&responses),
        Err(Error::AccountValuesRequired { purpose: "close the loop (value at risk)", .. })
    ));
    assert!(matches!(
        AccountRollup::builder().coverage(&responses),
        Err(Error::AccountValuesRequired { .. })
    ));
    // A closure cannot list the customer base, so coverage asks for a map.
    let lookup = |_: &AccountId| Some(1.0);
    let err = AccountRollup::builder().values(&lookup).coverage(&responses).unwrap_err();
    assert_eq!(err, Error::AccountListRequired { purpose: "coverage" });
    assert_eq!(
        err.to_string(),
        "coverage needs the list of every account: expected the builder's `values` as a map that lists every \
         account of the customer base, not a closure"
    );
}

#[test]
fn repeated_answers_without_a_period() {
    let responses = vec![
        answer(10, "ACME").with_respondent("jane").with_period("2026-Q1"),
        answer(3, "ACME").with_respondent("jane"),
        answer(9, "Globex").with_respondent("joe"),
    ];
    let err =
        AccountRollup::builder().duplicates(Duplicates::LatestPerRespondent).run(&responses).unwrap_err();
    assert_eq!(err, Error::MissingPeriod { respondent: "jane".into() });
    assert!(
        err.to_string().starts_with("respondent jane answered more than once but an answer has no period")
    );
    // Keeping every answer needs no order.
    assert!(AccountRollup::builder().run(&responses).is_ok());
}

#[test]
fn too_few_units_for_a_variance() {
    let one_account = vec![answer(10, "ACME"), answer(3, "ACME")];
    let err = AccountRollup::builder().run(&one_account).unwrap_err();
    assert_eq!(err, Error::TooFewForVariance { what: "accounts", found: 1 });
    assert_eq!(err.to_string(), "a variance needs at least 2 accounts, found 1");
    // Linearized with answers as units: two answers are enough.
    assert!(AccountRollup::builder().variance(VarianceMethod::Linearized).run(&one_account).is_ok());
    let one_answer = vec![answer(10, "ACME")];
    let linearized = AccountRollup::builder().variance(VarianceMethod::Linearized).run(&one_answer);
    assert_eq!(linearized.unwrap_err(), Error::TooFewForVariance { what: "answers", found: 1 });

    let mut single = WeightedTally::new();
    assert_eq!(
        single.linearized_estimate(Confidence::NINETY_FIVE).unwrap_err(),
        Error::EmptySample { what: "the weighted tally" }
    );
    single.add(Score::MAX, 2.0).unwrap();
    assert_eq!(
        single.linearized_estimate(Confidence::NINETY_FIVE).unwrap_err(),
        Error::TooFewForVariance { what: "answers", found: 1 }
    );
}

#[test]
fn no_responses() {
    let err = AccountRollup::builder().run(&[]).unwrap_err();
    assert_eq!(err, Error::EmptySample { what: "the responses" });
}

#[test]
fn bad_population_sizes() {
    let responses = two_accounts();
    let err = AccountRollup::builder().population(1).run(&responses).unwrap_err();
    assert_eq!(err, Error::PopulationTooSmall { population: 1, sampled: 2 });
    assert!(
        err.to_string()
            .starts_with("a population of 1 accounts is smaller than the 2 accounts that answered")
    );
    assert!(matches!(
        AccountRollup::builder().population(0).run(&responses),
        Err(Error::PopulationTooSmall { .. })
    ));

    let boot = VarianceMethod::ClusterBootstrap { resamples: 100, seed: 1 };
    let err = AccountRollup::builder().variance(boot).population(10).run(&responses).unwrap_err();
    assert!(matches!(err, Error::InvalidCount { name: "population", value: 10, .. }), "{err:?}");
    let err = AccountRollup::builder()
        .variance(VarianceMethod::Linearized)
        .population(10)
        .run(&responses)
        .unwrap_err();
    assert!(matches!(err, Error::InvalidCount { name: "population", value: 10, .. }), "{err:?}");
    // At the account level every unit is an account, so linearized variance takes the correction.
    let account_level = AccountRollup::builder()
        .strategy(Strategy::Account)
        .variance(VarianceMethod::Linearized)
        .population(10)
        .run(&responses);
    assert!(account_level.is_ok());
}

#[test]
fn bad_settings() {
    let responses = two_accounts();
    let boot = VarianceMethod::ClusterBootstrap { resamples: 1, seed: 1 };
    let err = AccountRollup::builder().variance(boot).run(&responses).unwrap_err();
    assert_eq!(err, Error::TooFewResamples { resamples: 1, needed: 1_000 });
    let err = AccountRollup::builder().min_sample(0).run(&responses).unwrap_err();
    assert!(matches!(err, Error::InvalidCount { name: "min_sample", value: 0, .. }), "{err:?}");
    let no_roles = Strategy::DecisionMakerFirst { roles: Vec::new() };
    let err = AccountRollup::builder().strategy(no_roles).run(&responses).unwrap_err();
    assert!(matches!(err, Error::EmptyList { name: "roles", .. }), "{err:?}");
}

#[test]
fn scores_off_the_scale() {
    let responses = vec![answer(8, "ACME"), answer(0, "Globex")];
    let err = AccountRollup::builder().scale(Scale::DUTCH).run(&responses).unwrap_err();
    assert!(matches!(err, Error::ScoreOutOfScale { score: 0, min: 1, max: 10 }), "{err:?}");
}

#[test]
fn coverage_inputs() {
    let responses = two_accounts();
    let base = HashMap::from([("ACME", 10.0), ("Globex", 5.0), ("Initech", f64::NAN)]);
    let err = AccountRollup::builder().values(&base).coverage(&responses).unwrap_err();
    assert!(matches!(err, Error::InvalidAccountValue { ref account, .. } if account.as_str() == "Initech"));

    let base = HashMap::from([("ACME", 10.0), ("Globex", 5.0), ("Initech", 1.0)]);
    let invited = HashMap::from([("ACME", 5u64)]);
    let err = AccountRollup::builder().values(&base).invitations(&invited).coverage(&responses).unwrap_err();
    assert_eq!(err, Error::MissingInvitations { account: id("Globex") });
    assert!(err.to_string().starts_with("account Globex has no invitation count"));

    let invited = HashMap::from([("ACME", 1u64), ("Globex", 1)]);
    let err = AccountRollup::builder().values(&base).invitations(&invited).coverage(&responses).unwrap_err();
    assert_eq!(err, Error::MoreAnswersThanInvitations { account: id("ACME"), answers: 2, invitations: 1 });
    assert_eq!(
        err.to_string(),
        "account ACME has 2 answers but 1 invitations: expected at most one answer per invitation"
    );

    let invited = HashMap::from([("ACME", 5u64), ("Globex", 1), ("Hooli", 3)]);
    let err = AccountRollup::builder().values(&base).invitations(&invited).coverage(&responses).unwrap_err();
    assert_eq!(err, Error::MissingAccountValue { account: id("Hooli") });
}

/// A hand-written source whose list repeats an account.
struct Repeating;

impl nps_stats::accounts::PerAccount<f64> for Repeating {
    fn get_for(&self, _: &AccountId) -> Option<f64> {
        Some(1.0)
    }

    fn entries(&self) -> Option<Vec<(AccountId, f64)>> {
        Some(vec![(id("ACME"), 1.0), (id("Globex"), 1.0), (id("ACME"), 2.0)])
    }
}

#[test]
fn an_account_listed_twice() {
    let responses = two_accounts();
    let err = AccountRollup::builder().values(&Repeating).coverage(&responses).unwrap_err();
    assert_eq!(err, Error::DuplicateAccount { account: id("ACME") });
    assert_eq!(
        err.to_string(),
        "account ACME appears more than once in the account list: expected each account once"
    );
}
