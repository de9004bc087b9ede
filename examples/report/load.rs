//! Reading a survey export: one CSV row per answer, validated row by row so that a bad cell is
//! reported by line and column instead of being dropped.

use std::collections::BTreeMap;
use std::path::Path;

use nps_stats::{AccountId, Response, Score};

/// The columns the report needs; any other column becomes a segment label of the response.
pub const REQUIRED: [&str; 7] = ["period", "account", "branch", "arr", "respondent", "role", "score"];

/// The survey as the report uses it.
pub struct Survey {
    /// Every answer, in file order.
    pub responses: Vec<Response>,
    /// The value (ARR) of every account that answered.
    pub account_values: BTreeMap<AccountId, f64>,
}

/// Reads and validates the CSV at `path`. The error is a message for the user that names the line
/// (1 is the header) and the column of the first problem.
pub fn load(path: &Path) -> Result<Survey, String> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let headers = reader.headers().map_err(|e| format!("{}: line 1: {e}", path.display()))?.clone();
    for column in REQUIRED {
        if !headers.iter().any(|h| h == column) {
            return Err(format!(
                "{}: line 1: the column '{column}' is missing; expected the columns {}",
                path.display(),
                REQUIRED.join(", ")
            ));
        }
    }
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or(0);
    let (score_at, account_at, arr_at) = (column("score"), column("account"), column("arr"));

    let mut responses = Vec::new();
    let mut account_values: BTreeMap<AccountId, f64> = BTreeMap::new();
    let mut first_seen: BTreeMap<AccountId, u64> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let line = record.position().map_or(0, |p| p.line());
        let at = |name: &str| format!("{}: line {line}, column '{name}'", path.display());
        let cell = |index: usize| record.get(index).unwrap_or("").trim();

        if let Err(e) = cell(score_at).parse::<Score>() {
            return Err(format!("{}: {e}", at("score")));
        }
        let account = cell(account_at);
        if account.is_empty() {
            return Err(format!(
                "{}: the account id is missing; every answer needs its account",
                at("account")
            ));
        }
        let arr: f64 = cell(arr_at).parse().map_err(|_| {
            format!("{}: {:?} is not a number; expected the account's value", at("arr"), cell(arr_at))
        })?;
        if !(arr.is_finite() && arr > 0.0) {
            return Err(format!(
                "{}: account value {arr} is invalid; expected a number greater than 0",
                at("arr")
            ));
        }
        let id = AccountId::from(account);
        match account_values.get(&id) {
            Some(&known) if known != arr => {
                let first = first_seen.get(&id).copied().unwrap_or(0);
                return Err(format!(
                    "{}: account {account} has value {arr} here but {known} on line {first}",
                    at("arr")
                ));
            }
            Some(_) => {}
            None => {
                account_values.insert(id.clone(), arr);
                first_seen.insert(id, line);
            }
        }
        let response: Response = record
            .deserialize(Some(&headers))
            .map_err(|e| format!("{}: line {line}: {e}", path.display()))?;
        responses.push(response);
    }
    if responses.is_empty() {
        return Err(format!("{}: no answers after the header line", path.display()));
    }
    Ok(Survey { responses, account_values })
}
