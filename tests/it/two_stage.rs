//! The two-stage variance (accounts, then contacts within accounts) against R's `survey` package.
//!
//! Data: `tests/data/two_stage_a.csv` (12 of N = 40 accounts; A25 and A39 have one answering contact of
//! several), `two_stage_b.csv` (a census of all N = 15 accounts) and `two_stage_check.csv` (one contact
//! per account), written by `make_two_stage.R`. The expected values are the lines printed by
//! `two_stage_reference.R` (`two_stage_reference.txt`, survey 4.1.1 on R 4.2.2) and
//! `two_stage_account_level.R` (`two_stage_account_level.txt`); the formula is in
//! `two_stage_formula.md`, cross-checked in Python by `two_stage_crosscheck.py`. Each constant quotes its
//! line. Standard errors are compared at 1e-9 relative (the acceptance bound); they involve no normal
//! quantile, so the agreement is in fact to about 1e-14.

// The constants are quoted exactly as R printed them (17 significant digits), so that each can be
// found in the reference output.
#![allow(clippy::excessive_precision, reason = "constants as R printed them")]

use std::collections::BTreeMap;

use nps_stats::accounts::{SingleContact, Strategy, VarianceMethod, Weighting};
use nps_stats::{AccountId, AccountRollup, Error, Response, Score};

struct Design {
    responses: Vec<Response>,
    values: BTreeMap<String, f64>,
    invited: BTreeMap<String, u64>,
    population: u64,
}

/// Reads `account,contact,score,weight,N,M` rows; the contact becomes the respondent id.
fn load(csv: &str) -> Design {
    let (mut responses, mut values, mut invited, mut population) =
        (Vec::new(), BTreeMap::new(), BTreeMap::new(), 0);
    for line in csv.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        let [account, contact, score, weight, big_n, big_m] = fields[..] else { panic!("bad row {line}") };
        responses.push(
            Response::new(Score::try_from(score.parse::<u8>().unwrap()).unwrap())
                .with_account(account)
                .with_respondent(format!("{account}-{contact}")),
        );
        values.insert(account.to_owned(), weight.parse::<f64>().unwrap());
        invited.insert(account.to_owned(), big_m.parse::<u64>().unwrap());
        population = big_n.parse().unwrap();
    }
    Design { responses, values, invited, population }
}

fn data_a() -> Design {
    load(include_str!("../data/two_stage_a.csv"))
}

fn data_b() -> Design {
    load(include_str!("../data/two_stage_b.csv"))
}

fn data_check() -> Design {
    load(include_str!("../data/two_stage_check.csv"))
}

fn rollup(design: &Design, strategy: Strategy, single: SingleContact) -> nps_stats::Result<AccountRollup> {
    AccountRollup::builder()
        .values(&design.values)
        .invitations(&design.invited)
        .strategy(strategy)
        .weighting(Weighting::AccountValue)
        .variance(VarianceMethod::TwoStage)
        .population(design.population)
        .single_contact(single)
        .run(&design.responses)
}

/// `ours` within 1e-9 relative of R's `theirs`.
fn agrees(label: &str, ours: f64, theirs: f64) {
    assert!(((ours - theirs) / theirs).abs() < 1e-9, "{label}: ours {ours:.17}, R {theirs:.17}");
}

#[test]
fn sampled_accounts_agree_with_r_survey() {
    let a = data_a();
    // [A] svydesign(ids=~account+contact, fpc=~N+M, weights=~weight)  lonely.psu=remove
    //   mean = -0.15298193516456321, nps_se = 23.96222384395632
    let zero = rollup(&a, Strategy::Respondent, SingleContact::Zero).unwrap();
    agrees("A weighted nps", zero.weighted.nps, -15.298193516456321);
    agrees("A weighted remove", zero.weighted.std_error, 23.96222384395632);
    // [A] by-hand formula, weights = weight, lonely=remove: V1 = 0.056030642118819689,
    //   V2 = 0.0013881750359671509 (on −1..=1; the crate reports points², ×10⁴)
    let stages = zero.weighted.stages.as_ref().unwrap();
    agrees("A V1", stages.between_accounts, 1e4 * 0.056030642118819689);
    agrees("A V2", stages.within_accounts, 1e4 * 0.0013881750359671509);
    // A25 (1 of 5) and A39 (1 of 3); A07 (1 of 1) answered completely and is not counted.
    assert_eq!(stages.single_contact_accounts, 2);
    assert_eq!((stages.contacts, stages.invited), (32, 62));
    // [A] svydesign(ids=~account+contact, fpc=~N+M, weights=~1)  lonely.psu=remove: nps_se = 16.883115714445015
    agrees("A unweighted remove", zero.unweighted.std_error, 16.883115714445015);
    assert_eq!(zero.unweighted.nps, -9.375);

    // lonely.psu=adjust: nps_se = 23.985923930959721 (weights=~weight), 17.013156054000383 (weights=~1)
    let adjust = rollup(&a, Strategy::Respondent, SingleContact::Adjust).unwrap();
    agrees("A weighted adjust", adjust.weighted.std_error, 23.985923930959721);
    agrees("A unweighted adjust", adjust.unweighted.std_error, 17.013156054000383);
    // by-hand, lonely=adjust: V2 = 0.0015018125633588959
    agrees(
        "A V2 adjust",
        adjust.weighted.stages.as_ref().unwrap().within_accounts,
        1e4 * 0.0015018125633588959,
    );
    assert_eq!(adjust.weighted.degrees_of_freedom, Some(11.0)); // survey::degf: 12 accounts − 1
    assert_eq!(adjust.weighted.population, Some(40));

    // lonely.psu=fail: "ERROR: Stratum (1.A25) has only one PSU at stage 2"
    let refused = rollup(&a, Strategy::Respondent, SingleContact::Refuse).unwrap_err();
    assert_eq!(refused, Error::SingleContactAccount { account: AccountId::from("A25"), invitations: 5 });
}

