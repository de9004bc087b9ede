//! The shortest useful program: tally answers, print the NPS, merge another batch.
//!
//! Run with `cargo run --example quickstart`.

use nps_stats::{Tally, WeightedTally};

fn main() -> Result<(), nps_stats::Error> {
    // Answers to "How likely are you to recommend us?" (0–10), as a survey tool exports them.
    let january = Tally::from_scores(&[10, 9, 9, 8, 7, 6, 3, 10, 9, 5])?;
    println!("January:  {january}");

    let february = Tally::from_scores(&[9, 9, 10, 8, 8, 7, 2, 10])?;
    println!("February: {february}");

    // Merging pools the counts; it never averages the two scores.
    let both = (&january + &february)?;
    println!("Together: {both}");

    // The same answers weighted by the yearly value of each customer's account.
    let values = [120.0, 80.0, 15.0, 15.0, 40.0, 900.0, 60.0, 25.0, 10.0, 300.0];
    let mut by_value = WeightedTally::new();
    for (&score, &value) in [10, 9, 9, 8, 7, 6, 3, 10, 9, 5].iter().zip(&values) {
        by_value.try_add(score, value)?;
    }
    println!("January by account value: {by_value}");
    Ok(())
}
