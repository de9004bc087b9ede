//! Outcome linkage through the public API: does the score predict renewal, churn or a number?
//!
//! Reference values: `tests/data/outcome_clustered_reference.R` (survey 4.1.1 and pROC 1.18.0 on
//! R 4.2.2; output `outcome_clustered_reference.txt`) on `outcome_clusters.csv` (49 contacts in 24
//! accounts, written by `make_outcome_clusters.R`): domain rates with accounts as clusters, their
//! contrast, Obuchowski's clustered AUC computed from the full ψ matrix, the JK1 jackknife of
//! Spearman's ρ, and the account-level AUC and ρ. Each constant quotes its line. Values that go
//! through a normal or t quantile are compared at 1e-12 relative (R's `qnorm(0.975)` is one ulp
//! low), the others at 1e-14; p-values at 1e-9 (statrs' normal tail and our t tail).

#![allow(clippy::excessive_precision, reason = "constants as R printed them")]

use std::collections::BTreeMap;

use nps_stats::analysis::{AccountScore, OutcomeBuilder, OutcomeUnit};
use nps_stats::inference::roc_auc;
use nps_stats::{AccountId, Category, Confidence, Error, Response, Score};
use proptest::prelude::*;
use rand::{Rng, RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

fn agrees(label: &str, ours: f64, theirs: f64, tolerance: f64) {
    let ok =
        if theirs == 0.0 { ours.abs() <= tolerance } else { ((ours - theirs) / theirs).abs() <= tolerance };
    assert!(ok, "{label}: ours {ours:.17}, R {theirs:.17}");
}

/// `outcome_clusters.csv` as responses: the contact is the respondent, the outcome and the value are
/// segment labels.
fn clusters_data() -> Vec<Response> {
    include_str!("../data/outcome_clusters.csv")
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let [account, contact, score, outcome, value] = fields[..] else { panic!("bad row {line}") };
            Response::new(Score::try_from(score.parse::<u8>().unwrap()).unwrap())
                .with_account(account)
                .with_respondent(format!("{account}-{contact}"))
                .with_segment("outcome", outcome)
                .with_segment("value", value)
        })
        .collect()
}

fn kept(response: &Response) -> Option<bool> {
    response.segment("outcome").map(|v| v == "1")
}

fn value(response: &Response) -> Option<f64> {
    response.segment("value").and_then(|v| v.parse().ok())
}

