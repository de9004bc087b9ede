//! What a read found: the rows, the answers, what was skipped and why, and how the file was read.

use core::fmt;

use crate::export::{AmountStyle, EmptyScore, Format, PeriodFormat};

/// The columns of the file that filled each field of the responses, as the file names them.
///
/// ```
/// use nps_stats::export::Reader;
/// let export = Reader::new().account("Company").read("score,Company\n9,ACME\n".as_bytes())?;
/// assert_eq!(export.summary.columns.score, "score");
/// assert_eq!(export.summary.columns.account.as_deref(), Some("Company"));
/// assert_eq!(export.summary.columns.role, None);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Columns {
    /// The score column.
    pub score: String,
    /// The account column, if the file has one.
    pub account: Option<String>,
    /// The respondent column, if the file has one.
    pub respondent: Option<String>,
    /// The role column, if the file has one.
    pub role: Option<String>,
    /// The period (or date) column, if the file has one.
    pub period: Option<String>,
    /// The account value column, if the file has one.
    pub value: Option<String>,
    /// The comment column, if the file has one.
    pub comment: Option<String>,
}

/// What a read found: every row of the file is an answer, a skipped empty score or a blank row
/// (`rows = answers + empty_scores + blank_rows`), so nothing is dropped without being counted;
/// and how the file was read (format, delimiter, period format, amount style, columns).
///
/// Its `Display` is an aligned table. Deserialization (feature `serde`) refuses a summary whose
/// counts contradict each other: rows that are not the sum of answers, empty scores and blank rows;
/// empty scores counted where they are refused; more answers without an account, a respondent or a
/// period than answers; a delimiter in JSON Lines.
///
/// ```
/// use nps_stats::export::Reader;
/// let csv = "score;account;Branche\n9;007;IT\n;008;IT\n;;\n";
/// let summary = Reader::new().read(csv.as_bytes())?.summary;
/// assert_eq!((summary.rows, summary.answers, summary.empty_scores, summary.blank_rows), (3, 1, 1, 1));
/// assert_eq!(summary.delimiter, Some(';'));
/// assert_eq!(summary.segments, ["Branche"]);
/// println!("{summary}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SummaryRepr"))]
#[non_exhaustive]
pub struct Summary {
    /// The file as given to the reader; `None` when read from a stream.
    pub file: Option<String>,
    /// The format read.
    pub format: Format,
    /// The delimiter of a CSV file (set or detected).
    pub delimiter: Option<char>,
    /// Whether the file began with a UTF-8 byte-order mark (which is skipped).
    pub byte_order_mark: bool,
    /// Data rows read (records after the header; non-blank lines of JSON Lines).
    pub rows: u64,
    /// Rows that became responses.
    pub answers: u64,
    /// Rows with an empty score cell, left out under [`EmptyScore::Skip`].
    pub empty_scores: u64,
    /// Rows whose every cell is blank, left out.
    pub blank_rows: u64,
    /// The policy for empty score cells that was applied.
    pub empty_score: EmptyScore,
    /// What the period column holds (set or detected); `None` without a period column or without
    /// a non-empty period cell.
    pub period_format: Option<PeriodFormat>,
    /// How amounts are written (set or shown by the cells); `None` when no cell needed it (every
    /// amount is a whole number without separators, or a JSON number).
    pub amount_style: Option<AmountStyle>,
    /// Distinct accounts among the rows (answers and skipped rows alike).
    pub accounts: u64,
    /// Answers without an account.
    pub without_account: u64,
    /// Answers without a respondent.
    pub without_respondent: u64,
    /// Answers without a period.
    pub without_period: u64,
    /// The columns that filled the fields.
    pub columns: Columns,
    /// The columns that became segment dimensions, as dimension names, in the file's order.
    pub segments: Vec<String>,
    /// The columns that were ignored, as the file names them.
    pub ignored: Vec<String>,
}

