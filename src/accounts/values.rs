//! Data the caller keeps per account: values (ARR, revenue) and invitation counts.

use core::hash::{BuildHasher, Hash};
use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};

use crate::core::AccountId;
use crate::error::{Error, Result};
use crate::tally::{MAX_WEIGHT, MIN_WEIGHT};

/// Something that knows a `T` per account: a `HashMap` or `BTreeMap` keyed by account id (as
/// [`AccountId`], `String` or `&str`), or a closure `Fn(&AccountId) -> Option<T>`.
///
/// The account roll-up reads account values (`T = f64`: ARR, revenue, any positive number) and
/// invitation counts (`T = u64`) through this trait, so the caller's CRM data does not have to be
/// copied into a crate type. An account the source does not know is `None`, and the roll-up turns
/// that into an [`Error`] naming the account; nothing is dropped silently.
///
/// Maps can also list all their accounts ([`entries`](PerAccount::entries)), which revenue coverage
/// needs for the total value of the customer base; a closure cannot, so coverage asks for a map.
///
/// # Examples
///
/// ```
/// use std::collections::{BTreeMap, HashMap};
/// use nps_stats::{AccountId, accounts::PerAccount};
///
/// let arr: HashMap<&str, f64> = HashMap::from([("ACME", 2_000_000.0), ("Globex", 40_000.0)]);
/// assert_eq!(arr.get_for(&AccountId::from("ACME")), Some(2_000_000.0));
/// assert_eq!(arr.get_for(&AccountId::from("Initech")), None);
///
/// let invited: BTreeMap<AccountId, u64> = BTreeMap::from([(AccountId::from("ACME"), 12)]);
/// assert_eq!(invited.get_for(&AccountId::from("ACME")), Some(12));
///
/// // A closure, for values that live elsewhere (a database, a price list).
/// let flat = |_: &AccountId| Some(1_000.0);
/// assert_eq!(flat.get_for(&AccountId::from("anything")), Some(1_000.0));
/// assert_eq!(flat.entries(), None); // a closure cannot list its accounts
/// ```
pub trait PerAccount<T> {
    /// The `T` of `account`, or `None` when the source does not know the account.
    fn get_for(&self, account: &AccountId) -> Option<T>;

    /// Every account with its `T`, when the source can list them (maps can, closures cannot).
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use nps_stats::{AccountId, accounts::PerAccount};
    /// let values = BTreeMap::from([("B", 2.0), ("A", 1.0)]);
    /// assert_eq!(values.entries(), Some(vec![(AccountId::from("A"), 1.0), (AccountId::from("B"), 2.0)]));
    /// ```
    fn entries(&self) -> Option<Vec<(AccountId, T)>> {
        None
    }
}

impl<K, T, S> PerAccount<T> for HashMap<K, T, S>
where
    K: Borrow<str> + Hash + Eq,
    T: Copy,
    S: BuildHasher,
{
    fn get_for(&self, account: &AccountId) -> Option<T> {
        self.get(account.as_str()).copied()
    }

    fn entries(&self) -> Option<Vec<(AccountId, T)>> {
        Some(self.iter().map(|(key, &value)| (AccountId::from(key.borrow()), value)).collect())
    }
}

impl<K, T> PerAccount<T> for BTreeMap<K, T>
where
    K: Borrow<str> + Ord,
    T: Copy,
{
    fn get_for(&self, account: &AccountId) -> Option<T> {
        self.get(account.as_str()).copied()
    }

    fn entries(&self) -> Option<Vec<(AccountId, T)>> {
        Some(self.iter().map(|(key, &value)| (AccountId::from(key.borrow()), value)).collect())
    }
}

impl<T, F> PerAccount<T> for F
where
    F: Fn(&AccountId) -> Option<T>,
{
    fn get_for(&self, account: &AccountId) -> Option<T> {
        self(account)
    }
}

/// The validated value of `account`: present, and within the limits of a weight.
pub(crate) fn value_of(values: &dyn PerAccount<f64>, account: &AccountId) -> Result<f64> {
    let value =
        values.get_for(account).ok_or_else(|| Error::MissingAccountValue { account: account.clone() })?;
    check_value(account, value)
}

/// `value` if it is a valid account value, else an error naming the account. Account values are
/// weights, so they obey the limits of weights, [`MIN_WEIGHT`]..=[`MAX_WEIGHT`] (2⁻⁵¹¹ to 2⁵¹¹), in
/// every analysis that reads them: roll-ups, follow-up lists and coverage alike.
pub(crate) fn check_value(account: &AccountId, value: f64) -> Result<f64> {
    if (MIN_WEIGHT..=MAX_WEIGHT).contains(&value) {
        Ok(value)
    } else {
        Err(Error::InvalidAccountValue { account: account.clone(), value })
    }
}

#[cfg(feature = "serde")]
crate::core::checked::checked_number!(
    /// An account value read by a deserializer, within the limits of a weight (feature `serde`).
    checked_value, optional_checked_value, MIN_WEIGHT, MAX_WEIGHT, "account value", "a number from 2^-511 to 2^511"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_values_name_the_account() -> Result<()> {
        let values = BTreeMap::from([
            ("A", f64::NAN),
            ("B", 0.0),
            ("C", -1.0),
            ("D", f64::INFINITY),
            ("E", 3.0),
            ("G", 1e-200),
            ("H", 1e160),
        ]);
        for bad in ["A", "B", "C", "D", "G", "H"] {
            let result = value_of(&values, &AccountId::from(bad));
            assert!(
                matches!(result, Err(Error::InvalidAccountValue { ref account, .. }) if account.as_str() == bad)
            );
        }

        assert_eq!(value_of(&values, &AccountId::from("E")), Ok(3.0));
        let tiny = BTreeMap::from([("T", 1e-200), ("U", 2f64.powi(-511))]);
        assert_eq!(
            value_of(&tiny, &AccountId::from("T")),
            Err(Error::InvalidAccountValue { account: AccountId::from("T"), value: 1e-200 })
        );
        assert_eq!(value_of(&tiny, &AccountId::from("U")), Ok(2f64.powi(-511)));
        assert_eq!(
            value_of(&values, &AccountId::from("F")),
            Err(Error::MissingAccountValue { account: AccountId::from("F") })
        );
        Ok(())
    }
}
