//! A validated answer on the 0–10 question.

use core::fmt;
use core::str::FromStr;

use crate::core::{Category, Scale};

use crate::error::{Error, Result};

/// The number of possible scores, 0 to 10: one bin each in a tally, whatever the scale.
pub(crate) const BINS: usize = 11;

/// One answer to "How likely are you to recommend us?": a whole number from 0 to 10.
///
/// A `Score` is valid by construction: `TryFrom<u8>` and
/// [`FromStr`] reject anything outside 0..=10, and with the `serde` feature so does deserialization
/// (`42` in JSON or a CSV cell fails with this crate's message). Text and numbers are read alike:
/// `9`, `"9"`, `9.0` and `" 9 "` are all nine; `9.5` and `"nine"` are refused with a message that
/// quotes them. Whether the score also lies on a
/// narrower [`Scale`] (1–10, 1–5) is checked where it meets that scale, for example in
/// [`Tally::add`](crate::tally::Tally::add).
///
/// # Examples
///
/// ```
/// use nps_stats::{Category, Score};
///
/// let nine = Score::try_from(9)?;
/// assert_eq!(u8::from(nine), 9);
/// assert_eq!(nine.category(), Category::Promoter);
///
/// let parsed: Score = " 6 ".parse()?;
/// assert_eq!(parsed.category(), Category::Detractor);
/// assert_eq!("9.0".parse::<Score>()?, nine); // a whole number with decimals
///
/// assert!(Score::try_from(11).is_err());
/// assert_eq!(
///     "9.5".parse::<Score>().unwrap_err().to_string(),
///     r#""9.5" is not a score: expected a whole number from 0 to 10"#
/// );
/// assert!("nine".parse::<Score>().is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

impl Score {
    /// The lowest possible score, 0.
    ///
    /// ```
    /// assert_eq!(u8::from(nps_stats::Score::MIN), 0);
    /// ```
    pub const MIN: Score = Score(0);

    /// The highest possible score, 10.
    ///
    /// ```
    /// assert_eq!(u8::from(nps_stats::Score::MAX), 10);
    /// ```
    pub const MAX: Score = Score(10);

    /// A score from a raw value.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScale`] when `raw > 10`.
    ///
    /// ```
    /// use nps_stats::Score;
    /// assert_eq!(Score::new(10)?, Score::MAX);
    /// assert!(Score::new(11).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn new(raw: u8) -> Result<Score> {
        if raw <= 10 {
            Ok(Score(raw))
        } else {
            Err(Error::ScoreOutOfScale { score: raw as i64, min: 0, max: 10 })
        }
    }

    /// The raw value, 0..=10.
    ///
    /// ```
    /// use nps_stats::Score;
    /// assert_eq!(Score::new(7)?.value(), 7);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn value(self) -> u8 {
        self.0
    }

    /// The category on the [standard scale](Scale::STANDARD): 0–6 detractor, 7–8 passive,
    /// 9–10 promoter.
    ///
    /// ```
    /// use nps_stats::{Category, Score};
    /// assert_eq!(Score::new(7)?.category(), Category::Passive);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn category(self) -> Category {
        Scale::STANDARD.category_of_valid(self.0)
    }

    /// The category on another scale.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScale`] when the score is not on `scale` (0 on a 1–10 scale).
    ///
    /// ```
    /// use nps_stats::{Category, Scale, Score};
    /// assert_eq!(Score::new(8)?.category_on(Scale::DUTCH)?, Category::Promoter);
    /// assert!(Score::new(0)?.category_on(Scale::DUTCH).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn category_on(self, scale: Scale) -> Result<Category> {
        scale.category(self.0)
    }

    /// A score from any integer, widened so that `-1` is reported as `-1`, not wrapped.
    pub(crate) fn from_wide(raw: i64) -> Result<Score> {
        match u8::try_from(raw) {
            Ok(small) => Score::new(small),
            Err(_) => Err(Error::ScoreOutOfScale { score: raw, min: 0, max: 10 }),
        }
    }
}

impl TryFrom<u8> for Score {
    type Error = Error;

    fn try_from(raw: u8) -> Result<Score> {
        Score::new(raw)
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score.0
    }
}

impl FromStr for Score {
    type Err = Error;

    /// Parses a whole number, ignoring surrounding whitespace: `9`, ` 9 `, `+9`, and a whole number
    /// written with decimals, `9.0`. The error quotes the text as given.
    fn from_str(text: &str) -> Result<Score> {
        let trimmed = text.trim();
        // `9.0`, `9.00`: a whole number with a zero fraction (exports of spreadsheet columns).
        let whole = match trimmed.split_once('.') {
            Some((digits, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => digits,
            _ => trimmed,
        };
        match whole.parse::<i64>() {
            Ok(raw) => Score::from_wide(raw),
            Err(_) => Err(Error::ParseScore { input: text.to_owned() }),
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Score;
    use core::fmt;
    use serde::de::{self, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for Score {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_u8(self.0)
        }
    }

    /// Accepts an integer or the text of one (CSV cells arrive as text), and reports an invalid value
    /// with the crate's own message.
    struct ScoreVisitor;

    impl Visitor<'_> for ScoreVisitor {
        // A whole number written with decimals (`9.0`) is that number; any other real is refused,
        // quoted as it arrived (`{:?}` keeps the `.0` of `11.0` and writes 1e300 short).
        type Value = Score;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number from 0 to 10")
        }

        fn visit_i64<E: de::Error>(self, raw: i64) -> Result<Score, E> {
            Score::from_wide(raw).map_err(E::custom)
        }

        fn visit_u64<E: de::Error>(self, raw: u64) -> Result<Score, E> {
            match i64::try_from(raw) {
                Ok(widened) => Score::from_wide(widened).map_err(E::custom),
                Err(_) => Err(E::custom(crate::error::Error::ParseScore { input: raw.to_string() })),
            }
        }

        fn visit_f64<E: de::Error>(self, raw: f64) -> Result<Score, E> {
            match (0u8..=10).find(|&whole| f64::from(whole) == raw) {
                Some(whole) => Ok(Score(whole)),
                None => Err(E::custom(crate::error::Error::ParseScore { input: format!("{raw:?}") })),
            }
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Score, E> {
            text.parse().map_err(E::custom)
        }
    }

    impl<'de> Deserialize<'de> for Score {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Score, D::Error> {
            // Self-describing formats (JSON, CSV) may hand over text or any integer width; compact
            // binary formats cannot be asked "what is next", so they get the exact width.
            if deserializer.is_human_readable() {
                deserializer.deserialize_any(ScoreVisitor)
            } else {
                deserializer.deserialize_u8(ScoreVisitor)
            }
        }
    }
}
