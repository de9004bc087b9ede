//! Reading the survey export: the column mapping, and the checks that this report needs beyond
//! the reader's. Every error names the file, the line and the column.

use std::path::Path;

use nps_stats::export::{Export, Reader};
use nps_stats::{Error, Quarter};

/// The columns the report reads, under the names the bundled file and three export tools give
/// them; every other column becomes a segment.
pub fn reader() -> Reader {
    Reader::new()
        .score([
            "score",
            "How likely are you to recommend us to a friend or colleague?",
            "Hoe waarschijnlijk is het dat u ons aanbeveelt bij een vriend of collega?",
        ])
        .account(["account", "Company", "Bedrijf"])
        .respondent(["respondent", "Contact", "Contactpersoon"])
        .role(["role", "Role", "Rol"])
        .period(["period", "Submitted at", "submitted_at", "Ingevuld op"])
        .value(["arr", "ARR", "Jaaromzet"])
        .comment(["comment", "Comment", "Toelichting"])
        .segment("branch", ["branch", "Industry", "Branche"])
}

/// Reads the export at `path` (with `delimiter`, or the one the header shows) and checks that every
/// answer has an account with a value and a quarter. The error is a message for the user.
pub fn load(path: &Path, delimiter: Option<u8>) -> Result<Export, String> {
    let reader = match delimiter {
        Some(delimiter) => reader().delimiter(delimiter),
        None => reader(),
    };
    let survey = reader.read_path(path).map_err(|e| e.to_string())?;
    let columns = &survey.summary.columns;
    let place = |line: u64, column: &Option<String>| {
        format!("{}, line {line}, column '{}'", path.display(), column.as_deref().unwrap_or("-"))
    };
    for (response, &line) in survey.responses.iter().zip(&survey.lines) {
        if response.account().is_none() {
            return Err(format!(
                "{}: the account id is missing; every answer needs its account",
                place(line, &columns.account)
            ));
        }
        let Some(period) = response.period() else {
            return Err(format!(
                "{}: the period is empty; every answer needs its quarter",
                place(line, &columns.period)
            ));
        };
        if let Err(e) = period.parse::<Quarter>() {
            return Err(format!("{}: {e}; the report is by quarter", place(line, &columns.period)));
        }
        if let Some(account) = response.account()
            && !survey.values.contains_key(account)
        {
            return Err(survey.locate(Error::MissingAccountValue { account: account.clone() }).to_string());
        }
    }
    if survey.responses.is_empty() {
        return Err(format!("{}: no answers after the header line", path.display()));
    }
    Ok(survey)
}
