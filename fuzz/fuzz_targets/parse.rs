//! Text and number constructors: `str::parse::<Score>`, `Scale::new`, `Confidence::new`,
//! `str::parse::<Month>` and `str::parse::<Quarter>`. No panic; what is accepted obeys the type's
//! rule and prints back to text that parses to the same value; what is refused is refused for the
//! documented reason.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::{Confidence, Error, Month, Quarter, Score};
use nps_stats_fuzz::check_scale_new;

fuzz_target!(|data: &[u8]| {
    if let [min, max, passive, promoter, ..] = *data {
        check_scale_new(min, max, passive, promoter);
    }
    if let Some(bytes) = data.get(..8) {
        let mut raw = [0u8; 8];
        raw.copy_from_slice(bytes);
        check_confidence(f64::from_le_bytes(raw));
    }
    let text = String::from_utf8_lossy(data);
    check_score(&text);
    check_period::<Month>(&text, naive_month(&text));
    check_period::<Quarter>(&text, naive_quarter(&text));
});

fn check_score(text: &str) {
    // The reference: surrounding whitespace ignored, a whole number (as Rust's i64 reads it), also
    // when written with a zero fraction (`9.0`), 0..=10.
    let trimmed = text.trim();
    let whole = match trimmed.split_once('.') {
        Some((digits, zeros)) if !zeros.is_empty() && zeros.chars().all(|c| c == '0') => digits,
        _ => trimmed,
    };
    let naive = whole.parse::<i64>();
    match text.parse::<Score>() {
        Ok(score) => {
            let value = naive.expect("accepted text is a whole number");
            assert!((0..=10).contains(&value), "{value}");
            assert_eq!(i64::from(u8::from(score)), value);
            assert_eq!(score.to_string().parse::<Score>(), Ok(score));
            assert_eq!(Score::try_from(u8::from(score)), Ok(score));
        }
        Err(Error::ParseScore { input }) => {
            assert!(naive.is_err(), "{text:?} refused as text but reads as a number");
            assert_eq!(input, text);
        }
        Err(Error::ScoreOutOfScale { score, min: 0, max: 10 }) => {
            assert_eq!(naive, Ok(score));
            assert!(!(0..=10).contains(&score));
        }
        Err(other) => panic!("{text:?}: unexpected error {other:?}"),
    }
}

fn check_confidence(level: f64) {
    match Confidence::new(level) {
        Ok(confidence) => {
            assert!(level > 0.0 && level < 1.0, "{level}");
            let z = confidence.z();
            assert!(z.is_finite() && z >= 0.0, "{level}: z = {z}");
            // 1 − level rounds to 1 for a level below 2⁻⁵⁴.
            assert!(confidence.alpha() > 0.0 && confidence.alpha() <= 1.0);
            let _ = confidence.to_string();
        }
        Err(error) => {
            assert!(!(level > 0.0 && level < 1.0), "{level}");
            assert!(matches!(error, Error::InvalidConfidence { .. }), "{error:?}");
        }
    }
}

/// `YYYY-MM` with a month 01..=12, surrounding whitespace ignored: (year, month).
fn naive_month(text: &str) -> Option<(u16, u8)> {
    let bytes = text.trim().as_bytes();
    if bytes.len() != 7 || bytes[4] != b'-' {
        return None;
    }
    let year = digits(&bytes[..4])?;
    let month = digits(&bytes[5..])?;
    (1..=12).contains(&month).then(|| (year as u16, month as u8))
}

/// `YYYY-Qn` (or `qn`) with n in 1..=4, surrounding whitespace ignored: (year, quarter).
fn naive_quarter(text: &str) -> Option<(u16, u8)> {
    let bytes = text.trim().as_bytes();
    if bytes.len() != 7 || bytes[4] != b'-' || !matches!(bytes[5], b'Q' | b'q') {
        return None;
    }
    let year = digits(&bytes[..4])?;
    let quarter = digits(&bytes[6..])?;
    (1..=4).contains(&quarter).then(|| (year as u16, quarter as u8))
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

trait Period: core::str::FromStr<Err = Error> + core::fmt::Display + PartialEq + core::fmt::Debug + Copy {
    fn parts(self) -> (u16, u8);
}

impl Period for Month {
    fn parts(self) -> (u16, u8) {
        (self.year(), self.month())
    }
}

impl Period for Quarter {
    fn parts(self) -> (u16, u8) {
        (self.year(), self.quarter())
    }
}

fn check_period<P: Period>(text: &str, naive: Option<(u16, u8)>) {
    match text.parse::<P>() {
        Ok(period) => {
            assert_eq!(Some(period.parts()), naive, "{text:?}");
            let printed = period.to_string();
            assert_eq!(printed.parse::<P>(), Ok(period), "{text:?} printed as {printed:?}");
        }
        Err(error) => {
            assert_eq!(naive, None, "{text:?} refused: {error}");
            assert!(matches!(error, Error::ParsePeriod { .. }), "{text:?}: {error:?}");
        }
    }
}
