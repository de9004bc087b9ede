//! Calendar periods for trends: months and quarters.

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, Result};

/// The latest year a period can have: periods print with four-digit years.
const MAX_YEAR: u16 = 9999;

const MONTH_FORM: &str = "YYYY-MM with a month from 01 to 12, such as 2026-07";
const QUARTER_FORM: &str = "YYYY-Qn with a quarter from 1 to 4, such as 2026-Q3";

/// A calendar month, such as `2026-07`: the period key of a monthly trend.
///
/// Ordered in time, `Copy`, printed and parsed as `YYYY-MM` (four-digit year 0000–9999, two-digit
/// month), and serialized as that text with the `serde` feature. [`next`](Month::next) and
/// [`prev`](Month::prev) step through time; [`quarter`](Month::quarter) is the quarter it lies in.
///
/// # Examples
///
/// ```
/// use nps_stats::{Month, Quarter};
///
/// let july: Month = "2026-07".parse()?;
/// assert_eq!(july, Month::new(2026, 7)?);
/// assert_eq!(july.to_string(), "2026-07");
/// assert_eq!(july.quarter(), Quarter::new(2026, 3)?);
/// assert_eq!(Month::new(2026, 12)?.next(), Some(Month::new(2027, 1)?));
/// assert!(Month::new(2025, 12)? < july);
///
/// let err = "2026-13".parse::<Month>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#""2026-13" is not a month: expected YYYY-MM with a month from 01 to 12, such as 2026-07"#
/// );
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    // Field order gives the time order of the derived `Ord`.
    year: u16,
    month: u8,
}

impl Month {
    /// The month `month` (1–12) of `year` (0–9999).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when the month is not 1..=12 or the year is above 9999.
    ///
    /// ```
    /// use nps_stats::Month;
    /// assert_eq!(Month::new(2026, 1)?.to_string(), "2026-01");
    /// assert_eq!(
    ///     Month::new(2026, 0).unwrap_err().to_string(),
    ///     "month 0 is invalid: expected a month from 1 to 12"
    /// );
    /// assert!(Month::new(10_000, 1).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn new(year: u16, month: u8) -> Result<Month> {
        check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(Error::InvalidCount {
                name: "month",
                value: u64::from(month),
                expected: "a month from 1 to 12",
            });
        }
        Ok(Month { year, month })
    }

    /// The year.
    ///
    /// ```
    /// assert_eq!(nps_stats::Month::new(2026, 7)?.year(), 2026);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month of the year, 1–12.
    ///
    /// ```
    /// assert_eq!(nps_stats::Month::new(2026, 7)?.month(), 7);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The quarter the month lies in: January–March is Q1, …, October–December is Q4.
    ///
    /// ```
    /// use nps_stats::{Month, Quarter};
    /// assert_eq!(Month::new(2026, 3)?.quarter(), Quarter::new(2026, 1)?);
    /// assert_eq!(Month::new(2026, 4)?.quarter(), Quarter::new(2026, 2)?);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn quarter(self) -> Quarter {
        Quarter { year: self.year, quarter: (self.month - 1) / 3 + 1 }
    }

    /// The month after this one; `None` after 9999-12.
    ///
    /// ```
    /// use nps_stats::Month;
    /// assert_eq!(Month::new(2026, 7)?.next(), Some(Month::new(2026, 8)?));
    /// assert_eq!(Month::new(9999, 12)?.next(), None);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn next(self) -> Option<Month> {
        if self.month < 12 {
            Some(Month { year: self.year, month: self.month + 1 })
        } else if self.year < MAX_YEAR {
            Some(Month { year: self.year + 1, month: 1 })
        } else {
            None
        }
    }

    /// The month before this one; `None` before 0000-01.
    ///
    /// ```
    /// use nps_stats::Month;
    /// assert_eq!(Month::new(2026, 1)?.prev(), Some(Month::new(2025, 12)?));
    /// assert_eq!(Month::new(0, 1)?.prev(), None);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn prev(self) -> Option<Month> {
        if self.month > 1 {
            Some(Month { year: self.year, month: self.month - 1 })
        } else if self.year > 0 {
            Some(Month { year: self.year - 1, month: 12 })
        } else {
            None
        }
    }

    /// Every month from this one through `last`, in order; empty when `last` is earlier.
    ///
    /// Useful to give a trend every period, including those without answers.
    ///
    /// ```
    /// use nps_stats::Month;
    /// let months: Vec<String> =
    ///     Month::new(2025, 11)?.through(Month::new(2026, 2)?).map(|m| m.to_string()).collect();
    /// assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        core::iter::successors(Some(self), |month| month.next()).take_while(move |month| *month <= last)
    }
}

