//! Rows of cells into responses: the one place where cells are read, checked and counted, whatever
//! the file format. Every refused cell is an error naming its line, column and text.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::core::{AccountId, Month, Quarter, Response, Score};
use crate::error::{Error, Result};
use crate::export::amounts::Hint;
use crate::export::settings::{Field, Settings, Target};
use crate::export::{AmountStyle, Columns, EmptyScore, Export, Format, PeriodFormat, Periods, Summary};
use crate::tally::weighted::{MAX_WEIGHT, MIN_WEIGHT};

/// One cell: its text as written, and whether it was a JSON number (whose text is JSON's, not the
/// file's amount style).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell<'a> {
    pub(crate) text: &'a str,
    pub(crate) number: bool,
}

/// A column of the file and what it becomes.
#[derive(Debug)]
struct Column {
    /// The name as the file writes it (trimmed), or `#n` for a column without a name.
    name: String,
    target: Target,
}

/// An account value cell, kept until the file's amount style is known.
#[derive(Debug)]
struct Amount {
    line: u64,
    column: usize,
    account: String,
    text: String,
    number: bool,
}

/// The checked account values: the style they were read in, and per account its value and line.
struct Values {
    style: Option<AmountStyle>,
    values: BTreeMap<AccountId, f64>,
    lines: BTreeMap<AccountId, u64>,
}

/// How the file's period labels were found: the kind of the first label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    Quarter,
    Month,
}

/// Collects the rows of one file.
pub(crate) struct Assembler<'s> {
    settings: &'s Settings,
    file: Option<String>,
    format: Format,
    delimiter: Option<char>,
    byte_order_mark: bool,
    columns: Vec<Column>,
    by_name: HashMap<String, usize>,
    field_column: [Option<usize>; 7],
    responses: Vec<Response>,
    lines: Vec<u64>,
    rows: u64,
    empty_scores: u64,
    blank_rows: u64,
    without_account: u64,
    without_respondent: u64,
    without_period: u64,
    period_format: Option<(PeriodFormat, String)>,
    label_kind: Option<LabelKind>,
    last_period: Option<(Month, String)>,
    accounts: HashSet<String>,
    amounts: Vec<Amount>,
    amounts_of: HashMap<String, Vec<usize>>,
}

