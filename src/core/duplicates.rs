//! Which answers count when a respondent answered more than once, and the one order of "latest".

use core::cmp::Ordering;
use core::fmt;
use std::collections::{HashMap, HashSet};

use crate::core::{Month, Quarter, Response};

use crate::error::{Error, Result};

/// The policy for repeated answers of one respondent (the same contact answering two waves, or a
/// survey tool that records a re-submission as a new row), shared by
/// [`AccountRollup`](crate::AccountRollup), [`Breakdown`](crate::Breakdown) and
/// [`Trend`](crate::Trend): each has a `duplicates` setting, and each result reports what the
/// policy did.
///
/// - [`KeepAll`](Duplicates::KeepAll) (the default): every response counts, repeated or not. Right
///   for one survey wave in which nobody can answer twice, or when every answer is an event of its
///   own (transactional surveys). Results then count the answers that repeat a respondent already
///   counted (`repeated`), because their interval treats them as independent answers.
/// - [`LatestPerRespondent`](Duplicates::LatestPerRespondent): only the latest answer of each
///   respondent counts. Right for a relationship survey over several waves, where the question is
///   what each contact thinks *now*.
///
/// "Latest" has one meaning in every API: the period labels ([`Response::period`]) are **parsed**
/// and compared in time, never as text, so `2026-q1` comes before `2026-Q4` and ` 2027-Q1` after
/// both. A label is a quarter (`2026-Q3`, `2026-q3`), a month (`2026-07`) or a date (`2026-07-15`);
/// the first label compared fixes which, and a label that does not parse as that kind is an
/// [`Error::ParsePeriod`] (only labels that are compared must parse: a respondent who answered once
/// needs none). A trend orders the answers of one window by its own periods, which is the same
/// order. Ties (the same period twice) go to the answer that comes **later in the input**, since
/// exports list answers in the order they arrived: the result is deterministic. For any other
/// order (a timestamp segment, say) give a comparison with
/// [`AccountRollupBuilder::order_by`](crate::accounts::AccountRollupBuilder::order_by).
///
/// Respondent ids are compared across accounts: a contact who moved to another customer keeps only
/// the latest answer, under the new account. A respondent with several answers of which one has no
/// period cannot be ordered: that is [`Error::MissingPeriod`], not a guess. Answers without a
/// respondent id (none given, or an empty one) cannot be recognised as repeats: each counts as a
/// respondent of its own.
///
/// # Examples
///
/// ```
/// use nps_stats::{AccountRollup, Breakdown, Quarter, Response, Score, Trend, analysis::Window, core::Duplicates};
///
/// let answer = |score: u8, who: &str, period: &str| -> nps_stats::Result<Response> {
///     Ok(Response::new(Score::try_from(score)?).with_account(who).with_respondent(who).with_period(period))
/// };
/// // jane answered in Q4 and, labelled in lower case, in Q1: Q4 is later, whatever the letters.
/// let responses = vec![answer(10, "jane", "2026-Q4")?, answer(3, "jane", "2026-q1")?, answer(9, "joe", "2026-Q1")?];
///
/// let latest = Duplicates::LatestPerRespondent.apply(&responses)?;
/// assert_eq!(latest.iter().map(|r| u8::from(r.score())).collect::<Vec<_>>(), [10, 9]);
///
/// let rollup = AccountRollup::builder().duplicates(Duplicates::LatestPerRespondent).run(&responses)?;
/// let breakdown = Breakdown::builder().duplicates(Duplicates::LatestPerRespondent).by_dimension(&responses, "role")?;
/// let trend = Trend::builder()
///     .duplicates(Duplicates::LatestPerRespondent)
///     .window(Window::Cumulative)
///     .by_period::<Quarter>(&responses)?;
/// assert_eq!(rollup.unweighted.nps, 100.0); // 10 and 9
/// assert_eq!(breakdown.unassigned, 2);      // nobody has a role, but only two answers count
/// assert_eq!(trend.points[1].tally.nps(), Some(100.0));
///
/// // Every answer counts by default, and results say how many repeat a respondent.
/// let all = Breakdown::builder().by_dimension(&responses, "account")?;
/// assert_eq!(all.repeated, 1);
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
    /// Only the latest response of each respondent counts (by parsed period, or by the order given
    /// to [`AccountRollupBuilder::order_by`](crate::accounts::AccountRollupBuilder::order_by)); ties
    /// go to the later position in the input.
    LatestPerRespondent,
}

