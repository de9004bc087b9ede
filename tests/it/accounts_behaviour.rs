//! Behaviour of the account roll-up worked out by hand: duplicates, decision maker first, thin
//! accounts, close the loop, coverage, the cluster bootstrap and the linearized weighted tally.

use std::collections::{BTreeMap, HashMap};

use nps_stats::{
    AccountRollup, Category, Confidence, Response, Score, WeightedTally,
    accounts::{Strategy, VarianceMethod, Weighting},
    core::Duplicates,
};

use crate::accounts::{data_a, data_b};

fn answer(score: u8, account: &str) -> Response {
    Response::new(Score::try_from(score).unwrap()).with_account(account)
}

fn names<T>(list: &[T], name: impl Fn(&T) -> &str) -> Vec<&str> {
    list.iter().map(name).collect()
}

#[test]
fn latest_answer_per_respondent() {
    let responses = vec![
        answer(3, "ACME").with_respondent("jane").with_period("2026-Q1"),
        answer(9, "ACME").with_respondent("jane").with_period("2026-Q3"),
        answer(5, "ACME").with_respondent("jane").with_period("2026-Q2"),
        answer(10, "Globex").with_respondent("joe").with_period("2026-Q2"),
        answer(6, "Globex").with_respondent("joe").with_period("2026-Q2"), // a tie: the later row wins
        answer(8, "ACME"),                                                 // anonymous: its own respondent
        answer(0, "Globex"),
    ];
    let latest =
        AccountRollup::builder().duplicates(Duplicates::LatestPerRespondent).run(&responses).unwrap();
    // Kept: 9, 6, 8, 0 → P 1, A 1, D 2 → −25.
    assert_eq!((latest.responses, latest.duplicates_removed, latest.without_respondent), (4, 3, 2));
    assert_eq!((latest.tally.promoters(), latest.tally.passives(), latest.tally.detractors()), (1, 1, 2));
    assert_eq!(latest.unweighted.nps, -25.0);
    assert_eq!(latest.duplicates, Duplicates::LatestPerRespondent);

    // A caller's order: here the earliest period counts as the latest. Kept: 3, 6, 8, 0 → −75.
    let reversed = AccountRollup::builder()
        .duplicates(Duplicates::LatestPerRespondent)
        .order_by(|a, b| b.period().cmp(&a.period()))
        .run(&responses)
        .unwrap();
    assert_eq!(reversed.unweighted.nps, -75.0);

    let all = AccountRollup::builder().run(&responses).unwrap();
    assert_eq!((all.responses, all.duplicates_removed), (7, 0));
}

#[test]
fn decision_maker_first_picks_the_highest_role_and_averages_ties() {
    let responses = vec![
        answer(10, "A").with_role("Decision Maker "), // case and spaces are ignored
        answer(9, "A").with_role("end user"),
        answer(3, "A").with_role("decision maker"),
        answer(9, "B").with_role("end user"), // no listed role: all answers represent B
        answer(10, "B"),
        answer(6, "C").with_role("influencer"),
        answer(10, "C").with_role("end user"),
    ];
    let rollup = AccountRollup::builder()
        .strategy(Strategy::decision_maker_first(["decision maker", "influencer"]))
        .min_sample(2)
        .run(&responses)
        .unwrap();
    // A: the two decision makers, (+1 − 1)/2 = 0; B: all, +1; C: the influencer, −1. Mean 0.
    let nps: Vec<f64> = rollup.rows.iter().map(|row| row.nps).collect();
    assert_eq!(nps, [0.0, 100.0, -100.0]);
    let roles: Vec<Option<&str>> = rollup.rows.iter().map(|row| row.represented_by.as_deref()).collect();
    assert_eq!(roles, [Some("decision maker"), None, Some("influencer")]);
    let thin: Vec<bool> = rollup.rows.iter().map(|row| row.insufficient).collect();
    assert_eq!(thin, [false, false, true]);
    assert_eq!(rollup.unweighted.nps, 0.0);
    assert_eq!((rollup.responses, rollup.unused, rollup.accounts), (5, 2, 3));
    // The order of the input does not decide ties.
    let mut reversed = responses.clone();
    reversed.reverse();
    let again = AccountRollup::builder()
        .strategy(Strategy::decision_maker_first(["decision maker", "influencer"]))
        .run(&reversed)
        .unwrap();
    assert_eq!(again.unweighted.nps, rollup.unweighted.nps);
}

