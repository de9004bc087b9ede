//! The two-stage variance of a weighted NPS: accounts sampled from the customer base, contacts
//! sampled within accounts.
//!
//! With the answers' codings c_k, weights w_k and R̂ = Σw_k c_k / Σw_k, the linearized values are
//! z_k = w_k(c_k − R̂)/Σw. Summed per account, Z_a = Σ_{k∈a} z_k; summed per contact of account a,
//! t_aj. With n of N accounts answering and m_a of M_a contacts of account a:
//!
//! ```text
//! V1 = (1 − n/N)·n/(n − 1)·Σ_a (Z_a − Z̄)²                              (0 when n = N)
//! V2 = (n/N)·Σ_a (1 − m_a/M_a)·m_a/(m_a − 1)·Σ_j (t_aj − Z_a/m_a)²       (0 for m_a = M_a)
//! ```
//!
//! An account with m_a = 1 < M_a follows the [`SingleContact`] policy: 0 (`Zero`), (n/N)·(1 − 1/M_a)·
//! t_a1² (`Adjust`) or an error (`Refuse`). This is exactly what R's `survey` computes for
//! `svymean(~y, svydesign(ids = ~account + contact, fpc = ~N + M, weights = ~w))`: `svymean` forms the
//! z_k, `svyrecvar` → `multistage` applies `onestage`/`onestrat` per stage, scales each account's
//! second-stage term by the first-stage sampling fraction n/N, and returns 0 for a stage whose
//! sampling fraction is 1 (T. Lumley, `survey` 4.1-1, `R/multistage.R`). Textbook form: Särndal,
//! Swensson & Wretman (1992), *Model Assisted Survey Sampling*, §4.3 (two-stage sampling) applied to
//! the linearized values of the ratio estimator (§5.5–5.6).

use std::collections::HashMap;

use crate::accounts::SingleContact;
use crate::accounts::design_variance::{largest_weight, ratio, rescaled, unit_count};
use crate::accounts::variance::Observation;
use crate::accounts::{DesignEstimate, StageVariances, VarianceMethod};
use crate::core::{AccountId, Confidence};
use crate::error::{Error, Result};
use crate::inference::Interval;
use crate::math::compensated::CompensatedSum;

/// One answer of a two-stage design: its account (`cluster`), its contact within the account, its
/// coding on −1..=1 and its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ContactAnswer {
    pub(crate) cluster: usize,
    pub(crate) contact: usize,
    pub(crate) coding: f64,
    pub(crate) weight: f64,
}

/// The first-stage population and one account's design: its id (for errors) and its invited
/// contacts M_a.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TwoStageDesign<'d> {
    pub(crate) population: Option<u64>,
    pub(crate) accounts: &'d [(&'d AccountId, u64)],
    pub(crate) single_contact: SingleContact,
    pub(crate) level: Confidence,
}

/// The contact index of every answer within its account: answers of one respondent id share a
/// contact; an answer without a respondent id is a contact of its own.
pub(crate) fn contact_indices<'r>(respondents: impl Iterator<Item = Option<&'r str>>) -> Vec<usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut next = 0;
    respondents
        .map(|respondent| {
            let fresh = next;
            let index = match respondent {
                Some(id) => *seen.entry(id).or_insert(fresh),
                None => fresh,
            };
            if index == fresh {
                next += 1;
            }
            index
        })
        .collect()
}

/// The design estimate of the ratio of `units` (for the NPS and Kish's n) with the two-stage variance
/// computed from `answers` (the same estimate, answer by answer).
pub(crate) fn estimate(
    units: &[Observation],
    answers: &[ContactAnswer],
    design: TwoStageDesign<'_>,
) -> Result<DesignEstimate> {
    // Weights divided by the largest unit weight, in the units and the answers alike, so that no sum
    // overflows whatever the account values (every statistic is a ratio of weight sums).
    let largest = largest_weight(units);
    let units = &rescaled(units);
    let answers: Vec<ContactAnswer> =
        answers.iter().map(|answer| ContactAnswer { weight: answer.weight / largest, ..*answer }).collect();
    let answers = answers.as_slice();
    let (unit_ratio, _, effective_n) = ratio(units).ok_or(Error::EmptySample { what: "the roll-up" })?;
    let population = design.population.ok_or(Error::SettingRequired {
        setting: "population",
        purpose: "the two-stage variance (the number of accounts in the customer base)",
    })?;
    let n = design.accounts.len();
    let sampled = n as u64;
    if population < sampled {
        return Err(Error::PopulationTooSmall { population, sampled });
    }
    if n < 2 {
        return Err(Error::TooFewForVariance { what: "accounts", found: sampled });
    }
    let stages = variance(answers, population, design)?;
    let nps = 100.0 * unit_ratio;
    let std_error = (stages.between_accounts + stages.within_accounts).max(0.0).sqrt();
    let df = (n - 1) as f64;
    let half_width = design.level.t(df)? * std_error;
    Ok(DesignEstimate {
        nps,
        // Alike answers share one unit with their count.
        n: unit_count(units),
        clusters: sampled,
        effective_n,
        std_error,
        degrees_of_freedom: Some(df),
        interval: Interval::around(nps, half_width, design.level, 100.0),
        method: VarianceMethod::TwoStage,
        population: Some(population),
        stages: Some(stages),
    })
}

