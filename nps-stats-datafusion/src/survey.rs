//! Arrow record batches into a columnar survey of `nps_stats`, for the analyses that SQL does not
//! cover (breakdowns against the rest, trends with the paired test, account roll-ups).

use datafusion::arrow::array::{Array, AsArray, RecordBatch, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, UInt8Type};
use datafusion::error::{DataFusionError, Result};
use nps_stats::Score;
use nps_stats::core::{Survey, SurveyBuilder, SurveyRow};

use crate::report::execution;

/// Which columns of a set of record batches are the score and the labels of a [`Survey`]: the score
/// column (any integer type), and optionally the account, respondent, role, period and comment
/// columns and segment columns (any string or dictionary-of-string type), each by its name.
///
/// ```
/// let columns = nps_stats_datafusion::SurveyColumns::new("score")
///     .account("account")
///     .period("period")
///     .segment("branch", "branch");
/// # let _ = columns;
/// ```
#[derive(Debug, Clone, Default)]
pub struct SurveyColumns {
    score: String,
    fields: [Option<String>; 5],
    segments: Vec<(String, String)>,
}

/// The positions of the label fields in `SurveyColumns::fields`.
const ACCOUNT: usize = 0;
const RESPONDENT: usize = 1;
const ROLE: usize = 2;
const PERIOD: usize = 3;
const COMMENT: usize = 4;

impl SurveyColumns {
    /// The score column, and no labels yet.
    ///
    /// ```
    /// let columns = nps_stats_datafusion::SurveyColumns::new("score");
    /// # let _ = columns;
    /// ```
    pub fn new(score: impl Into<String>) -> SurveyColumns {
        SurveyColumns { score: score.into(), ..SurveyColumns::default() }
    }

    fn field(mut self, at: usize, column: impl Into<String>) -> SurveyColumns {
        if let Some(slot) = self.fields.get_mut(at) {
            *slot = Some(column.into());
        }
        self
    }

    /// The account column.
    ///
    /// ```
    /// let columns = nps_stats_datafusion::SurveyColumns::new("score").account("company");
    /// # let _ = columns;
    /// ```
    #[must_use]
    pub fn account(self, column: impl Into<String>) -> SurveyColumns {
        self.field(ACCOUNT, column)
    }

    /// The respondent column.
    ///
    /// ```
    /// let columns = nps_stats_datafusion::SurveyColumns::new("score").respondent("email");
    /// # let _ = columns;
    /// ```
    #[must_use]
    pub fn respondent(self, column: impl Into<String>) -> SurveyColumns {
        self.field(RESPONDENT, column)
    }

    /// The role column.
    ///
    /// ```
    /// let columns = nps_stats_datafusion::SurveyColumns::new("score").role("role");
    /// # let _ = columns;
    /// ```
    #[must_use]
    pub fn role(self, column: impl Into<String>) -> SurveyColumns {
        self.field(ROLE, column)
    }

    /// The period column (labels such as `2026-Q3`).
    ///
    /// ```
    /// let columns = nps_stats_datafusion::SurveyColumns::new("score").period("quarter");
    /// # let _ = columns;
    /// ```
    #[must_use]
    pub fn period(self, column: impl Into<String>) -> SurveyColumns {
        self.field(PERIOD, column)
    }

    /// The comment column.
    ///
    /// ```
    /// let columns = nps_stats_datafusion::SurveyColumns::new("score").comment("why");
    /// # let _ = columns;
    /// ```
    #[must_use]
    pub fn comment(self, column: impl Into<String>) -> SurveyColumns {
        self.field(COMMENT, column)
    }

    /// A segment dimension read from `column`.
    ///
    /// ```
    /// let columns = nps_stats_datafusion::SurveyColumns::new("score").segment("region", "sales_region");
    /// # let _ = columns;
    /// ```
    #[must_use]
    pub fn segment(mut self, dimension: impl Into<String>, column: impl Into<String>) -> SurveyColumns {
        self.segments.push((dimension.into(), column.into()));
        self
    }
}

