//! The columnar survey on arbitrary answers: labels of any bytes and length (empty, multi-byte, past
//! the 23 bytes kept inline), segments in any order and a dimension named twice. No panic; built
//! from responses, collected, or pushed row by row with the same labels, the survey is the same;
//! every answer reads back as written; a breakdown and a trend give the same result on the survey
//! as on the responses.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use nps_stats::core::{Survey, SurveyBuilder, SurveyRow};
use nps_stats::{Breakdown, Quarter, Response, Score, Trend};

#[derive(Debug, Arbitrary)]
struct Answer {
    score: u8,
    account: Option<String>,
    respondent: Option<String>,
    role: Option<String>,
    period: Option<String>,
    comment: Option<String>,
    /// (dimension 0..4 or any text, value)
    segments: Vec<(u8, Option<String>, String)>,
}

const DIMENSIONS: [&str; 4] = ["branch", "region", "role", "period"];

fn response(answer: &Answer) -> Response {
    let mut r = Response::new(Score::try_from(answer.score % 11).unwrap_or(Score::MIN));
    if let Some(a) = &answer.account {
        r = r.with_account(a.as_str());
    }
    if let Some(who) = &answer.respondent {
        r = r.with_respondent(who);
    }
    if let Some(role) = &answer.role {
        r = r.with_role(role);
    }
    if let Some(period) = &answer.period {
        r = r.with_period(period);
    }
    if let Some(comment) = &answer.comment {
        r = r.with_comment(comment);
    }
    for (pick, text, value) in &answer.segments {
        let dimension = text.as_deref().unwrap_or(DIMENSIONS[usize::from(pick % 4)]);
        r = r.with_segment(dimension, value);
    }
    r
}

fuzz_target!(|answers: Vec<Answer>| {
    let responses: Vec<Response> = answers.iter().map(response).collect();
    let survey = Survey::from_responses(&responses).expect("far from 2^32 labels");
    assert_eq!(survey.len(), responses.len());
    for (row, r) in responses.iter().enumerate() {
        assert_eq!(survey.response(row).as_ref(), Some(r), "row {row}");
    }
    let collected: nps_stats::Result<Survey> = responses.iter().collect();
    assert_eq!(collected.as_ref(), Ok(&survey));

    // The same labels pushed as borrowed rows, each segment once more with a value it then loses.
    let mut builder = SurveyBuilder::new();
    for r in &responses {
        let labels: Vec<nps_stats::Segment> = r.segments().collect();
        let mut segments: Vec<(&str, &str)> = Vec::new();
        for label in &labels {
            segments.push((label.dimension(), "an earlier value"));
            segments.push((label.dimension(), label.value()));
        }
        let mut row = SurveyRow::new(r.score()).segments(&segments);
        if let Some(a) = r.account() {
            row = row.account(a.as_str());
        }
        if let Some(who) = r.respondent() {
            row = row.respondent(who);
        }
        if let Some(role) = r.role() {
            row = row.role(role);
        }
        if let Some(period) = r.period() {
            row = row.period(period);
        }
        if let Some(comment) = r.comment() {
            row = row.comment(comment);
        }
        builder.push_row(&row).expect("far from 2^32 labels");
    }
    assert_eq!(builder.finish(), survey);

    let breakdown = Breakdown::builder().min_sample(2);
    for dimension in DIMENSIONS {
        let on_responses = breakdown.by_dimension(&responses, dimension);
        let on_survey = breakdown.by_dimension(&survey, dimension);
        assert_eq!(on_responses, on_survey, "{dimension}");
    }
    let trend = Trend::builder();
    assert_eq!(trend.by_period::<Quarter>(&responses), trend.by_period::<Quarter>(&survey));
});
