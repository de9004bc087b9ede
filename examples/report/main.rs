//! The main job: a B2B NPS report on a survey export.
//!
//! ```text
//! cargo run --features json --example report                        # the bundled sample data
//! cargo run --features json --example report -- path/to/export.csv  # your own export
//! cargo run --features json --example report -- --delimiter ';' path/to/export.csv
//! ```
//!
//! The export has one row per answer with the period (`2026-Q3`, or a date or timestamp), the
//! account, its branch, its yearly value (ARR), the respondent, the role, the score (0–10) and a
//! comment (may be empty); further columns become segment labels, and two of them feed sections 6
//! and 7 when present: `invited` (the account's contacts in the survey) and `renewed` (`yes`/`no`).
//! The column names of the bundled file and of three export tools are known (see `load.rs`); CSV
//! with any delimiter and JSON Lines are read. A bad cell stops the report with the file, line and
//! column, and so does an error that the analyses find later.

mod load;
mod outcome;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nps_stats::{
    AccountRollup, Breakdown, Confidence, Error, Quarter, Response, Tally, Trend,
    accounts::{Strategy, Weighting},
    analysis::mix_shift_by,
    core::Duplicates,
    export::Export,
    inference::{ExpectedShares, Samples, sample_size},
};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let mut path = None;
    let mut delimiter = None;
    while let Some(arg) = args.next() {
        if arg == "--delimiter" {
            match args.next().and_then(|d| d.to_str().and_then(|d| d.bytes().next())) {
                Some(byte) => delimiter = Some(byte),
                None => {
                    eprintln!("error: --delimiter needs a character, such as ';'");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            path = Some(PathBuf::from(arg));
        }
    }
    let path =
        path.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/b2b_survey.csv"));
    match run(&path, delimiter) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &Path, delimiter: Option<u8>) -> Result<(), String> {
    let survey = load::load(path, delimiter)?;
    // An error the analyses find names the file, line and column it concerns.
    let located = |e: nps_stats::Error| survey.locate(e).to_string();
    let report = Report::new(&survey);
    report.print(path).map_err(located)
}

/// The survey split the ways the report needs it.
struct Report<'a> {
    survey: &'a Export,
    quarters: Vec<Quarter>,
    latest: Vec<Response>,
    previous: Vec<Response>,
}

