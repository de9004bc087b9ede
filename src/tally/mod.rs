//! Tallies.

pub(crate) mod group_counts;
pub(crate) mod grouped;
#[allow(clippy::indexing_slicing, reason = "256-entry tables indexed by a byte: always in bounds")]
pub(crate) mod kernel;
pub(crate) mod ops;
#[cfg(feature = "rayon")]
pub(crate) mod parallel;
#[allow(clippy::module_inception, reason = "the wing is named after its core type")]
pub(crate) mod tally;
pub(crate) mod weighted;
pub(crate) mod weighted_scores;

pub use self::tally::Tally;
pub use self::weighted::WeightedTally;
