//! The main job, run as a user runs it: the report example on the bundled data and on bad files.
//!
//! Expected key figures come from `tests/data/report_reference.py`, a plain-Python computation on
//! the same CSV that does not use this crate; its output is quoted next to each assertion.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The report example's binary, which `cargo test` builds next to the test binaries.
fn report_binary() -> PathBuf {
    let mut dir = std::env::current_exe().expect("the test binary has a path");
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    let binary = dir.join("examples").join(format!("report{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.exists(), "build the examples first (cargo test builds them): {}", binary.display());
    binary
}

fn run_report(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(report_binary()).args(args).output().expect("the report runs")
}

/// The line of `text` that starts with `label`.
fn line_of<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find(|line| line.starts_with(label))
        .unwrap_or_else(|| panic!("no line {label:?} in:\n{text}"))
}

#[test]
fn report_on_the_bundled_data_shows_the_independently_computed_figures() {
    let output = run_report(&[]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    // answers 405 accounts 59 quarters ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']
    assert!(text.contains("405 answers from 59 accounts, 4 quarters (2025-Q4 to 2026-Q3)"), "{text}");

    // respondent level 97 -29.896907216494846
    let respondents = line_of(&text, "respondent level");
    assert!(respondents.contains(" -29.9 "), "{respondents}");
    assert!(respondents.contains(" 97 "), "{respondents}");
    // account level 47 -33.244680851063826
    assert!(line_of(&text, "account level").contains(" -33.2 "));
    // value weighted -58.466388985306025, value weighted n_eff 4.3396492660421115
    let by_value = line_of(&text, "value weighted");
    assert!(by_value.contains(" -58.5 ") && by_value.ends_with(" 4.3"), "{by_value}");

    // branch waste collection 15 20.0; branch catering 10 -90.0; branch accountancy 22 -54.54…
    for (branch, n, nps) in
        [("waste collection", 15, "+20.0"), ("catering", 10, "-90.0"), ("accountancy", 22, "-54.5")]
    {
        let row = line_of(&text, &format!("branch = {branch} "));
        let fields: Vec<&str> = row.split_whitespace().collect();
        assert!(fields.contains(&n.to_string().as_str()) && fields.contains(&nps), "{row}");
    }

    // quarter 2025-Q4 104 -31.73…, 2026-Q1 103 -24.27…, 2026-Q2 101 -18.81…, 2026-Q3 97 -29.89…
    for (quarter, n, nps) in [
        ("2025-Q4", 104, "-31.7"),
        ("2026-Q1", 103, "-24.3"),
        ("2026-Q2", 101, "-18.8"),
        ("2026-Q3", 97, "-29.9"),
    ] {
        let row = line_of(&text, quarter);
        let fields: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(fields[1], n.to_string(), "{row}");
        assert_eq!(fields[2], nps, "{row}");
    }

    // at risk A59 826175.0; at risk A10 110800.0; at risk A12 59433.33…
    assert!(line_of(&text, "1 ").contains("A59") && line_of(&text, "1 ").contains(" 826175 "));
    assert!(line_of(&text, "2 ").contains("A10") && line_of(&text, "2 ").contains(" 110800 "));
    assert!(line_of(&text, "3 ").contains("A12") && line_of(&text, "3 ").contains(" 59433 "));

    // sample size observed 43.28… (→ 44) infinite 159.7… (→ 160); worst 51.26… (→ 52)
    assert!(line_of(&text, "with this quarter's shares").ends_with(": 44 of 59 accounts"));
    assert!(line_of(&text, "in the worst case").ends_with(": 52 of 59 accounts"));
    assert!(line_of(&text, "without the finite-population").contains(" 160 answers"));

    // 6. census accounts 59 of 59 contacts 144 of 158
    //    census every answer (nps, se, se between, se within, single) (-33.33…, 1.1391…, 0.0, 1.1391…, 4)
    //    census by value (…) (-51.478…, 3.0633…, 0.0, 3.0633…, 4)
    //    sample every answer (nps, se) (-33.33…, 8.1413…)
    let census: Vec<&str> = line_of(&text, "every answer, two-stage").split_whitespace().collect();
    assert!(census.contains(&"-33.3") && census.ends_with(&["1.1", "0.0", "1.1"]), "{census:?}");
    let by_value: Vec<&str> =
        line_of(&text, "each account by its ARR, two-stage").split_whitespace().collect();
    assert!(by_value.contains(&"-51.5") && by_value.ends_with(&["3.1", "0.0", "3.1"]), "{by_value:?}");
    let sample: Vec<&str> = line_of(&text, "every answer, as a sample").split_whitespace().collect();
    assert!(sample.contains(&"-33.3") && sample.ends_with(&["8.1", "-", "-"]), "{sample:?}");
    assert!(line_of(&text, "59 of 59 accounts answered").ends_with("144 of 158 invited contacts."));
    assert!(line_of(&text, "4 accounts were heard through one of several contacts").contains("adjusted"));

    // 7. renewal detractor 30 25 (0.8333…, 0.66435…, 0.92663…); passive 25 21 (0.84, 0.65346…, 0.93596…);
    //    promoter 4 3 (0.75, 0.30064…, 0.95441…)
    //    renewal promoters - detractors -0.0833… -0.54227… 0.18187… z -0.41067… p 0.68131…
    //    renewal auc 0.49795… cases 49 controls 10 interval 0.29112… 0.70479…
    let renewal = &text[text.find("7. Does the score predict renewal?").expect("section 7")..];
    for (category, row) in [
        ("detractor", ["30", "25", "83.3%", "[66.4%,", "92.7%]"]),
        ("passive", ["25", "21", "84.0%", "[65.3%,", "93.6%]"]),
        ("promoter", ["4", "3", "75.0%", "[30.1%,", "95.4%]"]),
    ] {
        let fields: Vec<&str> = line_of(renewal, category).split_whitespace().collect();
        assert_eq!(fields[1..6], row, "{fields:?}");
    }
    let difference = line_of(renewal, "promoters − detractors");
    assert!(
        difference.contains("-8.3 points [-54.2, +18.2]") && difference.contains("p = 0.6813"),
        "{difference}"
    );
    assert_eq!(
        line_of(renewal, "AUC"),
        "AUC 0.50 [0.29, 0.70] (95%, DeLong; 49 cases, 10 controls): the score does not separate renewed from \
         churned here"
    );
}

#[test]
fn an_export_without_the_new_columns_skips_their_sections() {
    // Every account answered the last quarter: a census, so section 1 leaves out the finite-population
    // correction instead of failing, and sections 6 and 7 say what they would need.
    let (output, stderr) = report_on(
        "census.csv",
        &[
            GOOD,
            "2026-Q1,A02,catering,9000,A02-C1,end user,5,",
            "2026-Q1,A03,catering,12000,A03-C1,end user,7,",
        ],
    );
    assert!(output.status.success(), "{stderr}");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("every account answered (see section 6)"), "{text}");
    assert!(text.contains("(no 'invited' column with the contacts of every account"), "{text}");
    assert!(text.contains("(no 'renewed' column in this export"), "{text}");
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nps-stats-report-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}

/// Writes `rows` under the bundled file's header to a temporary CSV and runs the report on it.
fn report_on(name: &str, rows: &[&str]) -> (Output, String) {
    let dir = temp_dir();
    let path = dir.join(name);
    let mut csv = String::from("period,account,branch,arr,respondent,role,score,comment\n");
    for row in rows {
        csv.push_str(row);
        csv.push('\n');
    }
    std::fs::write(&path, csv).expect("temporary file");
    let output = run_report(&[path.as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stderr)
}

const GOOD: &str = "2026-Q1,A01,staffing,8300,A01-C1,decision maker,9,";

fn assert_clean_failure(output: &Output, stderr: &str, expected: &[&str]) {
    assert!(!output.status.success(), "a bad file must fail");
    assert!(!stderr.contains("panicked"), "no panic trace: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    for part in expected {
        assert!(stderr.contains(part), "{part:?} missing from: {stderr}");
    }
}

#[test]
fn score_out_of_scale_names_line_and_column() {
    let (output, stderr) = report_on("score.csv", &[GOOD, "2026-Q1,A02,catering,9000,A02-C1,end user,11,"]);
    assert_clean_failure(
        &output,
        &stderr,
        &["line 3, column 'score'", "score 11 is outside the scale 0..=10"],
    );
}

#[test]
fn missing_account_names_line_and_column() {
    let (output, stderr) = report_on("account.csv", &[GOOD, GOOD, "2026-Q1,,catering,9000,X-C1,end user,8,"]);
    assert_clean_failure(
        &output,
        &stderr,
        &["account.csv, line 4, column 'account'", "the account is empty"],
    );
}

#[test]
fn non_numeric_value_names_line_and_column() {
    let (output, stderr) = report_on("arr.csv", &["2026-Q1,A02,catering,lots,A02-C1,end user,8,", GOOD]);
    assert_clean_failure(&output, &stderr, &["arr.csv, line 2, column 'arr'", "\"lots\" is not an amount"]);
}

#[test]
fn a_bad_period_an_empty_period_and_a_tiny_value_name_file_line_and_column() {
    let (output, stderr) = report_on("q5.csv", &[GOOD, "2026-Q5,A02,catering,9000,A02-C1,end user,8,"]);
    assert_clean_failure(
        &output,
        &stderr,
        &["q5.csv, line 3, column 'period'", "\"2026-Q5\" is not a quarter"],
    );

    let (output, stderr) =
        report_on("empty-period.csv", &[GOOD, GOOD, ",A02,catering,9000,A02-C1,end user,8,"]);
    assert_clean_failure(
        &output,
        &stderr,
        &["empty-period.csv, line 4, column 'period'", "the period is empty"],
    );

    // 1e-200, written out: the square of such a weight underflows.
    let tiny = format!("2026-Q1,A02,catering,0.{}1,A02-C1,end user,8,", "0".repeat(199));
    let (output, stderr) = report_on("tiny.csv", &[GOOD, &tiny]);
    assert_clean_failure(
        &output,
        &stderr,
        &[
            "tiny.csv, line 3, column 'arr'",
            "value 1e-200 of account A02 is invalid: expected a number from 2^-511 to 2^511",
        ],
    );

    // Found after loading: an account whose every value cell is empty.
    let (output, stderr) = report_on("no-value.csv", &[GOOD, "2026-Q1,A02,catering,,A02-C1,end user,8,"]);
    assert_clean_failure(
        &output,
        &stderr,
        &["no-value.csv, line 3, column 'arr'", "account A02 has no value"],
    );
}

#[test]
fn a_semicolon_separated_file_is_read_and_its_errors_are_placed() {
    let dir = temp_dir();
    let path = dir.join("semicolons.csv");
    let good = GOOD.replace(',', ";");
    let text = format!(
        "period;account;branch;arr;respondent;role;score;comment\n{good}\n2026-Q1;A02;catering;9000;A02-C1;end user;9,5;\n"
    );
    std::fs::write(&path, text).unwrap();
    let output = run_report(&[path.as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_clean_failure(
        &output,
        &stderr,
        &["semicolons.csv, line 3, column 'score'", "\"9,5\" is not a score"],
    );

    // With the delimiter set to a comma, the missing column says what the file looks like.
    let output = run_report(&["--delimiter".as_ref(), ",".as_ref(), path.as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_clean_failure(
        &output,
        &stderr,
        &["semicolons.csv, line 1: no column for the score", "the file looks semicolon-separated"],
    );
}

/// The report's text below its first line (which names the file).
fn report_body(path: &std::path::Path) -> String {
    let output = run_report(&[path.as_os_str()]);
    assert!(output.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.split_once('\n').map(|(_, body)| body.to_owned()).unwrap()
}

#[test]
fn the_three_export_shapes_give_the_report_of_the_bundled_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bundled = report_body(&root.join("examples/data/b2b_survey.csv"));
    assert!(bundled.contains("405 answers from 59 accounts"), "{bundled}");
    for file in ["dutch_export.csv", "survey_tool_export.csv", "crm_export.jsonl"] {
        let body = report_body(&root.join("tests/data/exports").join(file));
        assert_eq!(body, bundled, "{file}");
    }
}

#[test]
fn period_labels_in_any_case_give_the_same_report() {
    // A third of the labels in lower case and a third with a space in front: the same quarters. As
    // text, "2026-q1" sorts after "2026-Q2" and " 2026-Q3" before "2025-Q4", which picked the wrong
    // latest answer for 56 of the 144 respondents (sections 2 and 4) before periods were parsed.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let original = std::fs::read_to_string(root.join("examples/data/b2b_survey.csv")).unwrap();
    let mut mixed = String::new();
    for (i, line) in original.lines().enumerate() {
        let changed = match i % 3 {
            _ if i == 0 => line.to_owned(),
            1 => line.replacen("-Q", "-q", 1),
            2 => format!("\" {}", line.replacen(',', "\",", 1)),
            _ => line.to_owned(),
        };
        mixed.push_str(&changed);
        mixed.push('\n');
    }
    assert!(mixed.contains("2026-q1,") && mixed.contains("\" 2026-Q2\","), "{mixed}");
    let path = temp_dir().join("mixed-case.csv");
    std::fs::write(&path, mixed).unwrap();
    assert_eq!(report_body(&path), report_body(&root.join("examples/data/b2b_survey.csv")));
}

#[test]
fn missing_column_and_missing_file_are_clear() {
    let dir = std::env::temp_dir().join(format!("nps-stats-report-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join("columns.csv");
    std::fs::write(&path, "period,account,score\n2026-Q1,A01,9\n").expect("temporary file");
    let output = run_report(&[path.as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_clean_failure(&output, &stderr, &["columns.csv, line 1: no column for the respondent"]);

    let output = run_report(&[dir.join("does-not-exist.csv").as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_clean_failure(&output, &stderr, &["cannot read"]);
}

#[test]
fn a_respondent_answering_twice_in_a_quarter_is_said_and_counted_once_where_latest() {
    let rows = [
        "2026-Q1,A01,staffing,8300,A01-C1,decision maker,9,",
        "2026-Q1,A01,staffing,8300,A01-C1,decision maker,3,",
        "2026-Q1,A02,catering,9000,A02-C1,end user,8,",
        "2026-Q1,A03,catering,7000,A03-C1,end user,5,",
        "2026-Q1,A03,catering,7000,A03-C2,end user,,",
        ",,,,,,,",
    ];
    let (output, stderr) = report_on("twice.csv", &rows);
    assert!(output.status.success(), "{stderr}");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("4 answers from 3 accounts"), "{text}");
    assert!(text.contains("(rows that are not answers: 1 without a score, 1 blank)"), "{text}");
    // Section 1 counts both answers and says so; section 2 keeps the later (3) and says so.
    assert!(line_of(&text, "respondent level").contains(" -25.0 "), "{text}");
    assert!(
        text.contains("Repeated answers in 2026-Q1 (a respondent who answered before in the quarter): 1"),
        "{text}"
    );
    assert!(line_of(&text, "branch = staffing ").contains(" -100.0 "), "{text}");
    assert!(text.contains("(1 answer left out: latest answer per respondent)"), "{text}");
    // The trend's point flags the repeat.
    assert!(line_of(&text, "2026-Q1 ").ends_with("1 repeated"), "{text}");
}
