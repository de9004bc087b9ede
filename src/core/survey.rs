//! A survey as columns: scores as bytes, every label column as dictionary codes.

use std::borrow::Cow;

use crate::core::dictionary::{Dictionary, LABEL_LIMIT, MISSING, same};
use crate::core::{Response, Score};

/// One column of labels: a code per answer (`MISSING` where the answer has no label) and the
/// dictionary of the distinct labels.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Column {
    pub(crate) dictionary: Dictionary,
    pub(crate) codes: Vec<u32>,
}

impl Column {
    /// The label of answer `row`.
    pub(crate) fn get(&self, row: usize) -> Option<&str> {
        self.codes.get(row).and_then(|&code| self.dictionary.label(code))
    }

    fn heap_bytes(&self) -> usize {
        self.dictionary.heap_bytes() + self.codes.capacity() * core::mem::size_of::<u32>()
    }
}

/// A survey held as columns, the form in which breakdowns, trends and account roll-ups run at the
/// speed of the counting kernels.
///
/// Scores are bytes, and every label column — account, respondent, role, period, and each segment
/// dimension — holds one `u32` code per answer with a dictionary that keeps each distinct label
/// once, numbered in the order of first appearance. An answer costs about 21 bytes plus its share
/// of the dictionaries (a `Response` holds each label as a string of its own), and grouping by a
/// column is a dense count over its codes. Comments are kept apart, for the rows that have one.
///
/// Build one from responses ([`Survey::from_responses`], or `collect()` into a
/// `Result<Survey>`), or row by row with a [`SurveyBuilder`](crate::core::SurveyBuilder). Labels are
/// kept exactly as written: `007` and `7` are two accounts.
///
/// # Examples
///
/// ```
/// use nps_stats::core::Survey;
/// use nps_stats::{Response, Score};
///
/// let answer = |score: u8, account: &str, branch: &str| -> nps_stats::Result<Response> {
///     Ok(Response::new(Score::try_from(score)?).with_account(account).with_segment("branch", branch))
/// };
/// let responses = [answer(9, "007", "IT")?, answer(3, "7", "retail")?, answer(10, "007", "IT")?];
/// let survey = Survey::from_responses(&responses)?;
/// assert_eq!(survey.len(), 3);
/// assert_eq!(survey.scores(), &[9, 3, 10]);
/// let accounts = survey.accounts();
/// assert_eq!(accounts.codes(), &[0, 1, 0]);
/// assert_eq!(accounts.labels().collect::<Vec<_>>(), ["007", "7"]);
/// let branch = survey.segment("branch").unwrap();
/// assert_eq!(branch.get(1), Some("retail"));
/// assert_eq!(survey.response(1), Some(responses[1].clone()));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Survey {
    pub(crate) scores: Vec<u8>,
    pub(crate) accounts: Column,
    pub(crate) respondents: Column,
    pub(crate) roles: Column,
    pub(crate) periods: Column,
    /// One column per segment dimension, in the order the dimensions first appeared.
    pub(crate) segments: Vec<(Box<str>, Column)>,
    /// The comments, by row, for the rows that have one.
    pub(crate) comments: Vec<(usize, Box<str>)>,
}

/// One label column of a [`Survey`]: a code per answer and the distinct labels behind the codes.
///
/// ```
/// use nps_stats::core::Survey;
/// use nps_stats::{Response, Score};
/// let responses = [
///     Response::new(Score::MAX).with_role("end user"),
///     Response::new(Score::MIN),
///     Response::new(Score::MAX).with_role("buyer"),
/// ];
/// let survey = Survey::from_responses(&responses)?;
/// let roles = survey.roles();
/// assert_eq!(roles.distinct(), 2);
/// assert_eq!((roles.get(0), roles.get(1), roles.get(2)), (Some("end user"), None, Some("buyer")));
/// assert_eq!(roles.code_of("buyer"), Some(1));
/// assert_eq!(roles.label(1), Some("buyer"));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelColumn<'s> {
    column: &'s Column,
}

