//! Integration tests through the public API, in one binary so they link once.

mod accounts;
mod accounts_behaviour;
mod accounts_errors;
mod accounts_properties;
mod bayesian;
mod conventions;
mod coverage;
mod degenerate;
#[cfg(feature = "serde")]
mod deserialize_invariants;
mod duplicates;
mod edges;
mod errors;
#[cfg(feature = "json")]
mod exports;
mod fast_paths;
mod finite_outputs;
mod guarantees;
#[cfg(feature = "serde")]
mod inference_serde;
mod interval_properties;
mod intervals;
mod layout;
mod mix_shift;
mod outcome;
mod outcome_reference;
mod paired;
mod planning;
mod precision;
mod properties;
mod reference;
#[cfg(feature = "json")] // the report example needs it
mod report;
#[cfg(feature = "serde")]
mod result_serde;
mod robustness;
mod segment_properties;
mod segments;
#[cfg(feature = "serde")]
mod serde_round_trip;
mod trend;
#[cfg(feature = "json")] // the chart example needs it
mod trend_chart;
mod two_stage;
mod weighted_parts;