#[test]
fn contacts_with_accounts_as_clusters_agree_with_r() {
    let answers = clusters_data();
    let link = OutcomeBuilder::new()
        .unit(OutcomeUnit::ContactsByAccount)
        .name("kept")
        .opposite("dropped")
        .min_sample(15)
        .binary(&answers, kept)
        .unwrap();
    assert_eq!((link.units, link.events, link.accounts, link.without_outcome), (49, 35, Some(24), 0));
    // (1) detractor n = 15 k = 5 rate = 0.33333333333333331 se = 0.090800696614266527 n_eff = 15
    //       lower = 0.15176324439714728 upper = 0.58286452261480204
    //     passive   n = 20 k = 16 rate = 0.80000000000000004 se = 0.092501468848502272 n_eff = 18.699186991869912
    //       lower = 0.57600949138188706 upper = 0.92173632692418161
    //     promoter  n = 14 k = 14 rate = 1 se = 0 n_eff = 14 lower = 0.7846891972623643 upper = 1
    let expected = [
        (Category::Detractor, 15, 5, 15.0, 0.15176324439714728, 0.58286452261480204, false),
        (Category::Passive, 20, 16, 18.699186991869912, 0.57600949138188706, 0.92173632692418161, false),
        (Category::Promoter, 14, 14, 14.0, 0.7846891972623643, 1.0, true),
    ];
    for (row, (category, n, k, n_eff, lower, upper, thin)) in link.rates.iter().zip(expected) {
        assert_eq!((row.category, row.units, row.events, row.insufficient), (category, n, k, thin));
        agrees(&format!("{category} n_eff"), row.effective_n, n_eff, 1e-13);
        let interval = row.interval.unwrap();
        agrees(&format!("{category} lower"), interval.lower, lower, 1e-12);
        agrees(&format!("{category} upper"), interval.upper, upper, 1e-12);
    }
    // (2) d = 0.66666666666666674 se = 0.090800696614266527 lower = 0.47883111458421318
    //     upper = 0.85450221874912025 t = 7.3420875777942065 df = 23 p = 1.8100350856486278e-07
    let diff = link.promoters_minus_detractors.as_ref().unwrap();
    agrees("difference", diff.difference, 0.66666666666666674, 1e-14);
    agrees("difference lower", diff.interval.lower, 0.47883111458421318, 1e-12);
    agrees("difference upper", diff.interval.upper, 0.85450221874912025, 1e-12);
    agrees("difference t", diff.statistic.unwrap(), 7.3420875777942065, 1e-13);
    assert_eq!((diff.degrees_of_freedom, diff.clusters), (Some(23.0), Some(24)));
    agrees("difference p", diff.p_value, 1.8100350856486278e-07, 1e-9);
    // (3) auc = 0.88775510204081631 obuchowski se = 0.047437950839568158 lower = 0.7947784268948811
    //     upper = 0.98073177718675153
    let auc = link.auc.as_ref().unwrap();
    agrees("AUC", auc.auc, 0.88775510204081631, 1e-14);
    agrees("Obuchowski SE", auc.std_error, 0.047437950839568158, 1e-13);
    agrees("AUC lower", auc.interval.lower, 0.7947784268948811, 1e-12);
    agrees("AUC upper", auc.interval.upper, 0.98073177718675153, 1e-12);
    assert_eq!((auc.cases, auc.controls, auc.clusters), (35, 14, Some(24)));
    let text = link.to_string();
    assert!(text.contains("49 contacts (contacts, with accounts as clusters)"), "{text}");
    assert!(text.contains("Obuchowski, 24 accounts as clusters"), "{text}");
    assert!(
        text.contains(
            "higher scores go with kept: the score predicts it here, and the separation is excellent"
        ),
        "{text}"
    );

    // (4) rho = 0.60290837567362021 jackknife se of atanh(rho) = 0.18210918689864064
    //     lower = 0.31039495877555795 upper = 0.79112272754290158 t = 3.831239848176859 df = 23
    //     p = 0.00085462351121889794
    let numeric = OutcomeBuilder::new()
        .unit(OutcomeUnit::ContactsByAccount)
        .name("seats added")
        .numeric(&answers, value)
        .unwrap();
    let rho = numeric.correlation.as_ref().unwrap();
    agrees("rho", rho.rho, 0.60290837567362021, 1e-14);
    agrees("rho lower", rho.interval.lower, 0.31039495877555795, 1e-12);
    agrees("rho upper", rho.interval.upper, 0.79112272754290158, 1e-12);
    agrees("rho t", rho.statistic.unwrap(), 3.831239848176859, 1e-12);
    agrees("rho p", rho.p_value, 0.00085462351121889794, 1e-9);
    assert_eq!((rho.degrees_of_freedom, rho.clusters, rho.n), (23.0, Some(24), 49));
    let text = numeric.to_string();
    assert!(
        text.contains("jackknife over 24 accounts")
            && text.contains("higher scores go with higher seats added here"),
        "{text}"
    );
}

#[test]
fn accounts_as_units_agree_with_r() {
    let answers = clusters_data();
    // One outcome per account, as the account unit needs: the majority of its contacts' outcomes
    // (ties to 1) and its first contact's value, as the R script aggregates them.
    let mut per_account: BTreeMap<AccountId, (u32, u32, Option<f64>)> = BTreeMap::new();
    for response in &answers {
        let entry = per_account.entry(response.account().unwrap().clone()).or_default();
        entry.0 += u32::from(kept(response).unwrap());
        entry.1 += 1;
        entry.2 = entry.2.or(value(response));
    }
    let majority = |r: &Response| per_account.get(r.account()?).map(|&(k, n, _)| 2 * k >= n);
    let first_value = |r: &Response| per_account.get(r.account()?).and_then(|&(_, _, v)| v);

    // (5) accounts = 24 renewed = 17 auc = 0.95798319327731096 lower = 0.88810568952858771 upper = 1
    let link = OutcomeBuilder::new().name("renewed").opposite("churned").binary(&answers, majority).unwrap();
    assert_eq!(link.unit, OutcomeUnit::Account(AccountScore::Mean));
    assert_eq!((link.units, link.events, link.accounts), (24, 17, Some(24)));
    let auc = link.auc.as_ref().unwrap();
    agrees("account AUC", auc.auc, 0.95798319327731096, 1e-14);
    agrees("account AUC lower", auc.interval.lower, 0.88810568952858771, 1e-12);
    assert_eq!((auc.interval.upper, auc.interval.clipped, auc.clusters), (1.0, true, None));
    // Every account's category is that of its mean score: the rates count accounts.
    assert_eq!(link.rates.iter().map(|r| r.units).sum::<u64>(), 24);
    let text = link.to_string();
    assert!(
        text.starts_with(
            "does the score predict renewed? 24 accounts (accounts, each scored by the mean of its answers)"
        ),
        "{text}"
    );

    // (5) spearman rho = 0.46845344259855631 p = 0.020952759053599373
    let numeric = OutcomeBuilder::new().numeric(&answers, first_value).unwrap();
    let rho = numeric.correlation.as_ref().unwrap();
    agrees("account rho", rho.rho, 0.46845344259855631, 1e-14);
    agrees("account rho p", rho.p_value, 0.020952759053599373, 1e-9);
    assert_eq!((rho.n, rho.clusters), (24, None));
}