impl<'s> Assembler<'s> {
    pub(crate) fn new(settings: &'s Settings, file: Option<String>, format: Format) -> Assembler<'s> {
        Assembler {
            settings,
            file,
            format,
            delimiter: None,
            byte_order_mark: false,
            columns: Vec::new(),
            by_name: HashMap::new(),
            field_column: [None; 7],
            responses: Vec::new(),
            lines: Vec::new(),
            rows: 0,
            empty_scores: 0,
            blank_rows: 0,
            without_account: 0,
            without_respondent: 0,
            without_period: 0,
            period_format: settings.period_format.map(|format| (format, "the format set".to_owned())),
            label_kind: None,
            last_period: None,
            accounts: HashSet::new(),
            amounts: Vec::new(),
            amounts_of: HashMap::new(),
        }
    }

    /// Records how the file's bytes were read.
    pub(crate) fn source(&mut self, delimiter: Option<u8>, byte_order_mark: bool) {
        self.delimiter = delimiter.map(char::from);
        self.byte_order_mark = byte_order_mark;
    }

    /// The error `problem` at a place of this file.
    pub(crate) fn at(
        &self,
        line: Option<u64>,
        column: Option<usize>,
        text: Option<&str>,
        problem: Error,
    ) -> Error {
        Error::Export {
            file: self.file.clone(),
            line,
            column: column.and_then(|index| self.columns.get(index)).map(|column| column.name.clone()),
            text: text.map(str::to_owned),
            problem: Box::new(problem),
        }
    }

    /// The header of a CSV file, on line `line`: every column's target; an error for a name given
    /// twice or two columns of one field; `hint` goes with a missing column.
    pub(crate) fn header(&mut self, line: u64, names: &[&str], hint: Option<String>) -> Result<()> {
        for name in names {
            self.column(line, name)?;
        }
        match self.missing(hint) {
            Some(problem) => Err(self.at(Some(line), None, None, problem)),
            None => Ok(()),
        }
    }

    /// Whether every required setting has a column under `names` (a header being tried with one
    /// delimiter or another).
    pub(crate) fn fits(settings: &Settings, names: &[&str]) -> bool {
        settings
            .required()
            .iter()
            .all(|(_, wanted)| names.iter().any(|name| wanted.iter().any(|w| w == name.trim())))
    }

    /// The index of the column named `name` (a JSON key, or a header cell): a new column is
    /// resolved to its target once.
    pub(crate) fn column(&mut self, line: u64, name: &str) -> Result<usize> {
        let trimmed = name.trim();
        if let Some(&index) = self.by_name.get(trimmed) {
            if self.format == Format::Csv {
                // A CSV header names each column once, unless the column is ignored.
                if self.columns.get(index).is_some_and(|column| column.target != Target::Ignore) {
                    return Err(self.at(
                        Some(line),
                        None,
                        None,
                        Error::DuplicateColumn { column: trimmed.to_owned() },
                    ));
                }
                return Ok(self.push_column(trimmed.to_owned(), Target::Ignore));
            }
            return Ok(index);
        }
        let index = self.columns.len();
        let target = self.settings.target(trimmed);
        let name = if trimmed.is_empty() { format!("#{}", index + 1) } else { trimmed.to_owned() };
        if let Target::Field(field) = target {
            let slot = self.field_column.get_mut(field.index());
            if let Some(slot) = slot {
                if let Some(first) = *slot {
                    let first = self.columns.get(first).map(|column| column.name.clone()).unwrap_or_default();
                    let problem = Error::TwoColumns { setting: field.name().to_owned(), first, second: name };
                    return Err(self.at(Some(line), None, None, problem));
                }
                *slot = Some(index);
            }
        }
        if !trimmed.is_empty() {
            self.by_name.insert(trimmed.to_owned(), index);
        }
        Ok(self.push_column(name, target))
    }

    fn push_column(&mut self, name: String, target: Target) -> usize {
        self.columns.push(Column { name, target });
        self.columns.len() - 1
    }

    /// The error for the first required setting without a column, if any.
    fn missing(&self, hint: Option<String>) -> Option<Error> {
        let required = self.settings.required();
        let (setting, tried) = required
            .into_iter()
            .find(|(_, wanted)| !self.columns.iter().any(|column| wanted.contains(&column.name)))?;
        Some(Error::MissingColumn {
            setting,
            tried: tried.to_vec(),
            found: self.columns.iter().map(|column| column.name.clone()).collect(),
            hint,
        })
    }

    /// The name a field's column has in this file, or else the first name the mapping gives it.
    fn field_name(&self, field: Field) -> Option<String> {
        match self.field_column.get(field.index()).copied().flatten() {
            Some(index) => self.columns.get(index).map(|column| column.name.clone()),
            None => self.settings.names(field).first().cloned(),
        }
    }

    /// One row that starts on `line`: its cells by column index.
    pub(crate) fn row<'c>(
        &mut self,
        line: u64,
        cells: impl IntoIterator<Item = (usize, Cell<'c>)>,
    ) -> Result<()> {
        self.rows += 1;
        let mut fields: [Option<(usize, Cell<'c>)>; 7] = [None; 7];
        let mut segments: Vec<(usize, &'c str)> = Vec::new();
        let mut blank = true;
        for (index, cell) in cells {
            if cell.text.trim().is_empty() {
                continue;
            }
            blank = false;
            match self.columns.get(index).map(|column| &column.target) {
                Some(Target::Field(field)) => {
                    if let Some(slot) = fields.get_mut(field.index()) {
                        *slot = Some((index, cell));
                    }
                }
                Some(Target::Segment(_)) => segments.push((index, cell.text)),
                Some(Target::Ignore) => {}
                Some(Target::Unnamed) | None => {
                    let problem = Error::Malformed {
                        detail: format!("{:?} is in a column without a name: expected it empty", cell.text),
                    };
                    return Err(self.at(Some(line), Some(index), Some(cell.text), problem));
                }
            }
        }
        if blank {
            self.blank_rows += 1;
            return Ok(());
        }
        let get = |field: Field| fields.get(field.index()).copied().flatten();
        let score = match get(Field::Score) {
            Some((index, cell)) => Some(
                score(cell.text)
                    .map_err(|problem| self.at(Some(line), Some(index), Some(cell.text), problem))?,
            ),
            None if self.settings.empty_score == EmptyScore::Refuse => {
                let column = self.field_column.get(Field::Score.index()).copied().flatten();
                let mut error = self.at(Some(line), column, Some(""), Error::EmptyScore);
                if column.is_none()
                    && let Error::Export { column, .. } = &mut error
                {
                    *column = self.field_name(Field::Score);
                }
                return Err(error);
            }
            None => None,
        };
        let account = get(Field::Account).map(|(_, cell)| cell.text);
        let period = match get(Field::Period) {
            Some((index, cell)) => Some(
                self.period(cell.text)
                    .map_err(|problem| self.at(Some(line), Some(index), Some(cell.text), problem))?,
            ),
            None => None,
        };
        if let Some((index, cell)) = get(Field::Value) {
            let Some(account) = account else {
                // The account cell is what is missing; name it, or the value's when there is none.
                let column = self.field_column.get(Field::Account.index()).copied().flatten();
                let (column, text) = match column {
                    Some(column) => (column, ""),
                    None => (index, cell.text),
                };
                return Err(self.at(Some(line), Some(column), Some(text), Error::ValueWithoutAccount));
            };
            self.note_amount(line, index, account, cell);
        }
        if let Some(account) = account
            && !self.accounts.contains(account)
        {
            self.accounts.insert(account.to_owned());
        }
        let Some(score) = score else {
            self.empty_scores += 1;
            return Ok(());
        };
        let mut response = Response::new(score);
        match account {
            Some(account) => response = response.with_account(account),
            None => self.without_account += 1,
        }
        match get(Field::Respondent) {
            Some((_, cell)) => response = response.with_respondent(cell.text),
            None => self.without_respondent += 1,
        }
        match period {
            Some(period) => response = response.with_period(period),
            None => self.without_period += 1,
        }
        if let Some((_, cell)) = get(Field::Role) {
            response = response.with_role(cell.text);
        }
        if let Some((_, cell)) = get(Field::Comment) {
            response = response.with_comment(cell.text);
        }
        for (index, text) in segments {
            if let Some(Column { target: Target::Segment(dimension), .. }) = self.columns.get(index) {
                response = response.with_segment(dimension.clone(), text);
            }
        }
        self.responses.push(response);
        self.lines.push(line);
        Ok(())
    }

    /// The period label of a period cell: the label as written, or the period of a date.
    fn period(&mut self, text: &str) -> Result<String> {
        if self.period_format.is_none() {
            let format = PeriodFormat::detect(text)?;
            self.period_format = Some((format, format!("the form of the file's first period, {text:?}")));
        }
        let Some((format, why)) = &self.period_format else { return Ok(text.to_owned()) };
        if *format != PeriodFormat::Label {
            let month = format.month(text, why)?;
            // Consecutive rows mostly share a period: format its label once.
            if let Some((last, label)) = &self.last_period
                && *last == month
            {
                return Ok(label.clone());
            }
            let label = match self.settings.periods {
                Periods::Month => month.to_string(),
                Periods::Quarter => month.quarter().to_string(),
            };
            self.last_period = Some((month, label.clone()));
            return Ok(label);
        }
        let kind = match self.label_kind {
            Some(kind) => kind,
            None => *self.label_kind.insert(if text.parse::<Quarter>().is_ok() {
                LabelKind::Quarter
            } else {
                LabelKind::Month
            }),
        };
        match kind {
            LabelKind::Quarter => text.parse::<Quarter>().map(|_| ()),
            LabelKind::Month => text.parse::<Month>().map(|_| ()),
        }?;
        Ok(text.to_owned())
    }

    /// Keeps an account value cell whose text is new for its account.
    fn note_amount(&mut self, line: u64, column: usize, account: &str, cell: Cell<'_>) {
        let known = self.amounts_of.get(account).is_some_and(|list| {
            list.iter()
                .filter_map(|&i| self.amounts.get(i))
                .any(|a| a.text == cell.text && a.number == cell.number)
        });
        if known {
            return;
        }
        self.amounts_of.entry(account.to_owned()).or_default().push(self.amounts.len());
        self.amounts.push(Amount {
            line,
            column,
            account: account.to_owned(),
            text: cell.text.to_owned(),
            number: cell.number,
        });
    }

    /// The style of the file's amounts, and where it came from; `None` when no cell needs one.
    fn amount_style(&self) -> Result<Option<(AmountStyle, String)>> {
        if let Some(style) = self.settings.amounts {
            return Ok(Some((style, "the style set".to_owned())));
        }
        let mut ambiguous = None;
        for amount in self.amounts.iter().filter(|amount| !amount.number) {
            match AmountStyle::hint(&amount.text) {
                Hint::Shows(style) => {
                    let why = format!("the style of {:?} on line {}", amount.text, amount.line);
                    return Ok(Some((style, why)));
                }
                Hint::Ambiguous => {
                    ambiguous = ambiguous.or(Some(amount));
                }
                Hint::Nothing => {}
            }
        }
        match ambiguous {
            Some(amount) => {
                let problem = Error::ParseAmount {
                    input: amount.text.clone(),
                    expected:
                        "a style the file shows: this could be a thousands separator or a decimal mark, \
                               and no amount of the file says which; set the amount style"
                            .to_owned(),
                };
                Err(self.at(Some(amount.line), Some(amount.column), Some(&amount.text), problem))
            }
            None => Ok(None),
        }
    }

    /// The account values and the line of each, checked: numbers in the file's style, finite,
    /// greater than 0, not too small to weigh, one value per account.
    fn values(&self) -> Result<Values> {
        let style = self.amount_style()?;
        let mut values: BTreeMap<AccountId, f64> = BTreeMap::new();
        let mut lines: BTreeMap<AccountId, u64> = BTreeMap::new();
        for amount in &self.amounts {
            let at =
                |problem: Error| self.at(Some(amount.line), Some(amount.column), Some(&amount.text), problem);
            let value = if amount.number {
                amount.text.parse::<f64>().map_err(|_| Error::ParseAmount {
                    input: amount.text.clone(),
                    expected: "a number".to_owned(),
                })
            } else {
                match &style {
                    Some((style, why)) => style.parse(&amount.text, why),
                    // No cell needed a style: every amount is plain digits, the same in both.
                    None => AmountStyle::DecimalPoint.parse(&amount.text, "plain digits"),
                }
            }
            .map_err(at)?;
            let account = AccountId::from(amount.account.as_str());
            // The limits of every account value, as the analyses that read them check them.
            if !(MIN_WEIGHT..=MAX_WEIGHT).contains(&value) {
                return Err(at(Error::InvalidAccountValue { account, value }));
            }
            match (values.get(&account), lines.get(&account)) {
                (Some(&first), Some(&first_line)) if first != value => {
                    return Err(at(Error::ConflictingAccountValue { account, value, first, first_line }));
                }
                (Some(_), _) => {}
                (None, _) => {
                    values.insert(account.clone(), value);
                    lines.insert(account, amount.line);
                }
            }
        }
        Ok(Values { style: style.map(|(style, _)| style), values, lines })
    }

    /// The survey, once every row is in.
    pub(crate) fn finish(self) -> Result<Export> {
        if let Some(problem) = self.missing(None) {
            return Err(self.at(None, None, None, problem));
        }
        let Values { style: amount_style, values, lines: value_lines } = self.values()?;
        let column_of = |field: Field| {
            self.field_column
                .get(field.index())
                .copied()
                .flatten()
                .and_then(|index| self.columns.get(index))
                .map(|c| c.name.clone())
        };
        let columns = Columns {
            score: column_of(Field::Score).unwrap_or_default(),
            account: column_of(Field::Account),
            respondent: column_of(Field::Respondent),
            role: column_of(Field::Role),
            period: column_of(Field::Period),
            value: column_of(Field::Value),
            comment: column_of(Field::Comment),
        };
        let mut segments: Vec<String> = Vec::new();
        let mut ignored: Vec<String> = Vec::new();
        for column in &self.columns {
            match &column.target {
                Target::Segment(dimension) if !segments.contains(dimension) => {
                    segments.push(dimension.clone())
                }
                Target::Ignore => ignored.push(column.name.clone()),
                _ => {}
            }
        }
        let summary = Summary {
            file: self.file.clone(),
            format: self.format,
            delimiter: self.delimiter,
            byte_order_mark: self.byte_order_mark,
            rows: self.rows,
            answers: self.responses.len() as u64,
            empty_scores: self.empty_scores,
            blank_rows: self.blank_rows,
            empty_score: self.settings.empty_score,
            period_format: self.period_format.as_ref().map(|(format, _)| *format),
            amount_style,
            accounts: self.accounts.len() as u64,
            without_account: self.without_account,
            without_respondent: self.without_respondent,
            without_period: self.without_period,
            columns,
            segments,
            ignored,
        };
        Ok(Export { responses: self.responses, lines: self.lines, values, value_lines, summary })
    }
}

/// A score cell: a whole number 0–10, written `9`, ` 9 `, `9.0` or `9,0`; the error quotes the text.
fn score(text: &str) -> Result<Score> {
    let trimmed = text.trim();
    let whole = match trimmed.split_once(['.', ',']) {
        Some((whole, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => whole,
        _ => trimmed,
    };
    match whole.parse::<i64>() {
        Ok(raw) => Score::from_wide(raw),
        Err(_) => Err(Error::ParseScore { input: text.to_owned() }),
    }
}