impl<'s> LabelColumn<'s> {
    /// The code of every answer's label, `u32::MAX` where the answer has none.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX)])?;
    /// assert_eq!(survey.roles().codes(), &[u32::MAX]);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn codes(&self) -> &'s [u32] {
        &self.column.codes
    }

    /// The number of distinct labels.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX).with_period("2026-Q1")])?;
    /// assert_eq!(survey.periods().distinct(), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn distinct(&self) -> usize {
        self.column.dictionary.len()
    }

    /// The label behind `code`.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX).with_account("ACME")])?;
    /// assert_eq!(survey.accounts().label(0), Some("ACME"));
    /// assert_eq!(survey.accounts().label(u32::MAX), None);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn label(&self, code: u32) -> Option<&'s str> {
        self.column.dictionary.label(code)
    }

    /// The code of `label`, if some answer has it.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX).with_account("ACME")])?;
    /// assert_eq!((survey.accounts().code_of("ACME"), survey.accounts().code_of("acme")), (Some(0), None));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn code_of(&self, label: &str) -> Option<u32> {
        self.column.dictionary.find(label)
    }

    /// The label of answer `row`, if it has one.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX).with_account("ACME")])?;
    /// assert_eq!((survey.accounts().get(0), survey.accounts().get(1)), (Some("ACME"), None));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn get(&self, row: usize) -> Option<&'s str> {
        self.column.get(row)
    }

    /// The distinct labels in code order.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let responses = [Response::new(Score::MAX).with_role("b"), Response::new(Score::MAX).with_role("a")];
    /// let survey = Survey::from_responses(&responses)?;
    /// assert_eq!(survey.roles().labels().collect::<Vec<_>>(), ["b", "a"]);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn labels(&self) -> impl Iterator<Item = &'s str> + 's {
        self.column.dictionary.labels()
    }
}

