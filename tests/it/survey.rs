//! The columnar survey against responses: every analysis gives the same result on a `Survey` as on
//! the `Vec<Response>` it was built from, and the columnar paths agree with the independent
//! row-by-row paths (key closures, decision maker first, the generic trend assembly).
//!
//! Random surveys have repeated respondents, missing labels, two spellings of one quarter and
//! several periods. Counts and NPS must agree bit for bit; weighted figures to 1e-12 relative.

use std::collections::HashMap;

use nps_stats::accounts::{Strategy, VarianceMethod, Weighting};
use nps_stats::analysis::{Unit, Window, compare_repeated, mix_shift_by, mix_shift_by_dimension};
use nps_stats::core::{Duplicates, Survey, SurveyBuilder, SurveyRow};
use nps_stats::{AccountRollup, Breakdown, Quarter, Response, Score, Segment, Trend};
use proptest::prelude::*;

/// One answer: (score, account 0..6 or none, respondent 0..20 or none, role 0..3 or none, quarter
/// 0..4 or none with a spelling, branch 0..3 or none).
type Row = (u8, Option<u8>, Option<u8>, Option<u8>, Option<(u8, bool)>, Option<u8>);

fn rows() -> impl proptest::strategy::Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            0u8..=10,
            prop::option::weighted(0.9, 0u8..6),
            prop::option::weighted(0.85, 0u8..20),
            prop::option::weighted(0.8, 0u8..3),
            prop::option::weighted(0.9, (0u8..4, any::<bool>())),
            prop::option::weighted(0.8, 0u8..3),
        ),
        1..120,
    )
}

/// Rows of up to six (dimension 0..4, value 0..3) pairs in any order, a dimension possibly named twice.
fn segment_lists() -> impl proptest::strategy::Strategy<Value = Vec<Vec<(u8, u8)>>> {
    prop::collection::vec(prop::collection::vec((0u8..4, 0u8..3), 0..6), 1..60)
}

