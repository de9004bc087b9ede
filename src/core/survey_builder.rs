//! Building a survey table: answer by answer, from responses, or from the rows of a reader.

use core::borrow::Borrow;

use crate::core::dictionary::{MISSING, same};
use crate::core::survey::{Column, Survey};
use crate::core::{Response, Score};
use crate::error::Result;

/// One answer with its labels borrowed, for building a [`Survey`] without making a [`Response`]
/// first (a file reader's rows, a database cursor).
///
/// ```
/// use nps_stats::core::{SurveyBuilder, SurveyRow};
/// use nps_stats::Score;
///
/// let mut builder = SurveyBuilder::new();
/// let segments = [("branch", "IT software")];
/// builder.push_row(&SurveyRow::new(Score::try_from(9)?).account("007").period("2026-Q3").segments(&segments))?;
/// let survey = builder.finish();
/// assert_eq!(survey.accounts().get(0), Some("007"));
/// assert_eq!(survey.segment("branch").and_then(|b| b.get(0)), Some("IT software"));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurveyRow<'a> {
    score: Score,
    account: Option<&'a str>,
    respondent: Option<&'a str>,
    role: Option<&'a str>,
    period: Option<&'a str>,
    comment: Option<&'a str>,
    segments: &'a [(&'a str, &'a str)],
}

