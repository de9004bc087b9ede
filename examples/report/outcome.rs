//! Sections 6 and 7 of the report: how sure the year's NPS is when every account answered (the
//! two-stage variance), and whether the score predicts renewal.
//!
//! Both use everyone's current view (the latest answer of every respondent). They need two
//! account-level columns of the export, `invited` (the account's contacts in the survey) and
//! `renewed` (`yes`/`no`); without them the section says so and is skipped.

use std::collections::BTreeMap;

use nps_stats::accounts::{DesignEstimate, Strategy, VarianceMethod, Weighting};
use nps_stats::analysis::OutcomeBuilder;
use nps_stats::{AccountId, AccountRollup, Response};

/// Prints both sections; one with too few answers or accounts says so and the other still runs.
pub fn print(current_views: &[Response], account_values: &BTreeMap<AccountId, f64>) -> nps_stats::Result<()> {
    super::too_few_is_a_note(print_census(current_views, account_values))?;
    super::too_few_is_a_note(print_renewal(current_views))
}

/// Section 6: with every account of the base answering, the between-account variance is 0; the
/// interval comes from which contacts answered within the accounts.
fn print_census(
    current_views: &[Response],
    account_values: &BTreeMap<AccountId, f64>,
) -> nps_stats::Result<()> {
    super::heading("6. Every account answered this year: how sure is the NPS of everyone's current view?");
    let mut invited: BTreeMap<AccountId, u64> = BTreeMap::new();
    for response in current_views {
        let count = response.segment("invited").and_then(|v| v.trim().parse::<u64>().ok());
        if let (Some(account), Some(count)) = (response.account(), count) {
            invited.entry(account.clone()).or_insert(count);
        }
    }
    let answered: std::collections::BTreeSet<&AccountId> =
        current_views.iter().filter_map(Response::account).collect();
    let base = account_values.len() as u64;
    if invited.len() != answered.len() {
        println!("(no 'invited' column with the contacts of every account: the two-stage interval needs it)");
        return Ok(());
    }
    if answered.len() as u64 != base {
        println!("{} of {base} accounts answered: not a census, see section 1", answered.len());
        return Ok(());
    }
    let two_stage = |strategy: Strategy, weighting: Weighting| {
        AccountRollup::builder()
            .values(account_values)
            .invitations(&invited)
            .strategy(strategy)
            .weighting(weighting)
            .variance(VarianceMethod::TwoStage)
            .population(base)
            .run(current_views)
    };
    let respondents = two_stage(Strategy::Respondent, Weighting::Equal)?;
    let by_value = two_stage(Strategy::Account, Weighting::AccountValue)?;
    // The same answers as if the accounts were a sample from a base of unknown size.
    let sample = AccountRollup::builder().values(account_values).run(current_views)?;
    println!(
        "{:<44} {:>7}  {:<18} {:>5} {:>9} {:>8}",
        "view", "NPS", "95% interval", "SE", "between", "within"
    );
    let line = |label: &str, est: &DesignEstimate| {
        let (between, within) = est.stages.as_ref().map_or((String::from("-"), String::from("-")), |s| {
            (format!("{:.1}", s.between_accounts.sqrt()), format!("{:.1}", s.within_accounts.sqrt()))
        });
        println!(
            "{label:<44} {:>+7.1}  [{:>+6.1}, {:>+6.1}]  {:>5.1} {between:>9} {within:>8}",
            est.nps, est.interval.lower, est.interval.upper, est.std_error
        );
    };
    line("every answer, two-stage (census of accounts)", &respondents.unweighted);
    line("each account by its ARR, two-stage", &by_value.weighted);
    line("every answer, as a sample of many accounts", &sample.unweighted);
    if let Some(stages) = &respondents.unweighted.stages {
        println!(
            "{base} of {base} accounts answered, so the accounts add no sampling error; what is left is which \
             of their contacts answered: {} of {} invited contacts.",
            stages.contacts, stages.invited
        );
        println!(
            "{} accounts were heard through one of several contacts; their within-account part is {} \
             (R: survey.lonely.psu = \"adjust\").",
            stages.single_contact_accounts, stages.single_contact
        );
    }
    println!(
        "The cluster-robust variance would report a zero-width interval here, and the cluster bootstrap has \
         no finite-population correction at all; neither is used."
    );
    Ok(())
}

/// Section 7: does the account's score predict its renewal?
fn print_renewal(current_views: &[Response]) -> nps_stats::Result<()> {
    super::heading("7. Does the score predict renewal? (one unit per account, its mean score)");
    if current_views.iter().all(|r| r.segment("renewed").is_none()) {
        println!("(no 'renewed' column in this export: nothing to link the score to)");
        return Ok(());
    }
    let renewed = |r: &Response| match r.segment("renewed").map(str::trim) {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    };
    let link = OutcomeBuilder::new()
        .name("renewed")
        .opposite("churned")
        .min_sample(10)
        .binary(current_views, renewed)?;
    println!("{link}");
    Ok(())
}
