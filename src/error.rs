//! The crate's one error type.

use crate::core::AccountId;
use crate::core::Scale;

/// Everything that can go wrong in `nps-stats`.
///
/// Every variant is about invalid input: a score outside its scale, a weight that is not a positive
/// finite number, tallies of different scales, counts that would overflow. Messages are lowercase and
/// say what was wrong and what was expected, so they can be shown to a user as they are.
///
/// The enum is `#[non_exhaustive]`: new variants can arrive in a minor release, so a `match` on it needs
/// a wildcard arm.
///
/// # Examples
///
/// ```
/// use nps_stats::{Error, Score};
///
/// let err = Score::try_from(11).unwrap_err();
/// assert_eq!(err.to_string(), "score 11 is outside the scale 0..=10");
/// assert!(matches!(err, Error::ScoreOutOfScale { score: 11, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A score that does not lie on the scale it was given for.
    #[error("score {score} is outside the scale {min}..={max}")]
    ScoreOutOfScale {
        /// The offending value, widened so that any integer input can be reported as it was.
        score: i64,
        /// The scale's lowest valid score.
        min: u8,
        /// The scale's highest valid score.
        max: u8,
    },

    /// A score in a slice that does not lie on the scale; `position` is the index of the first one.
    #[error("score {score} at position {position} is outside the scale {min}..={max}")]
    ScoreOutOfScaleAt {
        /// The offending byte.
        score: u8,
        /// Its index in the input slice (the first offending one).
        position: usize,
        /// The scale's lowest valid score.
        min: u8,
        /// The scale's highest valid score.
        max: u8,
    },

    /// Text that is not a whole number, for example `"nine"` or `"8.5"`.
    #[error("{input:?} is not a score: expected a whole number from 0 to 10")]
    ParseScore {
        /// The text that was given.
        input: String,
    },

    /// Scale bounds or cut-points that are not ordered `min < passive_from <= promoter_from <= max <= 10`.
    #[error(
        "invalid scale {min}..={max} with passives from {passive_from} and promoters from \
         {promoter_from}: expected min < passives-from <= promoters-from <= max <= 10"
    )]
    InvalidScale {
        /// The lowest score given.
        min: u8,
        /// The highest score given.
        max: u8,
        /// The first passive score given.
        passive_from: u8,
        /// The first promoter score given.
        promoter_from: u8,
    },

    /// Detractor, passive and promoter ranges that do not make a scale: they leave a gap, overlap,
    /// are empty (detractors or promoters), or reach past 10.
    #[error(
        "detractors {detractors:?}, passives {passives:?} and promoters {promoters:?} do not make a scale: \
         expected adjacent ranges within 0..=10, such as 0..=6, 7..=8, 9..=10 (an empty passive range \
         such as 4..=3 for a scale without passives)"
    )]
    InvalidScaleRanges {
        /// The detractor scores given.
        detractors: core::ops::RangeInclusive<u8>,
        /// The passive scores given.
        passives: core::ops::RangeInclusive<u8>,
        /// The promoter scores given.
        promoters: core::ops::RangeInclusive<u8>,
    },

    /// Two tallies (or a tally and a score) on different scales were combined.
    #[error("scales differ: {left} and {right}; responses on different scales cannot be combined")]
    ScaleMismatch {
        /// The scale of the receiving side.
        left: Scale,
        /// The scale of the other side.
        right: Scale,
    },

    /// A count would exceed `u64::MAX` responses.
    #[error("count overflow: the result would hold more than {} responses", u64::MAX)]
    CountOverflow,

    /// A weight that is NaN, infinite, zero or negative.
    #[error("weight {} is invalid: expected a finite number greater than 0", number(.weight))]
    InvalidWeight {
        /// The weight that was given.
        weight: f64,
    },

    /// A weight above [`MAX_WEIGHT`](crate::tally::MAX_WEIGHT) (2⁵¹¹ ≈ 6.7e153), or one whose addition
    /// would make a sum of weights or of their squares infinite.
    #[error(
        "weight {weight:e} is too large: expected at most 2^511 (about 6.7e153), with sums of weights and of \
         their squares that stay finite"
    )]
    WeightOverflow {
        /// The weight whose addition would overflow.
        weight: f64,
    },

    /// A confidence level that is not strictly between 0 and 1.
    #[error("confidence level {} is invalid: expected a number strictly between 0 and 1, such as 0.95", number(.level))]
    InvalidConfidence {
        /// The level that was given.
        level: f64,
    },

    /// A sample without answers where a statistic needs at least one.
    #[error("{what} has no answers: an empty sample has no NPS and no interval")]
    EmptySample {
        /// Which sample was empty, for example `"the sample"` or `"the second sample"`.
        what: &'static str,
    },

    /// A real-valued argument outside its valid range (a margin of error of 0 points, a power of
    /// 1.5, …).
    #[error("{name} {} is invalid: expected {expected}", number(.value))]
    InvalidParameter {
        /// The argument's or setting's name.
        name: &'static str,
        /// The value that was given.
        value: f64,
        /// What would have been valid.
        expected: &'static str,
    },

    /// A whole-number argument or setting outside its valid range (0 resamples, a population of 0
    /// accounts, month 13, …), with the value as given.
    #[error("{name} {value} is invalid: expected {expected}")]
    InvalidCount {
        /// The argument's or setting's name.
        name: &'static str,
        /// The value that was given, widened without loss to `u64`.
        value: u64,
        /// What would have been valid.
        expected: &'static str,
    },

    /// A list argument that is empty where at least one entry is needed (the roles of a
    /// decision-maker-first roll-up, …).
    #[error("{name} is empty: expected {expected}")]
    EmptyList {
        /// The list's name.
        name: &'static str,
        /// What would have been valid.
        expected: &'static str,
    },

    /// Two slices that must pair up element by element have different lengths.
    #[error("{left_name} has {left} elements but {right_name} has {right}: expected equal lengths")]
    LengthMismatch {
        /// What the first slice holds, for example `"keys"`.
        left_name: &'static str,
        /// Its length.
        left: usize,
        /// What the second slice holds, for example `"scores"`.
        right_name: &'static str,
        /// Its length.
        right: usize,
    },

    /// Text that is not a period of the expected form, for example `"2026-13"` for a month or
    /// `"2026-Q5"` for a quarter.
    #[error("{input:?} is not a {kind}: expected {expected}")]
    ParsePeriod {
        /// The text that was given.
        input: String,
        /// The kind of period that was expected, for example `"month"`.
        kind: &'static str,
        /// The accepted form, for example `"YYYY-MM with a month from 01 to 12, such as 2026-07"`.
        expected: &'static str,
    },

    /// A response without an account id in an account analysis, which needs one on every response.
    #[error(
        "response at position {position} has no account: expected an account id on every response of an \
         account analysis"
    )]
    MissingAccount {
        /// The index of the first response without an account.
        position: usize,
    },

    /// An account that answered but has no value in the caller's account values.
    #[error(
        "account {account} has no value: expected a value (ARR, revenue) for every account that answered"
    )]
    MissingAccountValue {
        /// The account without a value.
        account: AccountId,
    },

    /// An account value that is NaN, not positive, or outside the limits of a weight,
    /// [`MIN_WEIGHT`](crate::tally::MIN_WEIGHT) to [`MAX_WEIGHT`](crate::tally::MAX_WEIGHT).
    #[error(
        "value {} of account {account} is invalid: expected a number from 2^-511 to 2^511 (about \
         1.5e-154 to 6.7e153)",
        number(.value)
    )]
    InvalidAccountValue {
        /// The account.
        account: AccountId,
        /// The value that was given for it.
        value: f64,
    },

    /// An account analysis that needs account values but was given none.
    #[error("{purpose} needs account values: expected them from the builder's `values`")]
    AccountValuesRequired {
        /// What needed them, for example `"value weighting"`.
        purpose: &'static str,
    },

    /// An account analysis that needs the list of every account in the customer base (to know who
    /// did not answer) but was given the account values as a closure, which cannot list them.
    #[error(
        "{purpose} needs the list of every account: expected the builder's `values` as a map that lists \
         every account of the customer base, not a closure"
    )]
    AccountListRequired {
        /// What needed the list, for example `"coverage"`.
        purpose: &'static str,
    },

    /// Repeated answers of one respondent that cannot be put in order because one has no period.
    #[error(
        "respondent {respondent} answered more than once but an answer has no period: expected a period \
         label on every repeated answer, or an explicit order"
    )]
    MissingPeriod {
        /// The respondent whose answers could not be ordered.
        respondent: String,
    },

    /// Fewer than two sampling units (answers or accounts) where a variance needs at least two.
    #[error("a variance needs at least 2 {what}, found {found}")]
    TooFewForVariance {
        /// What the units are, for example `"accounts"`.
        what: &'static str,
        /// How many there were.
        found: u64,
    },

    /// A population (the number of accounts in the customer base) smaller than the sample.
    #[error(
        "a population of {population} accounts is smaller than the {sampled} accounts that answered: \
         expected the total number of accounts in the customer base"
    )]
    PopulationTooSmall {
        /// The population size that was given.
        population: u64,
        /// The number of accounts in the sample.
        sampled: u64,
    },

    /// An account listed twice where each account must appear once.
    #[error("account {account} appears more than once in the account list: expected each account once")]
    DuplicateAccount {
        /// The repeated account.
        account: AccountId,
    },

    /// An account that answered but has no invitation count, when invitation counts were given.
    #[error(
        "account {account} has no invitation count: expected the number of invitations for every account \
         that answered"
    )]
    MissingInvitations {
        /// The account without an invitation count.
        account: AccountId,
    },

    /// An account with more answers than invitations.
    #[error(
        "account {account} has {answers} answers but {invitations} invitations: expected at most one \
         answer per invitation"
    )]
    MoreAnswersThanInvitations {
        /// The account.
        account: AccountId,
        /// Its answers (after the duplicate policy).
        answers: u64,
        /// Its invitations.
        invitations: u64,
    },

    /// A weight in a slice that is NaN, infinite, zero or negative; `position` is the index of the
    /// first such weight.
    #[error(
        "weight {} at position {position} is invalid: expected a finite number greater than 0",
        number(.weight)
    )]
    InvalidWeightAt {
        /// The weight that was given.
        weight: f64,
        /// Its index in the input slice (the first offending one).
        position: usize,
    },

    /// Too few bootstrap resamples for the method or the confidence level: each tail of the
    /// interval must hold at least one resample, (B + 1)·(1 − level)/2 ≥ 1, and B ≥ 1,000.
    #[error(
        "{resamples} bootstrap resamples are too few: expected at least {needed} for this confidence level"
    )]
    TooFewResamples {
        /// The number of resamples that was asked for.
        resamples: u32,
        /// The fewest that would do.
        needed: u64,
    },

    /// A method that the analysis does not offer, for example a Bayesian interval for a
    /// difference of two samples.
    #[error("the {method} method is not available for {analysis}: expected {expected}")]
    UnsupportedMethod {
        /// The method's name.
        method: &'static str,
        /// What was asked for, for example `"two independent samples"`.
        analysis: &'static str,
        /// The methods that would do.
        expected: &'static str,
    },

    /// A weight so small that its square is no longer a normal `f64` (below 2⁻⁵¹¹ ≈ 1.5e-154), so Σw²
    /// would lose its precision or vanish. Weights are relative: scaling them all up changes nothing.
    #[error(
        "weight {weight:e} is too small: its square would underflow f64; expected at least 2^-511 (about \
         1.5e-154), and since weights are relative they can all be scaled up"
    )]
    WeightUnderflow {
        /// The weight that was given.
        weight: f64,
    },

    /// An account where one contact of several answered, under the two-stage variance's
    /// [`SingleContact::Refuse`](crate::accounts::SingleContact::Refuse) policy: its within-account
    /// variance cannot be estimated from one answer.
    #[error(
        "account {account} has one answering contact of its {invitations} invited: the within-account \
         variance cannot be estimated from one answer; expected a single-contact policy that adjusts or \
         counts it as 0"
    )]
    SingleContactAccount {
        /// The account.
        account: AccountId,
        /// Its invited (eligible) contacts.
        invitations: u64,
    },

    /// A setting that the chosen analysis needs but was not given (the population and the invitation
    /// counts of a two-stage variance, …).
    #[error("{purpose} needs the builder's `{setting}`: expected it to be set")]
    SettingRequired {
        /// The builder setting, for example `"population"`.
        setting: &'static str,
        /// What needed it, for example `"the two-stage variance"`.
        purpose: &'static str,
    },

    /// An account whose answers carry different outcomes where the account is the unit of an
    /// outcome analysis, which needs one outcome per account.
    #[error(
        "account {account} has different outcomes on its answers: expected one outcome per account when \
         the account is the unit"
    )]
    ConflictingOutcome {
        /// The account.
        account: AccountId,
    },

    /// A value in a slice that is NaN or infinite where a finite number is needed (a score or an
    /// outcome of a correlation, …); `position` is the index of the first one.
    #[error("{name} {value} at position {position} is invalid: expected a finite number")]
    NonFiniteAt {
        /// What the value is, for example `"outcome"`.
        name: &'static str,
        /// The value that was given.
        value: f64,
        /// Its index in the input (the first offending one).
        position: usize,
    },

    /// Data in which a quantity takes one value only, where a statistic needs two (an AUC needs both
    /// outcomes, a rank correlation two different values on each side).
    #[error("{what} takes a single value: expected at least two different values")]
    SingleValue {
        /// What was constant, for example `"the outcome"`.
        what: &'static str,
    },

    /// A problem in a survey export, with where it was found: the file (when read from a path), the
    /// line (1 is the header of a CSV file), the column as the file names it, and the cell's text
    /// as written. `problem` says what is wrong, and quotes the text.
    #[error("{}{problem}", place(.file.as_deref(), *.line, .column.as_deref()))]
    Export {
        /// The file, as given to the reader; `None` when read from a stream.
        file: Option<String>,
        /// The line the row starts on; `None` for a problem of the whole file.
        line: Option<u64>,
        /// The column's name in the file (`#3` for a column without a name).
        column: Option<String>,
        /// The cell's text as written, when the problem is one cell.
        text: Option<String>,
        /// What is wrong.
        problem: Box<Error>,
    },

    /// Text in a date column that is not a date of the file's format.
    #[error("{input:?} is not a date: expected {expected}")]
    ParseDate {
        /// The text as written.
        input: String,
        /// The accepted form.
        expected: String,
    },

    /// Text in an amount column that is not an amount in the file's style, or that could be read
    /// two ways while nothing in the file says which.
    #[error("{input:?} is not an amount: expected {expected}")]
    ParseAmount {
        /// The text as written.
        input: String,
        /// The accepted form.
        expected: String,
    },

    /// An empty score cell under the policy that refuses them.
    #[error("the score is empty: expected a score on every row (the empty-score policy refuses empty cells)")]
    EmptyScore,

    /// An empty account cell on a row with an account value.
    #[error("the account is empty on a row with an account value: expected the account the value belongs to")]
    ValueWithoutAccount,

    /// Two rows that give one account different values.
    #[error(
        "account {account} has the value {value} here but {first} on line {first_line}: expected one value \
         per account"
    )]
    ConflictingAccountValue {
        /// The account.
        account: AccountId,
        /// The value on this row.
        value: f64,
        /// The value read first.
        first: f64,
        /// The line of the value read first.
        first_line: u64,
    },

    /// A column the mapping asks for that the file does not have.
    #[error(
        "no column for the {setting}: expected one named {}; the file has {} {}{}",
        quoted(tried, "or"),
        if found.len() == 1 { "the one column" } else { "the columns" },
        quoted(found, "and"),
        hint.as_deref().map(|hint| format!("; {hint}")).unwrap_or_default()
    )]
    MissingColumn {
        /// The setting, for example `"score"`, `"account value"` or `"segment 'branch'"`.
        setting: String,
        /// The names the mapping accepts for it.
        tried: Vec<String>,
        /// The columns of the file.
        found: Vec<String>,
        /// What may be wrong, for example that the file looks semicolon-separated.
        hint: Option<String>,
    },

    /// A column name that appears twice in the header (or two keys of one JSON record).
    #[error("the column {column:?} appears more than once: expected each column once (or ignore it)")]
    DuplicateColumn {
        /// The name.
        column: String,
    },

    /// Two columns of one file that both fit one setting.
    #[error("both {first:?} and {second:?} are columns for the {setting}: expected one")]
    TwoColumns {
        /// The setting, for example `"score"`.
        setting: String,
        /// The first column.
        first: String,
        /// The second column.
        second: String,
    },

    /// A file that is not well-formed: a row with more or fewer cells than the header, text that is
    /// not UTF-8, a line that is not a JSON object, a value in a column without a name.
    #[error("{detail}")]
    Malformed {
        /// What is wrong.
        detail: String,
    },

    /// A file that could not be read.
    #[error("cannot read: {detail}")]
    Io {
        /// The operating system's message.
        detail: String,
    },

    /// A serialized aggregate whose parts contradict each other (for example a weight sum without
    /// responses). Only deserialization reports this.
    #[error("inconsistent {what}: {detail}")]
    Inconsistent {
        /// The kind of value that was read, for example `"weighted tally"`.
        what: &'static str,
        /// What was wrong with it.
        detail: String,
    },
}