#[test]
fn thin_accounts_are_flagged_but_still_count() {
    let responses = vec![answer(10, "A"), answer(0, "B"), answer(0, "B"), answer(9, "B")];
    let rollup = AccountRollup::builder().min_sample(3).run(&responses).unwrap();
    let thin: Vec<bool> = rollup.rows.iter().map(|row| row.insufficient).collect();
    assert_eq!(thin, [true, false]);
    assert_eq!(rollup.unweighted.nps, 0.0); // (2 − 2)/4: A still counts
    assert_eq!(rollup.min_sample, 3);
}

#[test]
fn close_the_loop_ranks_by_value_at_risk() {
    let rows = [
        ("Big", 2e6, vec![9, 9, 8, 3]), // ¼ detractors: 500k at risk
        ("Mid", 4e5, vec![2, 5]),       // all: 400k
        ("Tie1", 3e5, vec![1, 9]),      // ½: 150k
        ("Tie2", 1.5e5, vec![0, 0]),    // all: 150k, lower value than Tie1
        ("Happy", 3e5, vec![10, 9]),    // promoting 300k
        ("Glad", 5e5, vec![8, 10]),     // ½ promoters: 250k
        ("Also", 2.5e5, vec![9, 9]),    // 250k, lower value than Glad
        ("Meh", 9e5, vec![8, 7]),       // passives only: no list
        ("New", 5e4, vec![0]),          // one answer: thin
        ("Lone", 7e5, vec![10]),
    ];
    let mut responses = Vec::new();
    let mut values = BTreeMap::new();
    for (account, value, scores) in &rows {
        values.insert(*account, *value);
        for (j, &score) in scores.iter().enumerate() {
            responses.push(
                answer(score, account)
                    .with_respondent(format!("{account}-{j}"))
                    .with_role(if j == 0 { "decision maker" } else { "end user" })
                    .with_comment(format!("comment {account} {score}")),
            );
        }
    }
    let follow_up = AccountRollup::builder().values(&values).close_the_loop(&responses).unwrap();
    assert_eq!(names(&follow_up.call_first, |a| a.account.as_str()), ["Big", "Mid", "Tie1", "Tie2"]);
    let risk: Vec<f64> = follow_up.call_first.iter().map(|a| a.value_at_risk).collect();
    assert_eq!(risk, [500_000.0, 400_000.0, 150_000.0, 150_000.0]);
    assert_eq!(names(&follow_up.ask_for_referrals, |a| a.account.as_str()), ["Happy", "Glad", "Also"]);
    assert_eq!(names(&follow_up.insufficient, |a| a.account.as_str()), ["Lone", "New"]);

    let big = &follow_up.call_first[0];
    let scores: Vec<u8> = big.contacts.iter().map(|c| u8::from(c.score)).collect();
    assert_eq!(scores, [3, 8, 9, 9]); // lowest first on the call list
    assert_eq!(big.contacts[0].category, Category::Detractor);
    assert_eq!(big.contacts[0].comment.as_deref(), Some("comment Big 3"));
    assert_eq!(big.contacts[0].role.as_deref(), Some("end user"));
    assert_eq!(big.contacts[0].respondent.as_deref(), Some("Big-3"));
    assert_eq!(big.nps, 25.0);
    let glad = &follow_up.ask_for_referrals[1];
    assert_eq!(u8::from(glad.contacts[0].score), 10); // highest first on the referral list

    let text = follow_up.to_string();
    assert!(text.contains("call first (detractor accounts by value at risk): 4 accounts"), "{text}");
    assert!(text.contains("comment Big 3"));
    assert!(!text.contains("Meh"));

    // With a threshold of 1 the single answers are scored: Lone asks for a referral, New is a call.
    let scored = AccountRollup::builder().values(&values).min_sample(1).close_the_loop(&responses).unwrap();
    assert!(scored.insufficient.is_empty());
    assert_eq!(names(&scored.ask_for_referrals, |a| a.account.as_str())[0], "Lone");
    assert_eq!(scored.call_first.last().map(|a| a.account.as_str()), Some("New"));
}

