//! B2B accounts: one builder for account roll-ups, follow-up lists and coverage.
//!
//! In B2B the customer is a company, not a person. An account worth €2M a year answered by eight end
//! users and one decision maker must not be read as nine independent consumers, and a detractor at a
//! key account matters more than one at a trial account. [`AccountRollup::builder`] is the entry
//! point; settings come first, the answers last:
//!
//! ```text
//! AccountRollup::builder()
//!     .values(&arr)                         account values: a map or a closure (optional)
//!     .duplicates(Duplicates::…)            repeated answers of a respondent: keep all / latest
//!     .strategy(Strategy::…)                what one unit is: an answer, an account, its decision maker
//!     .weighting(Weighting::…)              equal, or by account value (full or spread over answers)
//!     .variance(VarianceMethod::…)          linearized, cluster-robust (default), two-stage, cluster bootstrap
//!     .population(n_accounts)               finite population correction (optional)
//!     .invitations(&per_account)            contacts invited per account (coverage, two-stage variance)
//!     .single_contact(SingleContact::…)     two-stage: an account where one contact of several answered
//!     .run(&responses)?                     → AccountRollup: weighted and unweighted NPS side by side
//!     .close_the_loop(&responses)?          → FollowUp: whom to call first, whom to ask for referrals
//!     .coverage(&responses)?                → Coverage: response rates and revenue coverage
//! ```
//!
//! The builder borrows everything and owns nothing; each finishing call checks the input and returns
//! a plain result struct whose `Display` is an aligned table. Bad input is an [`Error`] that names the
//! response or the account: a response without an account, an account without a value, a value that
//! is NaN, infinite, zero or negative. Nothing is dropped silently, and every result says which policy,
//! strategy and weighting produced it.

use crate::accounts::design_variance::Design;
use crate::accounts::prepare::Prepared;
use crate::accounts::prepare::prepare;
use crate::accounts::prepare::{attach_values, checked};
use crate::accounts::rollup::{Counted, RolledAccount, Settings, roll_up_accounts};
use crate::accounts::values::PerAccount;
use crate::accounts::{
    AccountRollup, Coverage, FollowUp, SingleContact, Strategy, VarianceMethod, Weighting,
};
use crate::core::answers::sealed::Columns;
use crate::core::duplicates::Recency;
use crate::core::duplicates::repeated_codes;
use crate::core::survey::Survey;
use crate::core::{Answers, Confidence, Duplicates, Response, Scale};
use crate::error::{Error, Result};
use crate::tally::grouped::grouped_codes;

