//! Coverage: who answered, by count and by account value.

use core::fmt;
use std::collections::{HashMap, HashSet};

use crate::accounts::follow_up::money;
use crate::accounts::prepare::Prepared;
use crate::accounts::values::{PerAccount, check_value};
use crate::core::AccountId;
use crate::error::{Error, Result};
use crate::math::compensated::CompensatedSum;

/// One account of the customer base in a [`Coverage`](crate::accounts::Coverage).
///
/// ```
/// use std::collections::HashMap;
/// use nps_stats::{AccountRollup, Response, Score};
/// let responses = [Response::new(Score::MAX).with_account("ACME")];
/// let values = HashMap::from([("ACME", 10.0), ("Globex", 5.0)]);
/// let invited = HashMap::from([("ACME", 4u64), ("Globex", 3)]);
/// let coverage = AccountRollup::builder().values(&values).invitations(&invited).coverage(&responses)?;
/// let globex = &coverage.rows[1];
/// assert_eq!((globex.answers, globex.invitations, globex.response_rate), (0, Some(3), Some(0.0)));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AccountCoverage {
    /// The account.
    pub account: AccountId,
    /// Its value.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::accounts::values::checked_value"))]
    pub value: f64,
    /// Its answers (after the duplicate policy).
    pub answers: u64,
    /// Its invitations, when invitation counts were given and list it.
    pub invitations: Option<u64>,
    /// answers / invitations; `None` without an invitation count or with 0 invitations.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::core::checked::optional_share"))]
    pub response_rate: Option<f64>,
}

/// The coverage of a survey over the customer base, from
/// [`AccountRollup::coverage`](crate::accounts::AccountRollupBuilder::coverage).
///
/// **Revenue coverage** is the share of the total value of all accounts (the map given to `values`)
/// that belongs to accounts with at least one answer. It says how much of the business the NPS speaks
/// for: 40 of 200 accounts answering can still be 85 % of the revenue, or 5 %. It measures reach,
/// not representativeness: non-response can bias the NPS whatever the coverage.
///
/// # Examples
///
/// ```
/// use std::collections::BTreeMap;
/// use nps_stats::{AccountRollup, Response, Score};
///
/// let responses = [
///     Response::new(Score::MAX).with_account("ACME"),
///     Response::new(Score::MIN).with_account("ACME"),
///     Response::new(Score::MAX).with_account("Initech"),
/// ];
/// let customer_base = BTreeMap::from([("ACME", 600.0), ("Globex", 300.0), ("Initech", 100.0)]);
/// let invited = BTreeMap::from([("ACME", 5u64), ("Globex", 2), ("Initech", 1)]);
/// let coverage = AccountRollup::builder().values(&customer_base).invitations(&invited).coverage(&responses)?;
/// assert_eq!((coverage.accounts, coverage.accounts_answered), (3, 2));
/// assert_eq!(coverage.revenue_coverage, 0.7);
/// assert_eq!(coverage.response_rate, Some(3.0 / 8.0));
/// println!("{coverage}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Coverage {
    /// The number of accounts in the customer base.
    pub accounts: usize,
    /// The number of accounts with at least one answer.
    pub accounts_answered: usize,
    /// accounts_answered / accounts.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub account_coverage: f64,
    /// The total value of the customer base.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub total_value: f64,
    /// The value of the accounts with at least one answer.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub value_answered: f64,
    /// value_answered / total_value.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub revenue_coverage: f64,
    /// All answers (after the duplicate policy).
    pub answers: u64,
    /// The invitations of the accounts that have a count, when invitation counts were given.
    pub invitations: Option<u64>,
    /// The answers of those accounts / their invitations; `None` without invitations.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::core::checked::optional_share"))]
    pub response_rate: Option<f64>,
    /// Every account of the customer base, ordered by account id.
    pub rows: Vec<AccountCoverage>,
}

