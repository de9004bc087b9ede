//! Answers checked, de-duplicated and grouped by account: what every account analysis starts from.

use std::collections::HashMap;

use crate::accounts::values::{PerAccount, value_of};
use crate::core::duplicates::{self, Recency};
use crate::core::{AccountId, Category, Duplicates, Response, Scale, Score};
use crate::error::{Error, Result};

/// One kept answer with its score and category on the roll-up's scale (copied out of the response so
/// that the roll-up does not chase pointers).
#[derive(Debug, Clone, Copy)]
pub(crate) struct AccountAnswer<'r> {
    pub(crate) response: &'r Response,
    pub(crate) score: Score,
    pub(crate) category: Category,
    pub(crate) role: Option<&'r str>,
}

/// The kept answers of one account, in input order, with its validated value when values were given.
#[derive(Debug, Clone)]
pub(crate) struct AccountGroup<'r> {
    pub(crate) id: &'r AccountId,
    pub(crate) value: Option<f64>,
    pub(crate) answers: Vec<AccountAnswer<'r>>,
}

/// The checked, de-duplicated answers grouped by account, ordered by account id.
#[derive(Debug, Clone)]
pub(crate) struct Prepared<'r> {
    pub(crate) groups: Vec<AccountGroup<'r>>,
    pub(crate) kept: usize,
    pub(crate) removed: usize,
    pub(crate) without_respondent: usize,
}

/// Checks the responses (every one needs an account and a score on `scale`), applies the duplicate
/// policy, groups the kept answers by account (ordered by id) and attaches the validated `values`.
pub(crate) fn prepare<'r>(
    responses: &'r [Response],
    scale: Scale,
    policy: Duplicates,
    order: Option<&Recency<'_>>,
    values: Option<&dyn PerAccount<f64>>,
) -> Result<Prepared<'r>> {
    if responses.is_empty() {
        return Err(Error::EmptySample { what: "the responses" });
    }
    let mut categories = Vec::with_capacity(responses.len());
    for (position, response) in responses.iter().enumerate() {
        if response.account().is_none() {
            return Err(Error::MissingAccount { position });
        }
        categories.push(response.score().category_on(scale)?);
    }
    let kept = duplicates::kept(responses, policy, order)?;
    // Two passes: find each kept answer's account (and count per account), then fill vectors of
    // exactly the right size, so that no account's vector grows and copies.
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut ids: Vec<&'r AccountId> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut slots: Vec<usize> = Vec::with_capacity(responses.len());
    for (response, &keep) in responses.iter().zip(&kept.keep) {
        let Some(id) = response.account() else { continue };
        if !keep {
            continue;
        }
        let slot = *index.entry(id.as_str()).or_insert_with(|| {
            ids.push(id);
            counts.push(0);
            ids.len() - 1
        });
        if let Some(count) = counts.get_mut(slot) {
            *count += 1;
        }
        slots.push(slot);
    }
    let mut groups: Vec<AccountGroup<'r>> = ids
        .into_iter()
        .zip(counts)
        .map(|(id, count)| AccountGroup { id, value: None, answers: Vec::with_capacity(count) })
        .collect();
    let kept_answers = responses.iter().zip(&categories).zip(&kept.keep).filter(|(_, keep)| **keep);
    for (((response, &category), _), &slot) in kept_answers.zip(&slots) {
        if let Some(group) = groups.get_mut(slot) {
            group.answers.push(AccountAnswer {
                response,
                score: response.score(),
                category,
                role: response.role(),
            });
        }
    }
    groups.sort_by(|a, b| a.id.cmp(b.id));
    if let Some(values) = values {
        for group in &mut groups {
            group.value = Some(value_of(values, group.id)?);
        }
    }
    let kept_count = kept.keep.iter().filter(|&&k| k).count();
    Ok(Prepared {
        groups,
        kept: kept_count,
        removed: kept.removed,
        without_respondent: kept.without_respondent,
    })
}