impl Survey {
    /// The number of answers.
    ///
    /// ```
    /// assert_eq!(nps_stats::core::Survey::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// Whether the survey has no answers.
    ///
    /// ```
    /// assert!(nps_stats::core::Survey::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// The scores, one byte per answer, in input order.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::try_from(7)?)])?;
    /// assert_eq!(survey.scores(), &[7]);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn scores(&self) -> &[u8] {
        &self.scores
    }

    /// The account column.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX).with_account("A")])?;
    /// assert_eq!(survey.accounts().get(0), Some("A"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn accounts(&self) -> LabelColumn<'_> {
        LabelColumn { column: &self.accounts }
    }

    /// The respondent column.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX).with_respondent("r-1")])?;
    /// assert_eq!(survey.respondents().get(0), Some("r-1"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn respondents(&self) -> LabelColumn<'_> {
        LabelColumn { column: &self.respondents }
    }

    /// The role column.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX).with_role("buyer")])?;
    /// assert_eq!(survey.roles().get(0), Some("buyer"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn roles(&self) -> LabelColumn<'_> {
        LabelColumn { column: &self.roles }
    }

    /// The period column (labels as written; analyses parse each distinct label once).
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX).with_period("2026-Q3")])?;
    /// assert_eq!(survey.periods().get(0), Some("2026-Q3"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn periods(&self) -> LabelColumn<'_> {
        LabelColumn { column: &self.periods }
    }

    /// The column of a segment dimension, if any answer has a label for it.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MAX).with_segment("tier", "gold")])?;
    /// assert_eq!(survey.segment("tier").and_then(|tier| tier.get(0)), Some("gold"));
    /// assert!(survey.segment("region").is_none());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn segment(&self, dimension: &str) -> Option<LabelColumn<'_>> {
        self.segments
            .iter()
            .find(|(name, _)| name.as_ref() == dimension)
            .map(|(_, column)| LabelColumn { column })
    }

    /// The segment dimensions, in the order they first appeared.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let responses = [Response::new(Score::MAX).with_segment("tier", "gold").with_segment("branch", "IT")];
    /// let survey = Survey::from_responses(&responses)?;
    /// assert_eq!(survey.dimensions().collect::<Vec<_>>(), ["branch", "tier"]);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn dimensions(&self) -> impl Iterator<Item = &str> + '_ {
        self.segments.iter().map(|(name, _)| name.as_ref())
    }

    /// The comment of answer `row`, if it has one.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let survey = Survey::from_responses(&[Response::new(Score::MIN).with_comment("late invoices")])?;
    /// assert_eq!(survey.comment(0), Some("late invoices"));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn comment(&self, row: usize) -> Option<&str> {
        self.comments
            .binary_search_by_key(&row, |&(at, _)| at)
            .ok()
            .and_then(|at| self.comments.get(at))
            .map(|(_, text)| text.as_ref())
    }

    /// Answer `row` as a [`Response`] again, with every label as it was written.
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let original = Response::new(Score::MAX).with_account("007").with_segment("branch", "01234");
    /// let survey = Survey::from_responses(std::slice::from_ref(&original))?;
    /// assert_eq!(survey.response(0), Some(original));
    /// assert_eq!(survey.response(1), None);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn response(&self, row: usize) -> Option<Response> {
        let score = Score::new(*self.scores.get(row)?).ok()?;
        let mut response = Response::new(score);
        if let Some(account) = self.accounts.get(row) {
            response = response.with_account(account);
        }
        if let Some(respondent) = self.respondents.get(row) {
            response = response.with_respondent(respondent);
        }
        if let Some(role) = self.roles.get(row) {
            response = response.with_role(role);
        }
        if let Some(period) = self.periods.get(row) {
            response = response.with_period(period);
        }
        if let Some(comment) = self.comment(row) {
            response = response.with_comment(comment);
        }
        for (dimension, column) in &self.segments {
            if let Some(value) = column.get(row) {
                response = response.with_segment(dimension.as_ref(), value);
            }
        }
        Some(response)
    }

    /// The bytes the survey holds on the heap: scores, codes, dictionaries and comments (the
    /// allocator's own overhead comes on top).
    ///
    /// ```
    /// use nps_stats::core::Survey;
    /// use nps_stats::{Response, Score};
    /// let responses: Vec<Response> = (0..1000).map(|i| Response::new(Score::MAX).with_account(format!("A{}", i % 10))).collect();
    /// let survey = Survey::from_responses(&responses)?;
    /// assert!(survey.heap_bytes() < 1000 * 25); // a byte and a few codes per answer
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn heap_bytes(&self) -> usize {
        self.scores.capacity()
            + self.fixed().iter().map(|column| column.heap_bytes()).sum::<usize>()
            + self.segments.iter().map(|(name, column)| name.len() + column.heap_bytes()).sum::<usize>()
            + self
                .comments
                .iter()
                .map(|(_, text)| text.len() + core::mem::size_of::<(usize, Box<str>)>())
                .sum::<usize>()
    }

    /// The account, respondent, role and period columns, in the order of a builder's fields.
    pub(crate) fn fixed(&self) -> [&Column; 4] {
        [&self.accounts, &self.respondents, &self.roles, &self.periods]
    }

    /// [`fixed`](Survey::fixed), to write.
    pub(crate) fn fixed_mut(&mut self) -> [&mut Column; 4] {
        [&mut self.accounts, &mut self.respondents, &mut self.roles, &mut self.periods]
    }

    /// How many more labels every column can take: the fewest a dictionary has room for.
    pub(crate) fn label_room(&self) -> usize {
        let fullest = self
            .fixed()
            .into_iter()
            .chain(self.segments.iter().map(|(_, column)| column))
            .map(|column| column.dictionary.len())
            .max()
            .unwrap_or(0);
        usize::try_from(LABEL_LIMIT).unwrap_or(usize::MAX).saturating_sub(fullest)
    }

    /// The index of the segment column `dimension`, added (with no label for the answers before)
    /// when it is new; `reserved` answers are made room for.
    pub(crate) fn column_for(&mut self, dimension: &str, reserved: usize) -> usize {
        if let Some(at) =
            self.segments.iter().position(|(name, _)| same(name.as_bytes(), dimension.as_bytes()))
        {
            return at;
        }
        let row = self.scores.len();
        let mut codes = Vec::with_capacity(row.max(reserved));
        codes.resize(row, MISSING);
        self.segments.push((dimension.into(), Column { codes, ..Column::default() }));
        self.segments.len() - 1
    }

    /// The codes and dictionary of a dimension as [`Response::segment`] reads it: the segment column
    /// of that name, where an answer has no such label falling back to the field of the same name
    /// (`role`, `period`, `account`, `respondent`). `None` when no answer has the dimension.
    pub(crate) fn dimension(&self, name: &str) -> Option<Cow<'_, Column>> {
        let field = match name {
            "role" => Some(&self.roles),
            "period" => Some(&self.periods),
            "account" => Some(&self.accounts),
            "respondent" => Some(&self.respondents),
            _ => None,
        };
        let segment = self.segments.iter().find(|(dimension, _)| dimension.as_ref() == name).map(|(_, c)| c);
        match (segment, field) {
            (Some(segment), Some(field)) if segment.codes.contains(&MISSING) => {
                Some(Cow::Owned(merged(segment, field)))
            }
            (Some(segment), _) => Some(Cow::Borrowed(segment)),
            (None, Some(field)) if field.dictionary.len() > 0 => Some(Cow::Borrowed(field)),
            (None, _) => None,
        }
    }
}

/// `first`'s labels, with `second`'s where `first` has none, under one dictionary.
fn merged(first: &Column, second: &Column) -> Column {
    let mut column =
        Column { dictionary: first.dictionary.clone(), codes: Vec::with_capacity(first.codes.len()) };
    for (row, &code) in first.codes.iter().enumerate() {
        let code = match (code, second.get(row)) {
            (MISSING, Some(label)) => column.dictionary.code(label).unwrap_or(MISSING),
            _ => code,
        };
        column.codes.push(code);
    }
    column
}
