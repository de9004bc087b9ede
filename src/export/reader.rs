//! The export reader: settings first, the file last.

use std::io::{self, BufRead, Read};
use std::path::Path;

use crate::error::{Error, Result};
use crate::export::rows::Assembler;
use crate::export::settings::{Field, FieldNames, Settings};
use crate::export::{AmountStyle, ColumnNames, EmptyScore, Export, Format, PeriodFormat, Periods};

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Reads a survey export (CSV, or JSON Lines with the `json` feature) into responses, account
/// values and a [`Summary`](crate::export::Summary): settings first, the file last.
///
/// **The mapping.** Each field of a [`Response`](crate::Response) comes from one column, named as
/// the file names it (one name, or several for the exports of several tools; see
/// [`ColumnNames`](crate::export::ColumnNames)): [`score`](Reader::score),
/// [`account`](Reader::account), [`respondent`](Reader::respondent), [`role`](Reader::role),
/// [`period`](Reader::period) (period labels or dates), [`value`](Reader::value) (the account's
/// value, ARR), [`comment`](Reader::comment). Without a setting a field is read from the column of
/// its own name (`score`, `account`, …) when the file has one; a column that is set must exist.
/// Every other column becomes a segment dimension of its own name (or of the name given with
/// [`segment`](Reader::segment)) unless it is [ignored](Reader::ignore).
///
/// **Nothing lost.** Identifiers and labels are kept exactly as written (`007` stays `007`; a
/// JSON number keeps its digits); empty cells are "not given" (and an empty id is no id). Every
/// row is an answer, a skipped empty score ([`EmptyScore`](crate::export::EmptyScore)) or a blank
/// row, and the summary counts each. A cell that cannot be read fails the whole read (nothing is
/// half-read) with an [`Error::Export`] that names the file, the line, the column and, quoting the
/// text, what is wrong with it.
///
/// **Decided per file, never per row:** the [format](Reader::format), the
/// [delimiter](Reader::delimiter) (the one of `,`, `;`, tab, `|` under which the header has the
/// columns the mapping requires), what the [period column holds](Reader::period_format), and the
/// [amount style](Reader::amounts). A UTF-8 byte-order mark is skipped; quoted cells may hold
/// delimiters, quotes and line breaks; lines may end in CRLF.
///
/// # Examples
///
/// A Dutch export: semicolons, dates day first, amounts with a decimal comma.
///
/// ```
/// use nps_stats::{AccountRollup, export::{AmountStyle, PeriodFormat, Reader}};
///
/// let file = "\u{feff}Aanbeveling;Bedrijf;Contactpersoon;Ingevuld op;Jaaromzet;Branche\r\n\
///             9;007;Jan;15-07-2026 10:30;1.250,50;zorg\r\n\
///             ;007;Piet;16-07-2026 11:00;1.250,50;zorg\r\n\
///             3;7;Marie;01-10-2026 09:00;2.000.000,00;bouw\r\n";
/// let export = Reader::new()
///     .score("Aanbeveling")
///     .account("Bedrijf")
///     .respondent("Contactpersoon")
///     .period("Ingevuld op")
///     .value("Jaaromzet")
///     .segment("branch", "Branche")
///     .read(file.as_bytes())?;
///
/// assert_eq!(export.responses.len(), 2);
/// let first = &export.responses[0];
/// assert_eq!(first.account().map(|a| a.as_str()), Some("007")); // not 7
/// assert_eq!(first.period(), Some("2026-Q3"));
/// assert_eq!(first.segment("branch"), Some("zorg"));
/// assert_eq!(export.values.get("007"), Some(&1250.5));
///
/// let summary = &export.summary;
/// assert_eq!((summary.rows, summary.empty_scores, summary.accounts), (3, 1, 2));
/// assert_eq!(summary.delimiter, Some(';'));
/// assert_eq!(summary.period_format, Some(PeriodFormat::DayMonthYear));
/// assert_eq!(summary.amount_style, Some(AmountStyle::DecimalComma));
///
/// let rollup = AccountRollup::builder().values(&export.values).run(&export.responses)?;
/// assert_eq!(rollup.accounts, 2); // 007 and 7 are two accounts
/// # Ok::<(), nps_stats::Error>(())
/// ```
///
/// A bad cell names its place:
///
/// ```
/// use nps_stats::export::Reader;
/// let err = Reader::new().read("score,account\n9,A\n9.5,B\n".as_bytes()).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"line 3, column 'score': "9.5" is not a score: expected a whole number from 0 to 10"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reader {
    settings: Settings,
}

