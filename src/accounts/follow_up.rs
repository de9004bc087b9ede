//! Closing the loop: which accounts to call first, and which to ask for referrals.

use core::fmt;

use crate::accounts::prepare::{AccountGroup, Prepared};
use crate::core::{AccountId, Category, Scale, Score};
use crate::error::{Error, Result};
use crate::tally::Tally;

/// One answer as the account team needs it for a call: who, in which role, what score, what comment.
///
/// ```
/// use nps_stats::{AccountRollup, Category, Response, Score};
/// let responses = [Response::new(Score::try_from(3)?)
///     .with_account("ACME")
///     .with_respondent("jane@acme.example")
///     .with_role("decision maker")
///     .with_comment("Invoices are late every month.")];
/// let values = std::collections::HashMap::from([("ACME", 1e6)]);
/// let follow_up = AccountRollup::builder().values(&values).min_sample(1).close_the_loop(&responses)?;
/// let contact = &follow_up.call_first[0].contacts[0];
/// assert_eq!(contact.role.as_deref(), Some("decision maker"));
/// assert_eq!(contact.category, Category::Detractor);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Contact {
    /// The respondent id, if known.
    pub respondent: Option<String>,
    /// The respondent's role, if known.
    pub role: Option<String>,
    /// The score given.
    pub score: Score,
    /// Its category on the roll-up's scale.
    pub category: Category,
    /// The period label, if known.
    pub period: Option<String>,
    /// The free-text comment, if any.
    pub comment: Option<String>,
}

/// One account on a follow-up list.
///
/// ```
/// use nps_stats::{AccountRollup, Response, Score};
/// let responses = [
///     Response::new(Score::try_from(2)?).with_account("ACME"),
///     Response::new(Score::try_from(9)?).with_account("ACME"),
///     Response::new(Score::try_from(8)?).with_account("ACME"),
///     Response::new(Score::try_from(7)?).with_account("ACME"),
/// ];
/// let values = std::collections::HashMap::from([("ACME", 800_000.0)]);
/// let account = &AccountRollup::builder().values(&values).close_the_loop(&responses)?.call_first[0];
/// assert_eq!(account.value_at_risk, 200_000.0); // 800k × ¼ detractors
/// assert_eq!(account.value_promoting, 200_000.0);
/// assert_eq!(account.nps, 0.0);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AccountFollowUp {
    /// The account.
    pub account: AccountId,
    /// Its value.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::accounts::values::checked_value"))]
    pub value: f64,
    /// Its answers (after the duplicate policy).
    pub tally: Tally,
    /// The account's own NPS from them, in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::nps"))]
    pub nps: f64,
    /// Value × the share of its answers that are detractors.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub value_at_risk: f64,
    /// Value × the share of its answers that are promoters.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub value_promoting: f64,
    /// The answers: on the call list lowest score first, on the referral list highest first, and
    /// otherwise in input order.
    pub contacts: Vec<Contact>,
}

/// The follow-up lists of [`AccountRollupBuilder::close_the_loop`](crate::accounts::AccountRollupBuilder::close_the_loop).
///
/// Rules (every account with at least `min_sample` answers is scored; the others are listed apart):
///
/// - **`call_first`**: the accounts with at least one detractor answer, ranked by **value at risk** =
///   account value × the account's share of detractor answers, highest first (ties: higher value, then
///   account id). A €2M account where one of four contacts is a detractor (€500k at risk) comes before
///   a €100k account where everyone is (€100k). The share, not the count, so that surveying more
///   contacts of an account does not push it up the list.
/// - **`ask_for_referrals`**: the accounts without detractors and with at least one promoter, ranked
///   by account value × promoter share (ties as above): happy, valuable customers to ask for
///   referrals and case studies.
/// - **`insufficient`**: accounts with fewer than `min_sample` answers, highest value first: too thin
///   to score or rank, but listed with their contacts and comments so nobody is missed.
///
/// Accounts with only passive answers appear on no list.
///
/// # Examples
///
/// ```
/// use std::collections::HashMap;
/// use nps_stats::{AccountRollup, Response, Score};
///
/// let answer = |score: u8, account: &str| -> nps_stats::Result<Response> {
///     Ok(Response::new(Score::try_from(score)?).with_account(account))
/// };
/// let responses = [
///     answer(9, "Big")?, answer(9, "Big")?, answer(8, "Big")?, answer(3, "Big")?, // ¼ detractors of 2M
///     answer(2, "Small")?, answer(1, "Small")?,                                  // all of 100k
///     answer(10, "Happy")?, answer(9, "Happy")?,
///     answer(0, "New")?,                                                          // one answer only
/// ];
/// let values = HashMap::from([("Big", 2e6), ("Small", 1e5), ("Happy", 3e5), ("New", 5e4)]);
/// let follow_up = AccountRollup::builder().values(&values).close_the_loop(&responses)?;
/// let calls: Vec<&str> = follow_up.call_first.iter().map(|a| a.account.as_str()).collect();
/// assert_eq!(calls, ["Big", "Small"]);
/// assert_eq!(follow_up.ask_for_referrals[0].account.as_str(), "Happy");
/// assert_eq!(follow_up.insufficient[0].account.as_str(), "New");
/// println!("{follow_up}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct FollowUp {
    /// Detractor accounts, highest value at risk first.
    pub call_first: Vec<AccountFollowUp>,
    /// Promoter accounts without detractors, highest promoting value first.
    pub ask_for_referrals: Vec<AccountFollowUp>,
    /// Accounts with too few answers to score, highest value first.
    pub insufficient: Vec<AccountFollowUp>,
    /// The threshold used.
    pub min_sample: u64,
}