fn responses(rows: &[Row]) -> Vec<Response> {
    const ROLES: [&str; 3] = ["decision maker", "influencer", "end user"];
    rows.iter()
        .map(|&(score, account, respondent, role, quarter, branch)| {
            let mut r = Response::new(Score::try_from(score).unwrap());
            if let Some(a) = account {
                r = r.with_account(format!("00{a}"));
            }
            if let Some(who) = respondent {
                r = r.with_respondent(format!("c{who}"));
            }
            if let Some(role) = role {
                r = r.with_role(ROLES[usize::from(role)]);
            }
            if let Some((q, lower)) = quarter {
                r = r.with_period(if lower {
                    format!("2026-q{}", q + 1)
                } else {
                    format!("2026-Q{}", q + 1)
                });
            }
            if let Some(b) = branch {
                r = r.with_segment("branch", format!("b{b}"));
            }
            r
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_survey_keeps_every_answer_as_written(rows in rows()) {
        let responses = responses(&rows);
        let survey = Survey::from_responses(&responses).unwrap();
        prop_assert_eq!(survey.len(), responses.len());
        for (row, response) in responses.iter().enumerate() {
            prop_assert_eq!(survey.response(row), Some(response.clone()));
        }
        // Collecting and building row by row give the same survey.
        let collected: nps_stats::Result<Survey> = responses.iter().collect();
        prop_assert_eq!(&collected.unwrap(), &survey);
        let mut builder = SurveyBuilder::new();
        for r in &responses {
            let segments: Vec<(&str, &str)> = r.segment("branch").map(|b| ("branch", b)).into_iter().collect();
            let mut row = SurveyRow::new(r.score()).segments(&segments);
            if let Some(a) = r.account() { row = row.account(a.as_str()); }
            if let Some(who) = r.respondent() { row = row.respondent(who); }
            if let Some(role) = r.role() { row = row.role(role); }
            if let Some(period) = r.period() { row = row.period(period); }
            builder.push_row(&row).unwrap();
        }
        prop_assert_eq!(&builder.finish(), &survey);
    }

    #[test]
    fn segments_read_back_as_pushed(lists in segment_lists()) {
        const NAMES: [&str; 4] = ["region", "tier", "branch", "plan"];
        let lists: Vec<Vec<(&str, String)>> = lists
            .iter()
            .map(|list| list.iter().map(|&(d, v)| (NAMES[usize::from(d)], format!("v{v}"))).collect())
            .collect();
        let mut builder = SurveyBuilder::new();
        let mut responses = Vec::new();
        for list in &lists {
            let pairs: Vec<(&str, &str)> = list.iter().map(|(d, v)| (*d, v.as_str())).collect();
            builder.push_row(&SurveyRow::new(Score::MAX).segments(&pairs)).unwrap();
            responses.push(pairs.iter().fold(Response::new(Score::MAX), |r, &(d, v)| r.with_segment(d, v)));
        }
        let survey = builder.finish();
        let from_responses = Survey::from_responses(&responses).unwrap();
        // Worked out apart: dimensions in the order first named; per row the value named last; a
        // column's labels in the order answers first kept them, and nothing else.
        let mut dimensions: Vec<&str> = Vec::new();
        for list in &lists {
            for (d, _) in list {
                if !dimensions.contains(d) {
                    dimensions.push(d);
                }
            }
        }
        prop_assert_eq!(survey.dimensions().collect::<Vec<_>>(), dimensions.clone());
        for d in dimensions {
            let kept: Vec<Option<&str>> = lists
                .iter()
                .map(|list| list.iter().rev().find(|(seen, _)| *seen == d).map(|(_, v)| v.as_str()))
                .collect();
            let mut labels: Vec<&str> = Vec::new();
            for label in kept.iter().flatten() {
                if !labels.contains(label) {
                    labels.push(label);
                }
            }
            let column = survey.segment(d).unwrap();
            prop_assert_eq!(column.labels().collect::<Vec<_>>(), labels.clone());
            let rows: Vec<Option<&str>> = (0..lists.len()).map(|row| column.get(row)).collect();
            prop_assert_eq!(&rows, &kept);
            let other = from_responses.segment(d).unwrap();
            prop_assert_eq!(column.codes(), other.codes());
            prop_assert_eq!(column.labels().collect::<Vec<_>>(), other.labels().collect::<Vec<_>>());
        }
    }

    #[test]
    fn breakdowns_agree_on_columns_and_by_key(rows in rows(), latest in any::<bool>()) {
        let responses = responses(&rows);
        let survey = Survey::from_responses(&responses).unwrap();
        let policy = if latest { Duplicates::LatestPerRespondent } else { Duplicates::KeepAll };
        let builder = Breakdown::builder().min_sample(3).duplicates(policy);
        let on_responses = builder.by_dimension(&responses, "branch");
        let on_survey = builder.by_dimension(&survey, "branch");
        // A respondent whose repeated answers lack a period is an error in both.
        let (Ok(on_responses), Ok(on_survey)) = (on_responses, on_survey) else {
            prop_assert_eq!(builder.by_dimension(&responses, "branch").err(), builder.by_dimension(&survey, "branch").err());
            return Ok(());
        };
        prop_assert_eq!(&on_responses, &on_survey);
        // The row-by-row path of a key closure: the same rows, counts and tests.
        let by_key = builder.by_key(&responses, |r| r.segment("branch").map(|b| Segment::new("branch", b))).unwrap();
        prop_assert_eq!(&on_survey.rows, &by_key.rows);
        prop_assert_eq!(&on_survey.overall, &by_key.overall);
        prop_assert_eq!(
            (on_survey.unassigned, on_survey.duplicates_removed, on_survey.repeated),
            (by_key.unassigned, by_key.duplicates_removed, by_key.repeated)
        );
    }

    #[test]
    fn trends_agree_on_columns_and_row_by_row(rows in rows(), by_account in any::<bool>(), window in 0u8..3) {
        let responses = responses(&rows);
        let survey = Survey::from_responses(&responses).unwrap();
        let unit = if by_account { Unit::Account } else { Unit::Respondent };
        let window = [Window::Period, Window::Rolling(2), Window::Cumulative][usize::from(window)];
        let builder = Trend::builder().unit(unit).window(window).min_sample(5);
        let on_responses = builder.by_period::<Quarter>(&responses).unwrap();
        let on_survey = builder.by_period::<Quarter>(&survey).unwrap();
        prop_assert_eq!(&on_responses, &on_survey);
        // The general assembly of a key closure, row by row: the same points and changes.
        let by_key = builder.by_key(&responses, |r| r.period().and_then(|p| p.parse::<Quarter>().ok())).unwrap();
        prop_assert_eq!(&on_survey.points, &by_key.points);
        prop_assert_eq!(on_survey.unassigned, by_key.unassigned);
    }

    #[test]
    fn account_rollups_agree_on_columns_and_row_by_row(
        rows in rows(),
        weighting in 0u8..3,
        latest in any::<bool>(),
        clustered in any::<bool>(),
    ) {
        let rows: Vec<Row> = rows.into_iter().map(|mut row| { row.1 = row.1.or(Some(0)); row }).collect();
        let responses = responses(&rows);
        let survey = Survey::from_responses(&responses).unwrap();
        let values: HashMap<String, f64> =
            (0u8..6).map(|a| (format!("00{a}"), 1_000.0 * f64::from(a + 1).powi(3))).collect();
        let weighting = [Weighting::Equal, Weighting::AccountValue, Weighting::AccountValueSpread][usize::from(weighting)];
        let policy = if latest { Duplicates::LatestPerRespondent } else { Duplicates::KeepAll };
        let variance = if clustered { VarianceMethod::ClusterRobust } else { VarianceMethod::Linearized };
        let builder = |strategy: Strategy| {
            AccountRollup::builder()
                .values(&values)
                .weighting(weighting)
                .duplicates(policy)
                .variance(variance)
                .strategy(strategy)
        };
        for strategy in [Strategy::Respondent, Strategy::Account] {
            let on_responses = builder(strategy.clone()).run(&responses);
            let on_survey = builder(strategy).run(&survey);
            prop_assert_eq!(&on_responses, &on_survey);
        }
        // The columnar account strategy against the row-by-row path of decision maker first with a
        // role nobody has: every account is then represented by all its answers.
        let columns = builder(Strategy::Account).run(&survey);
        let rows_path = builder(Strategy::decision_maker_first(["nobody"])).run(&survey);
        match (columns, rows_path) {
            (Ok(columns), Ok(rows_path)) => {
                prop_assert_eq!(&columns.tally, &rows_path.tally);
                prop_assert_eq!(columns.rows.len(), rows_path.rows.len());
                for (a, b) in columns.rows.iter().zip(&rows_path.rows) {
                    prop_assert_eq!(&a.account, &b.account);
                    prop_assert_eq!(&a.tally, &b.tally);
                    prop_assert_eq!(a.nps, b.nps);
                    prop_assert!(close(a.weight_share, b.weight_share));
                }
                for (a, b) in [(&columns.weighted, &rows_path.weighted), (&columns.unweighted, &rows_path.unweighted)] {
                    prop_assert!(close(a.nps, b.nps) && close(a.std_error, b.std_error), "{a:?} {b:?}");
                    prop_assert!(close(a.effective_n, b.effective_n));
                    prop_assert!(close(a.interval.lower, b.interval.lower) && close(a.interval.upper, b.interval.upper));
                }
                prop_assert_eq!((columns.responses, columns.duplicates_removed), (rows_path.responses, rows_path.duplicates_removed));
            }
            (columns, rows_path) => prop_assert_eq!(columns.err(), rows_path.err()),
        }
    }

    #[test]
    fn changes_and_mix_shift_agree_on_columns(rows in rows(), split in 0usize..120) {
        let responses = responses(&rows);
        let split = split.min(responses.len());
        let (before, after) = responses.split_at(split);
        let (before_survey, after_survey) = (Survey::from_responses(before).unwrap(), Survey::from_responses(after).unwrap());
        for unit in [Unit::Respondent, Unit::Account] {
            let level = nps_stats::Confidence::NINETY_FIVE;
            let on_responses = compare_repeated(before, after, unit, nps_stats::Method::AdjustedWald, level);
            let on_survey = compare_repeated(&before_survey, &after_survey, unit, nps_stats::Method::AdjustedWald, level);
            prop_assert_eq!(&on_responses, &on_survey);
            // The same two samples as the two points of a trend, assembled row by row.
            if let Ok(change) = on_survey {
                let tagged: Vec<(usize, &Response)> =
                    before.iter().map(|r| (0, r)).chain(after.iter().map(|r| (1, r))).collect();
                let together: Vec<Response> = tagged.iter().map(|(_, r)| (*r).clone()).collect();
                let trend = Trend::builder()
                    .unit(unit)
                    .by_key(&together, |r| {
                        let at = together.iter().position(|x| std::ptr::eq(x, r)).unwrap_or(0);
                        Some(tagged[at].0)
                    })
                    .unwrap();
                prop_assert_eq!(trend.points[1].change.as_ref(), Some(&change));
            }
        }
        let by_dimension = mix_shift_by_dimension(&before_survey, &after_survey, "branch");
        let by_closure = mix_shift_by(before, after, |r| r.segment("branch").map(|b| Segment::new("branch", b)));
        prop_assert_eq!(by_dimension, by_closure);
    }
}
