//! What counts as the same unit between two samples.

use crate::core::Response;
use core::fmt;

/// What counts as "the same" between two samples: the respondent, or the account (customer company).
///
/// Answers without the chosen id are each their own unit: they are never paired with anything.
///
/// # Examples
///
/// ```
/// use nps_stats::{Response, Score, analysis::Unit};
///
/// let answer = Response::new(Score::MAX).with_respondent("jane@acme.example").with_account("ACME");
/// assert_eq!(Unit::Respondent.id(&answer), Some("jane@acme.example"));
/// assert_eq!(Unit::Account.id(&answer), Some("ACME"));
/// assert_eq!(Unit::default(), Unit::Respondent);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Unit {
    /// The same respondent ([`Response::respondent`]). The default.
    #[default]
    Respondent,
    /// The same account ([`Response::account`]), whoever answered for it.
    Account,
}

impl Unit {
    /// The unit id of an answer, if it has one.
    ///
    /// ```
    /// use nps_stats::{Response, Score, analysis::Unit};
    /// assert_eq!(Unit::Account.id(&Response::new(Score::MAX)), None);
    /// ```
    pub fn id(self, response: &Response) -> Option<&str> {
        match self {
            Unit::Respondent => response.respondent(),
            Unit::Account => response.account().map(crate::core::AccountId::as_str),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Unit::Respondent => "respondent",
            Unit::Account => "account",
        })
    }
}
