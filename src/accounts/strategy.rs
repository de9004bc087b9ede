//! Roll-up strategies and weightings: what one unit of an account roll-up is, and how much it counts.

use core::fmt;

/// What one unit of an account roll-up is: whose answers count, and how.
///
/// | strategy | unit | NPS (equal weights) | use it when |
/// |---|---|---|---|
/// | [`Respondent`](Strategy::Respondent) | each answer | mean of all answers' −1/0/+1 | you ask "how do the people we work with feel?"; big accounts with many contacts count more |
/// | [`Account`](Strategy::Account) | each account | mean over accounts of the account's mean coding | you ask "how many of our customers are happy?": one account, one vote |
/// | [`DecisionMakerFirst`](Strategy::DecisionMakerFirst) | each account | as `Account`, from the answers of the highest-ranked role present | renewals are decided by few people: let their voice represent the account |
///
/// Every strategy can be combined with every [`Weighting`]. Accounts are the clusters of the variance
/// in all of them; at the account level every unit is its own cluster.
///
/// # Examples
///
/// ```
/// use nps_stats::accounts::Strategy;
///
/// let dm_first = Strategy::decision_maker_first(["decision maker", "influencer"]);
/// assert_eq!(dm_first.to_string(), "decision maker first (decision maker > influencer)");
/// assert_eq!(Strategy::default(), Strategy::Respondent);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Strategy {
    /// Every kept answer is a unit (coded −1/0/+1); the accounts are clusters for the variance.
    #[default]
    Respondent,
    /// One account, one vote: each account is a unit whose value is the mean coding of its answers
    /// (a number in −1..=1, e.g. +⅓ for a promoter, a passive and a passive).
    Account,
    /// Each account is represented by the answers of the first role in `roles` that answered for it
    /// (roles compared ignoring ASCII case and surrounding whitespace). Several answers of that role are
    /// averaged, so ties need no arbitrary pick and the result does not depend on input order. An
    /// account where none of the listed roles answered is represented by all its answers; its row says
    /// so (`represented_by` is `None`).
    DecisionMakerFirst {
        /// The roles in priority order, for example `["decision maker", "influencer"]`.
        roles: Vec<String>,
    },
}

impl Strategy {
    /// [`Strategy::DecisionMakerFirst`] from a priority list of roles.
    ///
    /// ```
    /// use nps_stats::accounts::Strategy;
    /// let strategy = Strategy::decision_maker_first(["buyer"]);
    /// assert_eq!(strategy, Strategy::DecisionMakerFirst { roles: vec!["buyer".to_owned()] });
    /// ```
    pub fn decision_maker_first<I, S>(roles: I) -> Strategy
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Strategy::DecisionMakerFirst { roles: roles.into_iter().map(Into::into).collect() }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Strategy::Respondent => f.pad("respondent level"),
            Strategy::Account => f.pad("account level, one account one vote"),
            Strategy::DecisionMakerFirst { roles } => {
                f.pad(&format!("decision maker first ({})", roles.join(" > ")))
            }
        }
    }
}

/// How the units of an account roll-up are weighted.
///
/// With account values V_a and m_a answers of account a (METHODS: the weighted NPS is the ratio
/// Σwᵢyᵢ/Σwᵢ; Särndal, Swensson & Wretman 1992, §5.7):
///
/// | weighting | weight of an answer (respondent level) | weight of an account (account level) |
/// |---|---|---|
/// | [`Equal`](Weighting::Equal) | 1 | 1 |
/// | [`AccountValue`](Weighting::AccountValue) | V_a | V_a |
/// | [`AccountValueSpread`](Weighting::AccountValueSpread) | V_a / m_a | V_a |
///
/// At the respondent level, `AccountValueSpread` makes each account count in proportion to its value
/// however many contacts answered: the NPS is Σ_a V_a·s̄_a / Σ_a V_a, exactly the account-level
/// value-weighted NPS, with the same cluster-robust variance. It is the recommended value weighting.
/// `AccountValue` gives every answer the full value, so accounts with many respondents count more:
/// a different number, which answers "how does the revenue-weighted contact feel?".
///
/// # Examples
///
/// ```
/// use nps_stats::accounts::Weighting;
/// assert_eq!(Weighting::default(), Weighting::Equal);
/// assert_eq!(Weighting::AccountValueSpread.to_string(), "account value spread over its answers");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Weighting {
    /// Every unit counts the same.
    #[default]
    Equal,
    /// Every unit carries its account's full value.
    AccountValue,
    /// The account's value is shared equally by its answers (the same as `AccountValue` at the
    /// account level, where an account is one unit).
    AccountValueSpread,
}

impl fmt::Display for Weighting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Weighting::Equal => "equal weights",
            Weighting::AccountValue => "full account value per unit",
            Weighting::AccountValueSpread => "account value spread over its answers",
        })
    }
}