impl Duplicates {
    /// The responses that count under this policy, in input order.
    ///
    /// # Errors
    ///
    /// Under [`LatestPerRespondent`](Duplicates::LatestPerRespondent): [`Error::MissingPeriod`]
    /// when a respondent's answers cannot be ordered because one has no period;
    /// [`Error::ParsePeriod`] for a compared label that is not a quarter, a month or a date (of the
    /// kind of the first).
    ///
    /// ```
    /// use nps_stats::{Error, Response, Score, core::Duplicates};
    /// let r = |who: &str, period: &str| Response::new(Score::MAX).with_respondent(who).with_period(period);
    /// let answers = [r("a", "2026-07"), r("a", "2026-11"), r("b", "2026-03")];
    /// assert_eq!(Duplicates::LatestPerRespondent.apply(&answers)?, [r("a", "2026-11"), r("b", "2026-03")]);
    /// assert_eq!(Duplicates::KeepAll.apply(&answers)?.len(), 3);
    ///
    /// let unordered = [r("a", "2026-Q1"), r("a", "Q2 2026")];
    /// assert!(matches!(Duplicates::LatestPerRespondent.apply(&unordered), Err(Error::ParsePeriod { .. })));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn apply(self, responses: &[Response]) -> Result<Vec<Response>> {
        let kept = kept(responses, self, None)?;
        Ok(responses.iter().zip(&kept.keep).filter(|(_, keep)| **keep).map(|(r, _)| r.clone()).collect())
    }
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

