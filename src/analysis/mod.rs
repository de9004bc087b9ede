//! Analysis: where the NPS is good or bad, and whether it really changed.
//!
//! A [`Breakdown`] gives every segment its counts, NPS and interval and tests it
//! against the rest, with the p-values adjusted for the number of segments; thin segments are
//! flagged, small ones can be suppressed for privacy ([`Suppression`]). A [`Trend`]
//! gives the NPS per period ([`Month`](crate::Month), [`Quarter`](crate::Quarter) or any ordered
//! key) and the [`Change`] from each period to the next, with the paired test when the same
//! respondents or accounts ([`Unit`]) answered twice. [`compare_repeated`] compares any two sets of
//! answers that way, and [`mix_shift`] splits a change of the total into the segments' own changes
//! and the change of the segment mix. [`OutcomeBuilder`] asks whether the score predicts anything:
//! renewal, churn or preference ([`BinaryOutcome`]: rates per category, promoters minus detractors,
//! the AUC) or a number such as revenue change ([`NumericOutcome`]: Spearman's ρ), per answer, per
//! account, or per contact with accounts as clusters ([`OutcomeUnit`]).
//!
//! Both builders take settings first and the answers last; the shared settings are `level`,
//! `method`, `min_sample` (default [`DEFAULT_MIN_SAMPLE`]) and `scale`.
//!
//! ```
//! use nps_stats::{Breakdown, Quarter, Response, Score, Trend};
//!
//! let answer = |team: &str, quarter: &str, score: u8| -> nps_stats::Result<Response> {
//!     Ok(Response::new(Score::try_from(score)?).with_segment("team", team).with_period(quarter))
//! };
//! let mut answers = Vec::new();
//! for score in [10, 9, 9, 8, 3] { answers.push(answer("support", "2026-Q2", score)?); }
//! for score in [6, 7, 2, 9, 10] { answers.push(answer("billing", "2026-Q3", score)?); }
//!
//! let by_team = Breakdown::builder().min_sample(5).by_dimension(&answers, "team")?;
//! assert_eq!(by_team.rows.len(), 2);
//! let trend = Trend::builder().by_period::<Quarter>(&answers)?;
//! let change = trend.points[1].change.as_ref().unwrap();
//! assert_eq!(change.difference, 0.0 - 40.0); // later minus earlier: Q3 0 − Q2 +40
//! # Ok::<(), nps_stats::Error>(())
//! ```

pub(crate) mod binary_outcome;
pub(crate) mod breakdown;
pub(crate) mod breakdown_builder;
pub(crate) mod change;
pub(crate) mod mix_shift;
pub(crate) mod numeric_outcome;
pub(crate) mod outcome_builder;
pub(crate) mod outcome_unit;
pub(crate) mod settings;
pub(crate) mod suppression;
pub(crate) mod trend;
pub(crate) mod trend_builder;
pub(crate) mod unit;
pub(crate) mod windows;

pub use self::binary_outcome::{BinaryOutcome, CategoryRate};
pub use self::breakdown::{Breakdown, SegmentRow};
pub use self::breakdown_builder::BreakdownBuilder;
pub use self::change::{Change, compare_repeated, compare_repeated_on};
pub use self::mix_shift::{MixShift, MixShiftSegment, mix_shift, mix_shift_by};
pub use self::numeric_outcome::{CategoryMean, NumericOutcome};
pub use self::outcome_builder::OutcomeBuilder;
pub use self::outcome_unit::{AccountScore, OutcomeUnit};
pub use self::settings::DEFAULT_MIN_SAMPLE;
pub use self::suppression::Suppression;
pub use self::trend::{Trend, TrendPoint};
pub use self::trend_builder::TrendBuilder;
pub use self::unit::Unit;
pub use self::windows::Window;
