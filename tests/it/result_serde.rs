//! Result types validate on deserialization like the input types do: every number with a documented
//! range is checked as it is read, interval bounds must be finite and ordered within their result's
//! range, and the refusal is this crate's message. Real results read back unchanged.

use std::collections::HashMap;

use nps_stats::accounts::{Strategy, Weighting};
use nps_stats::analysis::{MixShift, mix_shift};
use nps_stats::inference::{
    ChangeSampleSize, Comparison, ExpectedShares, MarginOfError, SampleSize, Slope, compare_independent,
    margin_of_error, sample_size, sample_size_for_change, weighted_slope,
};
use nps_stats::{
    AccountRollup, Breakdown, Confidence, Estimate, Interval, Method, Quarter, Response, Score, Tally, Trend,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// `value` read back unchanged, and with the field at `path` set to `bad`, refused with a message
/// that contains `message`.
fn refuses<T>(value: &T, path: &[&str], bad: Value, message: &str)
where
    T: Serialize + DeserializeOwned + PartialEq + core::fmt::Debug,
{
    let doc = serde_json::to_value(value).unwrap();
    assert_eq!(&serde_json::from_value::<T>(doc.clone()).unwrap(), value);
    let mut changed = doc;
    let mut cursor = &mut changed;
    for key in path {
        cursor = match key.parse::<usize>() {
            Ok(index) => &mut cursor[index],
            Err(_) => &mut cursor[*key],
        };
    }
    *cursor = bad.clone();
    let err = serde_json::from_value::<T>(changed).expect_err(&format!("{path:?} = {bad} was accepted"));
    assert!(err.to_string().contains(message), "{path:?} = {bad}: {err}");
}

const NPS: &str = "expected a number of points from -100 to 100";
const DIFFERENCE: &str = "expected a number of points from -200 to 200";
const SHARE: &str = "expected a number from 0 to 1";
const NON_NEGATIVE: &str = "expected a finite number of at least 0";
const BOUNDS: &str = "expected finite bounds with lower <= upper";

fn level() -> Confidence {
    Confidence::NINETY_FIVE
}

#[test]
fn intervals_estimates_and_comparisons() {
    let before = Tally::from_counts(13, 22, 9).unwrap();
    let after = Tally::from_counts(31, 40, 29).unwrap();
    let estimate = after.estimate_default().unwrap();
    refuses(&estimate.interval, &["upper"], json!(-100.0), BOUNDS);
    refuses::<Interval>(&estimate.interval, &["level"], json!(1.5), "confidence level 1.5 is invalid");
    refuses(&estimate, &["nps"], json!(500.0), NPS);
    refuses(&estimate, &["nps"], json!(-100.5), NPS);
    refuses(&estimate, &["effective_n"], json!(-3.0), NON_NEGATIVE);
    refuses(&estimate, &["std_error"], json!(-0.1), NON_NEGATIVE);
    refuses(&estimate, &["interval", "upper"], json!(150.0), "from -100 to 100 for one NPS");
    refuses(&estimate, &["interval", "lower"], json!(90.0), BOUNDS);

    for method in [Method::Wald, Method::Score] {
        let cmp = compare_independent(&before, &after, method, level()).unwrap();
        refuses::<Comparison>(&cmp, &["difference"], json!(250.0), DIFFERENCE);
        refuses::<Comparison>(&cmp, &["p_value"], json!(1.5), SHARE);
        refuses::<Comparison>(&cmp, &["p_value"], json!(-0.01), SHARE);
        refuses::<Comparison>(&cmp, &["std_error"], json!(-1.0), NON_NEGATIVE);
        refuses::<Comparison>(&cmp, &["degrees_of_freedom"], json!(0.0), "greater than 0");
        refuses::<Comparison>(
            &cmp,
            &["interval", "lower"],
            json!(-250.0),
            "from -200 to 200 for a difference",
        );
    }
    // A comparison of Wald type: an interval of a difference may reach ±200, not further.
    let wide = compare_independent(
        &Tally::from_counts(0, 0, 1).unwrap(),
        &Tally::from_counts(1, 0, 0).unwrap(),
        Method::AdjustedWald,
        level(),
    )
    .unwrap();
    assert_eq!(serde_json::from_value::<Comparison>(serde_json::to_value(&wide).unwrap()).unwrap(), wide);
}

#[test]
fn plans_and_slopes() {
    let shares = ExpectedShares::new(0.5, 0.2).unwrap();
    let moe: MarginOfError = margin_of_error(120, shares, level(), Some(200)).unwrap();
    refuses(&moe, &["margin"], json!(-1.0), NON_NEGATIVE);
    refuses(&moe, &["correction"], json!(1.5), SHARE);
    refuses(&moe, &["variance"], json!(2.0), SHARE);
    let plan: SampleSize = sample_size(10, shares, level(), Some(50)).unwrap();
    refuses(&plan, &["unrounded"], json!(-5.0), NON_NEGATIVE);
    refuses(&plan, &["margin"], json!(0.0), "above 0 and at most 200");
    let change: ChangeSampleSize = sample_size_for_change(10, shares, shares, level(), 0.8).unwrap();
    refuses(&change, &["power"], json!(1.5), SHARE);
    refuses(&change, &["variance"], json!(4.5), "from 0 to 4");
    refuses(&change, &["change"], json!(250.0), "above 0 and at most 200");
    let slope: Slope =
        weighted_slope(&[(0.0, 20.0, 4.0), (1.0, 25.0, 4.0), (2.0, 31.0, 4.0)], level()).unwrap();
    refuses(&slope, &["p_value"], json!(2.0), SHARE);
    refuses(&slope, &["std_error"], json!(-1.0), NON_NEGATIVE);
    refuses(&slope, &["interval", "lower"], json!(1e9), BOUNDS);
}

#[test]
fn account_results() {
    let answer = |account: &str, score: u8| Response::new(Score::new(score).unwrap()).with_account(account);
    let responses = [answer("A", 9), answer("A", 3), answer("B", 10), answer("C", 6), answer("C", 2)];
    let values = HashMap::from([("A", 1_000.0), ("B", 200.0), ("C", 50.0)]);
    let settings = AccountRollup::builder()
        .values(&values)
        .strategy(Strategy::Respondent)
        .weighting(Weighting::AccountValueSpread)
        .min_sample(1);
    let rollup = settings.run(&responses).unwrap();
    refuses(&rollup, &["weighted", "nps"], json!(101.0), NPS);
    refuses(&rollup, &["weighted", "effective_n"], json!(-1.0), NON_NEGATIVE);
    refuses(&rollup, &["unweighted", "interval", "lower"], json!(200.0), BOUNDS);
    refuses(&rollup, &["rows", "0", "weight_share"], json!(1.2), SHARE);
    refuses(&rollup, &["rows", "0", "value"], json!(1e300), "expected a number from 2^-511 to 2^511");
    refuses(&rollup, &["rows", "1", "nps"], json!(-300.0), NPS);
    let follow_up = settings.close_the_loop(&responses).unwrap();
    refuses(&follow_up, &["call_first", "0", "value_at_risk"], json!(-10.0), NON_NEGATIVE);
    refuses(&follow_up, &["call_first", "0", "value"], json!(0.0), "expected a number from 2^-511 to 2^511");
    let coverage = settings.coverage(&responses).unwrap();
    refuses(&coverage, &["revenue_coverage"], json!(1.01), SHARE);
    refuses(&coverage, &["total_value"], json!(-1.0), NON_NEGATIVE);
    refuses(&coverage, &["rows", "2", "value"], json!(-50.0), "expected a number from 2^-511 to 2^511");
}

#[test]
fn analysis_results() {
    let answer = |team: &str, quarter: &str, score: u8| {
        Response::new(Score::new(score).unwrap()).with_segment("team", team).with_period(quarter)
    };
    let mut responses = Vec::new();
    for (quarter, scores) in [("2026-Q1", [9, 3, 10, 7, 6]), ("2026-Q2", [10, 9, 8, 2, 9])] {
        for (i, score) in scores.into_iter().enumerate() {
            responses.push(answer(if i % 2 == 0 { "north" } else { "south" }, quarter, score));
        }
    }
    let breakdown: Breakdown<nps_stats::Segment> =
        Breakdown::builder().min_sample(1).by_dimension(&responses, "team").unwrap();
    refuses(&breakdown, &["rows", "0", "adjusted_p_value"], json!(1.5), SHARE);
    refuses(&breakdown, &["rows", "0", "estimate", "nps"], json!(120.0), NPS);
    let trend: Trend<Quarter> = Trend::builder().min_sample(1).by_period(&responses).unwrap();
    refuses(&trend, &["points", "1", "change", "difference"], json!(-201.0), DIFFERENCE);
    let tallies = |quarter: &str| -> Vec<(String, Tally)> {
        let mut by_team: HashMap<String, Tally> = HashMap::new();
        for r in responses.iter().filter(|r| r.period() == Some(quarter)) {
            by_team.entry(r.segment("team").unwrap().to_owned()).or_default().add(r.score()).unwrap();
        }
        by_team.into_iter().collect()
    };
    let mix: MixShift<String> = mix_shift(tallies("2026-Q1"), tallies("2026-Q2")).unwrap();
    refuses(&mix, &["before"], json!(-100.5), NPS);
    refuses(&mix, &["within"], json!(300.0), DIFFERENCE);
    refuses(&mix, &["segments", "0", "share_after"], json!(-0.1), SHARE);
    refuses(&mix, &["segments", "0", "nps_before"], json!(180.0), NPS);
    let _: Option<Estimate> = None;
}

#[test]
fn outcome_results() {
    use nps_stats::inference::{compare_rates, roc_auc, spearman};
    let auc =
        roc_auc(&[1.0, 4.0, 6.0, 9.0, 10.0, 3.0], &[false, false, true, true, true, true], level()).unwrap();
    refuses(&auc, &["auc"], json!(1.2), SHARE);
    refuses(&auc, &["std_error"], json!(-0.1), NON_NEGATIVE);
    refuses(&auc, &["interval", "upper"], json!(1.5), "from 0 to 1 for a rate or probability");
    let rates = compare_rates((9, 20), (17, 20), level()).unwrap();
    refuses(&rates, &["difference"], json!(-1.5), "expected a number from -1 to 1");
    refuses(&rates, &["p_value"], json!(2.0), SHARE);
    refuses(&rates, &["interval", "lower"], json!(-2.0), "from -1 to 1 for a difference of rates");
    let rho = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 4.0, 3.0, 5.0], level()).unwrap();
    refuses(&rho, &["rho"], json!(1.01), "expected a number from -1 to 1");
    refuses(&rho, &["interval", "upper"], json!(-0.9), BOUNDS);
    let answer = |account: &str, score: u8| Response::new(Score::new(score).unwrap()).with_account(account);
    let responses = [answer("A", 9), answer("B", 3), answer("C", 10), answer("D", 6), answer("E", 8)];
    let renewed = [true, false, true, false, true];
    let mut next = renewed.iter().copied();
    let linkage =
        nps_stats::analysis::OutcomeBuilder::new().min_sample(1).binary(&responses, |_| next.next()).unwrap();
    refuses(&linkage, &["rates", "0", "rate"], json!(1.5), SHARE);
    refuses(&linkage, &["rates", "0", "effective_n"], json!(-1.0), NON_NEGATIVE);
}

