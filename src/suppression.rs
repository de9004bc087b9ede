//! Privacy suppression of small segments, primary and complementary.

use crate::Suppression;

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
    use crate::Suppression::{BelowThreshold as Below, Complementary as Comp};

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
