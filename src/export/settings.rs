//! The settings of an export reader: the file's format, the policy for empty scores, the periods
//! dates become, and the column mapping.

use core::fmt;

use crate::export::{AmountStyle, PeriodFormat};

/// The format of an export file. By default the reader looks at the first character: `{` is JSON
/// Lines, anything else CSV.
///
/// ```
/// use nps_stats::export::Format;
/// assert_eq!(Format::JsonLines.to_string(), "JSON Lines");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Format {
    /// Delimiter-separated values with a header row (comma, semicolon, tab or bar; quoted fields
    /// may hold delimiters, quotes and line breaks).
    Csv,
    /// One JSON object per line (keys are the columns); blank lines are skipped. Needs the `json`
    /// feature.
    JsonLines,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Format::Csv => "CSV",
            Format::JsonLines => "JSON Lines",
        })
    }
}

/// What an empty score cell is. Either way it is not an answer, and it is never dropped unseen.
///
/// ```
/// use nps_stats::export::EmptyScore;
/// assert_eq!(EmptyScore::default(), EmptyScore::Skip);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum EmptyScore {
    /// The row is not an answer (the respondent skipped the question, or was invited and did not
    /// answer): it is left out of the responses and counted in
    /// [`Summary::empty_scores`](crate::export::Summary::empty_scores). Its other cells are still
    /// checked, and its account value still counts. The default.
    #[default]
    Skip,
    /// The whole read fails with [`Error::EmptyScore`](crate::Error::EmptyScore) at the first empty
    /// score cell.
    Refuse,
}

impl fmt::Display for EmptyScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            EmptyScore::Skip => "skipped and counted",
            EmptyScore::Refuse => "refused",
        })
    }
}

/// The period a date becomes: the [`Quarter`](crate::Quarter) it lies in (`2026-Q3`, the default)
/// or its [`Month`](crate::Month) (`2026-07`).
///
/// ```
/// use nps_stats::export::Periods;
/// assert_eq!(Periods::default(), Periods::Quarter);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Periods {
    /// The month of the date.
    Month,
    /// The quarter of the date. The default.
    #[default]
    Quarter,
}

/// A field of a response that a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Score,
    Account,
    Respondent,
    Role,
    Period,
    Value,
    Comment,
}

impl Field {
    pub(crate) const ALL: [Field; 7] = [
        Field::Score,
        Field::Account,
        Field::Respondent,
        Field::Role,
        Field::Period,
        Field::Value,
        Field::Comment,
    ];

    /// The field's name in messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Score => "score",
            Field::Account => "account",
            Field::Respondent => "respondent",
            Field::Role => "role",
            Field::Period => "period",
            Field::Value => "account value",
            Field::Comment => "comment",
        }
    }

    /// The column a file has for the field when the mapping does not say (none for the value).
    fn default_name(self) -> Option<&'static str> {
        match self {
            Field::Value => None,
            Field::Account => Some("account"),
            other => Some(other.name()),
        }
    }

    pub(crate) fn index(self) -> usize {
        Field::ALL.iter().position(|&field| field == self).unwrap_or(0)
    }
}

/// The names of one field's column, and whether the file must have one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldNames {
    pub(crate) names: Vec<String>,
    pub(crate) required: bool,
}

/// What a column of the file becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Field(Field),
    Segment(String),
    Ignore,
    /// A column without a name: it must stay empty.
    Unnamed,
}

/// Everything a reader was told.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Settings {
    pub(crate) fields: [FieldNames; 7],
    pub(crate) segments: Vec<(String, Vec<String>)>,
    pub(crate) ignore: Vec<String>,
    pub(crate) format: Option<Format>,
    pub(crate) delimiter: Option<u8>,
    pub(crate) period_format: Option<PeriodFormat>,
    pub(crate) periods: Periods,
    pub(crate) amounts: Option<AmountStyle>,
    pub(crate) empty_score: EmptyScore,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            fields: Field::ALL.map(|field| FieldNames {
                names: field.default_name().into_iter().map(str::to_owned).collect(),
                // A file without a score column has no answers; the others are used when present.
                required: field == Field::Score,
            }),
            segments: Vec::new(),
            ignore: Vec::new(),
            format: None,
            delimiter: None,
            period_format: None,
            periods: Periods::Quarter,
            amounts: None,
            empty_score: EmptyScore::Skip,
        }
    }
}

impl Settings {
    /// What the column `name` (trimmed) becomes: ignored, a field, a renamed segment, or a segment
    /// of its own name. Earlier settings win when a name is given to several.
    pub(crate) fn target(&self, name: &str) -> Target {
        if name.is_empty() {
            return Target::Unnamed;
        }
        if self.ignore.iter().any(|ignored| ignored == name) {
            return Target::Ignore;
        }
        for field in Field::ALL {
            if self.names(field).iter().any(|candidate| candidate == name) {
                return Target::Field(field);
            }
        }
        for (dimension, names) in &self.segments {
            if names.iter().any(|candidate| candidate == name) {
                return Target::Segment(dimension.clone());
            }
        }
        Target::Segment(name.to_owned())
    }

    pub(crate) fn names(&self, field: Field) -> &[String] {
        self.fields.get(field.index()).map_or(&[], |names| names.names.as_slice())
    }

    /// Every setting whose column the file must have, with the names it may have: the score, the
    /// fields that were set, and the segments that were named.
    pub(crate) fn required(&self) -> Vec<(String, &[String])> {
        let fields = Field::ALL
            .into_iter()
            .filter(|field| self.fields.get(field.index()).is_some_and(|names| names.required))
            .map(|field| (field.name().to_owned(), self.names(field)));
        let segments = self
            .segments
            .iter()
            .map(|(dimension, names)| (format!("segment '{dimension}'"), names.as_slice()));
        fields.chain(segments).collect()
    }
}
