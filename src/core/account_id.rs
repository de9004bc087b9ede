//! The identifier of a customer account.

use core::fmt;
use std::borrow::Borrow;

use smol_str::SmolStr;

/// The identifier of a customer account (a company, in B2B), as the caller's CRM spells it.
///
/// # Examples
///
/// ```
/// use nps_stats::AccountId;
///
/// let id = AccountId::from("ACME-001");
/// assert_eq!(id.as_str(), "ACME-001");
/// assert_eq!(id.to_string(), "ACME-001");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct AccountId(SmolStr);

impl AccountId {
    /// An account id from any text.
    ///
    /// ```
    /// let id = nps_stats::AccountId::new(String::from("A-17"));
    /// assert_eq!(id.as_str(), "A-17");
    /// ```
    pub fn new(id: impl AsRef<str>) -> AccountId {
        AccountId(SmolStr::new(id))
    }

    /// An account id from a label already held as a small string.
    #[cfg(feature = "serde")]
    pub(crate) fn from_label(id: SmolStr) -> AccountId {
        AccountId(id)
    }

    /// The id as text.
    ///
    /// ```
    /// assert_eq!(nps_stats::AccountId::from("A-17").as_str(), "A-17");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for AccountId {
    fn from(id: &str) -> AccountId {
        AccountId(SmolStr::new(id))
    }
}

impl From<String> for AccountId {
    fn from(id: String) -> AccountId {
        AccountId(SmolStr::from(id))
    }
}

impl Borrow<str> for AccountId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}