#[test]
fn coverage_by_count_and_by_value() {
    let data = data_a();
    let mut base: HashMap<String, f64> = data.values.clone().into_iter().collect();
    // Three accounts that did not answer; data set A is worth 5,855,000 in all.
    base.insert("X".into(), 1_000_000.0);
    base.insert("Y".into(), 145_000.0);
    base.insert("Z".into(), 4_000_000.0);
    let mut invited: HashMap<String, u64> = HashMap::new();
    for response in &data.responses {
        *invited.entry(response.account().unwrap().as_str().to_owned()).or_insert(1) += 1; // m + 1
    }
    invited.insert("X".into(), 3);
    invited.insert("Y".into(), 2);
    invited.insert("Z".into(), 0);
    let coverage =
        AccountRollup::builder().values(&base).invitations(&invited).coverage(&data.responses).unwrap();
    assert_eq!((coverage.accounts, coverage.accounts_answered, coverage.answers), (15, 12, 30));
    assert_eq!(coverage.account_coverage, 0.8);
    assert_eq!((coverage.total_value, coverage.value_answered), (11_000_000.0, 5_855_000.0));
    assert!((coverage.revenue_coverage - 5.855 / 11.0).abs() < 1e-15);
    // Invitations: Σ(m + 1) = 42 over the answering accounts, plus 3 + 2 + 0.
    assert_eq!(coverage.invitations, Some(47));
    assert_eq!(coverage.response_rate, Some(30.0 / 47.0));
    let a01 = coverage.rows.iter().find(|row| row.account.as_str() == "A01").unwrap();
    assert_eq!((a01.answers, a01.invitations, a01.response_rate), (4, Some(5), Some(0.8)));
    let z = coverage.rows.iter().find(|row| row.account.as_str() == "Z").unwrap();
    assert_eq!((z.answers, z.invitations, z.response_rate), (0, Some(0), None)); // 0/0 is undefined
    assert!(coverage.to_string().starts_with("coverage: 12 of 15 accounts answered (80.0%)"));

    let no_invitations = AccountRollup::builder().values(&base).coverage(&data.responses).unwrap();
    assert_eq!((no_invitations.invitations, no_invitations.response_rate), (None, None));
}

#[test]
fn the_cluster_bootstrap_is_seeded_and_close_to_the_cluster_robust_variance() {
    let data = data_b();
    let run = |variance| {
        AccountRollup::builder()
            .values(&data.values)
            .weighting(Weighting::AccountValueSpread)
            .variance(variance)
            .run(&data.responses)
            .unwrap()
    };
    let method = VarianceMethod::ClusterBootstrap { resamples: 4_000, seed: 20_260_704 };
    let boot = run(method);
    assert_eq!(boot, run(method)); // same seed, same bits
    assert_ne!(boot, run(VarianceMethod::ClusterBootstrap { resamples: 4_000, seed: 1 }));
    assert_eq!((boot.weighted.method, boot.weighted.degrees_of_freedom), (method, None));
    assert_eq!(boot.weighted.nps, run(VarianceMethod::ClusterRobust).weighted.nps);

    // The bootstrap variance estimates (C − 1)/C times the cluster-robust one (no small-sample factor).
    // With B = 4,000 replicates the Monte Carlo error of a bootstrap SE is about 1/√(2B) = 1.1 %
    // relative; the ratio estimator's nonlinearity adds an O(1/C) difference (C = 40). 5 % allows
    // both (over five seeds the ratio stayed within 0.99–1.01).
    let robust = run(VarianceMethod::ClusterRobust);
    let c = robust.accounts as f64;
    for (b, r) in [(&boot.weighted, &robust.weighted), (&boot.unweighted, &robust.unweighted)] {
        let ratio = b.std_error / (r.std_error * ((c - 1.0) / c).sqrt());
        assert!((ratio - 1.0).abs() < 0.05, "bootstrap/analytic SE ratio {ratio}");
        assert!(b.interval.contains(b.nps));
    }
}

