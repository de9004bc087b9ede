//! Survey exports read through the public API: identifiers as written (through `csv` + serde and
//! through the export reader), the three export shapes of `tests/data/exports/` (written from the
//! bundled survey by `make_exports.py`) read to the same answers, and every refused cell named.

use std::path::{Path, PathBuf};

use nps_stats::export::{AmountStyle, EmptyScore, Export, Format, PeriodFormat, Periods, Reader};
use nps_stats::{AccountRollup, Error, Response};
use proptest::prelude::*;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// The report example's column mapping, for the bundled file and the three exports: the example's
/// own file, so that the test reads with exactly the mapping the report uses.
#[path = "../../examples/report/load.rs"]
#[allow(dead_code, reason = "the test uses the mapping, not the report's own checks")]
mod report_load;

fn mapping() -> Reader {
    report_load::reader()
}

fn read(text: &str) -> nps_stats::Result<Export> {
    Reader::new().read(text.as_bytes())
}

/// The parts of an export error: line, column, text and the problem's message.
fn place(error: &Error) -> (Option<u64>, Option<&str>, Option<&str>, String) {
    match error {
        Error::Export { line, column, text, problem, .. } => {
            (*line, column.as_deref(), text.as_deref(), problem.to_string())
        }
        other => panic!("not an export error: {other}"),
    }
}

const IDENTIFIERS: &str = "score,account,respondent,role,period,comment,label,branch\n\
                           9,007,0042,01234,2026-Q3,1e3,1.10,+5\n\
                           7,07,12345678901234567890,1e3,2026-Q3,0,1.0,-0\n\
                           3,7,42,true,2026-Q3,x,00,07\n";

/// Every identifier and label of `responses` as text, row by row.
fn texts(responses: &[Response]) -> Vec<Vec<Option<String>>> {
    responses
        .iter()
        .map(|r| {
            vec![
                r.account().map(|a| a.as_str().to_owned()),
                r.respondent().map(str::to_owned),
                r.role().map(str::to_owned),
                r.comment().map(str::to_owned),
                r.segment("label").map(str::to_owned),
                r.segment("branch").map(str::to_owned),
            ]
        })
        .collect()
}

#[test]
fn identifiers_and_labels_are_read_as_written_through_serde_and_the_reader() {
    let some = |row: [&str; 6]| row.map(|text| Some(text.to_owned())).to_vec();
    let expected = vec![
        some(["007", "0042", "01234", "1e3", "1.10", "+5"]),
        some(["07", "12345678901234567890", "1e3", "0", "1.0", "-0"]),
        some(["7", "42", "true", "x", "00", "07"]),
    ];

    // csv + serde, as a new user writes it.
    let mut csv = csv::Reader::from_reader(IDENTIFIERS.as_bytes());
    let through_serde: Vec<Response> = csv.deserialize().collect::<Result<_, _>>().unwrap();
    assert_eq!(texts(&through_serde), expected);

    // The export reader.
    let through_reader = read(IDENTIFIERS).unwrap();
    assert_eq!(texts(&through_reader.responses), expected);
    assert_eq!(through_reader.responses, through_serde);

    // 07 and 7 are two accounts, 007 a third.
    let rollup = AccountRollup::builder().run(&through_reader.responses).unwrap();
    assert_eq!((rollup.accounts, through_reader.summary.accounts), (3, 3));
}