#[test]
fn exports_and_their_summaries() {
    use nps_stats::export::Reader;
    // Rows 2–6: two answers of ACME (one value, read on line 2), an empty score of Globex (its
    // value still read, on line 4), a blank row, an answer without account or period.
    let csv = "score,account,period,ARR\n9,ACME,2026-Q1,500\n3,ACME,2026-Q1,500\n,Globex,2026-Q1,70\n,,,\n\
               7,,,\n";
    let export = Reader::new().value("ARR").read(csv.as_bytes()).unwrap();
    let summary = &export.summary;
    assert_eq!((summary.rows, summary.answers, summary.empty_scores, summary.blank_rows), (5, 3, 1, 1));
    assert_eq!((summary.without_account, summary.without_period, summary.accounts), (1, 1, 2));
    assert_eq!(export.lines, [2, 3, 6]);

    const ROWS: &str = "expected rows = answers + empty scores + blank rows";
    refuses(summary, &["rows"], json!(4), ROWS);
    refuses(summary, &["blank_rows"], json!(u64::MAX), ROWS);
    refuses(summary, &["empty_score"], json!("refuse"), "expected none where empty scores are refused");
    refuses(summary, &["without_period"], json!(4), "answers without period of 3: expected at most");
    refuses(summary, &["format"], json!("json_lines"), "a delimiter in JSON Lines");

    refuses(&export, &["lines", "2"], json!(3), "a response on line 3 after one on line 3");
    refuses(&export, &["lines", "0"], json!(1), "a response on line 1 after one on line 1");
    refuses(&export, &["lines"], json!([2, 3]), "expected one line per response");
    let mut doc = serde_json::to_value(&export).unwrap();
    doc["summary"]["answers"] = json!(2);
    doc["summary"]["empty_scores"] = json!(2);
    doc["summary"]["without_respondent"] = json!(2);
    let err = serde_json::from_value::<nps_stats::export::Export>(doc).unwrap_err().to_string();
    assert!(err.contains("3 responses, 3 lines and 2 answers in the summary"), "{err}");
    refuses(
        &export,
        &["summary", "without_account"],
        json!(0),
        "counts 0 answers without account, the responses 1",
    );
    refuses(&export, &["values", "Globex"], json!(-70.0), "value -70 of account Globex is invalid");
    refuses(&export, &["values", "Globex"], json!(1e300), "value 1e300 of account Globex is invalid");
    refuses(&export, &["value_lines", "Initech"], json!(5), "expected a line for each value");
    refuses(&export, &["value_lines", "ACME"], json!(1), "expected a line from 2");
    refuses(&export, &["summary", "accounts"], json!(1), "2 named by the responses and values");
}
