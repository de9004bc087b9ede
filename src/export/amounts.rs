//! Amounts (account values) as exports write them: `1250.50`, `1,250.50` or `1.250,50`.

use core::fmt;

use crate::error::{Error, Result};

/// How the amounts of a file are written, decided once per file (never guessed per row): by the
/// reader's [`amounts`](crate::export::Reader::amounts) setting, or else by the cells themselves.
///
/// A cell shows the style when it has both marks (the last one is the decimal mark: `1,250.50`,
/// `1.250,50`), one mark twice (a thousands separator: `1,250,000`), or one mark followed by other
/// than three digits (a decimal mark: `1250,5`). A cell such as `1,250` could be 1250 or 1.25: when
/// no cell of the file says which, the read fails and asks for the setting, and a cell that
/// contradicts the file's style is an error naming its line. Digits may be grouped by the
/// thousands separator, a space, a no-break space or an apostrophe, in groups of three; a leading
/// sign is read, and anything else (a currency symbol, an exponent) is refused.
///
/// ```
/// use nps_stats::export::AmountStyle;
/// assert_eq!(AmountStyle::DecimalComma.to_string(), "1.250,50");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AmountStyle {
    /// A decimal point, thousands separated by commas: `1250.50`, `1,250.50`.
    DecimalPoint,
    /// A decimal comma, thousands separated by points: `1250,50`, `1.250,50`.
    DecimalComma,
}

impl fmt::Display for AmountStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            AmountStyle::DecimalPoint => "1,250.50",
            AmountStyle::DecimalComma => "1.250,50",
        })
    }
}

/// What one cell says about the style of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// The cell is written in this style (or is not an amount in any style: parsing will say).
    Shows(AmountStyle),
    /// One mark followed by three digits: 1,250 or 1.25.
    Ambiguous,
    /// No mark at all: the same in either style.
    Nothing,
}

impl AmountStyle {
    /// The decimal mark and the thousands separator.
    fn marks(self) -> (char, char) {
        match self {
            AmountStyle::DecimalPoint => ('.', ','),
            AmountStyle::DecimalComma => (',', '.'),
        }
    }

    /// What `text` says about the style of its file.
    pub(crate) fn hint(text: &str) -> Hint {
        let text = text.trim();
        let (points, commas) = (text.matches('.').count(), text.matches(',').count());
        let last = |mark: char| text.rfind(mark).unwrap_or(0);
        let decimal_is = |mark: char| {
            if mark == '.' {
                Hint::Shows(AmountStyle::DecimalPoint)
            } else {
                Hint::Shows(AmountStyle::DecimalComma)
            }
        };
        match (points, commas) {
            (0, 0) => Hint::Nothing,
            (p, c) if p > 0 && c > 0 => decimal_is(if last('.') > last(',') { '.' } else { ',' }),
            (p, _) if p > 1 => decimal_is(','),
            (_, c) if c > 1 => decimal_is('.'),
            _ => {
                let mark = if points == 1 { '.' } else { ',' };
                let (before, after) = text.split_once(mark).unwrap_or((text, ""));
                let digits_before = before.trim_start_matches(['-', '+']);
                let grouping_possible = after.len() == 3
                    && after.bytes().all(|b| b.is_ascii_digit())
                    && (1..=3).contains(&digits_before.len())
                    && !digits_before.starts_with('0');
                if grouping_possible { Hint::Ambiguous } else { decimal_is(mark) }
            }
        }
    }