/// V1 and V2 (in points²) of `answers` under `design`, with the contact counts and the single-contact
/// accounts. Every account index of `answers` is below `design.accounts.len()` (≥ 2 ≤ population).
fn variance(
    answers: &[ContactAnswer],
    population: u64,
    design: TwoStageDesign<'_>,
) -> Result<StageVariances> {
    let (mut wy, mut w) = (CompensatedSum::default(), CompensatedSum::default());
    for answer in answers {
        wy = wy.plus(answer.weight * answer.coding);
        w = w.plus(answer.weight);
    }
    let total = w.value();
    let mean = wy.value() / total;
    // Per account, the contact totals t_aj of z_k = w_k(c_k − R̂)/Σw.
    let mut contacts: Vec<Vec<CompensatedSum>> = vec![Vec::new(); design.accounts.len()];
    for answer in answers {
        if let Some(account) = contacts.get_mut(answer.cluster) {
            if account.len() <= answer.contact {
                account.resize(answer.contact + 1, CompensatedSum::default());
            }
            if let Some(sum) = account.get_mut(answer.contact) {
                *sum = sum.plus(answer.weight * (answer.coding - mean) / total);
            }
        }
    }
    let n = design.accounts.len() as f64;
    let big_n = population as f64;
    let account_totals: Vec<f64> = contacts
        .iter()
        .map(|account| account.iter().fold(CompensatedSum::default(), |s, t| s.plus(t.value())).value())
        .collect();
    let between = if design.accounts.len() as u64 == population {
        0.0 // a census of accounts: survey returns exactly 0 for a stage sampled completely
    } else {
        let z_bar = account_totals.iter().fold(CompensatedSum::default(), |s, &z| s.plus(z)).value() / n;
        let squares =
            account_totals.iter().fold(CompensatedSum::default(), |s, &z| s.plus((z - z_bar) * (z - z_bar)));
        (1.0 - n / big_n) * n / (n - 1.0) * squares.value()
    };
    let mut within = CompensatedSum::default();
    let (mut answered, mut invited, mut single) = (0u64, 0u64, 0u64);
    for ((account, totals), &(id, eligible)) in contacts.iter().zip(&account_totals).zip(design.accounts) {
        let m = account.len() as u64;
        if m > eligible {
            return Err(Error::MoreAnswersThanInvitations {
                account: id.clone(),
                answers: m,
                invitations: eligible,
            });
        }
        answered += m;
        invited = invited.saturating_add(eligible);
        if m == eligible {
            continue; // every invited contact answered: nothing sampled within this account
        }
        let fraction = 1.0 - m as f64 / eligible as f64;
        let term = if m == 1 {
            single += 1;
            let only = account.first().map_or(0.0, |t| t.value());
            match design.single_contact {
                SingleContact::Adjust => fraction * only * only,
                SingleContact::Zero => 0.0,
                SingleContact::Refuse => {
                    return Err(Error::SingleContactAccount { account: id.clone(), invitations: eligible });
                }
            }
        } else {
            let mf = m as f64;
            let centre = totals / mf;
            let squares = account.iter().fold(CompensatedSum::default(), |s, t| {
                let d = t.value() - centre;
                s.plus(d * d)
            });
            fraction * mf / (mf - 1.0) * squares.value()
        };
        within = within.plus(term);
    }
    Ok(StageVariances {
        between_accounts: 1e4 * between,
        within_accounts: 1e4 * n / big_n * within.value(),
        contacts: answered,
        invited,
        single_contact_accounts: single,
        single_contact: design.single_contact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respondents_share_a_contact_and_anonymous_answers_do_not() {
        let ids = [Some("a"), None, Some("b"), Some("a"), None, Some("b")];
        assert_eq!(contact_indices(ids.into_iter()), [0, 1, 2, 0, 3, 2]);
    }

    #[test]
    fn hand_worked_census_of_two_accounts() -> Result<()> {
        // Account 0: contacts +1 and −1 of 4 invited; account 1: +1 and +1 of 2 (complete).
        // R̂ = 2/4 = ½; z = (½, −3/2, ½, ½)/4 = (⅛, −⅜, ⅛, ⅛). Account 0: Z = −¼, centre −⅛,
        // Σ(t − centre)² = (¼)² + (¼)² = ⅛; term (1 − 2/4)·2/1·⅛ = ⅛. n/N = 1: V = ⅛ on −1..=1.
        let answers = [
            ContactAnswer { cluster: 0, contact: 0, coding: 1.0, weight: 1.0 },
            ContactAnswer { cluster: 0, contact: 1, coding: -1.0, weight: 1.0 },
            ContactAnswer { cluster: 1, contact: 0, coding: 1.0, weight: 1.0 },
            ContactAnswer { cluster: 1, contact: 1, coding: 1.0, weight: 1.0 },
        ];
        let (a, b) = (AccountId::from("a"), AccountId::from("b"));
        let accounts = [(&a, 4), (&b, 2)];
        let design = TwoStageDesign {
            population: Some(2),
            accounts: &accounts,
            single_contact: SingleContact::Refuse,
            level: Confidence::NINETY_FIVE,
        };
        let stages = variance(&answers, 2, design)?;
        assert_eq!(stages.between_accounts, 0.0);
        assert!((stages.within_accounts - 1e4 / 8.0).abs() < 1e-9);
        assert_eq!((stages.contacts, stages.invited, stages.single_contact_accounts), (4, 6, 0));
        Ok(())
    }
}
