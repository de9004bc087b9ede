//! Accounts: the NPS when the customer is a company, answered by several contacts, worth more or less.
//!
//! [`AccountRollup::builder`](crate::AccountRollup::builder) collects the settings — account values
//! ([`PerAccount`]), what one unit is ([`Strategy`]), how it is weighted ([`Weighting`]), repeated
//! answers ([`Duplicates`](crate::core::Duplicates)), the variance ([`VarianceMethod`]: accounts as clusters by default),
//! the size of the customer base — and its finishing calls take the answers: `run` gives the
//! [`AccountRollup`] (weighted and unweighted NPS side by side, each a
//! [`DesignEstimate`], one [`AccountRow`] per account), `close_the_loop` the [`FollowUp`] lists
//! (detractor accounts ranked by value at risk), `coverage` the [`Coverage`] of accounts and
//! revenue.
//!
//! ```
//! use std::collections::HashMap;
//! use nps_stats::accounts::{Strategy, Weighting};
//! use nps_stats::{AccountRollup, Response, Score};
//!
//! let answer = |account: &str, score: u8| Ok::<_, nps_stats::Error>(Response::new(Score::try_from(score)?).with_account(account));
//! let responses = [answer("ACME", 9)?, answer("ACME", 3)?, answer("Globex", 10)?, answer("Initech", 6)?];
//! let arr = HashMap::from([("ACME", 2_000_000.0), ("Globex", 300_000.0), ("Initech", 50_000.0)]);
//!
//! let settings = AccountRollup::builder()
//!     .values(&arr)
//!     .strategy(Strategy::Account)
//!     .weighting(Weighting::AccountValue)
//!     .population(40); // 3 of our 40 accounts answered
//! let rollup = settings.run(&responses)?;
//! // ACME's mean is 0, Globex +1, Initech −1: by value (0 + 300k − 50k) / 2.35M.
//! assert!((rollup.weighted.nps - 100.0 * 250_000.0 / 2_350_000.0).abs() < 1e-9);
//! assert_eq!(rollup.unweighted.nps, 0.0);
//! let calls = settings.min_sample(1).close_the_loop(&responses)?;
//! assert_eq!(calls.call_first[0].account.as_str(), "ACME"); // half of €2M at risk
//! # Ok::<(), nps_stats::Error>(())
//! ```

pub(crate) mod builder;
pub(crate) mod cluster_bootstrap;
pub(crate) mod coverage;
pub(crate) mod design_variance;
pub(crate) mod follow_up;
pub(crate) mod prepare;
pub(crate) mod rollup;
pub(crate) mod single_contact;
pub(crate) mod strategy;
pub(crate) mod two_stage;
pub(crate) mod values;
pub(crate) mod variance;

pub use self::builder::AccountRollupBuilder;
pub use self::coverage::{AccountCoverage, Coverage};
pub use self::follow_up::{AccountFollowUp, Contact, FollowUp};
pub use self::rollup::{AccountRollup, AccountRow};
pub use self::single_contact::SingleContact;
pub use self::strategy::{Strategy, Weighting};
pub use self::values::PerAccount;
pub use self::variance::{DesignEstimate, StageVariances, VarianceMethod};