    /// The number `text` stands for in this style; `why` says where the style came from.
    pub(crate) fn parse(self, text: &str, why: &str) -> Result<f64> {
        let invalid = || Error::ParseAmount {
            input: text.to_owned(),
            expected: format!("{} ({why})", self.describe()),
        };
        let (decimal, thousands) = self.marks();
        let trimmed = text.trim();
        let (sign, unsigned) = match trimmed.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", trimmed.strip_prefix('+').unwrap_or(trimmed)),
        };
        let (whole, fraction) = match unsigned.split_once(decimal) {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        if fraction.is_some_and(|digits| digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit())) {
            return Err(invalid());
        }
        let digits = grouped_digits(whole, thousands).ok_or_else(invalid)?;
        let normal = format!("{sign}{digits}.{}", fraction.unwrap_or("0"));
        normal.parse::<f64>().map_err(|_| invalid())
    }

    /// This style in words, for messages.
    fn describe(self) -> &'static str {
        match self {
            AmountStyle::DecimalPoint => "a number with a decimal point such as 1250.50 or 1,250.50",
            AmountStyle::DecimalComma => "a number with a decimal comma such as 1250,50 or 1.250,50",
        }
    }
}

/// The digits of the whole part: plain (`1250`), or grouped by threes with one separator
/// (`1,250,000`, `1 250 000`, `1'250'000`).
fn grouped_digits(whole: &str, thousands: char) -> Option<String> {
    let separators = [thousands, ' ', '\u{a0}', '\u{202f}', '\''];
    let mut used = whole.chars().filter(|c| separators.contains(c));
    let Some(separator) = used.next() else {
        return (!whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit())).then(|| whole.to_owned());
    };
    if used.any(|c| c != separator) {
        return None;
    }
    let groups: Vec<&str> = whole.split(separator).collect();
    let (first, rest) = groups.split_first()?;
    let first_ok = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
    let rest_ok = rest.iter().all(|group| group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok).then(|| groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_styles_read_their_forms() -> Result<()> {
        let point = AmountStyle::DecimalPoint;
        for (text, value) in [
            ("1250.50", 1250.5),
            ("1,250.50", 1250.5),
            ("1,250,000", 1_250_000.0),
            (" 8300 ", 8300.0),
            ("1 250.5", 1250.5),
            ("1'250.5", 1250.5),
            ("-3.5", -3.5),
            ("0.25", 0.25),
        ] {
            assert_eq!(point.parse(text, "set")?, value, "{text}");
        }
        let comma = AmountStyle::DecimalComma;
        for (text, value) in
            [("1250,50", 1250.5), ("1.250,50", 1250.5), ("1.250.000", 1_250_000.0), ("8300", 8300.0)]
        {
            assert_eq!(comma.parse(text, "set")?, value, "{text}");
        }
        Ok(())
    }

    #[test]
    fn a_cell_of_the_other_style_or_no_number_is_refused() {
        let point = AmountStyle::DecimalPoint;
        for text in [
            "1.250,50",
            "12,50",
            "1,2500",
            "1,25,000",
            "€ 1,250",
            "1e3",
            "",
            "1.",
            ".5",
            "1,250 000",
            "abc",
            "NaN",
            "inf",
        ] {
            assert!(point.parse(text, "set").is_err(), "{text}");
        }
        let comma = AmountStyle::DecimalComma;
        for text in ["1,250.50", "1.25", "1250.5"] {
            assert!(comma.parse(text, "set").is_err(), "{text}");
        }
        assert_eq!(
            comma.parse("1,250.50", "the style of line 2").unwrap_err().to_string(),
            r#""1,250.50" is not an amount: expected a number with a decimal comma such as 1250,50 or 1.250,50 (the style of line 2)"#
        );
    }

    #[test]
    fn cells_show_their_style_or_say_nothing() {
        use AmountStyle::{DecimalComma, DecimalPoint};
        for (text, hint) in [
            ("1,250.50", Hint::Shows(DecimalPoint)),
            ("1.250,50", Hint::Shows(DecimalComma)),
            ("1,250,000", Hint::Shows(DecimalPoint)),
            ("1.250.000", Hint::Shows(DecimalComma)),
            ("1250,5", Hint::Shows(DecimalComma)),
            ("1250.50", Hint::Shows(DecimalPoint)),
            ("0,250", Hint::Shows(DecimalComma)),
            ("1,250", Hint::Ambiguous),
            ("12.500", Hint::Ambiguous),
            ("8300", Hint::Nothing),
        ] {
            assert_eq!(AmountStyle::hint(text), hint, "{text}");
        }
    }
}