impl<'a> SurveyRow<'a> {
    /// A row with a score and no labels.
    ///
    /// ```
    /// let row = nps_stats::core::SurveyRow::new(nps_stats::Score::MAX);
    /// # let _ = row;
    /// ```
    pub const fn new(score: Score) -> SurveyRow<'a> {
        SurveyRow {
            score,
            account: None,
            respondent: None,
            role: None,
            period: None,
            comment: None,
            segments: &[],
        }
    }

    /// The account id, as written.
    ///
    /// ```
    /// let row = nps_stats::core::SurveyRow::new(nps_stats::Score::MAX).account("ACME");
    /// # let _ = row;
    /// ```
    #[must_use]
    pub const fn account(mut self, account: &'a str) -> SurveyRow<'a> {
        self.account = Some(account);
        self
    }

    /// The respondent id, as written.
    ///
    /// ```
    /// let row = nps_stats::core::SurveyRow::new(nps_stats::Score::MAX).respondent("jane@acme.example");
    /// # let _ = row;
    /// ```
    #[must_use]
    pub const fn respondent(mut self, respondent: &'a str) -> SurveyRow<'a> {
        self.respondent = Some(respondent);
        self
    }

    /// The respondent's role.
    ///
    /// ```
    /// let row = nps_stats::core::SurveyRow::new(nps_stats::Score::MAX).role("decision maker");
    /// # let _ = row;
    /// ```
    #[must_use]
    pub const fn role(mut self, role: &'a str) -> SurveyRow<'a> {
        self.role = Some(role);
        self
    }

    /// The period label, such as `2026-Q3`.
    ///
    /// ```
    /// let row = nps_stats::core::SurveyRow::new(nps_stats::Score::MAX).period("2026-07");
    /// # let _ = row;
    /// ```
    #[must_use]
    pub const fn period(mut self, period: &'a str) -> SurveyRow<'a> {
        self.period = Some(period);
        self
    }

    /// A free-text comment.
    ///
    /// ```
    /// let row = nps_stats::core::SurveyRow::new(nps_stats::Score::MIN).comment("Invoices are late.");
    /// # let _ = row;
    /// ```
    #[must_use]
    pub const fn comment(mut self, comment: &'a str) -> SurveyRow<'a> {
        self.comment = Some(comment);
        self
    }

    /// Segment labels as `(dimension, value)` pairs; a dimension named twice keeps the last value,
    /// as [`Response::with_segment`] does.
    ///
    /// ```
    /// let labels = [("region", "DACH"), ("tier", "gold")];
    /// let row = nps_stats::core::SurveyRow::new(nps_stats::Score::MAX).segments(&labels);
    /// # let _ = row;
    /// ```
    #[must_use]
    pub const fn segments(mut self, segments: &'a [(&'a str, &'a str)]) -> SurveyRow<'a> {
        self.segments = segments;
        self
    }
}

/// Builds a [`Survey`] one answer at a time: [`push`](SurveyBuilder::push) a [`Response`] or
/// [`push_row`](SurveyBuilder::push_row) borrowed labels, then [`finish`](SurveyBuilder::finish).
///
/// A failed push (only a column with more than 2³² − 2 distinct labels fails) leaves the builder as
/// it was.
///
/// ```
/// use nps_stats::core::SurveyBuilder;
/// use nps_stats::{Response, Score};
///
/// let mut builder = SurveyBuilder::new();
/// for (score, account) in [(9, "A"), (4, "B"), (10, "A")] {
///     builder.push(&Response::new(Score::try_from(score)?).with_account(account))?;
/// }
/// let survey = builder.finish();
/// assert_eq!(survey.accounts().codes(), &[0, 1, 0]);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct SurveyBuilder {
    survey: Survey,
    /// The segment codes of the answer being pushed: (column, code, whether the label is new).
    pending: Vec<(usize, u32, bool)>,
    /// The answers room was made for: a segment column that appears later reserves as much.
    reserved: usize,
}

impl SurveyBuilder {
    /// An empty builder.
    ///
    /// ```
    /// assert!(nps_stats::core::SurveyBuilder::new().finish().is_empty());
    /// ```
    pub fn new() -> SurveyBuilder {
        SurveyBuilder::default()
    }

    /// Room for `answers` more answers, so that the columns do not grow and copy.
    ///
    /// ```
    /// let builder = nps_stats::core::SurveyBuilder::with_capacity(1_000);
    /// # let _ = builder;
    /// ```
    pub fn with_capacity(answers: usize) -> SurveyBuilder {
        let mut builder = SurveyBuilder::new();
        builder.reserve(answers);
        builder
    }

    /// Room for `answers` more answers.
    ///
    /// ```
    /// let mut builder = nps_stats::core::SurveyBuilder::new();
    /// builder.reserve(1_000);
    /// ```
    pub fn reserve(&mut self, answers: usize) {
        self.reserved = self.survey.len().saturating_add(answers);
        let survey = &mut self.survey;
        survey.scores.reserve(answers);
        for column in [&mut survey.accounts, &mut survey.respondents, &mut survey.roles, &mut survey.periods]
        {
            column.codes.reserve(answers);
        }
        for (_, column) in &mut survey.segments {
            column.codes.reserve(answers);
        }
    }

    /// Adds one response.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCount`](crate::Error::InvalidCount) when a column would hold more than 2³² − 2 distinct labels; the
    /// builder is then unchanged.
    ///
    /// ```
    /// use nps_stats::core::SurveyBuilder;
    /// use nps_stats::{Response, Score};
    /// let mut builder = SurveyBuilder::new();
    /// builder.push(&Response::new(Score::MAX).with_respondent("r-1"))?;
    /// assert_eq!(builder.finish().respondents().get(0), Some("r-1"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn push(&mut self, response: &Response) -> Result<()> {
        self.push_parts(response.score(), fields_of(response), response.comment(), response.segment_labels())
    }

    /// Adds one row of borrowed labels.
    ///
    /// # Errors
    ///
    /// As [`push`](SurveyBuilder::push).
    ///
    /// ```
    /// use nps_stats::core::{SurveyBuilder, SurveyRow};
    /// use nps_stats::Score;
    /// let mut builder = SurveyBuilder::new();
    /// builder.push_row(&SurveyRow::new(Score::MIN).role("end user"))?;
    /// assert_eq!(builder.finish().roles().get(0), Some("end user"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn push_row(&mut self, row: &SurveyRow<'_>) -> Result<()> {
        let fields = [row.account, row.respondent, row.role, row.period];
        self.push_parts(row.score, fields, row.comment, row.segments.iter().copied())
    }

    /// The survey.
    ///
    /// ```
    /// assert_eq!(nps_stats::core::SurveyBuilder::new().finish().len(), 0);
    /// ```
    pub fn finish(self) -> Survey {
        self.survey
    }

    pub(crate) fn push_parts<'l>(
        &mut self,
        score: Score,
        fields: [Option<&str>; 4],
        comment: Option<&str>,
        segments: impl Iterator<Item = (&'l str, &'l str)>,
    ) -> Result<()> {
        let row = self.survey.scores.len();
        let survey = &mut self.survey;
        // Codes first, so that a label that does not fit fails before the answer is added; the
        // labels this answer added are remembered to take them back then.
        let mut codes = [MISSING; 4];
        let mut added = [false; 4];
        let fixed = [&mut survey.accounts, &mut survey.respondents, &mut survey.roles, &mut survey.periods];
        let mut failed = None;
        for (((code, new), column), field) in codes.iter_mut().zip(&mut added).zip(fixed).zip(fields) {
            if let Some(label) = field {
                let known = column.dictionary.len();
                match column.dictionary.code(label) {
                    Ok(c) => (*code, *new) = (c, column.dictionary.len() > known),
                    Err(err) => failed = failed.or(Some(err)),
                }
            }
        }
        self.pending.clear();
        let columns_before = survey.segments.len();
        if failed.is_none() {
            for (dimension, value) in segments {
                // Answers list their dimensions in the same order, so the next one is usually the one
                // after the last.
                let guess = self.pending.last().map_or(0, |&(at, ..)| at + 1);
                let found = match survey.segments.get(guess) {
                    Some((name, _)) if same(name.as_bytes(), dimension.as_bytes()) => Some(guess),
                    _ => survey
                        .segments
                        .iter()
                        .position(|(name, _)| same(name.as_bytes(), dimension.as_bytes())),
                };
                let at = match found {
                    Some(at) => at,
                    None => {
                        // A dimension seen for the first time: earlier answers have no label for it.
                        let mut codes = Vec::with_capacity(row.max(self.reserved));
                        codes.resize(row, MISSING);
                        let column = Column { codes, ..Column::default() };
                        survey.segments.push((dimension.into(), column));
                        survey.segments.len() - 1
                    }
                };
                let Some((_, column)) = survey.segments.get_mut(at) else { continue };
                let known = column.dictionary.len();
                match column.dictionary.code(value) {
                    Ok(code) => self.pending.push((at, code, column.dictionary.len() > known)),
                    Err(err) => {
                        failed = Some(err);
                        break;
                    }
                }
            }
        }
        if let Some(err) = failed {
            // Only a full column fails, so this path is all but never taken.
            survey.segments.truncate(columns_before);
            let fixed =
                [&mut survey.accounts, &mut survey.respondents, &mut survey.roles, &mut survey.periods];
            for ((column, new), code) in fixed.into_iter().zip(added).zip(codes) {
                if new {
                    column.dictionary.truncate(usize::try_from(code).unwrap_or(usize::MAX));
                }
            }
            for &(at, code, new) in self.pending.iter().rev() {
                if let (true, Some((_, column))) = (new, survey.segments.get_mut(at)) {
                    column.dictionary.truncate(usize::try_from(code).unwrap_or(usize::MAX));
                }
            }
            return Err(err);
        }
        survey.scores.push(score.value());
        let fixed = [&mut survey.accounts, &mut survey.respondents, &mut survey.roles, &mut survey.periods];
        for (column, code) in fixed.into_iter().zip(codes) {
            column.codes.push(code);
        }
        if self.pending.len() == survey.segments.len()
            && self.pending.iter().enumerate().all(|(i, &(at, ..))| i == at)
        {
            // Every dimension once, in column order: the common case, one push each.
            for ((_, column), &(_, code, _)) in survey.segments.iter_mut().zip(&self.pending) {
                column.codes.push(code);
            }
        } else {
            for (_, column) in &mut survey.segments {
                column.codes.push(MISSING);
            }
            // A dimension named twice keeps the last value.
            for &(at, code, _) in &self.pending {
                if let Some(last) =
                    survey.segments.get_mut(at).and_then(|(_, column)| column.codes.last_mut())
                {
                    *last = code;
                }
            }
        }
        if let Some(comment) = comment {
            survey.comments.push((row, comment.into()));
        }
        Ok(())
    }
}

impl Survey {
    /// The survey of `responses`, labels as written.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCount`](crate::Error::InvalidCount) when a column would hold more than 2³² − 2 distinct labels.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX), Response::new(Score::MIN)])?;
    /// assert_eq!(survey.scores(), &[10, 0]);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_responses(responses: &[Response]) -> Result<Survey> {
        let mut builder = SurveyBuilder::with_capacity(responses.len());
        for response in responses {
            builder.push(response)?;
        }
        Ok(builder.finish())
    }
}