impl Reader {
    /// A reader with the default settings: fields from the columns of their own names, the format,
    /// delimiter, period format and amount style detected, dates as quarters, empty scores
    /// skipped and counted.
    ///
    /// ```
    /// let export = nps_stats::export::Reader::new().read("score,role\n10,CFO\n".as_bytes())?;
    /// assert_eq!(export.responses[0].role(), Some("CFO"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn new() -> Reader {
        Reader::default()
    }

    fn field(mut self, field: Field, names: impl ColumnNames) -> Reader {
        if let Some(slot) = self.settings.fields.get_mut(field.index()) {
            *slot = FieldNames { names: names.into_names(), required: true };
        }
        self
    }

    /// The column of the score (0–10; `9`, ` 9 `, `9.0` and `9,0` are nine). Default `score`.
    ///
    /// ```
    /// use nps_stats::export::Reader;
    /// let question = "How likely are you to recommend us to a friend or colleague?";
    /// let file = format!("\"{question}\",Company\n9,ACME\n");
    /// let export = Reader::new().score(question).account("Company").read(file.as_bytes())?;
    /// assert_eq!(u8::from(export.responses[0].score()), 9);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn score(self, names: impl ColumnNames) -> Reader {
        self.field(Field::Score, names)
    }

    /// The column of the account (the customer company). Default `account`, if present.
    ///
    /// ```
    /// let export = nps_stats::export::Reader::new().account("Company").read("score,Company\n9,0042\n".as_bytes())?;
    /// assert_eq!(export.responses[0].account().map(|a| a.as_str()), Some("0042"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn account(self, names: impl ColumnNames) -> Reader {
        self.field(Field::Account, names)
    }

    /// The column of the respondent (a contact id or email). Default `respondent`, if present.
    ///
    /// ```
    /// let export = nps_stats::export::Reader::new().respondent("Email").read("score,Email\n9,a@b.example\n".as_bytes())?;
    /// assert_eq!(export.responses[0].respondent(), Some("a@b.example"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn respondent(self, names: impl ColumnNames) -> Reader {
        self.field(Field::Respondent, names)
    }

    /// The column of the respondent's role. Default `role`, if present.
    ///
    /// ```
    /// let export = nps_stats::export::Reader::new().role("Rol").read("score;Rol\n9;inkoper\n".as_bytes())?;
    /// assert_eq!(export.responses[0].role(), Some("inkoper"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn role(self, names: impl ColumnNames) -> Reader {
        self.field(Field::Role, names)
    }

    /// The column of the period: period labels (`2026-Q3`, `2026-07`, kept as written), or dates
    /// and timestamps, which become the [`periods`](Reader::periods) they lie in (see
    /// [`PeriodFormat`]). Default `period`, if present.
    ///
    /// ```
    /// let file = "score,Submitted at\n9,2026-07-15T10:30:00Z\n";
    /// let export = nps_stats::export::Reader::new().period("Submitted at").read(file.as_bytes())?;
    /// assert_eq!(export.responses[0].period(), Some("2026-Q3"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn period(self, names: impl ColumnNames) -> Reader {
        self.field(Field::Period, names)
    }

    /// The column of the account's value (ARR, revenue) in the file's
    /// [amount style](Reader::amounts): read into [`Export::values`], one value per account (rows
    /// that disagree are an error naming both lines), each finite, greater than 0 and at least
    /// 2⁻⁵¹¹ (the limit of a weight). No default.
    ///
    /// ```
    /// let file = "score,account,ARR\n9,A,\"1,250.50\"\n";
    /// let export = nps_stats::export::Reader::new().value("ARR").read(file.as_bytes())?;
    /// assert_eq!(export.values.get("A"), Some(&1250.5));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn value(self, names: impl ColumnNames) -> Reader {
        self.field(Field::Value, names)
    }

    /// The column of the free-text comment. Default `comment`, if present.
    ///
    /// ```
    /// let file = "score,Why?\n3,\"Late, again.\nAnd rude.\"\n";
    /// let export = nps_stats::export::Reader::new().comment("Why?").read(file.as_bytes())?;
    /// assert_eq!(export.responses[0].comment(), Some("Late, again.\nAnd rude."));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn comment(self, names: impl ColumnNames) -> Reader {
        self.field(Field::Comment, names)
    }

    /// A column that becomes the segment dimension `dimension` (every column not otherwise mapped is
    /// a segment of its own name).
    ///
    /// ```
    /// let export = nps_stats::export::Reader::new().segment("branch", ["Industry", "Branche"]).read("score,Industry\n9,IT\n".as_bytes())?;
    /// assert_eq!(export.responses[0].segment("branch"), Some("IT"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn segment(mut self, dimension: impl Into<String>, names: impl ColumnNames) -> Reader {
        self.settings.segments.push((dimension.into(), names.into_names()));
        self
    }

    /// Columns to leave out (listed in [`Summary::ignored`](crate::export::Summary::ignored)).
    ///
    /// ```
    /// let export = nps_stats::export::Reader::new().ignore(["IP address", "Browser"]).read("score,IP address\n9,10.0.0.1\n".as_bytes())?;
    /// assert_eq!(export.responses[0].segments().count(), 0);
    /// assert_eq!(export.summary.ignored, ["IP address"]);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn ignore(mut self, names: impl ColumnNames) -> Reader {
        self.settings.ignore.extend(names.into_names());
        self
    }

    /// The format, instead of detecting it from the first character (`{` is JSON Lines).
    ///
    /// ```
    /// use nps_stats::export::{Format, Reader};
    /// let export = Reader::new().format(Format::Csv).read("score\n9\n".as_bytes())?;
    /// assert_eq!(export.summary.format, Format::Csv);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn format(mut self, format: Format) -> Reader {
        self.settings.format = Some(format);
        self
    }

    /// The delimiter of a CSV file, instead of detecting it (`b';'`, `b'\t'`, …). A header that
    /// another delimiter would split into more columns is named in the error for a missing column.
    ///
    /// ```
    /// use nps_stats::export::Reader;
    /// let err = Reader::new().delimiter(b',').read("score;account\n9;A\n".as_bytes()).unwrap_err();
    /// assert!(err.to_string().contains("the file looks semicolon-separated"), "{err}");
    /// ```
    #[must_use]
    pub fn delimiter(mut self, delimiter: u8) -> Reader {
        self.settings.delimiter = Some(delimiter);
        self
    }

    /// What the period column holds, instead of detecting it from its first cell; needed for
    /// month-first dates ([`PeriodFormat::MonthDayYear`]).
    ///
    /// ```
    /// use nps_stats::export::{PeriodFormat, Reader};
    /// let export = Reader::new().period_format(PeriodFormat::MonthDayYear).read("score,period\n9,07/15/2026\n".as_bytes())?;
    /// assert_eq!(export.responses[0].period(), Some("2026-Q3"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn period_format(mut self, format: PeriodFormat) -> Reader {
        self.settings.period_format = Some(format);
        self
    }

    /// The period a date becomes (default [`Periods::Quarter`]).
    ///
    /// ```
    /// use nps_stats::export::{Periods, Reader};
    /// let export = Reader::new().periods(Periods::Month).read("score,period\n9,2026-07-15\n".as_bytes())?;
    /// assert_eq!(export.responses[0].period(), Some("2026-07"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn periods(mut self, periods: Periods) -> Reader {
        self.settings.periods = periods;
        self
    }

    /// How amounts are written, instead of letting the cells show it (needed when every amount
    /// reads two ways, such as `1,250`).
    ///
    /// ```
    /// use nps_stats::export::{AmountStyle, Reader};
    /// let file = "score,account,ARR\n9,A,\"1,250\"\n";
    /// assert!(Reader::new().value("ARR").read(file.as_bytes()).is_err()); // 1250 or 1.25?
    /// let export = Reader::new().value("ARR").amounts(AmountStyle::DecimalComma).read(file.as_bytes())?;
    /// assert_eq!(export.values.get("A"), Some(&1.25));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn amounts(mut self, style: AmountStyle) -> Reader {
        self.settings.amounts = Some(style);
        self
    }

    /// What an empty score cell is (default [`EmptyScore::Skip`]: not an answer, counted).
    ///
    /// ```
    /// use nps_stats::{Error, export::{EmptyScore, Reader}};
    /// let file = "score,account\n9,A\n,B\n";
    /// assert_eq!(Reader::new().read(file.as_bytes())?.summary.empty_scores, 1);
    /// let err = Reader::new().empty_score(EmptyScore::Refuse).read(file.as_bytes()).unwrap_err();
    /// assert!(matches!(err, Error::Export { line: Some(3), .. }));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn empty_score(mut self, policy: EmptyScore) -> Reader {
        self.settings.empty_score = policy;
        self
    }

    /// Reads the file at `path`; errors name it.
    ///
    /// # Errors
    ///
    /// [`Error::Export`] naming the file (and the line, column and text where there is one) around
    /// what went wrong: [`Error::Io`] when the file cannot be read, and otherwise as
    /// [`read`](Reader::read).
    ///
    /// ```
    /// let err = nps_stats::export::Reader::new().read_path("no/such/export.csv").unwrap_err();
    /// assert!(err.to_string().starts_with("no/such/export.csv: cannot read: "));
    /// ```
    pub fn read_path(&self, path: impl AsRef<Path>) -> Result<Export> {
        let path = path.as_ref();
        let file = path.display().to_string();
        match std::fs::File::open(path) {
            Ok(opened) => self.read_from(opened, Some(file)),
            Err(error) => Err(Error::Export {
                file: Some(file),
                line: None,
                column: None,
                text: None,
                problem: Box::new(Error::Io { detail: error.to_string() }),
            }),
        }
    }

    /// Reads an export from `input` (a file, a network stream, bytes in memory).
    ///
    /// # Errors
    ///
    /// [`Error::Export`] with the line, column and text where there is one, around: a missing
    /// column ([`Error::MissingColumn`], with a hint when the file looks separated by another
    /// delimiter), a name given twice ([`Error::DuplicateColumn`]) or two columns for one field
    /// ([`Error::TwoColumns`]); a score that is not a whole number 0–10 ([`Error::ParseScore`],
    /// [`Error::ScoreOutOfScale`]) or an empty one under [`EmptyScore::Refuse`]
    /// ([`Error::EmptyScore`]); a period that is not of the file's form ([`Error::ParsePeriod`],
    /// [`Error::ParseDate`]); an amount that is not of the file's style or reads two ways with
    /// nothing to say which ([`Error::ParseAmount`]), is not finite and above 0
    /// or outside the limits of a weight ([`Error::InvalidAccountValue`]), disagrees
    /// with another row's ([`Error::ConflictingAccountValue`]) or has no account
    /// ([`Error::ValueWithoutAccount`]); a row with more or fewer cells than the header, text that
    /// is not UTF-8, a line that is not a JSON object ([`Error::Malformed`]); a failed read
    /// ([`Error::Io`]). JSON Lines without the `json` feature is [`Error::Malformed`].
    ///
    /// ```
    /// use nps_stats::{Error, export::Reader};
    /// let err = Reader::new().read("score,account\n9,A\n11,B\n".as_bytes()).unwrap_err();
    /// let Error::Export { line, column, text, problem, .. } = err else { panic!() };
    /// assert_eq!((line, column.as_deref(), text.as_deref()), (Some(3), Some("score"), Some("11")));
    /// assert_eq!(problem.to_string(), "score 11 is outside the scale 0..=10");
    /// ```
    pub fn read(&self, input: impl Read) -> Result<Export> {
        self.read_from(input, None)
    }

    fn read_from(&self, input: impl Read, file: Option<String>) -> Result<Export> {
        let mut input = io::BufReader::with_capacity(1 << 16, input);
        let io_error = |error: io::Error| Error::Export {
            file: file.clone(),
            line: None,
            column: None,
            text: None,
            problem: Box::new(Error::Io { detail: error.to_string() }),
        };
        let bom = skip_byte_order_mark(&mut input).map_err(io_error)?;
        let format = match self.settings.format {
            Some(format) => format,
            None => detect(&mut input).map_err(io_error)?,
        };
        let mut rows = Assembler::new(&self.settings, file.clone(), format);
        match format {
            Format::Csv => crate::export::csv_source::read(&self.settings, input, &mut rows, bom)?,
            #[cfg(feature = "json")]
            Format::JsonLines => crate::export::json_source::read(input, &mut rows, bom)?,
            #[cfg(not(feature = "json"))]
            Format::JsonLines => {
                let problem = Error::Malformed {
                    detail: "the file is JSON Lines: expected CSV, or the crate's `json` feature".to_owned(),
                };
                return Err(rows.at(None, None, None, problem));
            }
        }
        rows.finish()
    }
}

/// Skips a UTF-8 byte-order mark; whether there was one.
fn skip_byte_order_mark(input: &mut impl BufRead) -> io::Result<bool> {
    let found = input.fill_buf()?.starts_with(BYTE_ORDER_MARK);
    if found {
        input.consume(BYTE_ORDER_MARK.len());
    }
    Ok(found)
}

/// JSON Lines when the first character that is not white space is `{`, else CSV.
fn detect(input: &mut impl BufRead) -> io::Result<Format> {
    let buffer = input.fill_buf()?;
    let first = buffer.iter().find(|byte| !byte.is_ascii_whitespace());
    Ok(if first == Some(&b'{') { Format::JsonLines } else { Format::Csv })
}