impl fmt::Display for Month {
    /// `2026-07`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{:04}-{:02}", self.year, self.month))
    }
}

impl FromStr for Month {
    type Err = Error;

    /// Parses `YYYY-MM` exactly (surrounding spaces are ignored).
    fn from_str(text: &str) -> Result<Month> {
        let invalid = || Error::ParsePeriod { input: text.to_owned(), kind: "month", expected: MONTH_FORM };
        let (year, month) = text.trim().split_once('-').ok_or_else(invalid)?;
        if month.len() != 2 {
            return Err(invalid());
        }
        Month::new(parse_year(year).ok_or_else(invalid)?, parse_digits(month).ok_or_else(invalid)?)
            .map_err(|_| invalid())
    }
}

/// A calendar quarter, such as `2026-Q3`: the period key of a quarterly trend.
///
/// Ordered in time, `Copy`, printed and parsed as `YYYY-Qn` (four-digit year 0000–9999, quarter 1–4;
/// a lowercase `q` is accepted when parsing), and serialized as that text with the `serde` feature.
///
/// # Examples
///
/// ```
/// use nps_stats::{Month, Quarter};
///
/// let q3: Quarter = "2026-Q3".parse()?;
/// assert_eq!(q3, Quarter::new(2026, 3)?);
/// assert_eq!(q3.to_string(), "2026-Q3");
/// assert_eq!(q3.first_month(), Month::new(2026, 7)?);
/// assert_eq!(q3.last_month(), Month::new(2026, 9)?);
/// assert_eq!(Quarter::new(2026, 4)?.next(), Some(Quarter::new(2027, 1)?));
/// assert!("2026-Q5".parse::<Quarter>().is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    // Field order gives the time order of the derived `Ord`.
    year: u16,
    quarter: u8,
}

impl Quarter {
    /// The quarter `quarter` (1–4) of `year` (0–9999).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when the quarter is not 1..=4 or the year is above 9999.
    ///
    /// ```
    /// use nps_stats::Quarter;
    /// assert_eq!(Quarter::new(2026, 1)?.to_string(), "2026-Q1");
    /// assert_eq!(
    ///     Quarter::new(2026, 5).unwrap_err().to_string(),
    ///     "quarter 5 is invalid: expected a quarter from 1 to 4"
    /// );
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn new(year: u16, quarter: u8) -> Result<Quarter> {
        check_year(year)?;
        if !(1..=4).contains(&quarter) {
            return Err(Error::InvalidCount {
                name: "quarter",
                value: u64::from(quarter),
                expected: "a quarter from 1 to 4",
            });
        }
        Ok(Quarter { year, quarter })
    }

