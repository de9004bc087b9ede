//! Tallies: exact, mergeable counts, the aggregation primitive of the crate.
//!
//! A [`Tally`] is an 11-bin histogram of scores with its scale; a [`WeightedTally`] adds Σw and Σw²
//! per category for weighting by account value. Both merge exactly — from threads, files or
//! machines — so analyses pool counts and never average scores. The slice constructors
//! (`from_scores`, `grouped`, `from_weighted_scores`) are the fast paths, near the speed at which
//! the machine reads memory.
//!
//! ```
//! use nps_stats::{Tally, WeightedTally};
//!
//! let north = Tally::from_scores(&[10, 10, 10, 10, 2])?; // NPS +60 from 5 answers
//! let south = Tally::from_scores(&[9, 3, 3, 3, 3, 3, 3, 3, 8, 8])?; // NPS −60 from 10
//! assert_eq!((&north + &south)?.nps(), Some(-20.0)); // pooled counts, not the average 0
//!
//! // A dashboard export gives only the three counts.
//! let export = Tally::from_counts(31, 40, 29)?;
//! assert_eq!(export.nps(), Some(2.0));
//!
//! // Dense group ids (segment or account codes) count in one pass.
//! let per_group = Tally::grouped(&[0, 1, 0, 1], &[10, 3, 9, 8])?;
//! assert_eq!(per_group[0].nps(), Some(100.0));
//!
//! let weighted = WeightedTally::from_weighted_scores(&[10, 4], &[2_000_000.0, 40_000.0])?;
//! assert!(weighted.nps().unwrap() > 90.0); // by value, the big promoter dominates
//! # Ok::<(), nps_stats::Error>(())
//! ```

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

pub use self::grouped::MAX_DENSE_KEY;
pub use self::tally::Tally;
pub use self::weighted::{MAX_WEIGHT, MIN_WEIGHT, WeightedTally};
