//! How much memory a columnar survey takes: builds one of 10⁷ answers (or the count given) row by
//! row, in the shape of the benches (10,000 accounts in 10 branches, three roles, four quarterly
//! waves of respondents), and prints the bytes per answer two ways: the survey's own count of its
//! heap, and the growth of the process's resident memory (Linux).
//!
//! ```sh
//! cargo run --release --example survey_memory            # 10⁷ answers
//! cargo run --release --example survey_memory -- 1000000
//! ```

use std::time::Instant;

use nps_stats::Score;
use nps_stats::core::{SurveyBuilder, SurveyRow};

/// The resident memory of this process in bytes, where the system says (Linux: /proc/self/status).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let answers: usize = match std::env::args().nth(1) {
        Some(count) => count.parse()?,
        None => 10_000_000,
    };
    const ROLES: [&str; 3] = ["decision maker", "influencer", "end user"];
    const PERIODS: [&str; 4] = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
    let respondents = (answers / 4).max(1);
    let branches: Vec<String> = (0..10).map(|b| format!("branch {b:02}")).collect();
    let before = resident_bytes();
    let started = Instant::now();
    let mut builder = SurveyBuilder::with_capacity(answers);
    let (mut account, mut respondent) = (String::new(), String::new());
    let mut state = 0x5EED_u64;
    for i in 0..answers {
        let who = i % respondents;
        let id = who % 10_000;
        account.clear();
        respondent.clear();
        use std::fmt::Write;
        write!(account, "ACC-{id:05}")?;
        write!(respondent, "contact-{who:07}")?;
        // A splitmix64 step for the score.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let score = Score::try_from(((z ^ (z >> 31)) % 11) as u8)?;
        let segments = [("branch", branches[id % 10].as_str())];
        let row = SurveyRow::new(score)
            .account(&account)
            .respondent(&respondent)
            .role(ROLES[who % 3])
            .period(PERIODS[(i / respondents).min(3)])
            .segments(&segments);
        builder.push_row(&row)?;
    }
    let survey = builder.finish();
    let elapsed = started.elapsed();
    let after = resident_bytes();
    println!("{answers} answers built row by row in {elapsed:.2?}");
    println!("survey heap: {:.1} bytes per answer", survey.heap_bytes() as f64 / answers as f64);
    match (before, after) {
        (Some(before), Some(after)) => {
            println!(
                "resident memory growth: {:.1} bytes per answer",
                after.saturating_sub(before) as f64 / answers as f64
            )
        }
        _ => println!("resident memory growth: not available on this system"),
    }
    Ok(())
}
