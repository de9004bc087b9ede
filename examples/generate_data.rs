//! Regenerates the bundled sample data set `examples/data/b2b_survey.csv`.
//!
//! A fictional Dutch B2B supplier with 60 customer accounts in ten branches, one to eight contacts
//! per account (decision maker, influencers, end users), account values (ARR, euro) from a
//! heavy-tailed Pareto distribution, and four quarterly relationship surveys. Some accounts form a
//! panel that answers every quarter; the others answer now and then. Branch levels follow the
//! pattern of Dutch B2B NPS benchmarks: staffing and waste collection well above business credit
//! and accountancy, an average near −30 with few promoters.
//!
//! Two account-level columns close each row: `invited`, the account's contacts in the survey (the
//! contacts a two-stage variance samples from), and `renewed` (`yes`/`no`), whether the account
//! renewed its contract after the last quarter. Renewal follows a seeded logistic model in which the
//! account's satisfaction raises the odds only a little (price, budget and a competitor's offer
//! decide most renewals), so the score predicts renewal weakly, as the B2B studies behind the
//! branch benchmarks found for preference. Both come from a generator of their own, so every
//! other column keeps the values it had before they were added.
//!
//! The generator is seeded, so `cargo run --example generate_data` writes the same file every time.

use std::fmt::Write as _;
use std::path::Path;

use rand::{Rng, RngExt, SeedableRng};
use rand_distr::{Distribution, Normal, Pareto};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Branch name and the mean score of its customers (on 0–10), chosen so that the branch NPS lands
/// roughly where Dutch B2B benchmarks put it.
const BRANCHES: [(&str, f64); 10] = [
    ("staffing", 7.4),
    ("waste collection", 7.3),
    ("catering", 6.9),
    ("IT hardware", 6.8),
    ("IT software", 6.7),
    ("business insurance", 6.5),
    ("business energy", 6.5),
    ("telecom broadband", 6.4),
    ("accountancy", 6.1),
    ("business credit", 6.0),
];

const QUARTERS: [&str; 4] = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"];

const DETRACTOR_COMMENTS: [&str; 6] = [
    "Invoices keep arriving late and wrong.",
    "Support takes days to answer a simple question.",
    "Prices went up again without notice.",
    "We changed account manager three times this year.",
    "The portal is slow and keeps logging us out.",
    "Promised delivery dates are rarely met.",
];
const PASSIVE_COMMENTS: [&str; 3] =
    ["Fine overall, nothing special.", "Good service, but too expensive.", "Does what it should."];
const PROMOTER_COMMENTS: [&str; 4] = [
    "Our account manager really knows our business.",
    "Always quick to help, even on Friday evening.",
    "Reliable partner for years, happy to recommend.",
    "The new dashboard saves us hours every month.",
];

struct Contact {
    id: String,
    role: &'static str,
    /// A persistent personal tendency, in score points.
    tendency: f64,
}

struct Account {
    id: String,
    branch: usize,
    arr: f64,
    /// Sentiment shared by every contact of the account, in score points.
    sentiment: f64,
    /// Change per quarter, in score points (some accounts improve, some slip).
    drift: f64,
    /// Panel accounts answer every quarter; the others now and then.
    panel: bool,
    contacts: Vec<Contact>,
}

/// Renewal odds: log-odds 1.6 at a level of 6.6 points, +0.3 per point of satisfaction.
const RENEWAL_INTERCEPT: f64 = 1.6;
const RENEWAL_SLOPE: f64 = 0.3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(20_261_123);
    let accounts = make_accounts(&mut rng)?;
    // A generator of its own, so that the survey columns keep their values.
    let mut renewal_rng = Xoshiro256PlusPlus::seed_from_u64(20_261_124);
    let renewed: Vec<bool> = accounts.iter().map(|account| renews(&mut renewal_rng, account)).collect();
    let csv = make_responses(&mut rng, &accounts, &renewed)?;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/b2b_survey.csv");
    std::fs::write(&path, csv)?;
    let rows = std::fs::read_to_string(&path)?.lines().count() - 1;
    println!("wrote {rows} responses from {} accounts to examples/data/b2b_survey.csv", accounts.len());
    Ok(())
}

