//! Repeated answers of one respondent: "latest" is one parsed order of periods in every API, and
//! results that pool several answers of a respondent say so.

use nps_stats::analysis::Window;
use nps_stats::core::Duplicates;
use nps_stats::{AccountRollup, Breakdown, Error, Quarter, Response, Score, Trend};

fn answer(score: u8, who: &str, account: &str, period: &str) -> Response {
    Response::new(Score::new(score).unwrap())
        .with_respondent(who)
        .with_account(account)
        .with_period(period)
        .with_role("end user")
}

/// jane: 0 in Q4 (upper case), 10 in Q1 (lower case, later in the file). As text "2026-q1" sorts
/// after "2026-Q4"; in time it is before. joe and kim answered once each.
fn survey() -> Vec<Response> {
    vec![
        answer(0, "jane", "ACME", "2026-Q4"),
        answer(9, "joe", "Globex", "2026-Q4"),
        answer(10, "jane", "ACME", "2026-q1"),
        answer(6, "kim", "Initech", "2026-q1"),
    ]
}

#[test]
fn latest_keeps_the_q4_answer_in_the_rollup_the_breakdown_and_the_trend() {
    let responses = survey();
    let latest = Duplicates::LatestPerRespondent;
    // Kept: jane 0 (Q4), joe 9, kim 6: NPS (1 − 2)/3 = −33.3. The Q1 answer would give +33.3.
    let expected = -100.0 / 3.0;

    let rollup = AccountRollup::builder().duplicates(latest).run(&responses).unwrap();
    assert!((rollup.unweighted.nps - expected).abs() < 1e-12, "{}", rollup.unweighted.nps);
    assert_eq!((rollup.duplicates_removed, rollup.repeated), (1, 0));
    let acme = rollup.rows.iter().find(|row| row.account.as_str() == "ACME").unwrap();
    assert_eq!(acme.nps, -100.0);

    let breakdown = Breakdown::builder().duplicates(latest).by_dimension(&responses, "role").unwrap();
    let overall = breakdown.overall_estimate.as_ref().unwrap();
    assert!((overall.nps - expected).abs() < 1e-12);
    assert_eq!((breakdown.duplicates_removed, breakdown.repeated), (1, 0));

    // The trend's cumulative window at Q4: everyone's latest answer as of Q4.
    let trend = Trend::builder()
        .duplicates(latest)
        .window(Window::Cumulative)
        .by_period::<Quarter>(&responses)
        .unwrap();
    let q4 = trend.points.last().unwrap();
    assert_eq!(q4.period, Quarter::new(2026, 4).unwrap());
    assert!((q4.tally.nps().unwrap() - expected).abs() < 1e-12);
    assert_eq!(q4.tally.total(), 3);
    // A window over both quarters keeps jane's Q4 answer too.
    let rolling = Trend::builder()
        .duplicates(latest)
        .window(Window::Rolling(2))
        .by_period::<Quarter>(&responses)
        .unwrap();
    let both = rolling.points.last().unwrap();
    assert!((both.tally.nps().unwrap() - expected).abs() < 1e-12);
    assert_eq!((both.duplicates_removed, both.repeated), (1, 0));

    // And the one function.
    let kept = latest.apply(&responses).unwrap();
    assert_eq!(kept, [responses[0].clone(), responses[1].clone(), responses[3].clone()]);
}

#[test]
fn a_label_that_does_not_parse_is_an_error_where_periods_are_compared() {
    let mut responses = survey();
    responses.push(answer(8, "joe", "Globex", "2026-Q5"));
    let latest = Duplicates::LatestPerRespondent;
    let err = AccountRollup::builder().duplicates(latest).run(&responses).unwrap_err();
    assert!(matches!(err, Error::ParsePeriod { ref input, .. } if input == "2026-Q5"), "{err}");
    let err = Breakdown::builder().duplicates(latest).by_dimension(&responses, "role").unwrap_err();
    assert!(matches!(err, Error::ParsePeriod { ref input, .. } if input == "2026-Q5"), "{err}");
    assert!(Trend::builder().duplicates(latest).by_period::<Quarter>(&responses).is_err());
    // Nothing is compared when every answer counts: the breakdown has no periods to parse.
    assert!(Breakdown::builder().by_dimension(&responses, "role").is_ok());
}

#[test]
fn results_that_pool_answers_of_one_respondent_say_how_many() {
    let responses = survey();
    let breakdown = Breakdown::builder().by_dimension(&responses, "role").unwrap();
    assert_eq!((breakdown.repeated, breakdown.duplicates_removed), (1, 0));
    assert!(breakdown.to_string().contains("(1 answer repeats a respondent counted before"), "{breakdown}");

    let rollup = AccountRollup::builder().run(&responses).unwrap();
    assert_eq!(rollup.repeated, 1);
    assert!(rollup.to_string().contains(", 1 repeating a respondent)"), "{rollup}");

    // Per period nobody answered twice; pooled over both quarters jane did.
    let trend = Trend::builder().by_period::<Quarter>(&responses).unwrap();
    assert!(trend.points.iter().all(|point| point.repeated == 0));
    let pooled = Trend::builder().window(Window::Rolling(2)).by_period::<Quarter>(&responses).unwrap();
    assert_eq!(pooled.points.last().unwrap().repeated, 1);
    assert!(pooled.to_string().contains("1 repeated"), "{pooled}");

    // Twice in one quarter counts twice per period unless the policy keeps the later.
    let twice =
        [answer(3, "ann", "A", "2026-Q1"), answer(9, "ann", "A", "2026-Q1"), answer(9, "bo", "B", "2026-Q1")];
    let all = Trend::builder().by_period::<Quarter>(&twice).unwrap();
    assert_eq!((all.points[0].tally.total(), all.points[0].repeated), (3, 1));
    let once =
        Trend::builder().duplicates(Duplicates::LatestPerRespondent).by_period::<Quarter>(&twice).unwrap();
    assert_eq!((once.points[0].tally.nps(), once.points[0].duplicates_removed), (Some(100.0), 1));
}

#[test]
fn an_empty_respondent_id_is_no_id() {
    let blank =
        |score: u8| Response::new(Score::new(score).unwrap()).with_respondent("").with_period("2026-Q1");
    let responses = [blank(0), blank(10), blank(9), blank(8)];
    assert!(responses.iter().all(|r| r.respondent().is_none()));
    let latest = Breakdown::builder()
        .duplicates(Duplicates::LatestPerRespondent)
        .by_key(&responses, |r| r.period().map(str::to_owned))
        .unwrap();
    // Four anonymous answers, not one respondent "" with one answer.
    assert_eq!(latest.overall.as_ref().unwrap().total(), 4);
    assert_eq!((latest.repeated, latest.duplicates_removed), (0, 0));
    assert_eq!(Response::new(Score::MAX).with_account(" ").account(), None);
}