#[test]
fn serde_refuses_what_it_cannot_keep_and_names_duplicated_columns() {
    // A JSON string keeps every digit; a JSON number has lost them (…67890123 arrives as
    // 1.2345678901234568e22), so it is refused rather than rounded.
    let text: Response = serde_json::from_str(r#"{"score":9,"account":"12345678901234567890123"}"#).unwrap();
    assert_eq!(text.account().unwrap().as_str(), "12345678901234567890123");
    let err =
        serde_json::from_str::<Response>(r#"{"score":9,"account":12345678901234567890123}"#).unwrap_err();
    assert!(err.to_string().contains("expected an identifier or label as text"), "{err}");

    let mut csv = csv::Reader::from_reader("score,branch,branch\n9,a,b\n".as_bytes());
    let err = csv.deserialize::<Response>().next().unwrap().unwrap_err().to_string();
    assert!(err.contains("the column 'branch' appears twice"), "{err}");
    let err = read("score,branch,branch\n9,a,b\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"line 1: the column "branch" appears more than once: expected each column once (or ignore it)"#
    );
}

#[test]
fn scores_accept_whole_numbers_as_written_and_quote_what_they_refuse() {
    for json in ["9", "\"9\"", "9.0", "\" 9 \""] {
        let response: Response = serde_json::from_str(&format!(r#"{{"score":{json}}}"#)).unwrap();
        assert_eq!(u8::from(response.score()), 9, "{json}");
    }
    for (json, message) in [
        ("9.5", r#""9.5" is not a score"#),
        ("\"nine\"", r#""nine" is not a score"#),
        ("\"9,5\"", r#""9,5" is not a score"#),
        ("11", "score 11 is outside the scale 0..=10"),
    ] {
        let err =
            serde_json::from_str::<Response>(&format!(r#"{{"score":{json}}}"#)).unwrap_err().to_string();
        assert!(err.contains(message), "{json}: {err}");
    }
    // Through csv + serde a CSV cell 9.0 is nine and 9.5 is quoted as written.
    let mut csv = csv::Reader::from_reader("score\n9.0\n\" 9 \"\n9.5\n".as_bytes());
    let results: Vec<_> = csv.deserialize::<Response>().collect();
    assert_eq!(u8::from(results[0].as_ref().unwrap().score()), 9);
    assert_eq!(u8::from(results[1].as_ref().unwrap().score()), 9);
    assert!(results[2].as_ref().unwrap_err().to_string().contains(r#""9.5" is not a score"#));
    // Through the reader, 9,0 is nine too (a decimal comma).
    let survey = read("score;account\n9,0;A\n 9 ;B\n").unwrap();
    assert!(survey.responses.iter().all(|r| u8::from(r.score()) == 9));
}

#[test]
fn the_three_export_shapes_read_to_the_answers_of_the_bundled_file() {
    let bundled = mapping().read_path(data("examples/data/b2b_survey.csv")).unwrap();
    assert_eq!(bundled.responses.len(), 405);
    assert_eq!(bundled.summary.period_format, Some(PeriodFormat::Label));
    for (file, format, delimiter, bom, dates, amounts) in [
        (
            "dutch_export.csv",
            Format::Csv,
            Some(';'),
            true,
            PeriodFormat::DayMonthYear,
            Some(AmountStyle::DecimalComma),
        ),
        (
            "survey_tool_export.csv",
            Format::Csv,
            Some(','),
            false,
            PeriodFormat::Iso8601,
            Some(AmountStyle::DecimalPoint),
        ),
        ("crm_export.jsonl", Format::JsonLines, None, false, PeriodFormat::Iso8601, None),
    ] {
        let survey = mapping().read_path(data(&format!("tests/data/exports/{file}"))).unwrap();
        assert_eq!(survey.responses, bundled.responses, "{file}");
        assert_eq!(survey.values, bundled.values, "{file}");
        // One line per answer, after the header of a CSV file.
        let header = u64::from(format == Format::Csv);
        let lines: Vec<u64> = bundled.lines.iter().map(|line| line - 1 + header).collect();
        assert_eq!(survey.lines, lines, "{file}");
        let summary = &survey.summary;
        assert_eq!(
            (summary.format, summary.delimiter, summary.byte_order_mark),
            (format, delimiter, bom),
            "{file}"
        );
        assert_eq!((summary.period_format, summary.amount_style), (Some(dates), amounts), "{file}");
        assert_eq!((summary.rows, summary.answers, summary.accounts), (405, 405, 59), "{file}");
        assert_eq!(summary.segments, ["branch", "invited", "renewed"], "{file}");
    }
}

#[test]
fn empty_scores_are_counted_under_the_policy_or_refused() {
    let file = "score;account;arr\n9;A;10\n;B;20\n;;\n  ;C;30\n";
    let survey = Reader::new().value("arr").read(file.as_bytes()).unwrap();
    let summary = &survey.summary;
    assert_eq!((summary.rows, summary.answers, summary.empty_scores, summary.blank_rows), (4, 1, 2, 1));
    assert_eq!(summary.empty_score, EmptyScore::Skip);
    // Accounts without an answer keep their values (for coverage).
    assert_eq!(survey.values.len(), 3);
    assert!(survey.to_string().contains("\nempty scores               2  skipped and counted\n"), "{survey}");

    let err = Reader::new().value("arr").empty_score(EmptyScore::Refuse).read(file.as_bytes()).unwrap_err();
    assert_eq!(place(&err), (Some(3), Some("score"), Some(""), Error::EmptyScore.to_string()));
}

#[test]
fn a_bad_score_refuses_the_whole_read_and_names_line_column_and_text() {
    for (bad, message) in [
        ("\"9,5\"", r#""9,5" is not a score: expected a whole number from 0 to 10"#),
        ("11", "score 11 is outside the scale 0..=10"),
        ("nine", r#""nine" is not a score: expected a whole number from 0 to 10"#),
    ] {
        let file = format!("period,account,score\n2026-Q1,A,9\n2026-Q1,B,{bad}\n2026-Q1,C,10\n");
        let err = Reader::new().read(file.as_bytes()).unwrap_err();
        let text = bad.trim_matches('"');
        assert_eq!(place(&err), (Some(3), Some("score"), Some(text), message.to_owned()), "{bad}");
        assert_eq!(err.to_string(), format!("line 3, column 'score': {message}"));
    }
    // Semicolons: 9,5 needs no quotes, and is refused the same way.
    let err = read("period;account;score\n2026-Q1;A;9,5\n").unwrap_err();
    assert_eq!(place(&err).0, Some(2));
}

#[test]
fn csv_structure_bom_crlf_quotes_and_line_numbers() {
    let file =
        "\u{feff}score;account;comment\r\n9;\"A;1\";\"two\r\nlines\"\r\n\r\n3;B;\"say \"\"no\"\"\"\r\n\r\n";
    let survey = read(file).unwrap();
    assert!(survey.summary.byte_order_mark);
    assert_eq!(survey.summary.columns.score, "score"); // the mark is not part of the name
    assert_eq!(survey.responses[0].account().unwrap().as_str(), "A;1");
    assert_eq!(survey.responses[0].comment(), Some("two\r\nlines"));
    assert_eq!(survey.responses[1].comment(), Some("say \"no\""));
    assert_eq!(survey.lines, [2, 5]); // empty lines are not rows
    assert_eq!(survey.summary.rows, 2);

    let err = read("score,account\n9,A,extra\n").unwrap_err();
    assert_eq!(place(&err).0, Some(2));
    assert!(err.to_string().contains("the row has 3 cells but the header 2"), "{err}");
    assert!(read("score,account,\n9,A,\n").is_ok()); // an empty trailing column
    let err = read("score,account,\n9,A,x\n").unwrap_err();
    assert_eq!(place(&err).1, Some("#3"));
    let err = Reader::new().read(&b"score,account\n9,\xff\n"[..]).unwrap_err();
    assert!(err.to_string().contains("not UTF-8"), "{err}");
    assert!(read("").unwrap_err().to_string().contains("the file is empty"));
}

#[test]
fn a_missing_column_names_the_columns_found_and_the_likely_delimiter() {
    let err = Reader::new().account("Company").read("score,account\n9,A\n".as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1: no column for the account: expected one named 'Company'; the file has the columns 'score' \
         and 'account'"
    );
    let err = Reader::new().delimiter(b',').read("score;account;branch\n9;A;x\n".as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1: no column for the score: expected one named 'score'; the file has the one column \
         'score;account;branch'; split at ',' the header has 1 column, split at ';' it has 3: the file looks \
         semicolon-separated (leave the delimiter to be detected, or set it to ';')"
    );
    // Detected: a comma inside the question text does not win against the semicolons.
    let survey = Reader::new()
        .score("Score (0-10, 10 = surely)")
        .read("Score (0-10, 10 = surely);account\n9;A\n".as_bytes())
        .unwrap();
    assert_eq!(survey.summary.delimiter, Some(';'));
    // Nor does it when it is the more frequent, because only ';' gives the columns asked for.
    let survey = Reader::new()
        .score("How likely, really, honestly?")
        .read("How likely, really, honestly?;account\n9;A\n".as_bytes())
        .unwrap();
    assert_eq!(survey.summary.delimiter, Some(';'));
    let err = Reader::new().score(["score", "NPS"]).read("NPS,score\n9,9\n".as_bytes()).unwrap_err();
    assert_eq!(err.to_string(), r#"line 1: both "NPS" and "score" are columns for the score: expected one"#);
    let err = Reader::new().segment("branch", "Industry").read("score\n9\n".as_bytes()).unwrap_err();
    assert!(err.to_string().contains("no column for the segment 'branch'"), "{err}");
}

#[test]
fn periods_are_decided_per_file_and_checked_per_row() {
    let survey = Reader::new()
        .periods(Periods::Month)
        .read("score,period\n9,15-07-2026 10:30\n8,01-12-2026\n".as_bytes())
        .unwrap();
    let periods: Vec<_> = survey.responses.iter().map(|r| r.period().unwrap().to_owned()).collect();
    assert_eq!(periods, ["2026-07", "2026-12"]);

    // The first cell decides: day first here, so an ISO date later is an error, not a guess.
    let err = read("score,period\n9,15-07-2026\n8,2026-07-16\n").unwrap_err();
    let (line, column, text, message) = place(&err);
    assert_eq!((line, column, text), (Some(3), Some("period"), Some("2026-07-16")));
    assert!(message.contains(r#"the form of the file's first period, "15-07-2026""#), "{message}");
    // Labels are kept as written, checked to be of the first label's kind.
    let survey = read("score,period\n9,2026-q1\n8, 2026-Q4\n").unwrap();
    assert_eq!(survey.responses[1].period(), Some(" 2026-Q4"));
    let err = read("score,period\n9,2026-Q4\n8,2026-Q5\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"line 3, column 'period': "2026-Q5" is not a quarter: expected YYYY-Qn with a quarter from 1 to 4, such as 2026-Q3"#
    );
    let err = read("score,period\n9,2026-Q4\n8,2026-11\n").unwrap_err();
    assert_eq!(place(&err).0, Some(3));
    // An empty period is no period, counted.
    let survey = read("score,period\n9,2026-Q4\n8,\n").unwrap();
    assert_eq!(survey.summary.without_period, 1);
}

#[test]
fn amounts_take_the_files_style_and_values_are_checked() {
    let values = |file: &str| Reader::new().value("arr").read(file.as_bytes());
    // The second cell shows the style; the first, ambiguous alone, is read in it.
    let survey = values("score;account;arr\n9;A;1.250\n9;B;2.500,75\n").unwrap();
    assert_eq!((survey.values["A"], survey.values["B"]), (1250.0, 2500.75));
    assert_eq!(survey.summary.amount_style, Some(AmountStyle::DecimalComma));
    let survey = values("score,account,arr\n9,A,\"1,250\"\n9,B,2500.75\n").unwrap();
    assert_eq!(survey.values["A"], 1250.0);
    // Nothing shows the style: refused, not guessed.
    let err = values("score,account,arr\n9,A,\"1,250\"\n").unwrap_err();
    assert!(err.to_string().contains("set the amount style"), "{err}");
    // A cell against the file's style names its line and the cell that set the style.
    let err = values("score,account,arr\n9,A,\"1,250.50\"\n9,B,\"1.250,50\"\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"line 3, column 'arr': "1.250,50" is not an amount: expected a number with a decimal point such as 1250.50 or 1,250.50 (the style of "1,250.50" on line 2)"#
    );
    // One value per account; equal numbers written differently agree.
    assert!(values("score,account,arr\n9,A,8300\n9,A,8300.00\n").is_ok());
    let err = values("score,account,arr\n9,A,8300\n9,A,8400\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3, column 'arr': account A has the value 8400 here but 8300 on line 2: expected one value per account"
    );
    let err = values("score,account,arr\n9,,8300\n").unwrap_err();
    assert!(matches!(place(&err), (Some(2), Some("account"), Some(""), _)), "{err}");
    let err = Reader::new().account("x").value("arr").read("score,arr\n9,8300\n".as_bytes()).unwrap_err();
    assert!(err.to_string().contains("no column for the account"), "{err}");
    let err = Reader::new().value("arr").read("score,arr\n9,8300\n".as_bytes()).unwrap_err();
    assert!(matches!(place(&err), (Some(2), Some("arr"), Some("8300"), _)), "{err}");
    for (bad, kind) in [("0", "is invalid"), ("-5", "is invalid")] {
        let err = values(&format!("score,account,arr\n9,A,{bad}\n")).unwrap_err();
        assert!(err.to_string().contains(kind), "{bad}: {err}");
    }
    let tiny = format!("0.{}1", "0".repeat(199)); // 1e-200
    let err = values(&format!("score,account,arr\n9,A,{tiny}\n")).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "line 2, column 'arr': value 1e-200 of account A is invalid: expected a number from 2^-511"
        ),
        "{err}"
    );
}

#[test]
fn json_lines_keep_numbers_as_written_and_name_bad_lines() {
    let file = "{\"score\": 9.0, \"account\": 12345678901234567890123, \"label\": 1.10, \"arr\": 1e3}\n\n\
                {\"score\": \"10\", \"account\": \"007\", \"label\": null, \"arr\": \"1,250.50\"}\n";
    let survey = Reader::new().value("arr").read(file.as_bytes()).unwrap();
    assert_eq!(survey.summary.format, Format::JsonLines);
    let first = &survey.responses[0];
    assert_eq!(first.account().unwrap().as_str(), "12345678901234567890123");
    assert_eq!(first.segment("label"), Some("1.10"));
    assert_eq!(survey.values["12345678901234567890123"], 1000.0);
    assert_eq!(survey.values["007"], 1250.5);
    assert_eq!(survey.lines, [1, 3]); // the blank line is not a row

    let err = read("{\"score\": 9}\n{\"score\": 9,}\n").unwrap_err();
    assert_eq!(place(&err).0, Some(2));
    assert!(err.to_string().contains("not a JSON object"), "{err}");
    let err = read("{\"score\": 9, \"tags\": [1, 2]}\n").unwrap_err();
    assert!(matches!(place(&err), (Some(1), Some("tags"), Some("[1, 2]"), _)), "{err}");
    let err = read("{\"score\": 9, \"a\": 1, \"a\": 2}\n").unwrap_err();
    assert!(err.to_string().contains(r#"the column "a" appears more than once"#), "{err}");
    let err = read("{\"account\": \"A\"}\n").unwrap_err();
    assert!(err.to_string().contains("no column for the score"), "{err}");
}

#[test]
fn locate_places_later_errors_in_the_file() {
    let survey = mapping().read_path(data("tests/data/exports/dutch_export.csv")).unwrap();
    let located = survey.locate(Error::MissingAccountValue { account: "A02".into() });
    assert!(
        located
            .to_string()
            .contains("dutch_export.csv, line 4, column 'Jaaromzet': account A02 has no value"),
        "{located}"
    );
    let located = survey.locate(Error::MissingAccount { position: 2 });
    assert!(located.to_string().contains("dutch_export.csv, line 4, column 'Bedrijf'"), "{located}");
    let located = survey.locate(Error::CountOverflow);
    assert!(
        located.to_string().ends_with(
            "dutch_export.csv: count overflow: the result would hold more than 18446744073709551615 responses"
        ),
        "{located}"
    );
}

#[test]
fn export_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Reader>();
    assert_send_sync::<Export>();
    assert_send_sync::<nps_stats::export::Summary>();
    assert_send_sync::<nps_stats::export::Columns>();
    assert_send_sync::<Format>();
    assert_send_sync::<EmptyScore>();
    assert_send_sync::<PeriodFormat>();
    assert_send_sync::<Periods>();
    assert_send_sync::<AmountStyle>();
}

/// Text that survey tools put in identifiers and labels: digits with leading zeros, numbers in
/// every notation, delimiters, quotes, line breaks, non-ASCII letters.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,25}",
        "[+-]?[0-9]{1,3}[.,][0-9]{1,3}(e[+-]?[0-9])?",
        "[A-Za-zé ;,|\"\t\n]{0,12}[A-Za-z0-9é]",
        Just("true".to_owned()),
        Just("NaN".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the labels and the delimiter, a CSV written by the `csv` crate reads back to the same
    /// responses, through the reader and through serde.
    #[test]
    fn csv_written_by_a_tool_reads_back_as_written(
        rows in prop::collection::vec((0u8..=10, label(), label(), label()), 1..20),
        delimiter in prop::sample::select(vec![b',', b';', b'\t', b'|']),
    ) {
        let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
        writer.write_record(["score", "account", "respondent", "branch"]).unwrap();
        let mut expected = Vec::new();
        for (score, account, respondent, branch) in &rows {
            writer.write_record([&score.to_string(), account, respondent, branch]).unwrap();
            expected.push(
                Response::new(nps_stats::Score::new(*score).unwrap())
                    .with_account(account.as_str())
                    .with_respondent(respondent.as_str())
                    .with_segment("branch", branch.as_str()),
            );
        }
        let bytes = writer.into_inner().unwrap();
        let survey = Reader::new().read(bytes.as_slice()).unwrap();
        prop_assert_eq!(&survey.responses, &expected);
        let mut csv = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(bytes.as_slice());
        let through_serde: Vec<Response> = csv.deserialize().collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(&through_serde, &expected);
    }
}