/// `file, line 7, column 'score': ` — the place of an export error, whatever is known of it.
fn place(file: Option<&str>, line: Option<u64>, column: Option<&str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(file) = file {
        parts.push(file.to_owned());
    }
    if let Some(line) = line {
        parts.push(format!("line {line}"));
    }
    if let Some(column) = column {
        parts.push(format!("column '{column}'"));
    }
    if parts.is_empty() { String::new() } else { format!("{}: ", parts.join(", ")) }
}

/// `'a', 'b' or 'c'` (with `word` "or").
fn quoted(names: &[String], word: &str) -> String {
    let names: Vec<String> = names.iter().map(|name| format!("'{name}'")).collect();
    match names.split_last() {
        None => "no columns".to_owned(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// A real number as messages print it: as written for ordinary magnitudes (`-3`, `0.95`, `1e-6`
/// prints as `0.000001`), in exponent form beyond them (`1e-200`, `1e160`) rather than hundreds of
/// digits.
fn number(value: &f64) -> String {
    let magnitude = value.abs();
    if *value == 0.0 || !value.is_finite() || (1e-6..1e16).contains(&magnitude) {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

/// `Result` with the crate's [`Error`].
///
/// # Examples
///
/// ```
/// fn parse(raw: &str) -> nps_stats::Result<nps_stats::Score> {
///     raw.parse()
/// }
/// assert!(parse("9").is_ok());
/// assert!(parse("nine").is_err());
/// ```
pub type Result<T> = core::result::Result<T, Error>;