#[test]
fn a_census_of_accounts_keeps_the_within_account_variance() {
    let b = data_b();
    // [B] svydesign(ids=~account+contact, fpc=~N+M, weights=~weight), every lonely.psu option:
    //   nps = 34.741650473221405, nps_se = 3.1714501367120409; by hand V1 = 0
    // [B] ... weights=~1: nps_se = 3.5247584793728159
    for single in [SingleContact::Adjust, SingleContact::Zero, SingleContact::Refuse] {
        let census = rollup(&b, Strategy::Respondent, single).unwrap();
        agrees("B weighted nps", census.weighted.nps, 34.741650473221405);
        agrees("B weighted", census.weighted.std_error, 3.1714501367120409);
        agrees("B unweighted", census.unweighted.std_error, 3.5247584793728159);
        let stages = census.weighted.stages.as_ref().unwrap();
        assert_eq!(stages.between_accounts, 0.0);
        agrees("B V2", stages.within_accounts, 1e4 * 0.0010058095969650825);
        assert_eq!(stages.single_contact_accounts, 0); // every one-contact account has M = 1
        assert!(census.weighted.interval.width() > 10.0, "{}", census.weighted);
    }
    // [B] svydesign(ids=~account, fpc=~N, weights=~weight): se = 0. The first-stage methods refuse the
    // census instead of printing a zero-width interval.
    for method in [VarianceMethod::ClusterRobust, VarianceMethod::Linearized] {
        for strategy in [Strategy::Respondent, Strategy::Account] {
            let err = AccountRollup::builder()
                .values(&b.values)
                .strategy(strategy.clone())
                .variance(method)
                .population(15)
                .run(&b.responses);
            if method == VarianceMethod::Linearized && strategy == Strategy::Respondent {
                // answers as PSUs take no population at all
                assert!(matches!(err, Err(Error::InvalidCount { name: "population", .. })), "{err:?}");
                continue;
            }
            let err = err.unwrap_err();
            assert!(matches!(err, Error::InvalidCount { name: "population", value: 15, .. }), "{err:?}");
            assert!(err.to_string().contains("census"), "{err}");
        }
    }
}

#[test]
fn the_account_level_strategy_agrees_with_r_survey() {
    // two_stage_account_level.txt: weights V_a/m_a (value) and 1/m_a (one account, one vote).
    let cases = [
        // two_stage_a.csv account level w_value lonely=remove nps = -17.025341762029363  nps_se = 21.766119275309894
        // two_stage_a.csv account level w_one   lonely=remove nps = -6.25  nps_se = 19.044825141189659
        (data_a(), SingleContact::Zero, -17.025341762029363, 21.766119275309894, -6.25, 19.044825141189659),
        // two_stage_a.csv account level w_value lonely=adjust nps = -17.025341762029363  nps_se = 22.038314791088499
        // two_stage_a.csv account level w_one   lonely=adjust nps = -6.25  nps_se = 19.842567880069261
        (data_a(), SingleContact::Adjust, -17.025341762029363, 22.038314791088499, -6.25, 19.842567880069261),
        // two_stage_b.csv account level w_value lonely=remove nps = 18.266580410393949  nps_se = 3.0940798633911588
        // two_stage_b.csv account level w_one   lonely=remove nps = 18.666666666666668  nps_se = 3.5151055571901817
        (
            data_b(),
            SingleContact::Zero,
            18.266580410393949,
            3.0940798633911588,
            18.666666666666668,
            3.5151055571901817,
        ),
    ];
    for (design, single, nps, se, nps_one, se_one) in cases {
        let rollup = rollup(&design, Strategy::Account, single).unwrap();
        agrees("account-level nps", rollup.weighted.nps, nps);
        agrees("account-level se", rollup.weighted.std_error, se);
        agrees("account-level nps, one vote", rollup.unweighted.nps, nps_one);
        agrees("account-level se, one vote", rollup.unweighted.std_error, se_one);
        assert_eq!(rollup.weighted.n, rollup.accounts as u64); // units are accounts
    }
}

