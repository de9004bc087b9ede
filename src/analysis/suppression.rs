//! Privacy suppression of small segments, primary and complementary.

use core::fmt;

/// Why a row of a breakdown is hidden.
///
/// A hidden row keeps only its key: no counts (not even n), no NPS, no interval, no test, and it
/// takes no part in the multiple-comparison adjustment. The count is hidden too because the number
/// of answers of a small team tells who did not answer, and because the overall counts minus the
/// visible rows give the hidden rows' counts *together*: if that sum were a single small segment, its
/// answers would be exposed. So when the hidden rows hold fewer answers together than the threshold,
/// the smallest visible rows are hidden as well ([`Complementary`](Suppression::Complementary)), the
/// "secondary suppression" of statistical disclosure control (Hundepool et al. 2012, *Statistical
/// Disclosure Control*, Wiley, on cell suppression in tables). The overall row is hidden when the whole population is under
/// the threshold.
///
/// Every hidden row prints the same label, [`Suppression::LABEL`], whatever the reason: a table that
/// said "too few answers" on one row and "hidden to protect another" on the next would tell its
/// reader which segment is the small one. The reason stays in the row's `suppressed` field for
/// programs ([`reason`](Suppression::reason) words it); `Display` prints the label.
///
/// # Examples
///
/// ```
/// use nps_stats::{Breakdown, analysis::Suppression};
///
/// // Teams 0 and 1 have 12 and 9 answers, team 2 only 3.
/// let mut teams = vec![0u32; 12];
/// teams.extend([1; 9]);
/// teams.extend([2; 3]);
/// let scores = vec![9u8; teams.len()];
/// let breakdown = Breakdown::builder().suppress_below(5).by_ids(&teams, &scores)?;
/// assert_eq!(breakdown.rows[2].suppressed, Some(Suppression::BelowThreshold));
/// // Overall minus team 0 minus team 1 would give team 2: team 1 (the smallest) is hidden too.
/// assert_eq!(breakdown.rows[1].suppressed, Some(Suppression::Complementary));
/// assert!(breakdown.rows[1].estimate.is_none() && breakdown.rows[1].tally.is_none());
/// assert_eq!(breakdown.rows[0].suppressed, None);
/// // Printed, both hidden rows look alike.
/// assert_eq!(Suppression::BelowThreshold.to_string(), Suppression::Complementary.to_string());
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Suppression {
    /// The segment has fewer answers than the threshold.
    BelowThreshold,
    /// Hidden so that a segment below the threshold cannot be recovered by subtraction.
    Complementary,
}

impl Suppression {
    /// What a table prints for every hidden row, whatever the reason.
    ///
    /// ```
    /// assert_eq!(nps_stats::analysis::Suppression::LABEL, "hidden for privacy");
    /// ```
    pub const LABEL: &'static str = "hidden for privacy";

    /// Why the row is hidden, in words: for the program and its logs, not for the readers of the table
    /// (it would tell them which hidden segment is the small one).
    ///
    /// ```
    /// use nps_stats::analysis::Suppression;
    /// assert_eq!(Suppression::BelowThreshold.reason(), "fewer answers than the privacy threshold");
    /// assert_eq!(Suppression::Complementary.reason(), "hidden so that a small segment cannot be recovered by subtraction");
    /// ```
    pub const fn reason(self) -> &'static str {
        match self {
            Suppression::BelowThreshold => "fewer answers than the privacy threshold",
            Suppression::Complementary => "hidden so that a small segment cannot be recovered by subtraction",
        }
    }
}

impl fmt::Display for Suppression {
    /// [`Suppression::LABEL`] for every reason.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(Suppression::LABEL)
    }
}

/// Which rows to hide, given their answer counts and the threshold (0: none).
///
/// Primary: every row with fewer answers than the threshold. Complementary: while the hidden rows
/// together hold at least one but fewer than `threshold` answers (so overall minus the visible rows
/// would expose them), hide the smallest visible non-empty row (the first of equal ones).
pub(crate) fn suppress(counts: &[u64], threshold: u64) -> Vec<Option<Suppression>> {
    let mut hidden: Vec<Option<Suppression>> =
        counts.iter().map(|&n| (n < threshold).then_some(Suppression::BelowThreshold)).collect();
    let mut hidden_total: u64 =
        counts.iter().zip(&hidden).filter(|(_, h)| h.is_some()).map(|(&n, _)| n).fold(0, u64::saturating_add);
    while hidden_total > 0 && hidden_total < threshold {
        let smallest = counts
            .iter()
            .zip(&hidden)
            .enumerate()
            .filter(|&(_, (&n, h))| h.is_none() && n > 0)
            .min_by_key(|&(index, (&n, _))| (n, index))
            .map(|(index, (&n, _))| (index, n));
        let Some((index, n)) = smallest else { break };
        if let Some(slot) = hidden.get_mut(index) {
            *slot = Some(Suppression::Complementary);
        }
        hidden_total = hidden_total.saturating_add(n);
    }
    hidden
}

#[cfg(test)]
mod tests {
    use super::suppress;
    use crate::analysis::Suppression::{BelowThreshold as Below, Complementary as Comp};

    #[test]
    fn nothing_hidden_without_a_threshold() {
        assert_eq!(suppress(&[0, 1, 2], 0), [None, None, None]);
    }

    #[test]
    fn one_small_row_takes_the_smallest_visible_with_it() {
        assert_eq!(suppress(&[12, 3, 9], 5), [None, Some(Below), Some(Comp)]);
    }

    #[test]
    fn small_rows_that_add_up_to_the_threshold_need_no_company() {
        assert_eq!(suppress(&[12, 3, 2, 9], 5), [None, Some(Below), Some(Below), None]);
    }

    #[test]
    fn empty_rows_protect_nothing_and_need_no_protection() {
        assert_eq!(suppress(&[12, 0, 9], 5), [None, Some(Below), None]);
    }

    #[test]
    fn everything_hidden_when_all_is_small() {
        assert_eq!(suppress(&[2, 1], 5), [Some(Below), Some(Below)]);
        assert_eq!(suppress(&[2, 7], 5), [Some(Below), Some(Comp)]);
    }

    #[test]
    fn ties_take_the_first() {
        assert_eq!(suppress(&[1, 6, 6], 5), [Some(Below), Some(Comp), None]);
    }
}
