//! The export reader on arbitrary bytes, as CSV (any delimiter) and as JSON Lines. No panic; what is
//! read accounts for every row (answers + empty scores + blank rows), gives one line per response in
//! file order, and keeps only valid account values; what is refused names a line or the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::Error;
use nps_stats::export::{EmptyScore, Reader};

fuzz_target!(|data: &[u8]| {
    let (policy, bytes) = match data.split_first() {
        Some((first, rest)) if first % 2 == 1 => (EmptyScore::Refuse, rest),
        Some((_, rest)) => (EmptyScore::Skip, rest),
        None => (EmptyScore::Skip, data),
    };
    let reader = Reader::new().value(["arr", "value"]).empty_score(policy).segment("branch", ["branch", "b"]);
    match reader.read(bytes) {
        Ok(survey) => {
            let summary = &survey.summary;
            assert_eq!(summary.rows, summary.answers + summary.empty_scores + summary.blank_rows);
            assert_eq!(survey.responses.len() as u64, summary.answers);
            assert_eq!(survey.lines.len(), survey.responses.len());
            assert!(survey.lines.windows(2).all(|pair| pair[0] < pair[1]), "{:?}", survey.lines);
            if policy == EmptyScore::Refuse {
                assert_eq!(summary.empty_scores, 0);
            }
            for (account, &value) in &survey.values {
                assert!(value.is_finite() && value * value >= f64::MIN_POSITIVE, "{account}: {value}");
                assert!(survey.value_lines.contains_key(account));
            }
            let _ = survey.to_string();
        }
        Err(Error::Export { problem, .. }) => {
            assert!(!matches!(*problem, Error::Export { .. }), "nested: {problem}");
            let _ = problem.to_string();
        }
        Err(other) => panic!("not placed in the file: {other}"),
    }
});
