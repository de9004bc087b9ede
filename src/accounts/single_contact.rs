//! What the two-stage variance does with an account where one contact of several answered.

use core::fmt;

/// What the [two-stage variance](crate::accounts::VarianceMethod::TwoStage) does with an account
/// where a single contact answered out of several invited.
///
/// The within-account (second-stage) variance of an account is estimated from the spread of its
/// contacts' answers; one answer has no spread, so that account's term cannot be estimated. R's
/// `survey` calls such an account a "lonely PSU" at stage 2 and lets `options(survey.lonely.psu)`
/// decide; each variant here matches one of its options (T. Lumley, `survey` 4.1-1, `multistage` and
/// `onestrat`; `?surveyoptions`). An account whose every invited contact answered (m = M, one of
/// one included) has no second-stage term under any policy: it was observed completely.
///
/// The roll-up reports how many accounts the policy was applied to
/// ([`StageVariances::single_contact_accounts`](crate::accounts::StageVariances::single_contact_accounts)),
/// so a policy never acts unseen.
///
/// # Examples
///
/// ```
/// use nps_stats::accounts::SingleContact;
///
/// assert_eq!(SingleContact::default(), SingleContact::Adjust);
/// assert_eq!(SingleContact::Zero.to_string(), "counted as 0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SingleContact {
    /// The account's one answer is centred on the overall estimate instead of its own account's
    /// mean, which it equals: its term is (n/N)·(1 − 1/M)·z², with z the answer's linearized value.
    /// Conservative, because the spread between accounts stands in for the spread within. The
    /// default. R: `options(survey.lonely.psu = "adjust")`.
    #[default]
    Adjust,
    /// The account adds nothing to the within-account variance, as if its one contact spoke for it
    /// exactly; this understates the uncertainty when many accounts have one answering contact.
    /// R: `options(survey.lonely.psu = "remove")` (and `"certainty"`, which gives the same here).
    Zero,
    /// The roll-up stops with [`Error::SingleContactAccount`](crate::Error::SingleContactAccount)
    /// naming the first such account. R's default: `options(survey.lonely.psu = "fail")`.
    Refuse,
}

impl fmt::Display for SingleContact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            SingleContact::Adjust => "adjusted",
            SingleContact::Zero => "counted as 0",
            SingleContact::Refuse => "refused",
        })
    }
}