#[test]
fn answers_as_units_are_the_plain_statistics() {
    let answers = clusters_data();
    let link = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).binary(&answers, kept).unwrap();
    let scores: Vec<f64> = answers.iter().map(|r| f64::from(r.score().value())).collect();
    let outcomes: Vec<bool> = answers.iter().map(|r| kept(r).unwrap()).collect();
    let plain = roc_auc(&scores, &outcomes, Confidence::NINETY_FIVE).unwrap();
    assert_eq!(link.auc.as_ref(), Some(&plain));
    // (3) pROC auc = 0.88775510204081631 delong se = 0.048272866368947107
    agrees("DeLong SE", plain.std_error, 0.048272866368947107, 1e-13);
    assert_eq!(link.accounts, None);
    let detractors = &link.rates[0];
    assert_eq!(detractors.effective_n, 15.0);
    let wilson = nps_stats::inference::wilson_interval(5, 15, Confidence::NINETY_FIVE).unwrap();
    assert_eq!(detractors.interval, Some(wilson));
}

#[test]
fn the_account_score_is_rolled_up_as_stated() {
    let answer = |account: &str, role: &str, score: u8, renewed: &str| {
        Response::new(Score::try_from(score).unwrap())
            .with_account(account)
            .with_role(role)
            .with_segment("renewed", renewed)
    };
    // A: decision maker 9, end user 3 (mean 6, lowest 3); B: 8 and 8; C: end user 10 only; D: 2, 4.
    let answers = [
        answer("A", "decision maker", 9, "yes"),
        answer("A", "end user", 3, "yes"),
        answer("B", "influencer", 8, "no"),
        answer("B", "end user", 8, "no"),
        answer("C", "end user", 10, "yes"),
        answer("D", "decision maker", 2, "no"),
        answer("D", "end user", 4, "no"),
    ];
    let renewed = |r: &Response| r.segment("renewed").map(|v| v == "yes");
    let categories = |score: AccountScore| {
        let link = OutcomeBuilder::new().unit(OutcomeUnit::Account(score)).binary(&answers, renewed).unwrap();
        link.rates.iter().map(|r| r.units).collect::<Vec<_>>()
    };
    // Means 6, 8, 10, 3: detractors A, D; passive B; promoter C.
    assert_eq!(categories(AccountScore::Mean), [2, 1, 1]);
    // Lowest 3, 8, 10, 2: the same split.
    assert_eq!(categories(AccountScore::Lowest), [2, 1, 1]);
    // Decision makers: A 9 (promoter), B none listed → mean 8, C none → 10, D 2.
    assert_eq!(categories(AccountScore::decision_maker_first(["decision maker"])), [1, 1, 2]);
}

