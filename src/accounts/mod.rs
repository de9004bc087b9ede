//! Accounts.

pub(crate) mod builder;
pub(crate) mod cluster_bootstrap;
pub(crate) mod coverage;
pub(crate) mod design_variance;
pub(crate) mod duplicates;
pub(crate) mod follow_up;
pub(crate) mod prepare;
pub(crate) mod rollup;
pub(crate) mod strategy;
pub(crate) mod values;
pub(crate) mod variance;

pub use self::builder::AccountRollupBuilder;
pub use self::coverage::{AccountCoverage, Coverage};
pub use self::duplicates::Duplicates;
pub use self::follow_up::{AccountFollowUp, Contact, FollowUp};
pub use self::rollup::{AccountRollup, AccountRow};
pub use self::strategy::{Strategy, Weighting};
pub use self::values::PerAccount;
pub use self::variance::{DesignEstimate, VarianceMethod};
