//! Integration tests through the public API, in one binary so they link once.

mod bayesian;
mod degenerate;
mod errors;
mod interval_properties;
mod intervals;
mod planning;
mod properties;
mod reference;
#[cfg(feature = "serde")]
mod serde_round_trip;
