//! Building a survey table: answer by answer, from responses, or from the rows of a reader.

use core::borrow::Borrow;

use crate::core::dictionary::{MISSING, same};
use crate::core::survey::Survey;
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
    /// How many labels any column can still take for certain (see [`Survey::label_room`]).
    room: usize,
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
        for column in survey.fixed_mut() {
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
        if names_a_dimension_twice(row.segments) {
            // Only the value kept is coded: an earlier one would stay in the column's dictionary
            // as a label no answer has.
            let kept = last_values(row.segments);
            return self.push_parts(row.score, fields, row.comment, kept.into_iter());
        }
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
        // An answer adds at most one label per field and per segment pair. While every column has
        // room for that many more, no code can fail and the answer goes straight into the columns;
        // only a survey near 2³² distinct labels in a column takes the careful path.
        let labels = segments.size_hint().1.map_or(usize::MAX, |pairs| pairs.saturating_add(4));
        if labels > self.room {
            self.room = self.survey.label_room();
            if labels > self.room {
                return self.push_carefully(score, fields, comment, segments);
            }
        }
        self.room -= labels;
        self.push_with_room(score, fields, comment, segments)
    }

    /// Adds an answer when every column has room for its labels: each code is written as it is
    /// found, with nothing to take back.
    #[inline(always)]
    fn push_with_room<'l>(
        &mut self,
        score: Score,
        fields: [Option<&str>; 4],
        comment: Option<&str>,
        segments: impl Iterator<Item = (&'l str, &'l str)>,
    ) -> Result<()> {
        let survey = &mut self.survey;
        let row = survey.scores.len();
        survey.scores.push(score.value());
        let fixed = survey.fixed_mut();
        for (column, field) in fixed.into_iter().zip(fields) {
            let code = match field {
                Some(label) => column.dictionary.code(label)?,
                None => MISSING,
            };
            column.codes.push(code);
        }
        let mut filled = 0;
        let mut next = 0;
        for (dimension, value) in segments {
            // Answers list their dimensions in the same order, so the column is usually the next.
            let at = match survey.segments.get(next) {
                Some((name, _)) if same(name.as_bytes(), dimension.as_bytes()) => next,
                _ => survey.column_for(dimension, self.reserved),
            };
            next = at + 1;
            let Some((_, column)) = survey.segments.get_mut(at) else { continue };
            let code = column.dictionary.code(value)?;
            if column.codes.len() == row {
                column.codes.push(code);
                filled += 1;
            } else if let Some(last) = column.codes.last_mut() {
                // A dimension named twice keeps the last value.
                *last = code;
            }
        }
        if filled < survey.segments.len() {
            for (_, column) in &mut survey.segments {
                if column.codes.len() == row {
                    column.codes.push(MISSING);
                }
            }
        }
        if let Some(comment) = comment {
            survey.comments.push((row, comment.into()));
        }
        Ok(())
    }

    /// Adds an answer when a column may be full: codes first, so that a label that does not fit
    /// fails before the answer is added, and the labels this answer added are taken back then.
    #[cold]
    fn push_carefully<'l>(
        &mut self,
        score: Score,
        fields: [Option<&str>; 4],
        comment: Option<&str>,
        segments: impl Iterator<Item = (&'l str, &'l str)>,
    ) -> Result<()> {
        let row = self.survey.scores.len();
        let survey = &mut self.survey;
        let mut codes = [MISSING; 4];
        let mut added = [false; 4];
        let fixed = survey.fixed_mut();
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
                let at = survey.column_for(dimension, self.reserved);
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
            survey.segments.truncate(columns_before);
            let fixed = survey.fixed_mut();
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
        let fixed = survey.fixed_mut();
        for (column, code) in fixed.into_iter().zip(codes) {
            column.codes.push(code);
        }
        for (_, column) in &mut survey.segments {
            column.codes.push(MISSING);
        }
        // A dimension named twice keeps the last value.
        for &(at, code, _) in &self.pending {
            if let Some(last) = survey.segments.get_mut(at).and_then(|(_, column)| column.codes.last_mut()) {
                *last = code;
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

/// Whether `segments` names a dimension more than once.
fn names_a_dimension_twice(segments: &[(&str, &str)]) -> bool {
    if segments.len() <= 8 {
        segments
            .iter()
            .enumerate()
            .any(|(at, (dimension, _))| segments.iter().take(at).any(|(seen, _)| seen == dimension))
    } else {
        let mut seen = hashbrown::HashSet::with_capacity(segments.len());
        !segments.iter().all(|&(dimension, _)| seen.insert(dimension))
    }
}

/// Each dimension of `segments` once, in the order first named, with the value named last.
fn last_values<'a>(segments: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut kept: Vec<(&str, &str)> = Vec::with_capacity(segments.len());
    for &(dimension, value) in segments {
        match kept.iter_mut().find(|(seen, _)| *seen == dimension) {
            Some(slot) => slot.1 = value,
            None => kept.push((dimension, value)),
        }
    }
    kept
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dictionary::LABEL_LIMIT;
    use crate::error::Error;

    /// A builder whose account column is full (unit tests lower the limit to 10,000 labels), with
    /// a branch column one label short of full.
    fn nearly_full() -> SurveyBuilder {
        let limit = usize::try_from(LABEL_LIMIT).unwrap();
        let mut builder = SurveyBuilder::new();
        for i in 0..limit {
            let branch = format!("b{}", i.min(limit - 2));
            let response =
                Response::new(Score::MAX).with_account(format!("A{i}")).with_segment("branch", branch);
            builder.push(&response).unwrap();
        }
        builder
    }

    #[test]
    fn a_full_column_fails_the_answer_and_leaves_the_builder_as_it_was() {
        let mut builder = nearly_full();
        let before = builder.survey.clone();
        // A new account: the account column is full.
        let new_account =
            Response::new(Score::MIN).with_account("new").with_role("r").with_segment("zone", "z");
        assert!(matches!(builder.push(&new_account), Err(Error::InvalidCount { .. })));
        assert_eq!(builder.survey, before);
        assert!(builder.survey.segment("zone").is_none(), "the new dimension is taken back");
        // Known labels still go in, and the one label the branch column has room for.
        let known = Response::new(Score::MIN).with_account("A7").with_segment("branch", "last one");
        builder.push(&known).unwrap();
        assert_eq!(builder.survey.len(), before.len() + 1);
        // The branch column is now full too; a row naming a dimension twice fails on its second value.
        let labels = [("branch", "b3"), ("branch", "another")];
        let row = SurveyRow::new(Score::MIN).account("A1").segments(&labels);
        let before = builder.survey.clone();
        assert!(matches!(builder.push_row(&row), Err(Error::InvalidCount { .. })));
        assert_eq!(builder.survey, before);
    }

    #[test]
    fn a_new_dimension_is_taken_back_when_a_later_label_does_not_fit() {
        let mut builder = nearly_full();
        builder.push(&Response::new(Score::MIN).with_segment("branch", "last one")).unwrap();
        let before = builder.survey.clone();
        // Segments come sorted: `area` is added first, then `branch` has no room.
        let response = Response::new(Score::MIN).with_segment("area", "north").with_segment("branch", "new");
        assert!(matches!(builder.push(&response), Err(Error::InvalidCount { .. })));
        assert!(builder.survey.segment("area").is_none());
        assert_eq!(builder.survey, before);
    }

    #[test]
    fn a_dimension_named_twice_leaves_only_its_last_value() {
        let mut builder = SurveyBuilder::new();
        let twice = [("branch", "b5"), ("zone", "z1"), ("branch", "b6")];
        builder.push_row(&SurveyRow::new(Score::MAX).segments(&twice)).unwrap();
        // Past the size where the check switches to a hash set.
        let many: Vec<(&str, &str)> =
            [("d0", "x"), ("d1", "x"), ("d2", "x"), ("d3", "x"), ("d4", "x"), ("d5", "x"), ("d6", "x")]
                .into_iter()
                .chain([("d7", "x"), ("d0", "y"), ("d8", "x")])
                .collect();
        builder.push_row(&SurveyRow::new(Score::MIN).segments(&many)).unwrap();
        let survey = builder.finish();
        let branch = survey.segment("branch").unwrap();
        assert_eq!(branch.labels().collect::<Vec<_>>(), ["b6"]);
        assert_eq!(branch.codes(), &[0, MISSING]);
        let d0 = survey.segment("d0").unwrap();
        assert_eq!(d0.labels().collect::<Vec<_>>(), ["y"]);
        assert_eq!(d0.codes(), &[MISSING, 0]);
        let dimensions: Vec<&str> = survey.dimensions().collect();
        assert_eq!(dimensions, ["branch", "zone", "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"]);
    }

    #[test]
    fn the_careful_path_builds_what_the_direct_path_builds() {
        // The same rows pushed straight into the columns and through the careful path: codes, a
        // dimension named twice (the last value kept), a dimension new after the first row,
        // missing labels and comments.
        let twice = [("branch", "b5"), ("zone", "z1"), ("branch", "b6")];
        let zone_first = [("zone", "z2"), ("region", "north")];
        let base = SurveyRow::new(Score::try_from(7).unwrap()).account("A3").period("2026-Q1");
        let rows = [
            base.segments(&[("branch", "b1")]),
            base.segments(&twice).comment("ok"),
            base.account("A4").role("buyer"),
            base.segments(&zone_first).respondent("r-1"),
            base.segments(&twice),
        ];
        let (mut direct, mut careful) = (SurveyBuilder::new(), SurveyBuilder::new());
        for row in rows {
            let fields = [row.account, row.respondent, row.role, row.period];
            direct.push_parts(row.score, fields, row.comment, row.segments.iter().copied()).unwrap();
            careful.push_carefully(row.score, fields, row.comment, row.segments.iter().copied()).unwrap();
        }
        assert_eq!(direct.survey, careful.survey);
        let survey = direct.finish();
        assert_eq!(survey.dimensions().collect::<Vec<_>>(), ["branch", "zone", "region"]);
        let branch = survey.segment("branch").unwrap();
        assert_eq!(
            (0..5).map(|row| branch.get(row)).collect::<Vec<_>>(),
            [Some("b1"), Some("b6"), None, None, Some("b6")]
        );
        let region = survey.segment("region").unwrap();
        assert_eq!(region.codes(), &[MISSING, MISSING, MISSING, 0, MISSING]);
        assert_eq!((survey.comment(1), survey.comment(4)), (Some("ok"), None));
        assert_eq!(survey.roles().get(2), Some("buyer"));
    }
}
