//! Answers checked, de-duplicated and grouped by account: what every account analysis starts from.

use core::cmp::Ordering;

use crate::accounts::values::{PerAccount, value_of};
use crate::core::dictionary::MISSING;
use crate::core::duplicates::{Kept, kept_in};
use crate::core::survey::Survey;
use crate::core::{AccountId, Category, Duplicates, Scale, Score};
use crate::error::{Error, Result};
use crate::tally::kernel::check_scores;

/// One kept answer with its score and category on the roll-up's scale and its labels, borrowed from
/// the survey's dictionaries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AccountAnswer<'s> {
    pub(crate) score: Score,
    pub(crate) category: Category,
    pub(crate) respondent: Option<&'s str>,
    pub(crate) role: Option<&'s str>,
    pub(crate) period: Option<&'s str>,
    pub(crate) comment: Option<&'s str>,
}

/// The kept answers of one account, in input order, with its validated value when values were given.
#[derive(Debug, Clone)]
pub(crate) struct AccountGroup<'s> {
    pub(crate) id: AccountId,
    /// The account's code in the survey.
    pub(crate) code: u32,
    pub(crate) value: Option<f64>,
    pub(crate) answers: Vec<AccountAnswer<'s>>,
}

/// The checked, de-duplicated answers grouped by account, ordered by account id.
#[derive(Debug, Clone)]
pub(crate) struct Prepared<'s> {
    pub(crate) groups: Vec<AccountGroup<'s>>,
    pub(crate) kept: usize,
    pub(crate) removed: usize,
    pub(crate) without_respondent: usize,
}

/// Checks the answers (every one needs an account and a score on `scale`, the first that does not
/// is the error), applies the duplicate policy (`order(later, earlier)` compares two rows when the
/// caller gave an order), and returns every account of the survey, ordered by id, without answers.
pub(crate) fn checked<'s>(
    survey: &'s Survey,
    scale: Scale,
    policy: Duplicates,
    order: Option<&dyn Fn(usize, usize) -> Ordering>,
) -> Result<(Vec<AccountGroup<'s>>, Kept)> {
    if survey.is_empty() {
        return Err(Error::EmptySample { what: "the responses" });
    }
    let accounts = &survey.accounts;
    // Vectorized checks first; the row-by-row search only finds which answer failed first.
    if accounts.codes.contains(&MISSING) || check_scores(scale, survey.scores(), 0).is_err() {
        for (position, (&code, &raw)) in accounts.codes.iter().zip(survey.scores()).enumerate() {
            if code == MISSING {
                return Err(Error::MissingAccount { position });
            }
            scale.category(raw)?;
        }
    }
    let kept = kept_in(survey, policy, order)?;
    let mut groups: Vec<AccountGroup<'s>> = accounts
        .dictionary
        .labels()
        .zip(0u32..)
        .map(|(label, code)| AccountGroup {
            id: AccountId::from(label),
            code,
            value: None,
            answers: Vec::new(),
        })
        .collect();
    groups.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((groups, kept))
}

/// Gives every group its validated value (an error names the first account, in id order, whose
/// value is missing or invalid).
pub(crate) fn attach_values(
    groups: &mut [AccountGroup<'_>],
    values: Option<&dyn PerAccount<f64>>,
) -> Result<()> {
    if let Some(values) = values {
        for group in groups {
            group.value = Some(value_of(values, &group.id)?);
        }
    }
    Ok(())
}

/// [`checked`], with every kept answer in its account's group. Accounts whose every answer the
/// duplicate policy removed keep no group.
pub(crate) fn prepare<'s>(
    survey: &'s Survey,
    scale: Scale,
    policy: Duplicates,
    order: Option<&dyn Fn(usize, usize) -> Ordering>,
    values: Option<&dyn PerAccount<f64>>,
) -> Result<Prepared<'s>> {
    let (mut groups, kept) = checked(survey, scale, policy, order)?;
    // Each account's group by code, then each kept answer into its group, in input order.
    let mut slot_of = vec![usize::MAX; groups.len()];
    for (slot, group) in groups.iter().enumerate() {
        if let Some(at) = slot_of.get_mut(group.code as usize) {
            *at = slot;
        }
    }
    let mut counts = vec![0usize; groups.len()];
    for (&code, _) in survey.accounts.codes.iter().zip(&kept.keep).filter(|(_, keep)| **keep) {
        if let Some(count) = slot_of.get(code as usize).and_then(|&slot| counts.get_mut(slot)) {
            *count += 1;
        }
    }
    for (group, &count) in groups.iter_mut().zip(&counts) {
        group.answers.reserve_exact(count);
    }
    for (row, (&code, &keep)) in survey.accounts.codes.iter().zip(&kept.keep).enumerate() {
        let (true, Some(group)) = (keep, slot_of.get(code as usize).and_then(|&slot| groups.get_mut(slot)))
        else {
            continue;
        };
        let raw = survey.scores().get(row).copied().unwrap_or_default();
        group.answers.push(AccountAnswer {
            score: Score::new(raw)?,
            category: scale.category(raw)?,
            respondent: survey.respondents.get(row),
            role: survey.roles.get(row),
            period: survey.periods.get(row),
            comment: survey.comment(row),
        });
    }
    groups.retain(|group| !group.answers.is_empty());
    attach_values(&mut groups, values)?;
    let kept_count = kept.keep.iter().filter(|&&k| k).count();
    Ok(Prepared {
        groups,
        kept: kept_count,
        removed: kept.removed,
        without_respondent: kept.without_respondent,
    })
}