#[test]
fn missing_and_bad_input() {
    let answers = clusters_data();
    // Outcomes known for some answers only: the rest are counted, not dropped silently.
    let some = |r: &Response| if r.account().unwrap().as_str() < "K05" { None } else { kept(r) };
    let link = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).binary(&answers, some).unwrap();
    assert_eq!(link.units + link.without_outcome, 49);
    assert!(link.without_outcome > 0);
    assert!(link.to_string().contains("without an outcome left out"));

    let anonymous = [Response::new(Score::MAX), Response::new(Score::MIN)];
    for unit in [OutcomeUnit::ContactsByAccount, OutcomeUnit::default()] {
        let err = OutcomeBuilder::new().unit(unit).binary(&anonymous, |_| Some(true)).unwrap_err();
        assert_eq!(err, Error::MissingAccount { position: 0 });
    }
    let err = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).binary(&anonymous, |_| None).unwrap_err();
    assert!(matches!(err, Error::EmptySample { .. }), "{err:?}");
    let err = OutcomeBuilder::new()
        .unit(OutcomeUnit::Respondent)
        .scale(nps_stats::Scale::DUTCH)
        .binary(&anonymous, |_| Some(true))
        .unwrap_err();
    assert!(matches!(err, Error::ScoreOutOfScale { score: 0, .. }), "{err:?}");
    let err = OutcomeBuilder::new()
        .unit(OutcomeUnit::Respondent)
        .numeric(&anonymous, |_| Some(f64::INFINITY))
        .unwrap_err();
    assert!(matches!(err, Error::NonFiniteAt { name: "outcome", position: 0, .. }), "{err:?}");

    // One outcome only: no AUC, and the sentence says why instead of inventing one.
    let link = OutcomeBuilder::new()
        .unit(OutcomeUnit::Respondent)
        .name("renewed")
        .binary(&answers, |_| Some(true))
        .unwrap();
    assert!(link.auc.is_none());
    assert!(link.to_string().ends_with(
        "AUC n/a: every unit has the same outcome: whether the score predicts renewed cannot be told"
    ));
}

#[test]
fn dependence_on_the_score_is_found_and_reported() {
    // An outcome that rises with the score, and one that falls.
    let answers: Vec<Response> = (0..60u8).map(|i| Response::new(Score::try_from(i % 11).unwrap())).collect();
    let up = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).name("renewed").opposite("churned");
    let rising = up.binary(&answers, |r| Some(r.score().value() >= 6)).unwrap();
    assert_eq!(rising.auc.as_ref().unwrap().auc, 1.0);
    assert!(rising.verdict().starts_with("higher scores go with renewed"), "{}", rising.verdict());
    let falling = up.binary(&answers, |r| Some(r.score().value() < 6)).unwrap();
    assert_eq!(falling.auc.as_ref().unwrap().auc, 0.0);
    assert_eq!(falling.verdict(), "higher scores go with churned: the score points the wrong way here");
    let down = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).name("tickets");
    let fewer = down.numeric(&answers, |r| Some(-f64::from(r.score().value()))).unwrap();
    assert_eq!(fewer.verdict(), "higher scores go with lower tickets here");
}

/// n answers with NPS-like scores and outcomes drawn by `outcome(score, rng)`.
fn sample(rng: &mut impl Rng, n: usize) -> (Vec<f64>, Vec<bool>) {
    // Skewed to the top, as NPS answers are (the weights of make_auc_data.R).
    const WEIGHTS: [u32; 11] = [2, 1, 2, 2, 3, 5, 6, 10, 12, 9, 8];
    let total: u32 = WEIGHTS.iter().sum();
    let mut scores = Vec::with_capacity(n);
    let mut outcomes = Vec::with_capacity(n);
    for _ in 0..n {
        let mut draw = rng.random_range(0..total);
        let mut score = 0;
        for (s, &w) in WEIGHTS.iter().enumerate() {
            if draw < w {
                score = s;
                break;
            }
            draw -= w;
        }
        scores.push(score as f64);
        outcomes.push(rng.random_bool(0.5));
    }
    (scores, outcomes)
}

#[test]
fn delong_interval_covers_half_for_an_independent_outcome() {
    // 4,000 seeded trials of 80 answers whose outcome is a fair coin, independent of the score: the
    // true AUC is 0.5. The 95 % interval should cover it in about 95 % of trials. With seed 16 it
    // covers in 3,761 (94.0 %); the Monte Carlo SD of a coverage estimate from 4,000 trials is
    // √(0.95·0.05/4000) = 0.0034. DeLong's interval is slightly liberal at this size: 20,000 trials
    // give 94.3 % here, and R's pROC gives 94.35 % over 4,000 trials of the same design. The window
    // 0.93..0.97 is about 4 SDs either side of that, and excludes a wrong variance (a factor of
    // 1.2 on the SE already moves the coverage to about 98 %, of 0.8 to about 88 %).
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(16);
    let trials = 4_000;
    let mut covered = 0;
    let mut counted = 0;
    while counted < trials {
        let (scores, outcomes) = sample(&mut rng, 80);
        let Ok(auc) = roc_auc(&scores, &outcomes, Confidence::NINETY_FIVE) else { continue };
        counted += 1;
        covered += usize::from(auc.interval.contains(0.5));
    }
    let coverage = covered as f64 / trials as f64;
    assert!((0.93..=0.97).contains(&coverage), "coverage {coverage} ({covered} of {trials})");
}