#[test]
fn one_contact_per_account_is_the_cluster_robust_result() {
    let check = data_check();
    // [C] svydesign(ids=~account, fpc=~N, weights=~weight)  [one-stage]: nps_se = 37.914301395403015
    // [C] svydesign(ids=~account+contact, fpc=~N+one, weights=~weight)  [stage-2 census]: the same
    // [C] svydesign(ids=~account, fpc=~N, weights=~1)  [one-stage, unweighted]: nps_se = 23.028309323591913
    const ONE_STAGE: f64 = 37.914301395403015;
    const ONE_STAGE_EQUAL: f64 = 23.028309323591913;
    let cluster_robust = AccountRollup::builder()
        .values(&check.values)
        .weighting(Weighting::AccountValue)
        .population(40)
        .run(&check.responses)
        .unwrap();
    agrees("cluster-robust", cluster_robust.weighted.std_error, ONE_STAGE);
    agrees("cluster-robust, equal", cluster_robust.unweighted.std_error, ONE_STAGE_EQUAL);

    // No second-stage correction: each account's one invited contact answered (M = m = 1).
    let complete: BTreeMap<String, u64> = check.invited.keys().map(|a| (a.clone(), 1)).collect();
    let two_stage = AccountRollup::builder()
        .values(&check.values)
        .invitations(&complete)
        .weighting(Weighting::AccountValue)
        .variance(VarianceMethod::TwoStage)
        .population(40)
        .run(&check.responses)
        .unwrap();
    agrees("two-stage, M = 1", two_stage.weighted.std_error, ONE_STAGE);
    agrees("two-stage, M = 1, equal", two_stage.unweighted.std_error, ONE_STAGE_EQUAL);
    assert_eq!(two_stage.weighted.stages.as_ref().unwrap().within_accounts, 0.0);

    // With the real M and one contact per account every account but A07 (1 of 1) is single:
    // lonely.psu=remove gives the one-stage value, "adjust" adds (n/N)(1 − 1/M)z².
    // [C] ... lonely.psu=remove: nps_se = 37.914301395403015; lonely.psu=adjust [differs]: 43.496211484661558
    let zero = rollup(&check, Strategy::Respondent, SingleContact::Zero).unwrap();
    agrees("two-stage, remove", zero.weighted.std_error, ONE_STAGE);
    assert_eq!(zero.weighted.stages.as_ref().unwrap().single_contact_accounts, 11);
    let adjust = rollup(&check, Strategy::Respondent, SingleContact::Adjust).unwrap();
    agrees("two-stage, adjust", adjust.weighted.std_error, 43.496211484661558);
}

#[test]
fn the_account_level_linearized_variance_takes_the_population() {
    // At the account level every unit is an account, so the linearized variance is the one-stage
    // design with the finite population correction: [C] svydesign(ids=~account, fpc=~N, weights=~weight)
    // nps_se = 37.914301395403015; weights=~1: 23.028309323591913. Without the correction the
    // standard error would be 45.316257730712607 ([C] ... [no fpc, one-stage]).
    let check = data_check();
    let linearized = AccountRollup::builder()
        .values(&check.values)
        .strategy(Strategy::Account)
        .weighting(Weighting::AccountValue)
        .variance(VarianceMethod::Linearized)
        .population(40)
        .run(&check.responses)
        .unwrap();
    agrees("account-level linearized, FPC", linearized.weighted.std_error, 37.914301395403015);
    agrees("account-level linearized, FPC, equal", linearized.unweighted.std_error, 23.028309323591913);
    assert_eq!(linearized.weighted.population, Some(40));
    let without = AccountRollup::builder()
        .values(&check.values)
        .strategy(Strategy::Account)
        .weighting(Weighting::AccountValue)
        .variance(VarianceMethod::Linearized)
        .run(&check.responses)
        .unwrap();
    agrees("account-level linearized, no FPC", without.weighted.std_error, 45.316257730712607);
}