impl<'a> Report<'a> {
    fn new(survey: &'a Export) -> Report<'a> {
        // Periods are compared as quarters, never as text: `2026-q1` is `2026-Q1`.
        let quarter_of = |r: &Response| r.period().and_then(|label| label.parse::<Quarter>().ok());
        let mut quarters: Vec<Quarter> = survey.responses.iter().filter_map(quarter_of).collect();
        quarters.sort();
        quarters.dedup();
        let in_quarter = |quarter: Option<&Quarter>| -> Vec<Response> {
            let Some(&quarter) = quarter else { return Vec::new() };
            survey.responses.iter().filter(|r| quarter_of(r) == Some(quarter)).cloned().collect()
        };
        let latest = in_quarter(quarters.last());
        let previous = in_quarter(quarters.len().checked_sub(2).and_then(|i| quarters.get(i)));
        Report { survey, quarters, latest, previous }
    }

    fn print(&self, path: &Path) -> nps_stats::Result<()> {
        let survey = self.survey;
        let (first, last) = match (self.quarters.first(), self.quarters.last()) {
            (Some(first), Some(last)) => (first.to_string(), last.to_string()),
            _ => (String::from("-"), String::from("-")),
        };
        println!("NPS report: {}", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
        println!(
            "{} from {}, {} ({first} to {last})",
            plural(survey.responses.len(), "answer"),
            plural(usize::try_from(survey.summary.accounts).unwrap_or(usize::MAX), "account"),
            plural(self.quarters.len(), "quarter")
        );
        if survey.summary.empty_scores + survey.summary.blank_rows > 0 {
            println!(
                "(rows that are not answers: {} without a score, {} blank)",
                survey.summary.empty_scores, survey.summary.blank_rows
            );
        }

        // A section that has too few answers or accounts for its statistics says so, and the
        // report goes on; any other error stops it.
        too_few_is_a_note(self.print_headline(&last))?;
        too_few_is_a_note(self.print_breakdowns())?;
        too_few_is_a_note(self.print_trend())?;
        too_few_is_a_note(self.print_follow_up())?;
        too_few_is_a_note(self.print_plan())?;
        // Everyone's current view: the latest answer of every respondent over the whole file.
        let current_views = Duplicates::LatestPerRespondent.apply(&self.survey.responses)?;
        outcome::print(&current_views, &self.survey.values)?;
        Ok(())
    }

    /// Section 1: the latest quarter three ways: every answer, one account one vote, by value.
    fn print_headline(&self, last: &str) -> nps_stats::Result<()> {
        heading(&format!("1. Where we stand in {last}"));
        let customer_base = self.survey.values.len() as u64;
        // At a census of accounts the first-stage correction leaves nothing: section 6 has its interval.
        let answered =
            self.latest.iter().filter_map(Response::account).collect::<std::collections::BTreeSet<_>>();
        let census = answered.len() as u64 == customer_base;
        let rollup = |strategy: Strategy, weighting: Weighting| -> nps_stats::Result<AccountRollup> {
            let builder = AccountRollup::builder().values(&self.survey.values);
            let builder = if census { builder } else { builder.population(customer_base) };
            builder.strategy(strategy).weighting(weighting).run(&self.latest)
        };
        let respondents = match rollup(Strategy::Respondent, Weighting::Equal) {
            Err(Error::TooFewForVariance { found, .. }) => {
                // One account: the NPS is there, an interval between accounts is not.
                let tally: Tally = self.latest.iter().map(Response::score).collect();
                let nps = tally.nps().map_or_else(|| "-".to_owned(), |nps| format!("{nps:+.1}"));
                println!(
                    "NPS {nps} from {} of {}; an interval needs answers from at least 2 accounts",
                    plural(self.latest.len(), "answer"),
                    plural(usize::try_from(found).unwrap_or(usize::MAX), "account")
                );
                return Ok(());
            }
            result => result?,
        };
        let accounts = rollup(Strategy::Account, Weighting::AccountValue)?;
        let decision_makers = rollup(
            Strategy::decision_maker_first(["decision maker", "influencer"]),
            Weighting::AccountValue,
        )?;
        println!(
            "{:<44} {:>7}  {:<24} {:>7} {:>8} {:>7}",
            "view", "NPS", "95% interval", "answers", "accounts", "n_eff"
        );
        let line = |label: &str, estimate: &nps_stats::accounts::DesignEstimate, accounts: usize| {
            println!(
                "{label:<44} {:>+7.1}  [{:>+6.1}, {:>+6.1}]{:<8} {:>7} {:>8} {:>7.1}",
                estimate.nps,
                estimate.interval.lower,
                estimate.interval.upper,
                "",
                estimate.n,
                accounts,
                estimate.effective_n
            );
        };
        line("respondent level (every answer once)", &respondents.unweighted, respondents.accounts);
        line("account level (one account, one vote)", &accounts.unweighted, accounts.accounts);
        line("value weighted (each account by its ARR)", &accounts.weighted, accounts.accounts);
        line("decision makers first, value weighted", &decision_makers.weighted, decision_makers.accounts);
        let fpc = if census {
            "every account answered (see section 6)".to_owned()
        } else {
            format!("correct for {} of {customer_base} accounts answering", respondents.accounts)
        };
        println!("Intervals treat accounts as clusters (t with accounts − 1 df) and {fpc}.");
        if respondents.repeated > 0 {
            println!(
                "Repeated answers in {last} (a respondent who answered before in the quarter): {}; each counts.",
                respondents.repeated
            );
        }
        Ok(())
    }

    /// Section 2: everyone's latest answer by branch and by role, each segment against the rest.
    fn print_breakdowns(&self) -> nps_stats::Result<()> {
        heading("2. Where it is good or bad (latest answer of each respondent, Holm-adjusted)");
        let breakdown = Breakdown::builder().min_sample(30).duplicates(Duplicates::LatestPerRespondent);
        println!("{}\n", breakdown.by_dimension(&self.survey.responses, "branch")?);
        println!("{}", breakdown.by_dimension(&self.survey.responses, "role")?);
        Ok(())
    }

    /// Section 3: quarter over quarter, with the paired test for returning respondents, and the
    /// mix-shift decomposition of the last change.
    fn print_trend(&self) -> nps_stats::Result<()> {
        heading("3. Did it really change? (quarter over quarter)");
        let trend = Trend::builder().by_period::<Quarter>(&self.survey.responses)?;
        println!("{trend}");
        if let Some(change) = trend.points.last().and_then(|point| point.change.as_ref()) {
            println!();
            if let Some(independent) = &change.independent {
                println!("last change, independent samples: {independent}");
            }
            if let Some(paired) = &change.paired {
                println!("last change, returning respondents: {paired}");
            }
            let which = match change.applies {
                Samples::Paired | Samples::Overlapping => {
                    "the same respondents answered both quarters, so the paired test applies"
                }
                _ => "the samples do not overlap, so the independent test applies",
            };
            println!("{which} ({} shared respondents)", change.shared_units);
        }
        if !self.previous.is_empty() && !self.latest.is_empty() {
            println!("\nthe last change, within branches and from the branch mix:");
            println!("{}", mix_shift_by(&self.previous, &self.latest, |r| r.segment("branch"))?);
        }
        Ok(())
    }

    /// Section 4: whom to call first.
    fn print_follow_up(&self) -> nps_stats::Result<()> {
        heading("4. Detractor accounts to call first (latest answer of each respondent, by value at risk)");
        let follow_up = AccountRollup::builder()
            .values(&self.survey.values)
            .duplicates(Duplicates::LatestPerRespondent)
            .min_sample(1)
            .close_the_loop(&self.survey.responses)?;
        println!(
            "{:<4} {:<10} {:<20} {:>10} {:>10} {:>4} {:>7}  worst answer",
            "#", "account", "branch", "ARR", "at risk", "n", "NPS"
        );
        for (rank, account) in follow_up.call_first.iter().take(10).enumerate() {
            let branch = self.branch_of(account.account.as_str());
            let worst = account.contacts.iter().min_by_key(|c| c.score);
            let worst = worst.map_or(String::new(), |c| {
                let who = c.role.as_deref().unwrap_or("unknown role");
                match &c.comment {
                    Some(comment) => format!("{} ({who}): {comment}", c.score),
                    None => format!("{} ({who})", c.score),
                }
            });
            println!(
                "{:<4} {:<10} {:<20} {:>10.0} {:>10.0} {:>4} {:>+7.1}  {worst}",
                rank + 1,
                account.account,
                branch,
                account.value,
                account.value_at_risk,
                account.tally.total(),
                account.nps
            );
        }
        Ok(())
    }

    /// Section 5: how many accounts must answer next quarter for ±10 points, with the finite
    /// population correction for the size of the customer base.
    fn print_plan(&self) -> nps_stats::Result<()> {
        heading("5. Planning next quarter: answers needed for a margin of ±10 points (95%)");
        let customer_base = self.survey.values.len() as u64;
        let level = Confidence::NINETY_FIVE;
        let latest: Tally = self.latest.iter().map(Response::score).collect();
        let observed = ExpectedShares::from_tally(&latest)?;
        let expected = sample_size(10, observed, level, Some(customer_base))?;
        let worst = sample_size(10, ExpectedShares::WORST_CASE, level, Some(customer_base))?;
        let unlimited = sample_size(10, observed, level, None)?;
        println!(
            "with this quarter's shares ({:.0}% promoters, {:.0}% detractors): {} of {} accounts",
            100.0 * observed.promoters(),
            100.0 * observed.detractors(),
            expected.n,
            customer_base
        );
        println!(
            "in the worst case (half promoters, half detractors): {} of {} accounts",
            worst.n, customer_base
        );
        println!(
            "without the finite-population correction the formula would ask for {}: a small customer base \
             needs a near-census, and every account that answers counts",
            plural(usize::try_from(unlimited.n).unwrap_or(usize::MAX), "answer")
        );
        Ok(())
    }

    fn branch_of(&self, account: &str) -> String {
        self.survey
            .responses
            .iter()
            .find(|r| r.account().is_some_and(|a| a.as_str() == account))
            .and_then(|r| r.segment("branch"))
            .unwrap_or("")
            .to_owned()
    }
}

/// `count word`, with the word in the plural unless the count is 1.
fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// `result`, with an error that only says the data are too few for the section printed as a note.
fn too_few_is_a_note(result: nps_stats::Result<()>) -> nps_stats::Result<()> {
    match result {
        Err(error @ (Error::TooFewForVariance { .. } | Error::EmptySample { .. })) => {
            println!("(not shown: {error})");
            Ok(())
        }
        other => other,
    }
}

fn heading(title: &str) {
    println!("\n{title}\n{}", "=".repeat(title.chars().count()));
}