/// The settings of an account roll-up; made by [`AccountRollup::builder`], finished by
/// [`run`](crate::accounts::AccountRollupBuilder::run) (the account-aware NPS with its uncertainty),
/// [`close_the_loop`](crate::accounts::AccountRollupBuilder::close_the_loop) (whom to call) and
/// [`coverage`](crate::accounts::AccountRollupBuilder::coverage) (who answered, by count and by value), each of which
/// takes the answers (every one with an account id).
///
/// ```text
/// AccountRollup::builder()
///     .values(&arr)                         account values: a map or a closure (optional)
///     .duplicates(Duplicates::…)            repeated answers of a respondent: keep all / latest
///     .strategy(Strategy::…)                what one unit is: an answer, an account, its decision maker
///     .weighting(Weighting::…)              equal, or by account value (full or spread over answers)
///     .variance(VarianceMethod::…)          linearized, cluster-robust (default), two-stage, cluster bootstrap
///     .population(n_accounts)               finite population correction (optional)
///     .invitations(&per_account)            contacts invited per account (coverage, two-stage variance)
///     .single_contact(SingleContact::…)     two-stage: an account where one contact of several answered
///     .run(&responses)?                     → AccountRollup: weighted and unweighted NPS side by side
///     .close_the_loop(&responses)?          → FollowUp: whom to call first, whom to ask for referrals
///     .coverage(&responses)?                → Coverage: response rates and revenue coverage
/// ```
///
/// The builder borrows the caller's maps and owns nothing; the finishing calls take `&self` and the
/// answers, so one configured builder can produce all three results, for any number of surveys. Each checks its input and
/// returns a plain result struct whose `Display` is an aligned table. Bad input is an [`Error`] that
/// names the response or the account; nothing is dropped silently, and every result records the
/// policy, strategy and weighting that produced it.
///
/// Defaults: every answer counts ([`Duplicates::KeepAll`](crate::core::Duplicates::KeepAll)), every answer is a unit
/// ([`Strategy::Respondent`](crate::accounts::Strategy::Respondent)), equal weights ([`Weighting::Equal`](crate::accounts::Weighting::Equal)), accounts as clusters for the
/// variance ([`VarianceMethod::ClusterRobust`](crate::accounts::VarianceMethod::ClusterRobust)), no finite population correction, 95 % confidence,
/// accounts with fewer than 2 answers flagged as thin (`min_sample` 2: one contact is not an
/// account's view), the standard 0–10 scale.
///
/// # Examples
///
/// ```
/// use std::collections::HashMap;
/// use nps_stats::{AccountRollup, Response, Score, accounts::{Strategy, Weighting}};
///
/// let answer = |score: u8, account: &str, role: &str| -> nps_stats::Result<Response> {
///     Ok(Response::new(Score::try_from(score)?).with_account(account).with_role(role))
/// };
/// let responses = vec![
///     answer(9, "ACME", "decision maker")?,
///     answer(4, "ACME", "end user")?,
///     answer(3, "ACME", "end user")?,
///     answer(10, "Globex", "decision maker")?,
///     answer(6, "Initech", "end user")?,
///     answer(8, "Initech", "decision maker")?,
/// ];
/// let arr = HashMap::from([("ACME", 2_000_000.0), ("Globex", 150_000.0), ("Initech", 40_000.0)]);
///
/// let rollup = AccountRollup::builder()
///     .values(&arr)
///     .strategy(Strategy::Respondent)
///     .weighting(Weighting::AccountValueSpread) // each account counts by its value, however many answered
///     .run(&responses)?;
/// assert_eq!((rollup.accounts, rollup.responses), (3, 6));
/// // By value: ACME (−⅓ on 2M), Globex (+1 on 150k), Initech (−½ on 40k).
/// let expected = 100.0 * (2e6 * (-1.0 / 3.0) + 150e3 - 40e3 * 0.5) / 2.19e6;
/// assert!((rollup.weighted.nps - expected).abs() < 1e-9);
/// assert!((rollup.unweighted.nps - 100.0 * (2.0 - 3.0) / 6.0).abs() < 1e-12);
/// println!("{rollup}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub struct AccountRollupBuilder<'a> {
    values: Option<&'a dyn PerAccount<f64>>,
    invitations: Option<&'a dyn PerAccount<u64>>,
    duplicates: Duplicates,
    order: Option<Box<Recency<'a>>>,
    strategy: Strategy,
    weighting: Weighting,
    variance: VarianceMethod,
    population: Option<u64>,
    single_contact: SingleContact,
    level: Confidence,
    min_sample: u64,
    scale: Scale,
}

impl AccountRollup {
    /// The builder of an account roll-up, with the defaults listed on [`AccountRollupBuilder`](crate::accounts::AccountRollupBuilder):
    /// settings first, then the answers in a finishing call.
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Confidence, Response, Score};
    /// let responses = [
    ///     Response::new(Score::MAX).with_account("A"),
    ///     Response::new(Score::MIN).with_account("B"),
    /// ];
    /// let rollup = AccountRollup::builder().run(&responses)?;
    /// assert_eq!(rollup.weighted.nps, 0.0);
    /// assert_eq!(rollup.weighted.interval.level, Confidence::NINETY_FIVE);
    /// assert_eq!(rollup.min_sample, 2);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn builder<'a>() -> AccountRollupBuilder<'a> {
        AccountRollupBuilder::default()
    }
}