#[test]
fn linearized_weighted_tally_by_hand_and_by_r() {
    // Answers (coding, weight): (+1, 3), (+1, 1), (−1, 2), (0, 1). Σw = 7, R = 2/7.
    // Σ_k (s_k − R)² Q_k / (Σw)² = (25/49·10 + 81/49·4 + 4/49·1)/49 = 578/2401; V = 4/3 · 578/2401.
    // R: svymean(~s, svydesign(ids=~1, weights=~w, data=data.frame(s=c(1,1,-1,0), w=c(3,1,2,1))))
    //    → mean 0.285714285714286, SE 0.566548647990667; confint(df = 3) → [-1.51729636584709, 2.08872493727566].
    let mut tally = WeightedTally::new();
    for (score, weight) in [(10, 3.0), (9, 1.0), (5, 2.0), (8, 1.0)] {
        tally.try_add(score, weight).unwrap();
    }
    let est = tally.linearized_estimate(Confidence::NINETY_FIVE).unwrap();
    assert!((est.nps / 100.0 - 2.0 / 7.0).abs() < 1e-15);
    assert!((est.std_error / 100.0 - (4.0 / 3.0 * 578.0 / 2401.0f64).sqrt()).abs() < 1e-15);
    assert!((est.std_error / 100.0 - 0.566_548_647_990_667).abs() < 1e-14);
    assert_eq!(est.interval.lower, -100.0); // R's −1.517 clipped
    assert_eq!(est.interval.upper, 100.0);
    assert_eq!((est.n, est.clusters, est.degrees_of_freedom), (4, 4, Some(3.0)));
    assert!((est.effective_n - 49.0 / 15.0).abs() < 1e-12);
    // The unclipped half-width: t(0.975, 3) = 3.182446305284263 (R: qt(0.975, 3)).
    let mut wide = WeightedTally::new();
    for _ in 0..50 {
        for (score, weight) in [(10, 3.0), (9, 1.0), (5, 2.0), (8, 1.0)] {
            wide.try_add(score, weight).unwrap();
        }
    }
    let est = wide.linearized_estimate(Confidence::NINETY_FIVE).unwrap();
    assert!(est.interval.contains(est.nps) && est.interval.lower > -100.0);
}