impl fmt::Display for Summary {
    /// An aligned table of the counts and of how the file was read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = self.file.as_deref().unwrap_or("(stream)");
        let delimiter = match self.delimiter {
            Some('\t') => ", tab-separated".to_owned(),
            Some(d) => format!(", '{d}'-separated"),
            None => String::new(),
        };
        let bom = if self.byte_order_mark { ", byte-order mark" } else { "" };
        writeln!(f, "{source}: {}{delimiter}{bom}", self.format)?;
        let counts: [(&str, u64, String); 8] = [
            ("rows", self.rows, String::new()),
            ("answers", self.answers, String::new()),
            ("empty scores", self.empty_scores, self.empty_score.to_string()),
            ("blank rows", self.blank_rows, "skipped".to_owned()),
            ("accounts", self.accounts, String::new()),
            ("without account", self.without_account, String::new()),
            ("without respondent", self.without_respondent, String::new()),
            ("without period", self.without_period, String::new()),
        ];
        for (label, count, note) in counts {
            let line = format!("{label:<WIDTH$} {count:>9}  {note}");
            writeln!(f, "{}", line.trim_end())?;
        }
        let periods = self.period_format.map_or_else(|| "-".to_owned(), |format| format.to_string());
        let amounts = self.amount_style.map_or_else(|| "-".to_owned(), |style| style.to_string());
        writeln!(f, "{:<WIDTH$} {periods}", "periods")?;
        writeln!(f, "{:<WIDTH$} {amounts}", "amounts")?;
        let fields = [
            ("score", Some(&self.columns.score)),
            ("account", self.columns.account.as_ref()),
            ("respondent", self.columns.respondent.as_ref()),
            ("role", self.columns.role.as_ref()),
            ("period", self.columns.period.as_ref()),
            ("value", self.columns.value.as_ref()),
            ("comment", self.columns.comment.as_ref()),
        ];
        for (field, column) in fields {
            writeln!(f, "{:<WIDTH$} {}", format!("{field} column"), column.map_or("-", String::as_str))?;
        }
        writeln!(f, "{:<WIDTH$} {}", "segments", list(&self.segments))?;
        write!(f, "{:<WIDTH$} {}", "ignored", list(&self.ignored))
    }
}

/// The width of the label column.
const WIDTH: usize = 18;

fn list(names: &[String]) -> String {
    if names.is_empty() { "-".to_owned() } else { names.join(", ") }
}

#[cfg(feature = "serde")]
impl Summary {
    /// Whether the counts agree with each other as a read leaves them (see the type's docs).
    fn check(&self) -> crate::error::Result<()> {
        let inconsistent =
            |detail: String| Err(crate::error::Error::Inconsistent { what: "export summary", detail });
        let counted =
            self.answers.checked_add(self.empty_scores).and_then(|n| n.checked_add(self.blank_rows));
        if counted != Some(self.rows) {
            return inconsistent(format!(
                "{} rows, but {} answers, {} empty scores and {} blank rows: expected rows = answers + \
                 empty scores + blank rows",
                self.rows, self.answers, self.empty_scores, self.blank_rows
            ));
        }
        if self.empty_score == EmptyScore::Refuse && self.empty_scores > 0 {
            return inconsistent(format!(
                "{} empty scores skipped: expected none where empty scores are refused",
                self.empty_scores
            ));
        }
        let without = [
            ("account", self.without_account),
            ("respondent", self.without_respondent),
            ("period", self.without_period),
        ];
        if let Some((field, count)) = without.into_iter().find(|&(_, count)| count > self.answers) {
            return inconsistent(format!(
                "{count} answers without {field} of {}: expected at most every answer",
                self.answers
            ));
        }
        if self.format == Format::JsonLines && self.delimiter.is_some() {
            return inconsistent("a delimiter in JSON Lines: expected one only in a CSV file".to_owned());
        }
        Ok(())
    }
}

/// The fields of [`Summary`] as serde reads them (a remote derive: the same fields, read into a
/// `Summary`), so that [`SummaryRepr`] can check the whole before handing it out.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(remote = "Summary")]
struct SummaryFields {
    file: Option<String>,
    format: Format,
    delimiter: Option<char>,
    byte_order_mark: bool,
    rows: u64,
    answers: u64,
    empty_scores: u64,
    blank_rows: u64,
    empty_score: EmptyScore,
    period_format: Option<PeriodFormat>,
    amount_style: Option<AmountStyle>,
    accounts: u64,
    without_account: u64,
    without_respondent: u64,
    without_period: u64,
    columns: Columns,
    segments: Vec<String>,
    ignored: Vec<String>,
}

/// The wire form of [`Summary`], checked on the way in by [`Summary::check`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(transparent)]
struct SummaryRepr(#[serde(with = "SummaryFields")] Summary);

#[cfg(feature = "serde")]
impl TryFrom<SummaryRepr> for Summary {
    type Error = crate::error::Error;

    fn try_from(SummaryRepr(summary): SummaryRepr) -> crate::error::Result<Summary> {
        summary.check()?;
        Ok(summary)
    }
}
