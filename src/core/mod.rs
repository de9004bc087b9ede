//! The typed core: what one answer is.
//!
//! A [`Score`] is a validated answer 0..=10; a [`Scale`] says which scores are detractors, passives
//! and promoters ([`Category`]); a [`Response`] is one answer with who gave it — respondent,
//! [`AccountId`], role, period, comment, and [`Segment`] labels. [`Month`] and [`Quarter`] are the
//! periods of a trend, [`Confidence`] is the level of every interval, and [`Points`] is a number of
//! NPS points, so that a target or a margin is never mistaken for a share.
//!
//! Every type here validates in its constructor: a value that exists is valid.
//!
//! ```
//! use nps_stats::core::Points;
//! use nps_stats::{Category, Confidence, Quarter, Response, Scale, Score};
//!
//! let score: Score = "9".parse()?;
//! assert_eq!(score.category(), Category::Promoter);
//! assert!(Score::try_from(11).is_err());
//!
//! // The Dutch school-grade variant, as people say it: 1–5 detract, 6–7 passive, 8–10 promote.
//! let dutch = Scale::from_ranges(1..=5, 6..=7, 8..=10)?;
//! assert_eq!(dutch, Scale::DUTCH);
//! assert_eq!(dutch.category(8)?, Category::Promoter);
//!
//! let answer = Response::new(score).with_account("ACME").with_period("2026-Q3");
//! assert_eq!(answer.period().map(str::parse::<Quarter>), Some(Ok(Quarter::new(2026, 3)?)));
//! assert!(Confidence::new(95.0).is_err()); // a level is a fraction: 0.95
//! assert_eq!(Points::from(-30).value(), -30.0); // a target is in points: −30
//! # Ok::<(), nps_stats::Error>(())
//! ```

pub(crate) mod account_id;
pub(crate) mod category;
#[cfg(feature = "serde")]
pub(crate) mod checked;
pub(crate) mod confidence;
pub(crate) mod duplicates;
pub(crate) mod period;
pub(crate) mod points;
pub(crate) mod response;
pub(crate) mod scale;
pub(crate) mod score;
pub(crate) mod segment;
pub(crate) mod text;

pub use self::account_id::AccountId;
pub use self::category::Category;
pub use self::confidence::Confidence;
pub use self::duplicates::Duplicates;
pub use self::period::{Month, Quarter};
pub use self::points::Points;
pub use self::response::Response;
pub use self::scale::Scale;
pub use self::score::Score;
pub use self::segment::Segment;
