//! What one unit of an outcome analysis is: an answer, an account (with its scores rolled up), or a
//! contact with accounts as clusters.

use core::fmt;

/// How an account's answers become the account's score when the account is the unit of an outcome
/// analysis.
///
/// The rolled-up score is a number on the survey's scale (a mean can be 8.5); the account's category
/// is where that number falls on the scale's cut-points (on the standard scale: 9 or more a
/// promoter account, 7 to under 9 a passive account, under 7 a detractor account).
///
/// # Examples
///
/// ```
/// use nps_stats::analysis::AccountScore;
///
/// assert_eq!(AccountScore::default(), AccountScore::Mean);
/// let dm = AccountScore::decision_maker_first(["decision maker", "influencer"]);
/// assert_eq!(dm.to_string(), "the mean answer of the first role present (decision maker > influencer)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AccountScore {
    /// The mean of all its answers' scores.
    #[default]
    Mean,
    /// Its lowest answer: one unhappy contact can be enough to lose an account.
    Lowest,
    /// The mean score of the answers of the first role in `roles` that answered for it (roles
    /// compared ignoring ASCII case and surrounding whitespace); all its answers when none did.
    DecisionMakerFirst {
        /// The roles in priority order, for example `["decision maker", "influencer"]`.
        roles: Vec<String>,
    },
}

impl AccountScore {
    /// [`AccountScore::DecisionMakerFirst`] from a priority list of roles.
    ///
    /// ```
    /// use nps_stats::analysis::AccountScore;
    /// let score = AccountScore::decision_maker_first(["buyer"]);
    /// assert_eq!(score, AccountScore::DecisionMakerFirst { roles: vec!["buyer".to_owned()] });
    /// ```
    pub fn decision_maker_first<I, S>(roles: I) -> AccountScore
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AccountScore::DecisionMakerFirst { roles: roles.into_iter().map(Into::into).collect() }
    }
}

impl fmt::Display for AccountScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AccountScore::Mean => f.pad("the mean of its answers"),
            AccountScore::Lowest => f.pad("its lowest answer"),
            AccountScore::DecisionMakerFirst { roles } => {
                f.pad(&format!("the mean answer of the first role present ({})", roles.join(" > ")))
            }
        }
    }
}

/// What one unit of an outcome analysis is. The result records it, so a reader knows what was
/// counted.
///
/// | unit | scored by | inference |
/// |---|---|---|
/// | [`Respondent`](OutcomeUnit::Respondent) | its answer | every answer independent: Wilson, Newcombe, DeLong, Bonett–Wright |
/// | [`Account`](OutcomeUnit::Account) | its answers rolled up ([`AccountScore`]) | every account independent, as above |
/// | [`ContactsByAccount`](OutcomeUnit::ContactsByAccount) | its answer | accounts as clusters: linearized rates, Obuchowski's AUC, jackknifed ρ |
///
/// Use `Account` for an account-level outcome (renewal, churn, preferred supplier) with several
/// contacts per account: the outcome happened once per account, so counting it once per contact
/// would pretend to more evidence than there is. Use `ContactsByAccount` when the outcome is the
/// contact's own (did this user keep the product?) and contacts of one account resemble each
/// other. `Respondent` is right when each answer comes from a different customer.
///
/// # Examples
///
/// ```
/// use nps_stats::analysis::{AccountScore, OutcomeUnit};
///
/// assert_eq!(OutcomeUnit::default(), OutcomeUnit::Account(AccountScore::Mean));
/// assert_eq!(OutcomeUnit::ContactsByAccount.to_string(), "contacts, with accounts as clusters");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum OutcomeUnit {
    /// Every answer is an independent unit with its own outcome.
    Respondent,
    /// Every account is a unit: one outcome per account, its answers rolled up into one score. The
    /// default.
    Account(AccountScore),
    /// Every answer is a unit with its own outcome, and the answers of one account form a cluster.
    ContactsByAccount,
}

impl Default for OutcomeUnit {
    fn default() -> OutcomeUnit {
        OutcomeUnit::Account(AccountScore::Mean)
    }
}

impl OutcomeUnit {
    /// The noun for `n` units.
    pub(crate) fn noun(&self, n: u64) -> &'static str {
        match (self, n) {
            (OutcomeUnit::Respondent, 1) => "answer",
            (OutcomeUnit::Respondent, _) => "answers",
            (OutcomeUnit::Account(_), 1) => "account",
            (OutcomeUnit::Account(_), _) => "accounts",
            (_, 1) => "contact",
            (_, _) => "contacts",
        }
    }
}

impl fmt::Display for OutcomeUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutcomeUnit::Respondent => f.pad("answers, each its own unit"),
            OutcomeUnit::Account(score) => f.pad(&format!("accounts, each scored by {score}")),
            OutcomeUnit::ContactsByAccount => f.pad("contacts, with accounts as clusters"),
        }
    }
}
