//! The result of reading an export: the responses, where each came from, the account values, and
//! the summary.

use core::fmt;
use std::collections::BTreeMap;

use crate::core::{AccountId, Response};
use crate::error::Error;
use crate::export::Summary;

/// A survey export as read: the responses in file order with the line each came from, the account
/// values ready for [`AccountRollupBuilder::values`](crate::accounts::AccountRollupBuilder::values),
/// and a [`Summary`] of what was read, skipped and how.
///
/// # Examples
///
/// ```
/// use nps_stats::{AccountRollup, export::Reader};
///
/// let csv = "score,account,ARR\n9,ACME,\"2,000,000\"\n3,ACME,\"2,000,000\"\n10,Globex,40000.50\n";
/// let export = Reader::new().value("ARR").read(csv.as_bytes())?;
/// assert_eq!(export.lines, [2, 3, 4]);
/// assert_eq!(export.values.get("ACME"), Some(&2_000_000.0));
///
/// let rollup = AccountRollup::builder().values(&export.values).run(&export.responses)?;
/// assert_eq!(rollup.accounts, 2);
/// println!("{export}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Export {
    /// One response per answer, in file order.
    pub responses: Vec<Response>,
    /// The line each response starts on (1 is a CSV file's header), position by position.
    pub lines: Vec<u64>,
    /// The value of every account that has one in the file (from answers and skipped rows alike).
    pub values: BTreeMap<AccountId, f64>,
    /// The line each account's value was first read on.
    pub value_lines: BTreeMap<AccountId, u64>,
    /// What was read, skipped and how.
    pub summary: Summary,
}

impl Export {
    /// An error of an analysis of these responses, placed in the file: the file, line and column it
    /// concerns when the error names a response, an account, a period label or a respondent of
    /// this survey; otherwise the error with the file alone.
    ///
    /// | the error | its place |
    /// |---|---|
    /// | [`Error::MissingAccount`] (a position) | that response's line, the account column |
    /// | [`Error::MissingAccountValue`] (an account) | the account's first line, the value column |
    /// | [`Error::InvalidAccountValue`] (an account) | the line of its value, the value column |
    /// | [`Error::ParsePeriod`] (a label) | the first line with that label, the period column |
    /// | [`Error::MissingPeriod`] (a respondent) | the respondent's first line without a period, the period column |
    /// | [`Error::ScoreOutOfScale`] (a score) | the first line with that score, the score column |
    ///
    /// ```
    /// use nps_stats::{AccountRollup, export::Reader};
    /// let export = Reader::new().read("score,account\n9,ACME\n7,\n".as_bytes())?;
    /// let err = AccountRollup::builder().run(&export.responses).unwrap_err();
    /// assert_eq!(
    ///     export.locate(err).to_string(),
    ///     "line 3, column 'account': response at position 1 has no account: expected an account id on \
    ///      every response of an account analysis"
    /// );
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn locate(&self, error: Error) -> Error {
        let columns = &self.summary.columns;
        let first_line = |matches: &dyn Fn(&Response) -> bool| {
            self.responses.iter().zip(&self.lines).find(|(r, _)| matches(r)).map(|(_, &line)| line)
        };
        let (line, column) = match &error {
            Error::MissingAccount { position } => {
                (self.lines.get(*position).copied(), columns.account.clone())
            }
            Error::MissingAccountValue { account } => {
                (first_line(&|r| r.account() == Some(account)), columns.value.clone())
            }
            Error::InvalidAccountValue { account, .. } => {
                (self.value_lines.get(account).copied(), columns.value.clone())
            }
            Error::ParsePeriod { input, .. } => {
                (first_line(&|r| r.period() == Some(input.as_str())), columns.period.clone())
            }
            Error::MissingPeriod { respondent } => (
                first_line(&|r| r.respondent() == Some(respondent.as_str()) && r.period().is_none()),
                columns.period.clone(),
            ),
            Error::ScoreOutOfScale { score, .. } => {
                (first_line(&|r| i64::from(r.score().value()) == *score), Some(columns.score.clone()))
            }
            Error::Export { .. } => return error,
            _ => (None, None),
        };
        let column = line.and(column);
        let text = match (&error, line) {
            (Error::ParsePeriod { input, .. }, Some(_)) => Some(input.clone()),
            _ => None,
        };
        Error::Export { file: self.summary.file.clone(), line, column, text, problem: Box::new(error) }
    }
}

impl fmt::Display for Export {
    /// The summary's table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.summary, f)
    }
}
