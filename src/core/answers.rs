//! What the analyses read: responses, or a columnar survey.

use std::borrow::Cow;

use crate::core::Response;
use crate::core::survey::Survey;
use crate::core::survey_builder::SurveyBuilder;
use crate::error::Result;

/// Survey answers that [`Breakdown`](crate::Breakdown), [`Trend`](crate::Trend) and
/// [`AccountRollup`](crate::AccountRollup) read: responses (a slice, a `Vec` or an array of
/// [`Response`]) or a columnar [`Survey`].
///
/// The analyses run on columns: responses are converted once per call, keeping only the columns
/// the analysis needs, and a survey is read as it is. Build a [`Survey`] yourself when the same
/// answers feed many analyses, or when they are many: it is converted once and holds a fraction of
/// the memory. Both give exactly the same results.
///
/// The trait is sealed: it is implemented for the types above and cannot be implemented elsewhere.
///
/// ```
/// use nps_stats::core::Survey;
/// use nps_stats::{Breakdown, Response, Score};
///
/// let responses: Vec<Response> = [(9, "IT"), (3, "retail"), (10, "IT")]
///     .into_iter()
///     .map(|(score, branch)| Ok(Response::new(Score::try_from(score)?).with_segment("branch", branch)))
///     .collect::<nps_stats::Result<_>>()?;
/// let survey = Survey::from_responses(&responses)?;
/// let from_responses = Breakdown::builder().by_dimension(&responses, "branch")?;
/// let from_survey = Breakdown::builder().by_dimension(&survey, "branch")?;
/// assert_eq!(from_responses, from_survey);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub trait Answers: sealed::Sealed {}

impl<T: sealed::Sealed + ?Sized> Answers for T {}

pub(crate) mod sealed {
    use std::borrow::Cow;

    use crate::core::survey::Survey;
    use crate::error::Result;

    /// The columns an analysis reads; the others need not be converted.
    #[derive(Debug, Clone, Copy, Default)]
    pub struct Columns<'a> {
        pub(crate) account: bool,
        pub(crate) respondent: bool,
        pub(crate) role: bool,
        pub(crate) period: bool,
        pub(crate) comment: bool,
        /// Every column, segments included (a caller's closure may read any of them).
        pub(crate) all: bool,
        /// Dimensions as [`Response::segment`](crate::Response::segment) reads them, each kept as a
        /// segment column of that name.
        pub(crate) dimensions: &'a [&'a str],
    }

    /// Answers as a survey with (at least) the columns asked for.
    pub trait Sealed {
        /// The survey: borrowed when the answers already are one.
        fn survey(&self, columns: &Columns<'_>) -> Result<Cow<'_, Survey>>;
    }
}

use sealed::{Columns, Sealed};

impl Sealed for Survey {
    fn survey(&self, _: &Columns<'_>) -> Result<Cow<'_, Survey>> {
        Ok(Cow::Borrowed(self))
    }
}

impl Sealed for [Response] {
    fn survey(&self, columns: &Columns<'_>) -> Result<Cow<'_, Survey>> {
        convert(self, columns).map(Cow::Owned)
    }
}

impl Sealed for Vec<Response> {
    fn survey(&self, columns: &Columns<'_>) -> Result<Cow<'_, Survey>> {
        convert(self, columns).map(Cow::Owned)
    }
}

impl<const N: usize> Sealed for [Response; N] {
    fn survey(&self, columns: &Columns<'_>) -> Result<Cow<'_, Survey>> {
        convert(self, columns).map(Cow::Owned)
    }
}

/// The columns of `responses` that `columns` asks for, as a survey.
fn convert(responses: &[Response], columns: &Columns<'_>) -> Result<Survey> {
    if columns.all {
        return Survey::from_responses(responses);
    }
    let mut builder = SurveyBuilder::with_capacity(responses.len());
    let mut segments: Vec<(&str, &str)> = Vec::with_capacity(columns.dimensions.len());
    for response in responses {
        let fields = [
            columns.account.then(|| response.account().map(|account| account.as_str())).flatten(),
            columns.respondent.then(|| response.respondent()).flatten(),
            columns.role.then(|| response.role()).flatten(),
            columns.period.then(|| response.period()).flatten(),
        ];
        segments.clear();
        for &dimension in columns.dimensions {
            if let Some(value) = response.segment(dimension) {
                segments.push((dimension, value));
            }
        }
        let comment = columns.comment.then(|| response.comment()).flatten();
        builder.push_parts(response.score(), fields, comment, segments.iter().copied())?;
    }
    Ok(builder.finish())
}
