//! Net Promoter Score statistics for Rust: exact mergeable tallies, honest uncertainty, and the
//! account-level views that B2B customer programmes need.
//!
//! # What NPS is
//!
//! Customers answer "How likely are you to recommend us to a friend or colleague?" on a scale from
//! 0 to 10. Those who answer 9 or 10 are **promoters**, 7 or 8 **passives**, 0 to 6 **detractors**.
//! The Net Promoter Score is the percentage of promoters minus the percentage of detractors, a number
//! of points from −100 (everyone a detractor) to +100 (everyone a promoter).
//!
//! # A first tally
//!
//! ```
//! use nps_stats::{Category, Tally};
//!
//! let answers = [10, 9, 9, 8, 7, 6];
//! let tally = Tally::from_scores(&answers)?;
//!
//! assert_eq!(tally.promoters(), 3);
//! assert_eq!(tally.passives(), 2);
//! assert_eq!(tally.detractors(), 1);
//! // 50 % promoters − 16.7 % detractors = +33.3 points, unrounded.
//! assert!((tally.nps().unwrap() - 100.0 / 3.0).abs() < 1e-12);
//! assert_eq!(tally.share(Category::Passive), Some(1.0 / 3.0));
//! println!("{tally}"); // n = 6: 3 promoters, 2 passives, 1 detractors, NPS +33.3
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! An empty tally has no NPS: [`Tally::nps`] returns `None`, never `0`.
//!
//! # Typed answers
//!
//! A [`Score`] is a validated 0..=10 answer; a [`Response`] adds what is known about who gave it
//! (respondent, [`AccountId`], role, period, comment, and [`Segment`] labels such as
//! `branch = staffing`). With the `serde` feature a survey export deserializes straight into
//! `Vec<Response>`.
//!
//! ```
//! use nps_stats::{Response, Score, Tally};
//!
//! let responses = vec![
//!     Response::new(Score::try_from(9)?).with_account("ACME").with_role("decision maker"),
//!     Response::new(Score::try_from(4)?).with_account("ACME").with_role("end user"),
//!     Response::new(Score::try_from(10)?).with_account("Globex").with_role("end user"),
//! ];
//! let decision_makers: Tally = responses
//!     .iter()
//!     .filter(|r| r.role() == Some("decision maker"))
//!     .map(Response::score)
//!     .collect();
//! assert_eq!(decision_makers.nps(), Some(100.0));
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Merging: counts, not scores
//!
//! A [`Tally`] is an exact histogram, so partial tallies from threads, files or machines merge with
//! nothing lost. Averaging NPS values of segments or periods is a classic error (a segment of 10
//! answers would weigh as much as one of 1,000); merging tallies pools the counts, which is right.
//!
//! ```
//! use nps_stats::Tally;
//!
//! let north = Tally::from_scores(&[10, 10, 10, 10, 2])?;          // NPS +60 from 5 answers
//! let south = Tally::from_scores(&[9, 3, 3, 3, 3, 3, 3, 3, 8, 8])?; // NPS −60 from 10 answers
//! let all = (&north + &south)?;
//! assert_eq!(all.nps(), Some(-20.0));                            // not the average, 0
//!
//! // `+=` and `sum()` work on a `Result<Tally>` accumulator, so a mismatch is an error, not a panic.
//! let mut total: nps_stats::Result<Tally> = Ok(Tally::new());
//! total += &north;
//! total += &south;
//! assert_eq!(total?, all);
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Choosing a scale
//!
//! Use the [`Scale`] your survey asked. [`Scale::STANDARD`] (0–10) is the default; the Dutch
//! school-grade variant ([`Scale::DUTCH`], 1–10 with promoters from 8 and detractors up to 5) and a
//! five-point scale ([`Scale::FIVE_POINT`]) are built in, and [`Scale::new`] makes any other.
//! Tallies of different scales refuse to merge, because their NPS values are different quantities.
//!
//! ```
//! use nps_stats::{Scale, Tally};
//!
//! let dutch = Tally::from_scores_on(Scale::DUTCH, &[8, 8, 7, 5])?;
//! assert_eq!((dutch.promoters(), dutch.passives(), dutch.detractors()), (2, 1, 1));
//! assert_eq!(dutch.nps(), Some(25.0));
//!
//! let standard = Tally::from_scores(&[8, 8, 7, 5])?;
//! assert_eq!(standard.nps(), Some(-25.0)); // the same digits, a different statistic
//! assert!((dutch + standard).is_err());
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Weighting by account value
//!
//! In B2B one account can be worth a hundred others. A [`WeightedTally`] keeps per category the
//! count, Σw and Σw², which gives the weighted NPS beside the unweighted one and Kish's effective
//! sample size, so weighting never happens silently.
//!
//! ```
//! use nps_stats::{Score, WeightedTally};
//!
//! let mut by_value = WeightedTally::new();
//! by_value.add(Score::try_from(10)?, 2_000_000.0)?; // ARR of the account
//! by_value.add(Score::try_from(5)?, 40_000.0)?;
//! by_value.add(Score::try_from(6)?, 25_000.0)?;
//! let weighted = by_value.nps().unwrap();
//! let unweighted = by_value.tally().nps().unwrap();
//! assert!(weighted > 90.0 && unweighted < 0.0);
//! assert!(by_value.effective_n().unwrap() < 1.1); // one account carries the result
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Errors and panics
//!
//! Bad input is an [`Error`] that says what was wrong and what was expected; no function of this
//! crate panics on any input. Calls that can fail return [`Result`]:
//!
//! | call | returns | fails when |
//! |---|---|---|
//! | [`Score::new`], `Score::try_from`, `str::parse::<Score>` | `Result<Score>` | the value is not 0..=10 |
//! | [`Scale::new`] | `Result<Scale>` | cut-points are not ordered within 0..=10 |
//! | [`Scale::category`], [`Score::category_on`] | `Result<Category>` | the score is off the scale |
//! | [`Tally::from_scores`], [`Tally::from_scores_on`] | `Result<Tally>` | a byte is off the scale (names its position) |
//! | [`Tally::from_histogram`] | `Result<Tally>` | a count is off the scale, or the total overflows `u64` |
//! | [`Tally::add`], [`Tally::try_add`], [`Tally::add_count`], [`Tally::try_extend`] | `Result<()>` | the score is off the scale, or the total would overflow `u64` |
//! | [`Tally::merge`], `+`, `+=`, `sum()` on tallies | `Result<…>` | the scales differ, or the total would overflow `u64` |
//! | [`WeightedTally::add`], [`WeightedTally::try_add`] | `Result<()>` | the weight is not finite and > 0, a sum would overflow `f64`, or as `Tally::add` |
//! | [`WeightedTally::merge`] | `Result<()>` | as `Tally::merge`, or a weight sum would overflow `f64` |
//! | [`WeightedTally::from_parts`] | `Result<WeightedTally>` | the counts, Σw and Σw² cannot come from positive weights |
//! | deserializing any type (feature `serde`) | the format's error | the value breaks the type's invariant; the message is this crate's |
//!
//! Everything else is infallible. Statistics of an empty sample are `None`. A failed call leaves its
//! receiver unchanged: merges and additions are all or nothing.
//!
//! # Features
//!
//! - `serde`: `Serialize` and `Deserialize` for every public data type. Deserialization validates:
//!   score 42, weight −3 or a scale with crossed cut-points fail with this crate's message.
//!
//! # Trademarks
//!
//! Net Promoter®, NPS® and Net Promoter Score® are registered trademarks of Bain & Company, Inc.,
//! Satmetrix Systems, Inc. (now NICE Systems) and Fred Reichheld. This crate is not affiliated with
//! or endorsed by them.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::todo,
    clippy::unimplemented,
    rustdoc::broken_intra_doc_links
)]

mod category;
mod comparison;
mod compensated;
mod confidence;
mod error;
mod grouped;
mod interval;
mod kernel;
mod response;
mod rng;
mod scale;
mod score;
mod tally;
mod tally_ops;
mod wald;
mod weighted;

pub use category::Category;
pub use comparison::{Comparison, Test, compare_independent};
pub use confidence::Confidence;
pub use error::{Error, Result};
pub use interval::{Estimate, Interval, Method};
pub use response::{AccountId, Response, Segment};
pub use scale::Scale;
pub use score::Score;
pub use tally::Tally;
pub use weighted::WeightedTally;
