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
//! For many answers, a [`Survey`] holds them as columns — scores as bytes, every label as a code
//! into a dictionary of the distinct labels — in about 30 bytes an answer, and the analyses run on
//! it at the speed of the counting kernels. Every analysis reads responses and surveys alike
//! ([`Answers`]), with the same results; [`Duplicates`] is the one policy for repeated answers of a
//! respondent, shared by all of them.
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
//!
//! // Many answers: a columnar survey, each label stored once.
//! let responses = vec![answer.clone(), answer.clone().with_account("Globex"), answer];
//! let survey = nps_stats::core::Survey::from_responses(&responses)?;
//! assert_eq!(survey.accounts().codes(), &[0, 1, 0]);
//! assert_eq!(survey.accounts().labels().collect::<Vec<_>>(), ["ACME", "Globex"]);
//! # Ok::<(), nps_stats::Error>(())
//! ```

pub(crate) mod account_id;
pub(crate) mod answers;
pub(crate) mod category;
#[cfg(feature = "serde")]
pub(crate) mod checked;
pub(crate) mod confidence;
pub(crate) mod dictionary;
pub(crate) mod duplicates;
pub(crate) mod period;
pub(crate) mod points;
pub(crate) mod response;
pub(crate) mod scale;
pub(crate) mod score;
pub(crate) mod segment;
pub(crate) mod survey;
pub(crate) mod survey_builder;
pub(crate) mod text;

pub use self::account_id::AccountId;
pub use self::answers::Answers;
pub use self::category::Category;
pub use self::confidence::Confidence;
pub use self::duplicates::Duplicates;
pub use self::period::{Month, Quarter};
pub use self::points::Points;
pub use self::response::Response;
pub use self::scale::Scale;
pub use self::score::Score;
pub use self::segment::Segment;
pub use self::survey::{LabelColumn, Survey};
pub use self::survey_builder::{SurveyBuilder, SurveyRow};
