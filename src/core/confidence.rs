//! Confidence levels.

use core::fmt;

use crate::math::normal::{central_quantile, upper_quantile};
use crate::math::t_quantile::two_sided;

use crate::error::{Error, Result};

/// A confidence (or credibility) level strictly between 0 and 1, such as 0.95.
///
/// # Examples
///
/// ```
/// use nps_stats::Confidence;
///
/// let level = Confidence::new(0.9)?;
/// assert_eq!(level.level(), 0.9);
/// assert!((Confidence::NINETY_FIVE.z() - 1.959_963_984_540_054).abs() < 1e-12);
/// assert_eq!(Confidence::default(), Confidence::NINETY_FIVE);
/// assert_eq!(Confidence::NINETY_FIVE.to_string(), "95%");
///
/// for bad in [0.0, 1.0, 1.5, -0.1, f64::NAN] {
///     assert!(Confidence::new(bad).is_err());
/// }
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Confidence(f64);

impl Confidence {
    /// 90 %.
    ///
    /// ```
    /// assert_eq!(nps_stats::Confidence::NINETY.level(), 0.90);
    /// ```
    pub const NINETY: Confidence = Confidence(0.90);

    /// 95 %, the default.
    ///
    /// ```
    /// assert_eq!(nps_stats::Confidence::NINETY_FIVE.level(), 0.95);
    /// ```
    pub const NINETY_FIVE: Confidence = Confidence(0.95);

    /// 99 %.
    ///
    /// ```
    /// assert_eq!(nps_stats::Confidence::NINETY_NINE.level(), 0.99);
    /// ```
    pub const NINETY_NINE: Confidence = Confidence(0.99);

    /// A level strictly between 0 and 1.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfidence`] for NaN, 0, 1 and anything outside (0, 1). A percentage (95) is
    /// an error too, not silently divided by 100.
    ///
    /// ```
    /// use nps_stats::Confidence;
    /// assert!(Confidence::new(0.999_999).is_ok());
    /// assert_eq!(
    ///     Confidence::new(95.0).unwrap_err().to_string(),
    ///     "confidence level 95 is invalid: expected a number strictly between 0 and 1, such as 0.95"
    /// );
    /// ```
    pub fn new(level: f64) -> Result<Confidence> {
        if level > 0.0 && level < 1.0 {
            Ok(Confidence(level))
        } else {
            Err(Error::InvalidConfidence { level })
        }
    }

    /// The level as a number in (0, 1).
    ///
    /// ```
    /// assert_eq!(nps_stats::Confidence::NINETY_NINE.level(), 0.99);
    /// ```
    pub const fn level(self) -> f64 {
        self.0
    }

    /// The probability left outside a two-sided interval, 1 − level.
    ///
    /// ```
    /// assert!((nps_stats::Confidence::NINETY_FIVE.alpha() - 0.05).abs() < 1e-15);
    /// ```
    pub fn alpha(self) -> f64 {
        1.0 - self.0
    }

    /// The two-sided standard normal quantile z with P(|Z| ≤ z) = level (1.959964 at 95 %).
    ///
    /// ```
    /// let z = nps_stats::Confidence::NINETY.z();
    /// assert!((z - 1.644_853_626_951_472).abs() < 1e-12);
    /// ```
    pub fn z(self) -> f64 {
        if self.0 <= 0.85 {
            // Φ⁻¹(½ + level/2) from level/2 itself: for the tiniest levels ½ + level/2, and
            // 1 − level, round to ½ and 1, which would give z = 0 instead of level·√(π/2).
            central_quantile(self.0 / 2.0)
        } else {
            // The upper tail α/2 is exact for levels ≥ ½, so the quantile is finite even within
            // 2⁻⁵³ of 1, where ½ + level/2 would round to 1 and give z = ∞.
            upper_quantile(self.alpha() / 2.0)
        }
    }
}

impl Confidence {
    /// The two-sided Student t quantile with `df` degrees of freedom at this level: the multiplier of
    /// the standard error in a t interval (see the private t-quantile module for accuracy).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when `df` is not a number greater than 0.
    pub(crate) fn t(self, df: f64) -> Result<f64> {
        two_sided(df, self.alpha()).ok_or(Error::InvalidParameter {
            name: "degrees of freedom",
            value: df,
            expected: "a number greater than 0",
        })
    }
}

impl Default for Confidence {
    /// 95 %.
    fn default() -> Confidence {
        Confidence::NINETY_FIVE
    }
}

impl fmt::Display for Confidence {
    /// The level in percent without trailing zeros: `95%`, `99.9%`. A level so close to 0 or 1
    /// that twelve decimals would show `0%` or `100%` prints with the digits it has instead
    /// (`99.99999999999999%` for 1 − 2⁻⁵³, `1e-18%` for 10⁻²⁰): a level is never shown as one it
    /// cannot be.
    ///
    /// ```
    /// use nps_stats::Confidence;
    /// assert_eq!(Confidence::new(0.999)?.to_string(), "99.9%");
    /// assert_eq!(Confidence::new(1.0 - f64::EPSILON / 2.0)?.to_string(), "99.99999999999999%");
    /// assert_eq!(Confidence::new(1e-20)?.to_string(), "1e-18%");
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = self.0 * 100.0;
        // Twelve significant decimals hide the binary representation error of 0.95 × 100.
        let text = format!("{percent:.12}");
        let trimmed = text.trim_end_matches('0').trim_end_matches('.');
        match trimmed {
            // Rounded to an end of the range: the shortest digits that read back as this level.
            "0" => {
                // Fifteen significant digits, which hide the error of × 100 as above.
                let text = format!("{percent:.14e}");
                let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
                let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
                write!(f, "{mantissa}e{exponent}%")
            }
            "100" => write!(f, "{percent}%"),
            _ => write!(f, "{trimmed}%"),
        }
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Confidence;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for Confidence {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_f64(self.0)
        }
    }

    impl<'de> Deserialize<'de> for Confidence {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Confidence, D::Error> {
            Confidence::new(f64::deserialize(deserializer)?).map_err(serde::de::Error::custom)
        }
    }
}