proptest! {
    #[test]
    fn auc_is_one_for_an_increasing_outcome_and_zero_for_its_reverse(
        scores in proptest::collection::vec(0u8..=10, 4..200),
        cut in 0u8..10,
    ) {
        // outcome = 1{score > cut}: every case scores above every control.
        let above = scores.iter().filter(|&&s| s > cut).count();
        prop_assume!(above >= 2 && scores.len() - above >= 2);
        let x: Vec<f64> = scores.iter().map(|&s| f64::from(s)).collect();
        let rising: Vec<bool> = scores.iter().map(|&s| s > cut).collect();
        let falling: Vec<bool> = rising.iter().map(|&o| !o).collect();
        let level = Confidence::NINETY_FIVE;
        prop_assert_eq!(roc_auc(&x, &rising, level).unwrap().auc, 1.0);
        prop_assert_eq!(roc_auc(&x, &falling, level).unwrap().auc, 0.0);
        // The same through the outcome analysis, with answers as units.
        let answers: Vec<Response> = scores.iter().map(|&s| Response::new(Score::try_from(s).unwrap())).collect();
        let link = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).binary(&answers, |r| Some(r.score().value() > cut)).unwrap();
        prop_assert_eq!(link.auc.unwrap().auc, 1.0);
        // A numeric outcome that is a strictly increasing function of the score has ρ = 1.
        let numeric = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).numeric(&answers, |r| Some(f64::from(r.score().value()).exp())).unwrap();
        prop_assert!((numeric.correlation.unwrap().rho - 1.0).abs() < 1e-15);
    }

    #[test]
    fn auc_equals_the_pair_count(scores in proptest::collection::vec(0u8..=10, 4..60), coins in proptest::collection::vec(any::<bool>(), 60)) {
        // The midrank placements against the definition: the share of case–control pairs the case
        // wins, ties counting ½.
        let outcomes: Vec<bool> = coins.into_iter().take(scores.len()).collect();
        let cases: Vec<u8> = scores.iter().zip(&outcomes).filter(|(_, o)| **o).map(|(s, _)| *s).collect();
        let controls: Vec<u8> = scores.iter().zip(&outcomes).filter(|(_, o)| !**o).map(|(s, _)| *s).collect();
        prop_assume!(cases.len() >= 2 && controls.len() >= 2);
        let wins: f64 = cases.iter().flat_map(|&c| controls.iter().map(move |&d| match c.cmp(&d) {
            std::cmp::Ordering::Greater => 1.0,
            std::cmp::Ordering::Equal => 0.5,
            std::cmp::Ordering::Less => 0.0,
        })).sum();
        let x: Vec<f64> = scores.iter().map(|&s| f64::from(s)).collect();
        let auc = roc_auc(&x, &outcomes, Confidence::NINETY_FIVE).unwrap();
        prop_assert!((auc.auc - wins / (cases.len() * controls.len()) as f64).abs() < 1e-12);
        prop_assert!(auc.interval.lower <= auc.auc && auc.auc <= auc.interval.upper);
        prop_assert!(auc.interval.lower >= 0.0 && auc.interval.upper <= 1.0);
    }
}

#[cfg(feature = "serde")]
#[test]
fn outcome_results_round_trip_through_json() {
    let answers = clusters_data();
    let builder = OutcomeBuilder::new().unit(OutcomeUnit::ContactsByAccount).name("kept");
    let binary = builder.binary(&answers, kept).unwrap();
    let json = serde_json::to_string(&binary).unwrap();
    assert!(json.contains(r#""unit":"contacts_by_account""#), "{json}");
    assert_eq!(serde_json::from_str::<nps_stats::analysis::BinaryOutcome>(&json).unwrap(), binary);
    let numeric = builder
        .unit(OutcomeUnit::Account(AccountScore::decision_maker_first(["decision maker"])))
        .numeric(&answers, value);
    // The account unit needs one value per account: K01's two contacts differ.
    assert!(matches!(numeric, Err(Error::ConflictingOutcome { .. })), "{numeric:?}");
    let numeric = OutcomeBuilder::new().unit(OutcomeUnit::Respondent).numeric(&answers, value).unwrap();
    let json = serde_json::to_string(&numeric).unwrap();
    assert_eq!(serde_json::from_str::<nps_stats::analysis::NumericOutcome>(&json).unwrap(), numeric);
}
