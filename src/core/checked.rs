//! Checked deserialization of the numbers in result types (feature `serde`).
//!
//! Result types are plain data with public fields, but what they hold has documented ranges: an
//! NPS within −100..=100 points, a p-value within 0..=1, a standard error that is finite and not
//! negative. Deserialization checks each such field with one of these functions
//! (`#[serde(deserialize_with = "…")]`), so that a stored result that breaks its type's promises is
//! refused with this crate's message, as the input types refuse theirs.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use crate::error::Error;

/// `value` if it lies in `low..=high` (so not NaN), else the crate's error as a deserializer error.
pub(crate) fn within<E: serde::de::Error>(
    value: f64,
    low: f64,
    high: f64,
    name: &'static str,
    expected: &'static str,
) -> Result<f64, E> {
    if (low..=high).contains(&value) {
        Ok(value)
    } else {
        Err(E::custom(Error::InvalidParameter { name, value, expected }))
    }
}

/// Defines a checked `f64` field and its `Option<f64>` twin (also used by the wings above, with
/// their own limits).
macro_rules! checked_number {
    ($(#[$doc:meta])* $plain:ident, $optional:ident, $low:expr, $high:expr, $name:literal, $expected:literal) => {
        $(#[$doc])*
        #[allow(dead_code, reason = "not every checked number has a plain field")]
        pub(crate) fn $plain<'de, D: serde::Deserializer<'de>>(deserializer: D) -> core::result::Result<f64, D::Error> {
            let value = <f64 as serde::Deserialize>::deserialize(deserializer)?;
            $crate::core::checked::within(value, $low, $high, $name, $expected)
        }

        $(#[$doc])*
        #[allow(dead_code, reason = "not every checked number has an optional field")]
        pub(crate) fn $optional<'de, D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> core::result::Result<Option<f64>, D::Error> {
            <Option<f64> as serde::Deserialize>::deserialize(deserializer)?
                .map(|value| $crate::core::checked::within(value, $low, $high, $name, $expected))
                .transpose()
        }
    };
}
pub(crate) use checked_number;

checked_number!(
    /// An NPS in points.
    nps, optional_nps, -100.0, 100.0, "NPS", "a number of points from -100 to 100"
);
checked_number!(
    /// A difference of two NPS values in points (or a part of one).
    difference, optional_difference, -200.0, 200.0, "difference", "a number of points from -200 to 200"
);
checked_number!(
    /// A share, probability or p-value.
    share, optional_share, 0.0, 1.0, "share or probability", "a number from 0 to 1"
);
checked_number!(
    /// A difference of two rates, or a correlation.
    signed_share, optional_signed_share, -1.0, 1.0, "difference of rates or correlation", "a number from -1 to 1"
);
checked_number!(
    /// A standard error, an effective sample size, a sum of values: finite and not negative.
    non_negative, optional_non_negative, 0.0, f64::MAX, "value", "a finite number of at least 0"
);
checked_number!(
    /// A margin of error or a change to detect, in points: above 0, at most 200.
    positive_points, optional_positive_points, 5e-324, 200.0, "points", "a number of points above 0 and at most 200"
);
checked_number!(
    /// Any finite number (a slope, its statistic).
    finite, optional_finite, f64::MIN, f64::MAX, "value", "a finite number"
);
checked_number!(
    /// Degrees of freedom: finite and positive (0 is refused below).
    degrees_of_freedom_value, optional_degrees_of_freedom_value, 0.0, f64::MAX, "degrees of freedom",
    "a finite number greater than 0"
);
checked_number!(
    /// The variance of one answer's coding (σ² of −1/0/+1), or of a difference of two (σ₁² + σ₂²,
    /// σ_d²): 0 to 4.
    variance, optional_variance, 0.0, 4.0, "variance", "a number from 0 to 4"
);

/// Degrees of freedom of a t statistic, when there is one: finite and greater than 0.
pub(crate) fn degrees_of_freedom<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    let value = optional_degrees_of_freedom_value(deserializer)?;
    match value {
        Some(df) if df <= 0.0 => Err(D::Error::custom(Error::InvalidParameter {
            name: "degrees of freedom",
            value: df,
            expected: "a finite number greater than 0",
        })),
        _ => Ok(value),
    }
}

/// A test statistic: any number but NaN. It is ±∞ only in the documented case where the data
/// leave no doubt (see the crate's Guarantees), which formats such as JSON cannot write anyway.
pub(crate) fn statistic<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<f64, D::Error> {
    let value = f64::deserialize(deserializer)?;
    if value.is_nan() {
        Err(D::Error::custom(Error::InvalidParameter {
            name: "test statistic",
            value,
            expected: "a number (infinite only when the data leave no doubt)",
        }))
    } else {
        Ok(value)
    }
}

/// An optional test statistic: any number but NaN when present.
pub(crate) fn optional_statistic<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    let value = Option::<f64>::deserialize(deserializer)?;
    if value.is_some_and(f64::is_nan) {
        return Err(D::Error::custom(Error::InvalidParameter {
            name: "test statistic",
            value: f64::NAN,
            expected: "a number (infinite only when the data leave no doubt)",
        }));
    }
    Ok(value)
}
