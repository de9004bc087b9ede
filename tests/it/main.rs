//! Integration tests through the public API, in one binary so they link once.

mod accounts;
mod accounts_behaviour;
mod accounts_errors;
mod accounts_properties;
mod errors;
mod fast_paths;
mod mix_shift;
mod paired;
mod properties;
mod reference;
mod report;
mod segment_properties;
mod segments;
#[cfg(feature = "serde")]
mod serde_round_trip;
mod trend;