fn make_accounts(rng: &mut impl Rng) -> Result<Vec<Account>, Box<dyn std::error::Error>> {
    // ARR from €8,000 upwards with a heavy tail (shape 1.1: a few accounts worth a hundred others).
    let arr = valid(Pareto::new(8_000.0, 1.1))?;
    let sentiment = valid(Normal::new(0.0, 0.7))?;
    let tendency = valid(Normal::new(0.0, 0.6))?;
    let mut accounts = Vec::new();
    for number in 1..=60 {
        let branch = (number - 1) % BRANCHES.len();
        let value: f64 = Distribution::<f64>::sample(&arr, rng).min(5_000_000.0);
        let value = (value / 100.0).round() * 100.0;
        // Bigger accounts have more contacts in the survey: 1 to 8.
        let size = ((value / 8_000.0).log10() * 3.0 + rng.random_range(0.0..2.0)).floor() as usize;
        let count = (1 + size).min(8);
        let contacts = (1..=count)
            .map(|c| Contact {
                id: format!("A{number:02}-C{c}"),
                role: match c {
                    1 => "decision maker",
                    2 | 3 => "influencer",
                    _ => "end user",
                },
                tendency: tendency.sample(rng),
            })
            .collect();
        accounts.push(Account {
            id: format!("A{number:02}"),
            branch,
            arr: value,
            sentiment: sentiment.sample(rng),
            drift: rng.random_range(-0.35..0.45),
            panel: rng.random_bool(0.45),
            contacts,
        });
    }
    // Centre the account sentiments within each branch, so that branch levels follow the benchmark
    // pattern and accounts vary around them.
    for branch in 0..BRANCHES.len() {
        let members: Vec<usize> = (0..accounts.len()).filter(|&a| accounts[a].branch == branch).collect();
        let mean = members.iter().map(|&a| accounts[a].sentiment).sum::<f64>() / members.len() as f64;
        for &a in &members {
            accounts[a].sentiment -= mean;
        }
    }
    Ok(accounts)
}

/// Whether the account renews after the last quarter: a logistic model in the account's expected
/// score then (branch level, own sentiment and three quarters of drift).
fn renews(rng: &mut impl Rng, account: &Account) -> bool {
    let level = BRANCHES[account.branch].1 + account.sentiment + account.drift * (QUARTERS.len() - 1) as f64;
    let odds = RENEWAL_INTERCEPT + RENEWAL_SLOPE * (level - 6.6);
    rng.random_bool(1.0 / (1.0 + (-odds).exp()))
}

fn make_responses(
    rng: &mut impl Rng,
    accounts: &[Account],
    renewed: &[bool],
) -> Result<String, Box<dyn std::error::Error>> {
    let noise = valid(Normal::new(0.0, 1.4))?;
    let mut csv = String::from("period,account,branch,arr,respondent,role,score,comment,invited,renewed\n");
    for (q, quarter) in QUARTERS.iter().enumerate() {
        for (account, &renewed) in accounts.iter().zip(renewed) {
            let (branch, mean) = BRANCHES[account.branch];
            let answer_rate = if account.panel { 0.9 } else { 0.3 };
            for contact in &account.contacts {
                if !rng.random_bool(answer_rate) {
                    continue;
                }
                let role_effect = match contact.role {
                    "decision maker" => 0.3,
                    "influencer" => 0.0,
                    _ => -0.3,
                };
                let latent = mean
                    + account.sentiment
                    + account.drift * q as f64
                    + contact.tendency
                    + role_effect
                    + noise.sample(rng);
                let score = latent.round().clamp(0.0, 10.0) as u8;
                let comment = if rng.random_bool(0.12) { pick_comment(rng, score) } else { "" };
                writeln!(
                    csv,
                    "{quarter},{},{branch},{},{},{},{score},{},{},{}",
                    account.id,
                    account.arr,
                    contact.id,
                    contact.role,
                    quote(comment),
                    account.contacts.len(),
                    if renewed { "yes" } else { "no" }
                )?;
            }
        }
    }
    Ok(csv)
}

fn pick_comment(rng: &mut impl Rng, score: u8) -> &'static str {
    let pool: &[&'static str] = match score {
        9..=10 => &PROMOTER_COMMENTS,
        7..=8 => &PASSIVE_COMMENTS,
        _ => &DETRACTOR_COMMENTS,
    };
    pool[rng.random_range(0..pool.len())]
}

/// A distribution's parameters, checked (they are constants here, so this never fails).
fn valid<T, E: std::fmt::Debug>(distribution: Result<T, E>) -> Result<T, String> {
    distribution.map_err(|e| format!("invalid distribution parameters: {e:?}"))
}

/// A CSV field, quoted when it holds a comma or a quote.
fn quote(field: &str) -> String {
    if field.contains([',', '"']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { field.to_owned() }
}
