//! A B2B account roll-up: value-weighted NPS with accounts as clusters, whom to call first, and how
//! much of the revenue answered.
//!
//! Run with `cargo run --example accounts`.

use std::collections::HashMap;

use nps_stats::{
    AccountRollup, Response, Score,
    accounts::{Strategy, VarianceMethod, Weighting},
    core::Duplicates,
};

fn main() -> Result<(), nps_stats::Error> {
    // (account, respondent, role, period, score, comment)
    let rows = [
        ("ACME", "jane", "decision maker", "2026-Q2", 9, ""),
        ("ACME", "omar", "end user", "2026-Q2", 3, "The new portal is slow."),
        ("ACME", "li", "end user", "2026-Q2", 10, ""),
        ("ACME", "omar", "end user", "2026-Q1", 6, "Portal is slow."),
        ("Globex", "ana", "decision maker", "2026-Q2", 10, "Great account manager."),
        ("Globex", "bo", "influencer", "2026-Q2", 9, ""),
        ("Initech", "cy", "decision maker", "2026-Q2", 5, "Invoices are late every month."),
        ("Initech", "dee", "end user", "2026-Q2", 7, ""),
        ("Umbrella", "eve", "end user", "2026-Q2", 8, ""),
        ("Hooli", "fay", "influencer", "2026-Q2", 2, "We are evaluating other suppliers."),
    ];
    let responses: Vec<Response> = rows
        .iter()
        .map(|&(account, respondent, role, period, score, comment)| {
            let response = Response::new(Score::try_from(score)?)
                .with_account(account)
                .with_respondent(respondent)
                .with_role(role)
                .with_period(period);
            Ok(if comment.is_empty() { response } else { response.with_comment(comment) })
        })
        .collect::<nps_stats::Result<_>>()?;

    // Annual recurring revenue of every account in the customer base, including those that did not answer.
    let arr = HashMap::from([
        ("ACME", 2_000_000.0),
        ("Globex", 850_000.0),
        ("Initech", 120_000.0),
        ("Umbrella", 40_000.0),
        ("Hooli", 600_000.0),
        ("Wayne", 1_500_000.0),
        ("Stark", 300_000.0),
    ]);
    let invitations = HashMap::from([
        ("ACME", 6u64),
        ("Globex", 3),
        ("Initech", 4),
        ("Umbrella", 2),
        ("Hooli", 2),
        ("Wayne", 5),
        ("Stark", 2),
    ]);

    // Every account counts by its value however many contacts answered; accounts are the clusters
    // of the variance, and 5 of the 7 accounts answered (finite population correction).
    let by_value = AccountRollup::builder()
        .values(&arr)
        .invitations(&invitations)
        .duplicates(Duplicates::LatestPerRespondent)
        .strategy(Strategy::Respondent)
        .weighting(Weighting::AccountValueSpread)
        .population(arr.len() as u64);
    println!("{}", by_value.run(&responses)?);
    println!("{}", by_value.close_the_loop(&responses)?);
    println!("{}", by_value.coverage(&responses)?);

    // The decision makers' view, one vote per account weighted by value, with a cluster bootstrap.

    let decision_makers = AccountRollup::builder()
        .values(&arr)
        .duplicates(Duplicates::LatestPerRespondent)
        .strategy(Strategy::decision_maker_first(["decision maker", "influencer"]))
        .weighting(Weighting::AccountValue)
        .variance(VarianceMethod::ClusterBootstrap { resamples: 2_000, seed: 2026 });
    println!("{}", decision_makers.run(&responses)?);
    Ok(())
}
