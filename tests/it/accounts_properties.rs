//! Invariants of the account roll-up, checked with proptest.

use std::collections::BTreeMap;

use nps_stats::accounts::Strategy as Unit;
use nps_stats::{
    AccountRollup, Response, Score,
    accounts::{VarianceMethod, Weighting},
};
use proptest::prelude::*;

/// Scores per account (1 to 5 answers each, 2 to 12 accounts) and a value per account.
fn survey() -> impl Strategy<Value = (Vec<Vec<u8>>, Vec<f64>)> {
    (2usize..12).prop_flat_map(|accounts| {
        (
            prop::collection::vec(prop::collection::vec(0u8..=10, 1..6), accounts),
            prop::collection::vec(1.0f64..1e6, accounts),
        )
    })
}

/// One answer per account and a value per account.
fn one_each() -> impl Strategy<Value = (Vec<Vec<u8>>, Vec<f64>)> {
    (2usize..20).prop_flat_map(|accounts| {
        (
            prop::collection::vec(prop::collection::vec(0u8..=10, 1..2), accounts),
            prop::collection::vec(1.0f64..1e6, accounts),
        )
    })
}

fn responses(scores: &[Vec<u8>]) -> Vec<Response> {
    let roles = ["decision maker", "influencer", "end user"];
    let mut responses = Vec::new();
    for (a, account) in scores.iter().enumerate() {
        for (j, &score) in account.iter().enumerate() {
            responses.push(
                Response::new(Score::try_from(score).unwrap())
                    .with_account(format!("acct-{a:03}"))
                    .with_respondent(format!("r-{a}-{j}"))
                    .with_role(roles[(a + j) % 3]),
            );
        }
    }
    responses
}

fn values(values: &[f64]) -> BTreeMap<String, f64> {
    values.iter().enumerate().map(|(a, &v)| (format!("acct-{a:03}"), v)).collect()
}

fn run(
    responses: &[Response],
    values: &BTreeMap<String, f64>,
    strategy: Unit,
    weighting: Weighting,
) -> AccountRollup {
    AccountRollup::builder().values(values).strategy(strategy).weighting(weighting).run(responses).unwrap()
}