    /// The year.
    ///
    /// ```
    /// assert_eq!(nps_stats::Quarter::new(2026, 3)?.year(), 2026);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The quarter of the year, 1–4.
    ///
    /// ```
    /// assert_eq!(nps_stats::Quarter::new(2026, 3)?.quarter(), 3);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn quarter(self) -> u8 {
        self.quarter
    }

    /// The first month of the quarter.
    ///
    /// ```
    /// use nps_stats::{Month, Quarter};
    /// assert_eq!(Quarter::new(2026, 2)?.first_month(), Month::new(2026, 4)?);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn first_month(self) -> Month {
        Month { year: self.year, month: 3 * self.quarter - 2 }
    }

    /// The last month of the quarter.
    ///
    /// ```
    /// use nps_stats::{Month, Quarter};
    /// assert_eq!(Quarter::new(2026, 2)?.last_month(), Month::new(2026, 6)?);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn last_month(self) -> Month {
        Month { year: self.year, month: 3 * self.quarter }
    }

    /// Whether `month` lies in this quarter.
    ///
    /// ```
    /// use nps_stats::{Month, Quarter};
    /// assert!(Quarter::new(2026, 3)?.contains(Month::new(2026, 8)?));
    /// assert!(!Quarter::new(2026, 3)?.contains(Month::new(2025, 8)?));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn contains(self, month: Month) -> bool {
        month.quarter() == self
    }

    /// The quarter after this one; `None` after 9999-Q4.
    ///
    /// ```
    /// use nps_stats::Quarter;
    /// assert_eq!(Quarter::new(2026, 3)?.next(), Some(Quarter::new(2026, 4)?));
    /// assert_eq!(Quarter::new(9999, 4)?.next(), None);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn next(self) -> Option<Quarter> {
        if self.quarter < 4 {
            Some(Quarter { year: self.year, quarter: self.quarter + 1 })
        } else if self.year < MAX_YEAR {
            Some(Quarter { year: self.year + 1, quarter: 1 })
        } else {
            None
        }
    }

    /// The quarter before this one; `None` before 0000-Q1.
    ///
    /// ```
    /// use nps_stats::Quarter;
    /// assert_eq!(Quarter::new(2026, 1)?.prev(), Some(Quarter::new(2025, 4)?));
    /// assert_eq!(Quarter::new(0, 1)?.prev(), None);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn prev(self) -> Option<Quarter> {
        if self.quarter > 1 {
            Some(Quarter { year: self.year, quarter: self.quarter - 1 })
        } else if self.year > 0 {
            Some(Quarter { year: self.year - 1, quarter: 4 })
        } else {
            None
        }
    }

    /// Every quarter from this one through `last`, in order; empty when `last` is earlier.
    ///
    /// ```
    /// use nps_stats::Quarter;
    /// let quarters: Vec<String> =
    ///     Quarter::new(2025, 4)?.through(Quarter::new(2026, 2)?).map(|q| q.to_string()).collect();
    /// assert_eq!(quarters, ["2025-Q4", "2026-Q1", "2026-Q2"]);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn through(self, last: Quarter) -> impl Iterator<Item = Quarter> {
        core::iter::successors(Some(self), |quarter| quarter.next())
            .take_while(move |quarter| *quarter <= last)
    }
}

impl From<Month> for Quarter {
    /// The quarter the month lies in.
    fn from(month: Month) -> Quarter {
        month.quarter()
    }
}

impl fmt::Display for Quarter {
    /// `2026-Q3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{:04}-Q{}", self.year, self.quarter))
    }
}

impl FromStr for Quarter {
    type Err = Error;

    /// Parses `YYYY-Qn` (or `YYYY-qn`) exactly (surrounding spaces are ignored).
    fn from_str(text: &str) -> Result<Quarter> {
        let invalid =
            || Error::ParsePeriod { input: text.to_owned(), kind: "quarter", expected: QUARTER_FORM };
        let (year, quarter) = text.trim().split_once('-').ok_or_else(invalid)?;
        let digit = quarter.strip_prefix(['Q', 'q']).filter(|digit| digit.len() == 1).ok_or_else(invalid)?;
        Quarter::new(parse_year(year).ok_or_else(invalid)?, parse_digits(digit).ok_or_else(invalid)?)
            .map_err(|_| invalid())
    }
}

fn check_year(year: u16) -> Result<()> {
    if year <= MAX_YEAR {
        Ok(())
    } else {
        Err(Error::InvalidCount { name: "year", value: u64::from(year), expected: "a year from 0 to 9999" })
    }
}

/// Exactly four ASCII digits.
fn parse_year(text: &str) -> Option<u16> {
    if text.len() == 4 { parse_digits(text) } else { None }
}

/// One or more ASCII digits (no sign, no spaces) as a number.
fn parse_digits<T: FromStr>(text: &str) -> Option<T> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) { text.parse().ok() } else { None }
}

#[cfg(feature = "serde")]
mod serde_impl {
    //! Periods travel as their text form, `"2026-07"` and `"2026-Q3"`, and are validated on the way in.

    use super::{Month, Quarter};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for Month {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self)
        }
    }

    impl<'de> Deserialize<'de> for Month {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Month, D::Error> {
            let text = String::deserialize(deserializer)?;
            text.parse().map_err(serde::de::Error::custom)
        }
    }

    impl Serialize for Quarter {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self)
        }
    }

    impl<'de> Deserialize<'de> for Quarter {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Quarter, D::Error> {
            let text = String::deserialize(deserializer)?;
            text.parse().map_err(serde::de::Error::custom)
        }
    }
}
