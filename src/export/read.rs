//! The result of reading an export: the responses, where each came from, the account values, and
//! the summary.

use core::fmt;
use std::collections::BTreeMap;

use crate::core::survey::Survey;
use crate::core::{AccountId, Response};
use crate::error::{Error, Result};
use crate::export::Summary;

/// A survey export as read: the responses in file order with the line each came from, the account
/// values ready for [`AccountRollupBuilder::values`](crate::accounts::AccountRollupBuilder::values),
/// and a [`Summary`] of what was read, skipped and how.
///
/// Deserialization (feature `serde`) refuses an export that contradicts itself: a line for each
/// response, in increasing order after the header; as many answers in the summary as responses, and
/// as many without an account, a respondent or a period as the responses show; every account value
/// within the limits of a weight ([`MIN_WEIGHT`](crate::tally::MIN_WEIGHT) to
/// [`MAX_WEIGHT`](crate::tally::MAX_WEIGHT)) with the line it was read on; at least as many
/// accounts in the summary as the responses and values name.
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
#[cfg_attr(feature = "serde", serde(try_from = "ExportRepr"))]
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
    /// The answers as a columnar [`Survey`]: the form in which breakdowns, trends and roll-ups of a
    /// large export run fastest, in a fraction of the memory of the responses.
    ///
    /// # Errors
    ///
    /// As [`Survey::from_responses`].
    ///
    /// ```
    /// use nps_stats::{Breakdown, export::Reader};
    /// let export = Reader::new().read("score,account,branch\n9,007,IT\n3,7,retail\n".as_bytes())?;
    /// let survey = export.survey()?;
    /// assert_eq!(survey.accounts().labels().collect::<Vec<_>>(), ["007", "7"]);
    /// let by_branch = Breakdown::builder().by_dimension(&survey, "branch")?;
    /// assert_eq!(by_branch, Breakdown::builder().by_dimension(&export.responses, "branch")?);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn survey(&self) -> Result<Survey> {
        Survey::from_responses(&self.responses)
    }

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

/// The wire form of [`Export`], checked on the way in (see the type's docs).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ExportRepr {
    responses: Vec<Response>,
    lines: Vec<u64>,
    values: BTreeMap<AccountId, f64>,
    value_lines: BTreeMap<AccountId, u64>,
    summary: Summary,
}

#[cfg(feature = "serde")]
impl TryFrom<ExportRepr> for Export {
    type Error = Error;

    fn try_from(repr: ExportRepr) -> Result<Export> {
        use crate::tally::{MAX_WEIGHT, MIN_WEIGHT};
        let ExportRepr { responses, lines, values, value_lines, summary } = repr;
        let inconsistent = |detail: String| Err(Error::Inconsistent { what: "export", detail });
        // Data starts on line 2 of a CSV file (line 1 is its header), on line 1 of JSON Lines.
        let first_data_line = match summary.format {
            crate::export::Format::Csv => 2,
            crate::export::Format::JsonLines => 1,
        };
        if lines.len() != responses.len() || summary.answers != responses.len() as u64 {
            return inconsistent(format!(
                "{} responses, {} lines and {} answers in the summary: expected one line per response, \
                 and as many answers",
                responses.len(),
                lines.len(),
                summary.answers
            ));
        }
        let mut previous = first_data_line - 1;
        for &line in &lines {
            if line <= previous {
                return inconsistent(format!(
                    "a response on line {line} after one on line {previous}: expected lines in increasing \
                     order from line {first_data_line}"
                ));
            }
            previous = line;
        }
        let counted = |missing: fn(&Response) -> bool| responses.iter().filter(|r| missing(r)).count() as u64;
        let without = [
            ("account", summary.without_account, counted(|r| r.account().is_none())),
            ("respondent", summary.without_respondent, counted(|r| r.respondent().is_none())),
            ("period", summary.without_period, counted(|r| r.period().is_none())),
        ];
        if let Some((field, said, found)) = without.into_iter().find(|&(_, said, found)| said != found) {
            return inconsistent(format!(
                "the summary counts {said} answers without {field}, the responses {found}: expected the same"
            ));
        }
        if let Some((account, &value)) =
            values.iter().find(|(_, value)| !(MIN_WEIGHT..=MAX_WEIGHT).contains(*value))
        {
            return Err(Error::InvalidAccountValue { account: account.clone(), value });
        }
        if !values.keys().eq(value_lines.keys()) {
            return inconsistent(
                "accounts with a value and accounts with a value line differ: expected a line \
                 for each value"
                    .to_owned(),
            );
        }
        if let Some((account, line)) = value_lines.iter().find(|&(_, &line)| line < first_data_line) {
            return inconsistent(format!(
                "the value of {account} read on line {line}: expected a line from {first_data_line}"
            ));
        }
        let mut named: std::collections::BTreeSet<&AccountId> = values.keys().collect();
        named.extend(responses.iter().filter_map(Response::account));
        if summary.accounts < named.len() as u64 {
            return inconsistent(format!(
                "{} accounts in the summary, {} named by the responses and values: expected at least as many",
                summary.accounts,
                named.len()
            ));
        }
        Ok(Export { responses, lines, values, value_lines, summary })
    }
}