/// Applies `policy` to `responses`, ordering repeats by `order` or else by parsed period.
pub(crate) fn kept(responses: &[Response], policy: Duplicates, order: Option<&Recency<'_>>) -> Result<Kept> {
    let without_respondent = responses.iter().filter(|r| r.respondent().is_none()).count();
    match policy {
        Duplicates::KeepAll => Ok(Kept { keep: vec![true; responses.len()], removed: 0, without_respondent }),
        Duplicates::LatestPerRespondent => {
            let mut periods = PeriodOrder::default();
            let mut latest: HashMap<&str, usize> = HashMap::new();
            for (position, response) in responses.iter().enumerate() {
                let Some(respondent) = response.respondent() else { continue };
                let Some(&best) = latest.get(respondent) else {
                    latest.insert(respondent, position);
                    continue;
                };
                let Some(current) = responses.get(best) else { continue };
                let ordering = match order {
                    Some(order) => order(response, current),
                    None => periods.compare(response, current, respondent)?,
                };
                // Ties go to the later position, which is `position`.
                if ordering != Ordering::Less {
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

/// How many of the answers repeat a respondent already among them: the answers with a respondent
/// id minus the distinct ids. Answers without an id repeat nobody.
pub(crate) fn repeated<'a>(respondents: impl IntoIterator<Item = Option<&'a str>>) -> u64 {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut repeats = 0u64;
    for id in respondents.into_iter().flatten() {
        if !seen.insert(id) {
            repeats += 1;
        }
    }
    repeats
}

/// Period labels in time order: each label is parsed, never compared as text. The first label
/// parsed fixes the kind (quarter or month) for the rest.
#[derive(Debug, Default)]
struct PeriodOrder {
    kind: Option<Kind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Quarter,
    Month,
    Date,
}

const DATE_FORM: &str = "YYYY-MM-DD, a valid date such as 2026-07-15";

impl PeriodOrder {
    /// How `later` (later in the input) compares in time with `earlier`, both of `respondent`.
    fn compare(&mut self, later: &Response, earlier: &Response, respondent: &str) -> Result<Ordering> {
        match (later.period(), earlier.period()) {
            (Some(a), Some(b)) => {
                // The earlier answer first, so that the kind comes from the label first in the input.
                let earlier = self.key(b)?;
                Ok(self.key(a)?.cmp(&earlier))
            }
            _ => Err(Error::MissingPeriod { respondent: respondent.to_owned() }),
        }
    }

    /// The label as a count of periods since year 0, of the kind fixed by the first label.
    fn key(&mut self, label: &str) -> Result<u32> {
        let kind = match self.kind {
            Some(kind) => kind,
            None => {
                let kind = if label.parse::<Quarter>().is_ok() {
                    Kind::Quarter
                } else if label.parse::<Month>().is_ok() {
                    Kind::Month
                } else if date_key(label).is_some() {
                    Kind::Date
                } else {
                    return Err(Error::ParsePeriod {
                        input: label.to_owned(),
                        kind: "period",
                        expected: "a quarter such as 2026-Q3, a month such as 2026-07 or a date such as 2026-07-15",
                    });
                };
                *self.kind.insert(kind)
            }
        };
        Ok(match kind {
            Kind::Quarter => {
                let quarter: Quarter = label.parse()?;
                u32::from(quarter.year()) * 4 + u32::from(quarter.quarter())
            }
            Kind::Month => {
                let month: Month = label.parse()?;
                u32::from(month.year()) * 12 + u32::from(month.month())
            }
            Kind::Date => date_key(label).ok_or_else(|| Error::ParsePeriod {
                input: label.to_owned(),
                kind: "date",
                expected: DATE_FORM,
            })?,
        })
    }
}

/// A valid `YYYY-MM-DD` date (surrounding spaces ignored) as a number that orders dates in time.
fn date_key(label: &str) -> Option<u32> {
    let (month_part, day) = label.trim().rsplit_once('-')?;
    let month: Month = month_part.parse().ok()?;
    if day.len() != 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day: u32 = day.parse().ok()?;
    let year = u32::from(month.year());
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month.month() {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days).contains(&day).then(|| (year * 12 + u32::from(month.month())) * 31 + day)
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

    fn keep(responses: &[Response]) -> Result<Vec<bool>> {
        Ok(kept(responses, Duplicates::LatestPerRespondent, None)?.keep)
    }

    #[test]
    fn ties_go_to_the_later_position() -> Result<()> {
        let responses = [answer(1, "a", Some("2026-Q1")), answer(2, "a", Some("2026-Q1"))];
        let kept = kept(&responses, Duplicates::LatestPerRespondent, None)?;
        assert_eq!(kept.keep, [false, true]);
        assert_eq!(kept.removed, 1);
        Ok(())
    }

    #[test]
    fn earlier_period_later_in_input_loses() -> Result<()> {
        let responses = [answer(1, "a", Some("2026-Q2")), answer(2, "a", Some("2026-Q1"))];
        assert_eq!(keep(&responses)?, [true, false]);
        Ok(())
    }

    #[test]
    fn labels_are_compared_as_periods_not_as_text() -> Result<()> {
        // As text "2026-q1" > "2026-Q4" ('q' > 'Q') and " 2027-Q1" < "2026-Q4" (' ' < '2').
        let responses = [answer(1, "a", Some("2026-Q4")), answer(2, "a", Some("2026-q1"))];
        assert_eq!(keep(&responses)?, [true, false]);
        let responses = [answer(1, "a", Some("2026-Q4")), answer(2, "a", Some(" 2027-Q1"))];
        assert_eq!(keep(&responses)?, [false, true]);
        // Months: "2026-9" is not a month label, "2026-09" < "2026-10" in time as in text.
        let responses = [answer(1, "a", Some("2026-10")), answer(2, "a", Some("2026-09"))];
        assert_eq!(keep(&responses)?, [true, false]);
        // Dates, checked: 2026-02-29 does not exist.
        let responses = [answer(1, "a", Some("2026-07-15")), answer(2, "a", Some(" 2026-07-01"))];
        assert_eq!(keep(&responses)?, [true, false]);
        let responses = [answer(1, "a", Some("2026-07-15")), answer(2, "a", Some("2026-02-29"))];
        assert!(matches!(keep(&responses), Err(Error::ParsePeriod { kind: "date", .. })));
        assert_eq!(
            date_key("2024-02-29").map(|k| k > date_key("2024-02-28").unwrap_or(u32::MAX)),
            Some(true)
        );
        Ok(())
    }

    #[test]
    fn a_label_that_does_not_parse_is_an_error_where_it_is_compared() {
        let responses = [answer(1, "a", Some("2026-Q4")), answer(2, "a", Some("2026-Q5"))];
        assert!(matches!(
            keep(&responses),
            Err(Error::ParsePeriod { ref input, kind: "quarter", .. }) if input == "2026-Q5"
        ));
        // The first label fixes the kind: a month among quarters does not parse.
        let responses = [answer(1, "a", Some("2026-Q4")), answer(2, "a", Some("2026-11"))];
        assert!(matches!(keep(&responses), Err(Error::ParsePeriod { kind: "quarter", .. })));
        let responses = [answer(1, "a", Some("late")), answer(2, "a", Some("2026-11"))];
        assert!(matches!(keep(&responses), Err(Error::ParsePeriod { kind: "period", .. })));
    }

    #[test]
    fn a_single_answer_needs_no_period() -> Result<()> {
        let responses = [answer(1, "a", None), answer(2, "b", Some("x"))];
        assert_eq!(keep(&responses)?, [true, true]);
        let repeated = [answer(1, "a", None), answer(2, "a", Some("x"))];
        assert_eq!(keep(&repeated).err(), Some(Error::MissingPeriod { respondent: "a".into() }));
        Ok(())
    }

    #[test]
    fn repeats_are_answers_beyond_the_first_of_each_respondent() {
        assert_eq!(repeated([Some("a"), Some("b"), Some("a"), None, None, Some("a")]), 2);
        assert_eq!(repeated([None, None]), 0);
    }
}
