//! Integration tests through the public API, in one binary so they link once.

mod accounts;
mod accounts_behaviour;
mod accounts_errors;
mod accounts_properties;
#[cfg(feature = "serde")]
mod deserialize_invariants;
mod edges;
mod errors;
mod mix_shift;
mod paired;
mod precision;
mod properties;
mod reference;
mod report;
mod robustness;
mod segment_properties;
mod segments;
#[cfg(feature = "serde")]
mod serde_round_trip;
mod trend;