impl Default for AccountRollupBuilder<'_> {
    fn default() -> Self {
        AccountRollupBuilder {
            values: None,
            invitations: None,
            duplicates: Duplicates::KeepAll,
            order: None,
            strategy: Strategy::Respondent,
            weighting: Weighting::Equal,
            variance: VarianceMethod::ClusterRobust,
            population: None,
            single_contact: SingleContact::Adjust,
            level: Confidence::NINETY_FIVE,
            min_sample: 2,
            scale: Scale::STANDARD,
        }
    }
}

impl<'a> AccountRollupBuilder<'a> {
    /// The account values (ARR, revenue): a `HashMap`/`BTreeMap` keyed by account id, or a closure
    /// `&|account: &AccountId| -> Option<f64>` (see [`PerAccount`](crate::accounts::PerAccount)).
    ///
    /// When values are given, every account that answered must have one within the limits of a
    /// weight, [`MIN_WEIGHT`](crate::tally::MIN_WEIGHT) to [`MAX_WEIGHT`](crate::tally::MAX_WEIGHT)
    /// (2⁻⁵¹¹ to 2⁵¹¹), whatever the weighting and in every finishing call
    /// ([`Error::MissingAccountValue`], [`Error::InvalidAccountValue`]).
    ///
    /// ```
    /// use nps_stats::{AccountId, AccountRollup, Error, Response, Score};
    /// let responses = [Response::new(Score::MAX).with_account("ACME")];
    /// let values = |account: &AccountId| (account.as_str() == "Globex").then_some(1.0);
    /// let err = AccountRollup::builder().values(&values).run(&responses).unwrap_err();
    /// assert_eq!(err, Error::MissingAccountValue { account: AccountId::from("ACME") });
    /// ```
    #[must_use]
    pub fn values(mut self, values: &'a dyn PerAccount<f64>) -> AccountRollupBuilder<'a> {
        self.values = Some(values);
        self
    }

    /// The number of contacts invited (or eligible) per account: for response rates in
    /// [`coverage`](crate::accounts::AccountRollupBuilder::coverage), and as the contacts M_a that
    /// the [two-stage variance](crate::accounts::VarianceMethod::TwoStage) samples within each
    /// account (there, every account that answered needs a count, at least its number of answering
    /// contacts).
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use nps_stats::{AccountRollup, Response, Score};
    /// let responses = [Response::new(Score::MAX).with_account("ACME")];
    /// let values = HashMap::from([("ACME", 10.0)]);
    /// let invited = HashMap::from([("ACME", 4u64)]);
    /// let coverage = AccountRollup::builder().values(&values).invitations(&invited).coverage(&responses)?;
    /// assert_eq!(coverage.rows[0].response_rate, Some(0.25));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn invitations(mut self, invitations: &'a dyn PerAccount<u64>) -> AccountRollupBuilder<'a> {
        self.invitations = Some(invitations);
        self
    }

