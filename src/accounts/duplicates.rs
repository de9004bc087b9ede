//! Which answers count when a respondent answered more than once.

use core::cmp::Ordering;
use core::fmt;
use std::collections::HashMap;

use crate::core::Response;

use crate::error::{Error, Result};

/// The policy for repeated answers of one respondent (the same contact answering two waves, or a
/// survey tool that records a re-submission as a new row).
///
/// The policy is always explicit in the result of an account roll-up, and the number of answers it
/// removed is reported beside the estimate.
///
/// - [`KeepAll`](crate::accounts::Duplicates::KeepAll) (the default): every response counts, repeated or not. Right
///   for one survey wave in which nobody can answer twice, or when every answer is an event of its
///   own (transactional surveys).
/// - [`LatestPerRespondent`](crate::accounts::Duplicates::LatestPerRespondent): only the latest answer of each
///   respondent counts. Right for a relationship survey over several waves, where the question is
///   what each contact thinks *now*.
///
/// "Latest" is decided by the period label ([`Response::period`]) compared as text, which orders
/// ISO-like labels correctly (`2026-03` < `2026-11`, `2025-Q4` < `2026-Q1`, `2026-07-01` <
/// `2026-07-15`) but not others (`Q4-2025` > `Q1-2026`, `Sept` > `May`). For any other order give a
/// comparison with [`AccountRollup::order_by`](crate::accounts::AccountRollupBuilder::order_by), for example on a
/// timestamp segment. Ties (the same period twice) go to the answer that comes **later in the
/// input**, since exports list answers in the order they arrived: the result is deterministic.
///
/// Respondent ids are compared across accounts: a contact who moved to another customer keeps only
/// the latest answer, under the new account.
///
/// A respondent with several answers of which one has no period cannot be ordered by period: that
/// is [`Error::MissingPeriod`], not a guess. Answers without a respondent id cannot be recognised
/// as repeats: under `LatestPerRespondent` each of them counts as a respondent of its own, and the
/// roll-up reports how many there were ([`AccountRollup::without_respondent`](crate::accounts::AccountRollup::without_respondent)).
///
/// # Examples
///
/// ```
/// use nps_stats::{AccountRollup, Response, Score, accounts::Duplicates};
///
/// let responses = vec![
///     Response::new(Score::try_from(3)?).with_account("ACME").with_respondent("jane").with_period("2026-Q1"),
///     Response::new(Score::try_from(9)?).with_account("ACME").with_respondent("jane").with_period("2026-Q2"),
///     Response::new(Score::try_from(10)?).with_account("Globex").with_respondent("joe").with_period("2026-Q1"),
/// ];
/// let latest = AccountRollup::builder().duplicates(Duplicates::LatestPerRespondent).run(&responses)?;
/// assert_eq!(latest.responses, 2);
/// assert_eq!(latest.duplicates_removed, 1);
/// assert_eq!(latest.unweighted.nps, 100.0); // jane's Q2 answer replaced her Q1 answer
///
/// let all = AccountRollup::builder().run(&responses)?;
/// assert_eq!(all.responses, 3);
/// assert_eq!(Duplicates::LatestPerRespondent.to_string(), "latest answer per respondent");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Duplicates {
    /// Every response counts.
    #[default]
    KeepAll,
    /// Only the latest response of each respondent counts (by period label, or by the order given to
    /// [`AccountRollup::order_by`](crate::accounts::AccountRollupBuilder::order_by)); ties go to the later position in
    /// the input.
    LatestPerRespondent,
}

impl fmt::Display for Duplicates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Duplicates::KeepAll => "all answers",
            Duplicates::LatestPerRespondent => "latest answer per respondent",
        })
    }
}

/// A caller's order of responses: `Greater` means the first response is more recent.
pub(crate) type Recency<'a> = dyn Fn(&Response, &Response) -> Ordering + 'a;

/// The outcome of the duplicate policy: which positions count.
pub(crate) struct Kept {
    /// `keep[i]` is whether response `i` counts.
    pub(crate) keep: Vec<bool>,
    /// How many responses the policy removed.
    pub(crate) removed: usize,
    /// How many responses have no respondent id.
    pub(crate) without_respondent: usize,
}

/// Applies `policy` to `responses`, ordering repeats by `order` or else by period label.
pub(crate) fn apply(responses: &[Response], policy: Duplicates, order: Option<&Recency<'_>>) -> Result<Kept> {
    let without_respondent = responses.iter().filter(|r| r.respondent().is_none()).count();
    match policy {
        Duplicates::KeepAll => Ok(Kept { keep: vec![true; responses.len()], removed: 0, without_respondent }),
        Duplicates::LatestPerRespondent => {
            let mut latest: HashMap<&str, usize> = HashMap::new();
            for (position, response) in responses.iter().enumerate() {
                let Some(respondent) = response.respondent() else { continue };
                let Some(&best) = latest.get(respondent) else {
                    latest.insert(respondent, position);
                    continue;
                };
                let Some(current) = responses.get(best) else { continue };
                // Ties go to the later position, which is `position`.
                if recency(response, current, order, respondent)? != Ordering::Less {
                    latest.insert(respondent, position);
                }
            }
            let keep: Vec<bool> = responses
                .iter()
                .enumerate()
                .map(|(position, r)| r.respondent().is_none_or(|id| latest.get(id) == Some(&position)))
                .collect();
            let removed = keep.iter().filter(|&&k| !k).count();
            Ok(Kept { keep, removed, without_respondent })
        }
    }
}

/// How `later` (later in the input) compares in recency with `earlier`.
fn recency(
    later: &Response,
    earlier: &Response,
    order: Option<&Recency<'_>>,
    respondent: &str,
) -> Result<Ordering> {
    if let Some(order) = order {
        return Ok(order(later, earlier));
    }
    match (later.period(), earlier.period()) {
        (Some(a), Some(b)) => Ok(a.cmp(b)),
        _ => Err(Error::MissingPeriod { respondent: respondent.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Score;

    fn answer(score: u8, respondent: &str, period: Option<&str>) -> Response {
        let r = Response::new(Score::new(score).unwrap_or(Score::MIN)).with_respondent(respondent);
        match period {
            Some(p) => r.with_period(p),
            None => r,
        }
    }

    #[test]
    fn ties_go_to_the_later_position() -> Result<()> {
        let responses = [answer(1, "a", Some("2026-Q1")), answer(2, "a", Some("2026-Q1"))];
        let kept = apply(&responses, Duplicates::LatestPerRespondent, None)?;
        assert_eq!(kept.keep, [false, true]);
        assert_eq!(kept.removed, 1);
        Ok(())
    }

    #[test]
    fn earlier_period_later_in_input_loses() -> Result<()> {
        let responses = [answer(1, "a", Some("2026-Q2")), answer(2, "a", Some("2026-Q1"))];
        let kept = apply(&responses, Duplicates::LatestPerRespondent, None)?;
        assert_eq!(kept.keep, [true, false]);
        Ok(())
    }

    #[test]
    fn a_single_answer_needs_no_period() -> Result<()> {
        let responses = [answer(1, "a", None), answer(2, "b", Some("x"))];
        let kept = apply(&responses, Duplicates::LatestPerRespondent, None)?;
        assert_eq!(kept.keep, [true, true]);
        let repeated = [answer(1, "a", None), answer(2, "a", Some("x"))];
        assert_eq!(
            apply(&repeated, Duplicates::LatestPerRespondent, None).err(),
            Some(Error::MissingPeriod { respondent: "a".into() })
        );
        Ok(())
    }
}