/// Builds the follow-up lists from prepared answers (values attached).
pub(crate) fn follow_up(prepared: &Prepared<'_>, min_sample: u64, scale: Scale) -> Result<FollowUp> {
    let mut call_first = Vec::new();
    let mut ask_for_referrals = Vec::new();
    let mut insufficient = Vec::new();
    for group in &prepared.groups {
        let account = follow_up_of(group, scale)?;
        if (group.answers.len() as u64) < min_sample {
            insufficient.push(account);
        } else if account.tally.detractors() > 0 {
            call_first.push(account);
        } else if account.tally.promoters() > 0 {
            ask_for_referrals.push(account);
        }
    }
    let by = |key: fn(&AccountFollowUp) -> f64| {
        move |a: &AccountFollowUp, b: &AccountFollowUp| {
            key(b)
                .total_cmp(&key(a))
                .then(b.value.total_cmp(&a.value))
                .then_with(|| a.account.cmp(&b.account))
        }
    };
    call_first.sort_by(by(|a| a.value_at_risk));
    for account in &mut call_first {
        account.contacts.sort_by_key(|c| c.score);
    }
    ask_for_referrals.sort_by(by(|a| a.value_promoting));
    for account in &mut ask_for_referrals {
        account.contacts.sort_by_key(|c| core::cmp::Reverse(c.score));
    }
    insufficient.sort_by(by(|a| a.value));
    Ok(FollowUp { call_first, ask_for_referrals, insufficient, min_sample })
}

fn follow_up_of(group: &AccountGroup<'_>, scale: Scale) -> Result<AccountFollowUp> {
    let value =
        group.value.ok_or(Error::AccountValuesRequired { purpose: "close the loop (value at risk)" })?;
    let mut tally = Tally::with_scale(scale);
    let mut contacts = Vec::with_capacity(group.answers.len());
    for answer in &group.answers {
        tally.add(answer.score)?;
        contacts.push(Contact {
            respondent: answer.respondent.map(str::to_owned),
            role: answer.role.map(str::to_owned),
            score: answer.score,
            category: answer.category,
            period: answer.period.map(str::to_owned),
            comment: answer.comment.map(str::to_owned),
        });
    }
    let n = tally.total() as f64;
    let (promoters, detractors) = (tally.promoters() as f64 / n, tally.detractors() as f64 / n);
    Ok(AccountFollowUp {
        account: group.id.clone(),
        value,
        nps: 100.0 * (promoters - detractors),
        value_at_risk: value * detractors,
        value_promoting: value * promoters,
        tally,
        contacts,
    })
}

/// An amount with at most two decimals and no trailing zeros: `666666.67`, `850000`, `1.5`.
pub(crate) fn money(amount: f64) -> String {
    let text = format!("{amount:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

impl fmt::Display for FollowUp {
    /// Three sections, each an aligned table of accounts followed by their contacts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sections: [(&str, &[AccountFollowUp], &str); 3] = [
            ("call first (detractor accounts by value at risk)", &self.call_first, "at risk"),
            (
                "ask for referrals (promoter accounts by promoting value)",
                &self.ask_for_referrals,
                "promoting",
            ),
            ("insufficient signal (fewer answers than the threshold)", &self.insufficient, ""),
        ];
        for (title, accounts, measure) in sections {
            writeln!(f, "{title}: {} accounts", accounts.len())?;
            if accounts.is_empty() {
                continue;
            }
            writeln!(f, "  {:<16} {:>14} {:>14} {:>5} {:>7}", "account", "value", measure, "n", "NPS")?;
            for account in accounts {
                let amount = match measure {
                    "at risk" => money(account.value_at_risk),
                    "promoting" => money(account.value_promoting),
                    _ => String::new(),
                };
                // Thin accounts are listed, not scored.
                let nps = if measure.is_empty() { "-".to_owned() } else { format!("{:+.1}", account.nps) };
                writeln!(
                    f,
                    "  {:<16} {:>14} {amount:>14} {:>5} {nps:>7}",
                    account.account.as_str(),
                    money(account.value),
                    account.tally.total(),
                )?;
                for contact in &account.contacts {
                    let line = format!(
                        "      {:>2} {:<10} {:<20} {:<16} {}",
                        contact.score,
                        contact.category,
                        contact.respondent.as_deref().unwrap_or("-"),
                        contact.role.as_deref().unwrap_or("-"),
                        contact.comment.as_deref().unwrap_or(""),
                    );
                    writeln!(f, "{}", line.trim_end())?;
                }
            }
        }
        Ok(())
    }
}
