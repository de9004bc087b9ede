//! Shared, seeded data for the benches, and the settings that keep `cargo bench` short.

#![allow(dead_code)] // each bench uses a part of this module

use std::time::Duration;

use criterion::{BenchmarkGroup, SamplingMode, measurement::WallTime};

/// The seed of every generated input: the same data on every run and machine.
pub const SEED: u64 = 0x5EED_2026_0000_0006;

/// The sizes measured: from a small survey to a large event log.
pub const SIZES: [usize; 3] = [1_000, 100_000, 100_000_000];

/// A splitmix64 stream: tiny, seeded, and good enough to draw benchmark inputs.
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform draw from `0..bound` (the modulo bias is irrelevant for benchmark data).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }

    /// A uniform draw from [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` scores 0..=10 with a typical B2B relationship-survey shape (about 45 % promoters, 27 %
/// passives, 28 % detractors), in random order so that branches cannot learn the sequence.
pub fn scores(n: usize, rng: &mut SplitMix) -> Vec<u8> {
    // Percent of answers per score 0..=10; sums to 100.
    const PERCENT: [u64; 11] = [3, 2, 3, 3, 4, 6, 7, 10, 17, 20, 25];
    let mut table = Vec::with_capacity(100);
    for (score, &percent) in (0u8..).zip(&PERCENT) {
        table.extend(std::iter::repeat_n(score, percent as usize));
    }
    (0..n).map(|_| table[rng.below(100) as usize]).collect()
}

/// Settings by size: small inputs get many quick samples, 10⁸ gets 10 flat samples.
pub fn configure(group: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    if n >= 10_000_000 {
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
    } else {
        group.sampling_mode(SamplingMode::Auto);
        group.sample_size(20);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(1));
    }
}

/// The read limit: the sum of all bytes, accumulated in 16-bit lanes over 256-byte chunks so that
/// the compiler vectorizes it and the loop is bound by memory, not by arithmetic.
pub fn byte_sum(bytes: &[u8]) -> u64 {
    let (chunks, rest) = bytes.as_chunks::<256>();
    let mut total = 0u64;
    for chunk in chunks {
        let mut lanes = [0u16; 16];
        for part in chunk.as_chunks::<16>().0 {
            for (lane, &byte) in lanes.iter_mut().zip(part) {
                *lane += u16::from(byte);
            }
        }
        total += lanes.iter().map(|&lane| u64::from(lane)).sum::<u64>();
    }
    total + rest.iter().map(|&byte| u64::from(byte)).sum::<u64>()
}

/// The survey shape of the columnar benches: `n` answers from 10,000 accounts in 10 branches,
/// three roles, four quarterly waves of `n / 4` respondents each (every respondent answers once a
/// quarter), listed wave by wave as exports are appended. Within a wave the contacts come in the
/// same order each quarter (an export sorted by contact), or, when `shuffled`, in a new random
/// order each quarter (an export in the order answers arrived).
pub fn survey_responses(n: usize, shuffled: bool, rng: &mut SplitMix) -> Vec<nps_stats::Response> {
    const ACCOUNTS: usize = 10_000;
    const ROLES: [&str; 3] = ["decision maker", "influencer", "end user"];
    let respondents = (n / 4).max(1);
    let scores = scores(n, rng);
    let branches: Vec<String> = (0..10).map(|b| format!("branch {b:02}")).collect();
    let mut order: Vec<usize> = (0..respondents).collect();
    scores
        .into_iter()
        .enumerate()
        .map(|(i, score)| {
            if shuffled && i % respondents == 0 {
                // Fisher–Yates for the wave that starts here.
                for last in (1..order.len()).rev() {
                    order.swap(last, rng.below(last as u64 + 1) as usize);
                }
            }
            let respondent = order[i % respondents];
            let account = respondent % ACCOUNTS;
            let quarter = 1 + (i / respondents).min(3);
            nps_stats::Response::new(nps_stats::Score::try_from(score).unwrap_or(nps_stats::Score::MIN))
                .with_account(format!("ACC-{account:05}"))
                .with_respondent(format!("contact-{respondent:07}"))
                .with_role(ROLES[respondent % 3])
                .with_period(format!("2026-Q{quarter}"))
                .with_segment("branch", branches[account % 10].clone())
        })
        .collect()
}
