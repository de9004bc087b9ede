//! Integration tests through the public API, in one binary so they link once.

mod errors;
mod properties;
mod reference;
#[cfg(feature = "serde")]
mod serde_round_trip;
mod weighted_parts;