#[test]
fn the_table_says_what_was_done() {
    let data = data_a();
    let rollup = AccountRollup::builder()
        .values(&data.values)
        .weighting(Weighting::AccountValueSpread)
        .population(50)
        .run(&data.responses)
        .unwrap();
    let text = rollup.to_string();
    for needle in [
        "account roll-up: respondent level, account value spread over its answers, all answers",
        "weighted",
        "unweighted",
        "n_eff",
        "12 accounts, 30 answers",
        "cluster-robust, t with 11 df, FPC 12 of 50 accounts",
        "A01",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
    let first = text.lines().nth(2).unwrap();
    assert!(first.starts_with("weighted") && first.contains("+12.8"), "{first}");
}

#[cfg(feature = "serde")]
#[test]
fn results_round_trip_through_json() {
    let data = data_a();
    let survey = AccountRollup::builder()
        .values(&data.values)
        .strategy(Strategy::decision_maker_first(["decision maker"]))
        .weighting(Weighting::AccountValue);
    let rollup = survey.run(&data.responses).unwrap();
    let json = serde_json::to_string(&rollup).unwrap();
    assert!(json.contains("\"decision_maker_first\""), "{json}");
    assert_eq!(serde_json::from_str::<nps_stats::AccountRollup>(&json).unwrap(), rollup);
    let follow_up = survey.close_the_loop(&data.responses).unwrap();
    let json = serde_json::to_string(&follow_up).unwrap();
    assert_eq!(serde_json::from_str::<nps_stats::accounts::FollowUp>(&json).unwrap(), follow_up);
    let coverage = survey.coverage(&data.responses).unwrap();
    let json = serde_json::to_string(&coverage).unwrap();
    assert_eq!(serde_json::from_str::<nps_stats::accounts::Coverage>(&json).unwrap(), coverage);
}

#[test]
fn a_census_of_accounts_is_refused_by_the_first_stage_variance() {
    // (1 − C/N) = 0 when every account answered, so the cluster-robust variance would be 0 and the
    // interval a point, whoever answered within the accounts. The roll-up refuses it and names the
    // variance that models the contacts (see `tests/it/two_stage.rs` for its values).
    let data = data_a();
    let err = AccountRollup::builder()
        .values(&data.values)
        .weighting(Weighting::AccountValueSpread)
        .population(12)
        .run(&data.responses)
        .unwrap_err();
    assert!(matches!(err, nps_stats::Error::InvalidCount { name: "population", value: 12, .. }), "{err:?}");
    assert!(err.to_string().contains("two-stage"), "{err}");
    // One account fewer than the base is fine: 12 of 13.
    let nearly = AccountRollup::builder()
        .values(&data.values)
        .weighting(Weighting::AccountValueSpread)
        .population(13)
        .run(&data.responses)
        .unwrap();
    assert!(nearly.weighted.std_error > 0.0);
}

#[test]
fn the_cluster_bootstrap_takes_its_percentiles_at_half_alpha() {
    // Two accounts, one answer each: A a promoter (+1), B a detractor (−1). Drawing two accounts with
    // replacement gives AA (ratio +1) and BB (−1) with probability ¼ each and AB or BA (0) with ½.
    // At level 0.7 the interval takes the 15 % and 85 % quantiles of the replicates: with ¼ of the
    // mass at each end they are exactly −1 and +1. Quantiles at α = 30 % and 70 % instead would both be
    // 0. With 2,000 replicates the share at −1 has a Monte Carlo SD of √(¼·¾/2000) = 0.0097, so the
    // 15 % and 30 % points lie 10 and 5 SDs away from the atom's edge at 25 %.
    let responses =
        [Response::new(Score::MAX).with_account("A"), Response::new(Score::MIN).with_account("B")];
    let level = nps_stats::Confidence::new(0.7).unwrap();
    for seed in [1, 2, 3] {
        let rollup = AccountRollup::builder()
            .variance(VarianceMethod::ClusterBootstrap { resamples: 2_000, seed })
            .level(level)
            .run(&responses)
            .unwrap();
        let est = &rollup.unweighted;
        assert_eq!((est.interval.lower, est.interval.upper), (-100.0, 100.0), "seed {seed}: {est}");
        // The replicates' SD estimates √(¼ + ¼) = 0.7071 (70.71 points); its Monte Carlo SD is about
        // √((E x⁴ − σ⁴)/B)/(2σ) = √(0.25/2000)/1.414 = 0.0079 (0.79 points): 4 SDs allowed.
        assert!((est.std_error - 100.0 * 0.5f64.sqrt()).abs() < 3.2, "seed {seed}: {}", est.std_error);
    }
}