fn strategies() -> [Unit; 3] {
    [Unit::Respondent, Unit::Account, Unit::decision_maker_first(["decision maker", "influencer"])]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #[test]
    fn equal_account_values_give_the_unweighted_result((scores, raw) in survey(), value in 1.0f64..1e7) {
        let responses = responses(&scores);
        let same = values(&vec![value; raw.len()]);
        for strategy in strategies() {
            let rollup = run(&responses, &same, strategy.clone(), Weighting::AccountValue);
            prop_assert!(close(rollup.weighted.nps, rollup.unweighted.nps), "{strategy}");
            prop_assert!(close(rollup.weighted.std_error, rollup.unweighted.std_error), "{strategy}");
            prop_assert!(close(rollup.weighted.effective_n, rollup.weighted.n as f64));
            let equal = run(&responses, &same, strategy.clone(), Weighting::Equal);
            prop_assert!(close(rollup.weighted.nps, equal.weighted.nps));
        }
    }

    #[test]
    fn scaling_all_values_changes_nothing((scores, raw) in survey(), factor in 1e-3f64..1e3) {
        let responses = responses(&scores);
        let base = values(&raw);
        let scaled = values(&raw.iter().map(|v| v * factor).collect::<Vec<_>>());
        for strategy in strategies() {
            for weighting in [Weighting::AccountValue, Weighting::AccountValueSpread] {
                let a = run(&responses, &base, strategy.clone(), weighting);
                let b = run(&responses, &scaled, strategy.clone(), weighting);
                prop_assert!(close(a.weighted.nps, b.weighted.nps));
                prop_assert!(close(a.weighted.std_error, b.weighted.std_error));
                prop_assert!(close(a.weighted.effective_n, b.weighted.effective_n));
                prop_assert!(close(a.weighted.interval.lower, b.weighted.interval.lower));
                prop_assert!(close(a.weighted.interval.upper, b.weighted.interval.upper));
                for (x, y) in a.rows.iter().zip(&b.rows) {
                    prop_assert!(close(x.weight_share, y.weight_share));
                }
            }
        }
    }

    #[test]
    fn spreading_the_value_gives_the_value_weighted_account_means((scores, raw) in survey()) {
        // Documented on `Weighting`: with wᵢ = V_a/m_a the NPS is Σ_a V_a·s̄_a / Σ_a V_a, the account-level
        // value-weighted NPS, with the same cluster-robust variance.
        let responses = responses(&scores);
        let map = values(&raw);
        let spread = run(&responses, &map, Unit::Respondent, Weighting::AccountValueSpread);
        let account = run(&responses, &map, Unit::Account, Weighting::AccountValue);
        let coding = |s: u8| if s >= 9 { 1.0 } else if s >= 7 { 0.0 } else { -1.0 };
        let numerator: f64 = scores
            .iter()
            .zip(&raw)
            .map(|(answers, v)| v * answers.iter().map(|&s| coding(s)).sum::<f64>() / answers.len() as f64)
            .sum();
        let expected = 100.0 * numerator / raw.iter().sum::<f64>();
        prop_assert!(close(spread.weighted.nps, expected), "{} vs {expected}", spread.weighted.nps);
        prop_assert!(close(spread.weighted.nps, account.weighted.nps));
        prop_assert!(close(spread.weighted.std_error, account.weighted.std_error));
    }

    #[test]
    fn one_answer_per_account_makes_clustered_and_plain_variance_agree((scores, raw) in one_each()) {
        let responses = responses(&scores);
        let map = values(&raw);
        for weighting in [Weighting::Equal, Weighting::AccountValue, Weighting::AccountValueSpread] {
            let base = AccountRollup::builder().values(&map).weighting(weighting);
            let clustered = base.variance(VarianceMethod::ClusterRobust).run(&responses).unwrap();
            let base = AccountRollup::builder().values(&map).weighting(weighting);
            let plain = base.variance(VarianceMethod::Linearized).run(&responses).unwrap();
            prop_assert!(close(clustered.weighted.std_error, plain.weighted.std_error));
            prop_assert!(close(clustered.unweighted.std_error, plain.unweighted.std_error));
            prop_assert_eq!(clustered.weighted.degrees_of_freedom, plain.weighted.degrees_of_freedom);
        }
    }

    #[test]
    fn estimates_are_bounded_and_inside_their_intervals((scores, raw) in survey()) {
        let responses = responses(&scores);
        let map = values(&raw);
        for strategy in strategies() {
            for weighting in [Weighting::Equal, Weighting::AccountValue, Weighting::AccountValueSpread] {
                let rollup = run(&responses, &map, strategy.clone(), weighting);
                for est in [&rollup.weighted, &rollup.unweighted] {
                    prop_assert!((-100.0..=100.0).contains(&est.nps));
                    prop_assert!(est.std_error >= 0.0 && est.std_error.is_finite());
                    prop_assert!(est.interval.contains(est.nps));
                    prop_assert!(-100.0 <= est.interval.lower && est.interval.upper <= 100.0);
                    prop_assert!(est.effective_n <= est.n as f64 * (1.0 + 1e-12));
                }
                let shares: f64 = rollup.rows.iter().map(|row| row.weight_share).sum();
                prop_assert!(close(shares, 1.0));
                prop_assert_eq!(rollup.accounts, scores.len());
            }
        }
    }

    #[test]
    fn the_input_order_does_not_matter((scores, raw) in survey()) {
        let responses = responses(&scores);
        let mut reversed = responses.clone();
        reversed.reverse();
        let map = values(&raw);
        for strategy in strategies() {
            let a = run(&responses, &map, strategy.clone(), Weighting::AccountValueSpread);
            let b = run(&reversed, &map, strategy.clone(), Weighting::AccountValueSpread);
            prop_assert!(close(a.weighted.nps, b.weighted.nps));
            prop_assert!(close(a.weighted.std_error, b.weighted.std_error));
            prop_assert_eq!(&a.tally, &b.tally);
        }
    }
}