/// The answers of `batches` as a [`Survey`]: one answer per row with a score; a row whose score is
/// null is not an answer (as SQL aggregates ignore it), and a null label is no label. Labels keep
/// their text exactly; a dictionary-encoded string column is decoded once per batch.
///
/// # Errors
///
/// A missing column, a score column that is not an integer type, a label column that is not text,
/// or a score off 0..=10 (the analyses check it against their scale).
///
/// ```
/// use std::sync::Arc;
/// use datafusion::arrow::array::{Int64Array, RecordBatch, StringArray};
/// use nps_stats::Breakdown;
/// use nps_stats_datafusion::{SurveyColumns, survey_from_batches};
///
/// let batch = RecordBatch::try_from_iter([
///     ("score", Arc::new(Int64Array::from(vec![Some(10), Some(3), None, Some(9)])) as _),
///     ("branch", Arc::new(StringArray::from(vec!["IT", "IT", "retail", "retail"])) as _),
/// ])?;
/// let survey = survey_from_batches(&[batch], &SurveyColumns::new("score").segment("branch", "branch"))?;
/// assert_eq!(survey.len(), 3); // the null score is not an answer
/// let by_branch = Breakdown::builder().by_dimension(&survey, "branch").unwrap();
/// assert_eq!(by_branch.rows[0].tally.as_ref().unwrap().nps(), Some(0.0)); // IT: 10 and 3
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn survey_from_batches(batches: &[RecordBatch], columns: &SurveyColumns) -> Result<Survey> {
    let rows = batches.iter().map(RecordBatch::num_rows).sum();
    let mut builder = SurveyBuilder::with_capacity(rows);
    for batch in batches {
        let mut segments: Vec<(&str, &str)> = Vec::with_capacity(columns.segments.len());
        let column = |name: &str| {
            batch
                .column_by_name(name)
                .ok_or_else(|| DataFusionError::Plan(format!("no column '{name}' in the batch")))
        };
        let scores = cast(column(&columns.score)?, &DataType::UInt8)
            .map_err(|e| DataFusionError::Plan(format!("the score column '{}': {e}", columns.score)))?;
        let original = column(&columns.score)?;
        let scores = scores.as_primitive::<UInt8Type>();
        let text = |name: &str| -> Result<StringArray> {
            let array = cast(column(name)?, &DataType::Utf8)
                .map_err(|e| DataFusionError::Plan(format!("the column '{name}' is not text: {e}")))?;
            Ok(array.as_string::<i32>().clone())
        };
        let fields: Vec<Option<StringArray>> = columns
            .fields
            .iter()
            .map(|field| field.as_deref().map(text).transpose())
            .collect::<Result<_>>()?;
        let segment_columns: Vec<StringArray> =
            columns.segments.iter().map(|(_, name)| text(name)).collect::<Result<_>>()?;
        for row in 0..batch.num_rows() {
            if original.is_null(row) {
                continue;
            }
            // A value cast to u8 that is null, or beyond 10, was not a score.
            let raw = (!scores.is_null(row)).then(|| scores.value(row));
            let score = raw
                .and_then(|raw| Score::new(raw).ok())
                .ok_or_else(|| execution("survey_from_batches", score_error(original, row)))?;
            let label = |at: usize| -> Option<&str> {
                let array = fields.get(at)?.as_ref()?;
                (!array.is_null(row)).then(|| array.value(row))
            };
            segments.clear();
            for ((dimension, _), array) in columns.segments.iter().zip(&segment_columns) {
                if !array.is_null(row) {
                    segments.push((dimension.as_str(), array.value(row)));
                }
            }
            let mut answer = SurveyRow::new(score).segments(&segments);
            if let Some(account) = label(ACCOUNT) {
                answer = answer.account(account);
            }
            if let Some(respondent) = label(RESPONDENT) {
                answer = answer.respondent(respondent);
            }
            if let Some(role) = label(ROLE) {
                answer = answer.role(role);
            }
            if let Some(period) = label(PERIOD) {
                answer = answer.period(period);
            }
            if let Some(comment) = label(COMMENT) {
                answer = answer.comment(comment);
            }
            builder.push_row(&answer).map_err(|e| execution("survey_from_batches", e))?;
        }
    }
    Ok(builder.finish())
}

/// The error of a score off 0..=10 at `row` of `scores`, with the value as written.
fn score_error(scores: &dyn Array, row: usize) -> nps_stats::Error {
    let value = cast(&scores.slice(row, 1), &DataType::Int64)
        .ok()
        .and_then(|array| {
            let array = array.as_primitive::<datafusion::arrow::datatypes::Int64Type>();
            (!array.is_null(0)).then(|| array.value(0))
        })
        .unwrap_or(i64::MAX);
    nps_stats::Error::ScoreOutOfScale { score: value, min: 0, max: 10 }
}
