//! Where is it good or bad, and did it really change? A breakdown by region, a quarterly trend with
//! paired changes, and a mix-shift decomposition.
//!
//! Run with `cargo run --example segments_and_trends`.

use nps_stats::{
    Breakdown, Quarter, Response, Score, Trend,
    analysis::{Window, mix_shift_by},
};

fn main() -> Result<(), nps_stats::Error> {
    // 60 contacts answer every quarter; their scores drift upwards, more in DACH than elsewhere.
    let regions = ["DACH", "Benelux", "Nordics"];
    let mut answers = Vec::new();
    for quarter in 1..=4u8 {
        for contact in 0..60u32 {
            let region = regions[(contact % 3) as usize];
            let base = (contact * 7 % 11) as u8;
            let lift = if region == "DACH" { quarter } else { quarter / 2 };
            let score = Score::try_from((base + lift).min(10))?;
            answers.push(
                Response::new(score)
                    .with_respondent(format!("contact-{contact}"))
                    .with_period(format!("2026-Q{quarter}"))
                    .with_segment("region", region),
            );
        }
    }

    let q4: Vec<Response> = answers.iter().filter(|r| r.period() == Some("2026-Q4")).cloned().collect();
    println!("Q4 by region, each against the rest (Holm-adjusted):");
    println!("{}\n", Breakdown::builder().min_sample(20).by_dimension(&q4, "region")?);

    println!("{}\n", Trend::builder().by_period::<Quarter>(&answers)?);
    println!("{}\n", Trend::builder().window(Window::Rolling(2)).by_period::<Quarter>(&answers)?);

    let q1: Vec<Response> = answers.iter().filter(|r| r.period() == Some("2026-Q1")).cloned().collect();
    println!("Q1 → Q4, within regions and from the regional mix:");
    println!("{}", mix_shift_by(&q1, &q4, |r| r.segment("region"))?);
    Ok(())
}
