//! Answers checked, de-duplicated and grouped by account: what every account analysis starts from.

use crate::core::AccountId;
use crate::core::Category;
use crate::core::Response;
use crate::core::Score;

/// One kept answer with its score and category on the roll-up's scale (copied out of the response so
/// that the roll-up does not chase pointers).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Answer<'r> {
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
    pub(crate) answers: Vec<Answer<'r>>,
}

/// The checked, de-duplicated answers grouped by account, ordered by account id.
#[derive(Debug, Clone)]
pub(crate) struct Prepared<'r> {
    pub(crate) groups: Vec<AccountGroup<'r>>,
    pub(crate) kept: usize,
    pub(crate) removed: usize,
    pub(crate) without_respondent: usize,
}
