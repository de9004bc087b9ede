//! Integration tests through the public API, in one binary so they link once.

mod bayesian;
mod coverage;
mod degenerate;
mod errors;
#[cfg(feature = "serde")]
mod inference_serde;
mod interval_properties;
mod intervals;
mod planning;
mod properties;
mod reference;
#[cfg(feature = "serde")]
mod serde_round_trip;
