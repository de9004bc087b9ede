//! Inference: how sure a number is, whether it beats a target, whether two numbers differ, and how
//! many answers a survey needs.
//!
//! [`Tally::estimate`](crate::Tally::estimate) gives an [`Estimate`] (the NPS, its standard error
//! and an [`Interval`]) by a [`Method`] — the adjusted Wald interval by default, Wald, Tango's score
//! interval, an exact Bayesian interval under a [`Prior`], or a seeded bootstrap. Tests return a
//! [`Comparison`] whose `samples` say what was compared ([`Samples`]): against a target
//! ([`compare_to_target`]), two independent samples ([`compare_independent`]), or the same
//! respondents twice ([`compare_paired`]). Every difference is *later minus earlier*: functions
//! take `(before, after)`. Planning ([`margin_of_error`], [`sample_size`],
//! [`sample_size_for_change`], [`sample_size_for_paired_change`]) takes margins and changes in
//! [`Points`](crate::core::Points). [`Adjustment`] corrects p-values for many segments, and
//! [`weighted_slope`] fits a trend. Whether the score predicts an outcome rests on
//! [`wilson_interval`] (a rate), [`compare_rates`] (a difference of rates), [`roc_auc`] (the area
//! under the ROC curve with DeLong's interval) and [`spearman`] (a rank correlation); the analysis
//! wing's outcome linkage puts them together.
//!
//! ```
//! use nps_stats::inference::{ExpectedShares, compare_independent, compare_to_target, sample_size};
//! use nps_stats::{Confidence, Method, Tally};
//!
//! let q2 = Tally::from_counts(13, 22, 9)?; // before
//! let q3 = Tally::from_counts(31, 40, 29)?; // after
//! let level = Confidence::NINETY_FIVE;
//! let change = compare_independent(&q2, &q3, Method::Wald, level)?;
//! assert!((change.difference - (2.0 - 100.0 * 4.0 / 44.0)).abs() < 1e-12); // −7.09 points: after − before
//! assert!(change.p_value > 0.05); // not a real change at these sizes
//!
//! let est = q3.estimate_default()?; // adjusted Wald, 95 %
//! assert!(est.interval.contains(est.nps));
//! assert!(compare_to_target(&q3, -30, Method::AdjustedWald, level)?.p_value < 0.05);
//!
//! // ±5 points at 95 %: 1,537 answers in the worst case.
//! assert_eq!(sample_size(5, ExpectedShares::WORST_CASE, level, None)?.n, 1537);
//! # Ok::<(), nps_stats::Error>(())
//! ```

pub(crate) mod adjust;
pub(crate) mod auc;
pub(crate) mod bayes;
pub(crate) mod bootstrap;
pub(crate) mod clustered;
pub(crate) mod comparison;
pub(crate) mod estimate;
pub(crate) mod interval;
pub(crate) mod method;
pub(crate) mod one_sample;
pub(crate) mod paired;
pub(crate) mod plan;
pub(crate) mod prior;
pub(crate) mod rate_difference;
pub(crate) mod resamples;
pub(crate) mod slope;
pub(crate) mod spearman;
pub(crate) mod tally_estimate;
pub(crate) mod tango;
pub(crate) mod two_sample;
pub(crate) mod wald;
pub(crate) mod wilson;

pub use self::adjust::Adjustment;
pub use self::auc::{Auc, roc_auc};
pub use self::comparison::{Comparison, Samples};
pub use self::estimate::Estimate;
pub use self::interval::Interval;
pub use self::method::{BootstrapInterval, Method};
pub use self::one_sample::compare_to_target;
pub use self::paired::{Transitions, compare_paired};
pub use self::plan::{
    ChangeSampleSize, ExpectedShares, MarginOfError, SampleSize, margin_of_error, sample_size,
    sample_size_for_change, sample_size_for_paired_change,
};
pub use self::prior::{MAX_PRIOR, MIN_PRIOR, Prior};
pub use self::rate_difference::{RateDifference, compare_rates};
pub use self::resamples::{MAX_RESAMPLES, MIN_RESAMPLES};
pub use self::slope::{Slope, weighted_slope};
pub use self::spearman::{RankCorrelation, spearman};
pub use self::two_sample::compare_independent;
pub use self::wilson::wilson_interval;
