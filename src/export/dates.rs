//! The period column: period labels, or dates (with or without a time) that become periods.

use core::fmt;

use crate::core::{Month, Quarter};
use crate::error::{Error, Result};

/// What the period column of a file holds, decided once per file (never per row): by the
/// reader's [`period_format`](crate::export::Reader::period_format) setting, or else by the first
/// non-empty cell. Every other cell must then have the same form; one that does not is an error
/// naming its line.
///
/// Times are checked (hours 0–23, minutes and seconds 0–59, a second 60 for a leap second, an
/// optional fraction and time zone) and then ignored: a date belongs to the period it is written
/// in, and time zones are not applied.
///
/// ```
/// use nps_stats::export::PeriodFormat;
/// assert_eq!(PeriodFormat::DayMonthYear.to_string(), "dd-mm-yyyy");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PeriodFormat {
    /// Period labels, kept as written: quarters (`2026-Q3`, `2026-q3`) or months (`2026-07`), all of
    /// the kind of the first.
    Label,
    /// ISO 8601 dates: `2026-07-15`, `2026-07-15T10:30`, `2026-07-15 10:30:00`,
    /// `2026-07-15T10:30:00.250+02:00`, `2026-07-15T08:30:00Z`.
    Iso8601,
    /// Day first: `15-07-2026`, `15/07/2026`, `15.07.2026`, `5-7-2026`, optionally followed by a
    /// time `10:30` or `10:30:00` (Dutch, German, British exports).
    DayMonthYear,
    /// Month first: `07/15/2026`, optionally with a time (US exports). Never detected, because
    /// `05/07/2026` reads either way: set it.
    MonthDayYear,
}

impl fmt::Display for PeriodFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            PeriodFormat::Label => "period labels",
            PeriodFormat::Iso8601 => "ISO 8601 dates",
            PeriodFormat::DayMonthYear => "dd-mm-yyyy",
            PeriodFormat::MonthDayYear => "mm-dd-yyyy",
        })
    }
}

impl PeriodFormat {
    /// The form of this format, for messages.
    fn form(self) -> &'static str {
        match self {
            PeriodFormat::Label => "a period label such as 2026-Q3 or 2026-07",
            PeriodFormat::Iso8601 => "an ISO 8601 date such as 2026-07-15 or 2026-07-15T10:30:00Z",
            PeriodFormat::DayMonthYear => "a date dd-mm-yyyy such as 15-07-2026 or 15-07-2026 10:30",
            PeriodFormat::MonthDayYear => "a date mm-dd-yyyy such as 07-15-2026 or 07/15/2026 10:30",
        }
    }

    /// The format of `text`, the first period cell of a file: labels, ISO dates or day first.
    pub(crate) fn detect(text: &str) -> Result<PeriodFormat> {
        let trimmed = text.trim();
        if trimmed.parse::<Quarter>().is_ok() || trimmed.parse::<Month>().is_ok() {
            Ok(PeriodFormat::Label)
        } else if date(PeriodFormat::Iso8601, trimmed).is_some() {
            Ok(PeriodFormat::Iso8601)
        } else if date(PeriodFormat::DayMonthYear, trimmed).is_some() {
            Ok(PeriodFormat::DayMonthYear)
        } else {
            Err(Error::ParseDate {
                input: text.to_owned(),
                expected: "a period label such as 2026-Q3 or 2026-07, or a date such as 2026-07-15 or \
                           15-07-2026, with or without a time"
                    .to_owned(),
            })
        }
    }

    /// The month of a date cell in this format; `why` says where the format came from.
    pub(crate) fn month(self, text: &str, why: &str) -> Result<Month> {
        date(self, text.trim()).ok_or_else(|| Error::ParseDate {
            input: text.to_owned(),
            expected: format!("{} ({why})", self.form()),
        })
    }
}

/// The year and month of a valid date (with an optional valid time) in `format`.
fn date(format: PeriodFormat, text: &str) -> Option<Month> {
    let (day_part, time) = match format {
        PeriodFormat::Iso8601 => match text.find(['T', 't', ' ']) {
            Some(at) => (text.get(..at)?, Some(text.get(at + 1..)?)),
            None => (text, None),
        },
        _ => match text.split_once(' ') {
            Some((day, time)) => (day, Some(time.trim_start())),
            None => (text, None),
        },
    };
    if let Some(time) = time
        && !valid_time(time)
    {
        return None;
    }
    let (year, month, day) = match format {
        PeriodFormat::Label => return None,
        PeriodFormat::Iso8601 => {
            let mut parts = day_part.split('-');
            let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
                return None;
            }
            (number(y)?, number(m)?, number(d)?)
        }
        PeriodFormat::DayMonthYear | PeriodFormat::MonthDayYear => {
            let separator = day_part.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
            let mut parts = day_part.split(separator);
            let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some()
                || !(1..=2).contains(&a.len())
                || !(1..=2).contains(&b.len())
                || y.len() != 4
            {
                return None;
            }
            let (d, m) = if format == PeriodFormat::DayMonthYear { (a, b) } else { (b, a) };
            (number(y)?, number(m)?, number(d)?)
        }
    };
    let year = u16::try_from(year).ok()?;
    let month = u8::try_from(month).ok()?;
    let valid = Month::new(year, month).ok()?;
    (1..=days_in(year, month)).contains(&day).then_some(valid)
}

/// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fff`, then an optional `Z` or offset `±hh:mm`, `±hhmm`, `±hh`.
fn valid_time(text: &str) -> bool {
    let (clock, zone) = match text.find(['Z', 'z', '+', '-']) {
        Some(at) => text.split_at_checked(at).unwrap_or((text, "")),
        None => (text, ""),
    };
    let clock = clock.trim_end();
    let (clock, fraction) = match clock.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (clock, None),
    };
    if fraction.is_some_and(|digits| digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    // Hours 0–23, minutes 0–59, then seconds 0–60 (a leap second) if there are three fields.
    let mut fields = 0;
    for (index, field) in clock.split(':').enumerate() {
        let limit = match index {
            0 => 23,
            1 => 59,
            2 => 60,
            _ => return false,
        };
        if field.len() != 2 || number(field).is_none_or(|n| n > limit) {
            return false;
        }
        fields = index + 1;
    }
    let clock_ok = fields == 3 || (fields == 2 && fraction.is_none());
    let zone_ok = match zone {
        "" | "Z" | "z" => true,
        offset => {
            let digits = offset.get(1..).unwrap_or("");
            let (hours, minutes) = match digits.split_once(':') {
                Some((hours, minutes)) => (hours, Some(minutes)),
                None if digits.len() == 4 => {
                    digits.split_at_checked(2).map_or((digits, None), |(h, m)| (h, Some(m)))
                }
                None => (digits, None),
            };
            hours.len() == 2
                && number(hours).is_some_and(|h| h <= 23)
                && minutes.is_none_or(|m| m.len() == 2 && number(m).is_some_and(|m| m <= 59))
        }
    };
    clock_ok && zone_ok
}

/// ASCII digits as a number (no sign, no spaces).
fn number(text: &str) -> Option<u32> {
    if !text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn days_in(year: u16, month: u8) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(year: u16, month: u8) -> Option<Month> {
        Month::new(year, month).ok()
    }

    #[test]
    fn iso_dates_with_and_without_time() {
        let iso = PeriodFormat::Iso8601;
        for text in [
            "2026-07-15",
            "2026-07-15T10:30",
            "2026-07-15T10:30:00Z",
            "2026-07-15 10:30:59",
            "2026-07-15T10:30:00.250+02:00",
            "2026-07-15T23:59:60-0500",
            "2026-07-15t10:30z",
        ] {
            assert_eq!(date(iso, text), month(2026, 7), "{text}");
        }
        for text in [
            "2026-7-15",
            "2026-07-32",
            "2026-02-29",
            "2026-13-01",
            "2026-07-15T24:00",
            "2026-07-15T10:60",
            "2026-07-15T10",
            "2026-07-15T10:30:00+2",
            "15-07-2026",
            "2026-07",
        ] {
            assert_eq!(date(iso, text), None, "{text}");
        }
        assert_eq!(date(iso, "2024-02-29"), month(2024, 2));
        assert_eq!(date(iso, "2000-02-29"), month(2000, 2));
        assert_eq!(date(iso, "1900-02-29"), None);
    }

    #[test]
    fn day_first_and_month_first() {
        let dmy = PeriodFormat::DayMonthYear;
        for text in
            ["15-07-2026", "15/07/2026", "15.07.2026", "5-7-2026", "15-07-2026 10:30", "15-07-2026  09:05:00"]
        {
            assert_eq!(date(dmy, text), month(2026, 7), "{text}");
        }
        for text in [
            "15-07-26",
            "15-07/2026",
            "31-06-2026",
            "15-13-2026",
            "2026-07-15",
            "15-07-2026T10:30",
            "15-07-2026 25:00",
        ] {
            assert_eq!(date(dmy, text), None, "{text}");
        }
        let mdy = PeriodFormat::MonthDayYear;
        assert_eq!(date(mdy, "07/15/2026"), month(2026, 7));
        assert_eq!(date(mdy, "15/07/2026"), None);
    }

    #[test]
    fn the_first_cell_decides_the_format() -> Result<()> {
        assert_eq!(PeriodFormat::detect("2026-Q3")?, PeriodFormat::Label);
        assert_eq!(PeriodFormat::detect("2026-q3")?, PeriodFormat::Label);
        assert_eq!(PeriodFormat::detect("2026-07")?, PeriodFormat::Label);
        assert_eq!(PeriodFormat::detect("2026-07-15T10:30:00Z")?, PeriodFormat::Iso8601);
        assert_eq!(PeriodFormat::detect("15-07-2026 10:30")?, PeriodFormat::DayMonthYear);
        // Month first is never guessed: 07/15/2026 is not a day-first date.
        assert!(PeriodFormat::detect("07/15/2026").is_err());
        assert!(PeriodFormat::detect("2026-Q5").is_err());
        let err = PeriodFormat::DayMonthYear.month("2026-07-15", "the format of line 2").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#""2026-07-15" is not a date: expected a date dd-mm-yyyy such as 15-07-2026 or 15-07-2026 10:30 (the format of line 2)"#
        );
        Ok(())
    }
}
