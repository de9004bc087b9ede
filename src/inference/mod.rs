//! Inference.

pub(crate) mod adjust;
pub(crate) mod bayes;
pub(crate) mod bootstrap;
pub(crate) mod comparison;
pub(crate) mod estimate;
pub(crate) mod interval;
pub(crate) mod method;
pub(crate) mod one_sample;
pub(crate) mod paired;
pub(crate) mod plan;
pub(crate) mod prior;
pub(crate) mod slope;
pub(crate) mod tally_estimate;
pub(crate) mod tango;
pub(crate) mod two_sample;
pub(crate) mod wald;

pub use self::adjust::Adjustment;
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
pub use self::prior::Prior;
pub use self::slope::{Slope, weighted_slope};
pub use self::two_sample::compare_independent;