#[test]
fn two_stage_inputs_are_checked() {
    let a = data_a();
    let builder = || {
        AccountRollup::builder()
            .values(&a.values)
            .weighting(Weighting::AccountValue)
            .variance(VarianceMethod::TwoStage)
    };
    let err = builder().population(40).run(&a.responses).unwrap_err();
    assert!(matches!(err, Error::SettingRequired { setting: "invitations", .. }), "{err:?}");
    let err = builder().invitations(&a.invited).run(&a.responses).unwrap_err();
    assert!(matches!(err, Error::SettingRequired { setting: "population", .. }), "{err:?}");
    let err = builder().invitations(&a.invited).population(11).run(&a.responses).unwrap_err();
    assert_eq!(err, Error::PopulationTooSmall { population: 11, sampled: 12 });

    let mut short = a.invited.clone();
    short.remove("A14");
    let err = builder().invitations(&short).population(40).run(&a.responses).unwrap_err();
    assert_eq!(err, Error::MissingInvitations { account: AccountId::from("A14") });
    short.insert("A14".to_owned(), 3); // four contacts answered
    let err = builder().invitations(&short).population(40).run(&a.responses).unwrap_err();
    assert_eq!(
        err,
        Error::MoreAnswersThanInvitations { account: AccountId::from("A14"), answers: 4, invitations: 3 }
    );

    let dm_first = Strategy::decision_maker_first(["decision maker"]);
    let err =
        builder().strategy(dm_first).invitations(&a.invited).population(40).run(&a.responses).unwrap_err();
    assert!(matches!(err, Error::UnsupportedMethod { method: "two-stage", .. }), "{err:?}");
}

#[test]
fn a_contact_who_answered_twice_is_one_contact() {
    // Contact a1 answered twice: survey sums a contact's rows before the second stage, so a1's
    // two answers form one contact total. Worked by hand with equal weights: codings +1, +1 (a1),
    // −1 (a2) in account A (3 invited), +1 (b1) in B (1 invited, complete); N = 2 (a census).
    // R̂ = 2/4 = ½; z = (½, ½, −3/2, ½)/4; a1's total ¼, a2's −⅜; Z_A = −⅛, centre −1/16;
    // Σ(t − centre)² = (5/16)² + (5/16)² = 50/256; term (1 − 2/3)·2/1·50/256 = 100/768.
    let answer = |account: &str, contact: &str, score: u8| {
        Response::new(Score::try_from(score).unwrap()).with_account(account).with_respondent(contact)
    };
    let responses =
        [answer("A", "a1", 10), answer("A", "a1", 9), answer("A", "a2", 0), answer("B", "b1", 10)];
    let invited = BTreeMap::from([("A", 3u64), ("B", 1)]);
    let rollup = AccountRollup::builder()
        .invitations(&invited)
        .variance(VarianceMethod::TwoStage)
        .population(2)
        .run(&responses)
        .unwrap();
    let stages = rollup.weighted.stages.as_ref().unwrap();
    assert_eq!((stages.contacts, stages.invited), (3, 4));
    assert!((stages.within_accounts - 1e4 * 100.0 / 768.0).abs() < 1e-9, "{}", stages.within_accounts);
    assert!((rollup.weighted.std_error - 100.0 * (100.0f64 / 768.0).sqrt()).abs() < 1e-9);
    let text = rollup.to_string();
    assert!(text.contains("two-stage (accounts, then contacts)"), "{text}");
    assert!(text.contains("SE between accounts 0.0, within 36.1; 3 of 4 contacts"), "{text}");
}

#[test]
fn alike_answers_count_once_each_in_n() {
    // Found by the property tests: two equal answers of one contact (account A, score 0) and one of
    // account B. The roll-up counts alike answers together, and the two-stage estimate reported
    // n = 2 (distinct answers) beside Kish's effective n = 3. Three answers of equal weight: n = 3,
    // effective n = (1 + 1 + 1)² / (1 + 1 + 1) = 3, as the other variance methods report.
    let answer = |account: &str, contact: &str| {
        Response::new(Score::MIN).with_account(account).with_respondent(contact)
    };
    let responses = [answer("A", "a0"), answer("A", "a0"), answer("B", "b0")];
    let invited = BTreeMap::from([("A", 2u64), ("B", 1)]);
    for single in [SingleContact::Adjust, SingleContact::Zero] {
        let rollup = AccountRollup::builder()
            .invitations(&invited)
            .variance(VarianceMethod::TwoStage)
            .single_contact(single)
            .population(2)
            .min_sample(1)
            .run(&responses)
            .unwrap();
        for estimate in [&rollup.weighted, &rollup.unweighted] {
            assert_eq!(estimate.n, 3, "{single:?}");
            assert!((estimate.effective_n - 3.0).abs() < 1e-12, "{single:?}: {}", estimate.effective_n);
        }
    }
    let robust = AccountRollup::builder().variance(VarianceMethod::ClusterRobust).run(&responses).unwrap();
    assert_eq!(robust.weighted.n, 3);
}