/// Coverage of the prepared answers over the customer base `all` (every responding account is in
/// it: preparing checked that each has a value).
pub(crate) fn coverage(
    prepared: &Prepared<'_>,
    mut all: Vec<(AccountId, f64)>,
    invitations: Option<&dyn PerAccount<u64>>,
) -> Result<Coverage> {
    all.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(pair) = all.windows(2).find(|pair| matches!(pair, [a, b] if a.0 == b.0))
        && let Some((account, _)) = pair.first()
    {
        return Err(Error::DuplicateAccount { account: account.clone() });
    }
    for (account, value) in &all {
        check_value(account, *value)?;
    }
    if let Some(listed) = invitations.and_then(PerAccount::entries) {
        let known: HashSet<&str> = all.iter().map(|(account, _)| account.as_str()).collect();
        if let Some((account, _)) = listed.iter().find(|(account, _)| !known.contains(account.as_str())) {
            return Err(Error::MissingAccountValue { account: account.clone() });
        }
    }
    let mut answered: HashMap<&str, u64> =
        prepared.groups.iter().map(|group| (group.id.as_str(), group.answers.len() as u64)).collect();
    let mut rows = Vec::with_capacity(all.len());
    let (mut total, mut reached) = (CompensatedSum::default(), CompensatedSum::default());
    let (mut answers, mut answers_invited, mut invited) = (0u64, 0u64, 0u64);
    let mut accounts_answered = 0;
    for (account, value) in all {
        let own = answered.remove(account.as_str()).unwrap_or(0);
        total = total.plus(value);
        answers += own;
        if own > 0 {
            reached = reached.plus(value);
            accounts_answered += 1;
        }
        let count = invitations.and_then(|counts| counts.get_for(&account));
        let response_rate = match (invitations, count) {
            (Some(_), None) if own > 0 => return Err(Error::MissingInvitations { account }),
            (_, Some(k)) if own > k => {
                return Err(Error::MoreAnswersThanInvitations { account, answers: own, invitations: k });
            }
            (_, Some(k)) => {
                invited = invited.checked_add(k).ok_or(Error::CountOverflow)?;
                answers_invited += own;
                (k > 0).then(|| own as f64 / k as f64)
            }
            (_, None) => None,
        };
        rows.push(AccountCoverage { account, value, answers: own, invitations: count, response_rate });
    }
    // Preparing looked up every responding account's value; a source whose list misses one of them
    // contradicts itself.
    if let Some(group) = prepared.groups.iter().find(|group| answered.contains_key(group.id.as_str())) {
        return Err(Error::MissingAccountValue { account: group.id.clone() });
    }
    let accounts = rows.len();
    // Finite: every value is at most 2⁵¹¹, and no map holds 2⁵¹² accounts.
    let (total_value, value_answered) = (total.value(), reached.value());
    Ok(Coverage {
        accounts,
        accounts_answered,
        account_coverage: accounts_answered as f64 / accounts as f64,
        total_value,
        value_answered,
        revenue_coverage: value_answered / total_value,
        answers,
        invitations: invitations.map(|_| invited),
        response_rate: invitations.and((invited > 0).then(|| answers_invited as f64 / invited as f64)),
        rows,
    })
}

impl fmt::Display for Coverage {
    /// The totals, then one aligned line per account.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "coverage: {} of {} accounts answered ({:.1}%), {} of {} in value ({:.1}%), {} answers",
            self.accounts_answered,
            self.accounts,
            100.0 * self.account_coverage,
            money(self.value_answered),
            money(self.total_value),
            100.0 * self.revenue_coverage,
            self.answers,
        )?;
        if let (Some(invited), Some(rate)) = (self.invitations, self.response_rate) {
            writeln!(f, "response rate {:.1}% of {invited} invitations", 100.0 * rate)?;
        }
        writeln!(f, "{:<16} {:>14} {:>8} {:>8} {:>8}", "account", "value", "answers", "invited", "rate")?;
        for row in &self.rows {
            let invited = row.invitations.map_or_else(|| "-".to_owned(), |k| k.to_string());
            let rate = row.response_rate.map_or_else(|| "-".to_owned(), |r| format!("{:.1}%", 100.0 * r));
            writeln!(
                f,
                "{:<16} {:>14} {:>8} {invited:>8} {rate:>8}",
                row.account.as_str(),
                money(row.value),
                row.answers
            )?;
        }
        Ok(())
    }
}