    /// The policy for repeated answers of one respondent (default [`Duplicates::KeepAll`](crate::core::Duplicates::KeepAll)).
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Response, Score, core::Duplicates};
    /// let responses = [
    ///     Response::new(Score::MIN).with_account("A").with_respondent("r").with_period("2026-Q1"),
    ///     Response::new(Score::MAX).with_account("A").with_respondent("r").with_period("2026-Q2"),
    ///     Response::new(Score::MAX).with_account("B").with_respondent("s").with_period("2026-Q2"),
    /// ];
    /// let rollup = AccountRollup::builder().duplicates(Duplicates::LatestPerRespondent).run(&responses)?;
    /// assert_eq!((rollup.responses, rollup.duplicates_removed), (2, 1));
    /// assert_eq!(rollup.weighted.nps, 100.0);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn duplicates(mut self, policy: Duplicates) -> AccountRollupBuilder<'a> {
        self.duplicates = policy;
        self
    }

    /// The recency order for [`Duplicates::LatestPerRespondent`](crate::core::Duplicates::LatestPerRespondent) instead of the period label:
    /// `order(a, b)` is `Greater` when `a` is more recent than `b`. Ties go to the later position in the
    /// input.
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Response, Score, core::Duplicates};
    /// let at = |score: u8, stamp: &str| -> nps_stats::Result<Response> {
    ///     Ok(Response::new(Score::try_from(score)?)
    ///         .with_account("A")
    ///         .with_respondent("r")
    ///         .with_segment("submitted", stamp))
    /// };
    /// let responses = [
    ///     at(10, "1767225600")?,
    ///     at(0, "1751328000")?,
    ///     Response::new(Score::MAX).with_account("B"),
    /// ];
    /// let rollup = AccountRollup::builder()
    ///     .duplicates(Duplicates::LatestPerRespondent)
    ///     .order_by(|a, b| {
    ///         let stamp = |r: &Response| r.segment("submitted").and_then(|s| s.parse::<u64>().ok());
    ///         stamp(a).cmp(&stamp(b))
    ///     })
    ///     .run(&responses)?;
    /// assert_eq!(rollup.unweighted.nps, 100.0); // the 10 of 1767225600 is the latest
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn order_by(
        mut self,
        order: impl Fn(&Response, &Response) -> core::cmp::Ordering + 'a,
    ) -> AccountRollupBuilder<'a> {
        self.order = Some(Box::new(order));
        self
    }

    /// What a unit of the estimate is (default [`Strategy::Respondent`](crate::accounts::Strategy::Respondent)).
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Response, Score, accounts::Strategy};
    /// let responses = [
    ///     Response::new(Score::MAX).with_account("A"),
    ///     Response::new(Score::MAX).with_account("A"),
    ///     Response::new(Score::MIN).with_account("B"),
    /// ];
    /// let per_account = AccountRollup::builder().strategy(Strategy::Account).run(&responses)?;
    /// assert_eq!(per_account.unweighted.nps, 0.0); // one account one vote
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn strategy(mut self, strategy: Strategy) -> AccountRollupBuilder<'a> {
        self.strategy = strategy;
        self
    }

    /// How units are weighted (default [`Weighting::Equal`](crate::accounts::Weighting::Equal)); the value weightings need
    /// [`values`](crate::accounts::AccountRollupBuilder::values).
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Error, Response, Score, accounts::Weighting};
    /// let responses = [Response::new(Score::MAX).with_account("A")];
    /// let err = AccountRollup::builder().weighting(Weighting::AccountValue).run(&responses).unwrap_err();
    /// assert!(matches!(err, Error::AccountValuesRequired { .. }));
    /// ```
    #[must_use]
    pub fn weighting(mut self, weighting: Weighting) -> AccountRollupBuilder<'a> {
        self.weighting = weighting;
        self
    }

    /// How the standard error and the interval are estimated (default
    /// [`VarianceMethod::ClusterRobust`](crate::accounts::VarianceMethod::ClusterRobust)).
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Response, Score, accounts::VarianceMethod};
    /// let responses = [
    ///     Response::new(Score::MAX).with_account("A"),
    ///     Response::new(Score::MIN).with_account("B"),
    ///     Response::new(Score::MAX).with_account("C"),
    /// ];
    /// let boot = VarianceMethod::ClusterBootstrap { resamples: 1_000, seed: 1 };
    /// let rollup = AccountRollup::builder().variance(boot).run(&responses)?;
    /// assert_eq!(rollup.weighted.method, boot);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn variance(mut self, method: VarianceMethod) -> AccountRollupBuilder<'a> {
        self.variance = method;
        self
    }

    /// The number of accounts in the customer base, for the finite population correction
    /// (1 − C/N) of the cluster-robust variance when C of N accounts answered. With every account
    /// answering (C = N) the between-account variance is zero: what remains is the uncertainty
    /// within accounts (which contacts answered), which only the
    /// [two-stage variance](crate::accounts::VarianceMethod::TwoStage) models; the cluster-robust and
    /// linearized variances refuse a census ([`Error::InvalidCount`] naming `population`) rather than
    /// report a zero-width interval.
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Error, Response, Score};
    /// let responses = [
    ///     Response::new(Score::MAX).with_account("A"),
    ///     Response::new(Score::MIN).with_account("B"),
    /// ];
    /// let with_fpc = AccountRollup::builder().population(8).run(&responses)?;
    /// let without = AccountRollup::builder().run(&responses)?;
    /// assert!((with_fpc.weighted.std_error / without.weighted.std_error - (0.75f64).sqrt()).abs() < 1e-12);
    /// assert!(matches!(AccountRollup::builder().population(1).run(&responses), Err(Error::PopulationTooSmall { .. })));
    /// // A census of accounts: the cluster-robust variance would be 0, so it is refused.
    /// assert!(matches!(AccountRollup::builder().population(2).run(&responses), Err(Error::InvalidCount { name: "population", .. })));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn population(mut self, accounts: u64) -> AccountRollupBuilder<'a> {
        self.population = Some(accounts);
        self
    }

    /// What the [two-stage variance](crate::accounts::VarianceMethod::TwoStage) does with an account
    /// where one contact of several answered (default [`SingleContact::Adjust`](crate::accounts::SingleContact::Adjust));
    /// other variance methods ignore it.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use nps_stats::{AccountId, AccountRollup, Error, Response, Score, accounts::{SingleContact, VarianceMethod}};
    /// let responses = [
    ///     Response::new(Score::MAX).with_account("A").with_respondent("a1"),
    ///     Response::new(Score::MIN).with_account("B").with_respondent("b1"),
    ///     Response::new(Score::MAX).with_account("B").with_respondent("b2"),
    /// ];
    /// let invited = HashMap::from([("A", 3u64), ("B", 2)]);
    /// let survey = AccountRollup::builder().variance(VarianceMethod::TwoStage).population(10).invitations(&invited);
    /// let adjusted = survey.run(&responses)?;
    /// assert_eq!(adjusted.weighted.stages.as_ref().unwrap().single_contact_accounts, 1); // A: 1 of 3
    /// let err = survey.single_contact(SingleContact::Refuse).run(&responses).unwrap_err();
    /// assert_eq!(err, Error::SingleContactAccount { account: AccountId::from("A"), invitations: 3 });
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn single_contact(mut self, policy: SingleContact) -> AccountRollupBuilder<'a> {
        self.single_contact = policy;
        self
    }

    /// The confidence level of the intervals (default 95 %).
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Confidence, Response, Score};
    /// let responses = [Response::new(Score::MAX).with_account("A"), Response::new(Score::MIN).with_account("B")];
    /// let rollup = AccountRollup::builder().level(Confidence::NINETY).run(&responses)?;
    /// assert_eq!(rollup.weighted.interval.level, Confidence::NINETY);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn level(mut self, level: Confidence) -> AccountRollupBuilder<'a> {
        self.level = level;
        self
    }

    /// The number of answers below which an account's own score is thin: its row is flagged
    /// `insufficient` in [`run`](crate::accounts::AccountRollupBuilder::run), and
    /// [`close_the_loop`](crate::accounts::AccountRollupBuilder::close_the_loop) lists it apart instead of ranking it. Default 2; 1 flags nothing. Thin accounts still count in
    /// the overall NPS: leaving them out would bias it.
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Response, Score};
    /// let responses = [Response::new(Score::MAX).with_account("A"), Response::new(Score::MIN).with_account("B")];
    /// let rollup = AccountRollup::builder().min_sample(1).run(&responses)?;
    /// assert!(rollup.rows.iter().all(|row| !row.insufficient));
    /// assert!(AccountRollup::builder().min_sample(0).run(&responses).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn min_sample(mut self, answers: u64) -> AccountRollupBuilder<'a> {
        self.min_sample = answers;
        self
    }

    /// The scale the scores were given on (default [`Scale::STANDARD`]).
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Response, Scale, Score};
    /// let responses = [Response::new(Score::try_from(8)?).with_account("A"), Response::new(Score::MIN).with_account("B")];
    /// assert!(AccountRollup::builder().scale(Scale::DUTCH).run(&responses).is_err()); // 0 is off the 1–10 scale
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    #[must_use]
    pub fn scale(mut self, scale: Scale) -> AccountRollupBuilder<'a> {
        self.scale = scale;
        self
    }

    /// The account-aware NPS: weighted and unweighted side by side, with the design's uncertainty and
    /// one row per account.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] without responses; [`Error::MissingAccount`] naming the first response
    /// without an account; [`Error::ScoreOutOfScale`]; [`Error::MissingPeriod`] (latest-answer policy);
    /// [`Error::AccountValuesRequired`] for a value weighting without values;
    /// [`Error::MissingAccountValue`] / [`Error::InvalidAccountValue`] naming the account;
    /// [`Error::TooFewForVariance`] with fewer than two accounts (two answers for
    /// [`VarianceMethod::Linearized`](crate::accounts::VarianceMethod::Linearized)); [`Error::PopulationTooSmall`]; [`Error::InvalidCount`] for
    /// `min_sample(0)`, a population with a method that has no finite population correction, or a
    /// census of accounts (population = accounts that answered) with a first-stage variance;
    /// [`Error::EmptyList`] for an empty role list; for the cluster bootstrap, the resample errors of
    /// [`Tally::estimate`](crate::Tally::estimate) ([`Error::TooFewResamples`], [`Error::InvalidCount`]
    /// above [`MAX_RESAMPLES`](crate::inference::MAX_RESAMPLES), [`Error::InvalidParameter`] for a level
    /// no bootstrap can serve). For
    /// [`VarianceMethod::TwoStage`](crate::accounts::VarianceMethod::TwoStage):
    /// [`Error::SettingRequired`] without `population` or `invitations`,
    /// [`Error::MissingInvitations`] and [`Error::MoreAnswersThanInvitations`] naming the account,
    /// [`Error::SingleContactAccount`] under [`SingleContact::Refuse`](crate::accounts::SingleContact::Refuse),
    /// [`Error::UnsupportedMethod`] with decision maker first.
    ///
    /// ```
    /// use nps_stats::{AccountRollup, Error, Response, Score};
    /// let responses = [Response::new(Score::MAX).with_account("A"), Response::new(Score::MAX)];
    /// assert_eq!(AccountRollup::builder().run(&responses).unwrap_err(), Error::MissingAccount { position: 1 });
    /// ```
    pub fn run(&self, answers: &(impl Answers + ?Sized)) -> Result<AccountRollup> {
        self.check_min_sample()?;
        let needs_values = (self.weighting != Weighting::Equal).then_some("value weighting");
        let survey = answers.survey(&self.columns(false))?;
        if matches!(self.strategy, Strategy::Respondent | Strategy::Account)
            && self.variance != VarianceMethod::TwoStage
        {
            return self.run_on_columns(&survey, needs_values);
        }
        let prepared = self.prepare(&survey, needs_values)?;
        let two_stage = if self.variance == VarianceMethod::TwoStage {
            let purpose = "the two-stage variance (the contacts invited per account)";
            let invitations =
                self.invitations.ok_or(Error::SettingRequired { setting: "invitations", purpose })?;
            let eligible = prepared
                .groups
                .iter()
                .map(|group| {
                    invitations
                        .get_for(&group.id)
                        .ok_or_else(|| Error::MissingInvitations { account: group.id.clone() })
                })
                .collect::<Result<Vec<u64>>>()?;
            Some((eligible, self.single_contact))
        } else {
            None
        };
        crate::accounts::rollup::roll_up(&prepared, &self.settings(prepared.groups.len(), two_stage))
    }

    /// The roll-up when every kept answer represents its account (the respondent and the account
    /// strategies, a first-stage variance): each account's counts in one grouped pass over the
    /// columns, with no step per answer besides it.
    fn run_on_columns(&self, survey: &Survey, needs_values: Option<&'static str>) -> Result<AccountRollup> {
        let values = self.values_for(needs_values)?;
        let (groups, kept) = checked(survey, self.scale, self.duplicates, self.recency(survey).as_deref())?;
        let codes = &survey.accounts.codes;
        let accounts = survey.accounts.dictionary.len();
        let tallies = if kept.removed == 0 {
            grouped_codes(self.scale, codes, survey.scores(), accounts)?
        } else {
            let (mut kept_codes, mut kept_scores) =
                (Vec::with_capacity(codes.len()), Vec::with_capacity(codes.len()));
            for ((&code, &score), _) in
                codes.iter().zip(survey.scores()).zip(&kept.keep).filter(|(_, keep)| **keep)
            {
                kept_codes.push(code);
                kept_scores.push(score);
            }
            grouped_codes(self.scale, &kept_codes, &kept_scores, accounts)?
        };
        let mut groups: Vec<_> = groups
            .into_iter()
            .filter(|group| tallies.get(group.code as usize).is_some_and(|t| !t.is_empty()))
            .collect();
        attach_values(&mut groups, values)?;
        let accounts = groups
            .into_iter()
            .map(|group| RolledAccount {
                tally: tallies.get(group.code as usize).cloned().unwrap_or_default(),
                id: group.id,
                value: group.value,
                represented_by: None,
            })
            .collect::<Vec<_>>();
        let respondents = &survey.respondents;
        let repeated = if kept.removed == 0 {
            // Every label of a survey's dictionary belongs to some answer: the repeats are the
            // answers with a respondent less the respondents.
            let with_respondent = respondents.codes.len().saturating_sub(kept.without_respondent);
            with_respondent.saturating_sub(respondents.dictionary.len())
        } else {
            let kept_respondents =
                respondents.codes.iter().zip(&kept.keep).filter(|(_, keep)| **keep).map(|(&code, _)| code);
            usize::try_from(repeated_codes(respondents.dictionary.len(), kept_respondents))
                .unwrap_or(usize::MAX)
        };
        let counted = Counted {
            kept: survey.len().saturating_sub(kept.removed),
            removed: kept.removed,
            without_respondent: kept.without_respondent,
            repeated,
        };
        let clusters = accounts.len();
        roll_up_accounts(accounts, &[], counted, &self.settings(clusters, None))
    }

    /// The settings of a roll-up over `clusters` accounts.
    fn settings(&self, clusters: usize, two_stage: Option<(Vec<u64>, SingleContact)>) -> Settings<'_> {
        Settings {
            strategy: &self.strategy,
            weighting: self.weighting,
            duplicates: self.duplicates,
            min_sample: self.min_sample,
            scale: self.scale,
            design: Design {
                clusters,
                units_are_accounts: !matches!(self.strategy, Strategy::Respondent),
                method: self.variance,
                population: self.population,
                level: self.level,
            },
            two_stage,
        }
    }

    /// The follow-up lists: detractor accounts to call first (ranked by value at risk), promoter
    /// accounts to ask for referrals and case studies, and accounts with too few answers to score,
    /// each with its contacts, roles and comments. Uses every answer the duplicate policy keeps,
    /// whatever the strategy; see [`FollowUp`](crate::accounts::FollowUp) for the rules.
    ///
    /// # Errors
    ///
    /// [`Error::AccountValuesRequired`] without values (value at risk needs them); otherwise as
    /// [`run`](crate::accounts::AccountRollupBuilder::run) for the responses and values.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use nps_stats::{AccountRollup, Response, Score};
    /// let responses = [
    ///     Response::new(Score::try_from(2)?).with_account("ACME").with_comment("Invoices are late"),
    ///     Response::new(Score::try_from(9)?).with_account("ACME"),
    /// ];
    /// let values = HashMap::from([("ACME", 1_000_000.0)]);
    /// let follow_up = AccountRollup::builder().values(&values).close_the_loop(&responses)?;
    /// assert_eq!(follow_up.call_first[0].value_at_risk, 500_000.0);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn close_the_loop(&self, answers: &(impl Answers + ?Sized)) -> Result<FollowUp> {
        self.check_min_sample()?;
        let survey = answers.survey(&self.columns(true))?;
        let prepared = self.prepare(&survey, Some("close the loop (value at risk)"))?;
        crate::accounts::follow_up::follow_up(&prepared, self.min_sample, self.scale)
    }

    /// Who answered: per account the answers and, with [`invitations`](crate::accounts::AccountRollupBuilder::invitations), the
    /// response rate; overall the share of accounts and the share of total account value that
    /// answered at all (revenue coverage). The total comes from the values, which must therefore be a
    /// map listing every account of the customer base.
    ///
    /// # Errors
    ///
    /// [`Error::AccountValuesRequired`] without values or with a closure (which cannot list accounts);
    /// [`Error::InvalidAccountValue`] for any account of the list; [`Error::MissingAccountValue`] for
    /// an account that answered but is not listed; [`Error::MissingInvitations`] and
    /// [`Error::MoreAnswersThanInvitations`] with invitation counts; otherwise as
    /// [`run`](crate::accounts::AccountRollupBuilder::run) for the responses.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use nps_stats::{AccountRollup, Response, Score};
    /// let responses = [Response::new(Score::MAX).with_account("ACME")];
    /// let customer_base = HashMap::from([("ACME", 750.0), ("Globex", 250.0)]);
    /// let coverage = AccountRollup::builder().values(&customer_base).coverage(&responses)?;
    /// assert_eq!(coverage.revenue_coverage, 0.75);
    /// assert_eq!(coverage.account_coverage, 0.5);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn coverage(&self, answers: &(impl Answers + ?Sized)) -> Result<Coverage> {
        let values = self.values.ok_or(Error::AccountValuesRequired { purpose: "coverage" })?;
        let all = values.entries().ok_or(Error::AccountListRequired { purpose: "coverage" })?;
        let survey = answers.survey(&self.columns(false))?;
        let prepared = self.prepare(&survey, Some("coverage"))?;
        crate::accounts::coverage::coverage(&prepared, all, self.invitations)
    }

    fn check_min_sample(&self) -> Result<()> {
        if self.min_sample == 0 {
            return Err(Error::InvalidCount {
                name: "min_sample",
                value: 0,
                expected: "at least 1 answer per account (1 flags no account as thin)",
            });
        }
        Ok(())
    }

    /// The answers checked and grouped under these settings; `needs_values` names the purpose when
    /// values are required.
    fn prepare<'s>(&self, survey: &'s Survey, needs_values: Option<&'static str>) -> Result<Prepared<'s>> {
        let values = self.values_for(needs_values)?;
        prepare(survey, self.scale, self.duplicates, self.recency(survey).as_deref(), values)
    }

    /// The account values; an error when `needs_values` names a purpose that requires them and
    /// none were given.
    fn values_for(&self, needs_values: Option<&'static str>) -> Result<Option<&'a dyn PerAccount<f64>>> {
        match (self.values, needs_values) {
            (None, Some(purpose)) => Err(Error::AccountValuesRequired { purpose }),
            (values, _) => Ok(values),
        }
    }

    /// The caller's recency order on rows: it compares responses, so the rows are made responses
    /// again for it.
    fn recency<'s>(
        &'s self,
        survey: &'s Survey,
    ) -> Option<Box<dyn Fn(usize, usize) -> core::cmp::Ordering + 's>> {
        let order = self.order.as_deref()?;
        Some(Box::new(move |later: usize, earlier: usize| {
            match (survey.response(later), survey.response(earlier)) {
                (Some(later), Some(earlier)) => order(&later, &earlier),
                _ => core::cmp::Ordering::Equal,
            }
        }))
    }

    /// The columns the roll-up reads: with a caller's recency order, every column (the order may
    /// read any of them); comments only for the follow-up lists.
    fn columns(&self, comments: bool) -> Columns<'static> {
        Columns {
            account: true,
            respondent: true,
            role: true,
            period: true,
            comment: comments,
            all: self.order.is_some(),
            ..Columns::default()
        }
    }
}

impl core::fmt::Debug for AccountRollupBuilder<'_> {
    /// The settings; the values, invitation counts and order are shown only as given or not.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AccountRollupBuilder")
            .field("values", &self.values.is_some())
            .field("invitations", &self.invitations.is_some())
            .field("duplicates", &self.duplicates)
            .field("order_by", &self.order.is_some())
            .field("strategy", &self.strategy)
            .field("weighting", &self.weighting)
            .field("variance", &self.variance)
            .field("population", &self.population)
            .field("single_contact", &self.single_contact)
            .field("level", &self.level)
            .field("min_sample", &self.min_sample)
            .field("scale", &self.scale)
            .finish()
    }
}