impl<'a> FromIterator<&'a Response> for Result<Survey> {
    /// Collects borrowed responses into a survey; the first error stops it.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let responses = vec![Response::new(Score::MAX).with_account("A")];
    /// let survey: nps_stats::Result<Survey> = responses.iter().collect();
    /// assert_eq!(survey?.len(), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    fn from_iter<I: IntoIterator<Item = &'a Response>>(responses: I) -> Result<Survey> {
        collect(responses)
    }
}

impl FromIterator<Response> for Result<Survey> {
    /// Collects responses into a survey as they arrive (a reader's stream), without keeping them.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey: nps_stats::Result<Survey> = (0..3).map(|_| Response::new(Score::MAX)).collect();
    /// assert_eq!(survey?.len(), 3);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    fn from_iter<I: IntoIterator<Item = Response>>(responses: I) -> Result<Survey> {
        collect(responses)
    }
}

/// The account, respondent, role and period of `response`.
#[inline(always)]
fn fields_of(response: &Response) -> [Option<&str>; 4] {
    [
        response.account().map(|account| account.as_str()),
        response.respondent(),
        response.role(),
        response.period(),
    ]
}

fn collect<R: Borrow<Response>>(responses: impl IntoIterator<Item = R>) -> Result<Survey> {
    let responses = responses.into_iter();
    let mut builder = SurveyBuilder::with_capacity(responses.size_hint().0);
    for response in responses {
        builder.push(response.borrow())?;
    }
    Ok(builder.finish())
}
