//! Planning a survey: margin of error, sample size, finite populations, and detecting a change.
//!
//! All formulas use the per-answer variance of the −1/0/+1 coding, σ² = p + d − (p − d)² (Rocks'
//! `npvar` in the R package `NPS`), and the Wald interval NPS ± z·σ/√n:
//!
//! | quantity | formula | source |
//! |---|---|---|
//! | margin of error | E = z·√(σ²/n) | the Wald interval |
//! | n for a margin | n₀ = z²σ²/E²; worst case σ² = 1 (p = d = ½) | algebra on the above; Engelhardt (2016), "NPS confidence intervals", CYBAEA |
//! | finite population of N | E = z·√(σ²/n·(N − n)/(N − 1)); n = z²Nσ²/((N − 1)E² + z²σ²) = n₀N/(N − 1 + n₀) | simple random sampling without replacement, Cochran (1977), *Sampling Techniques*, §2.5 and §4.4 |
//! | two independent groups | n per group = (z₁₋α/₂ + z_power)²(σ₁² + σ₂²)/Δ² | the unpooled two-sample z-test (Rocks' `nps.test`); MeasuringU, "Sample sizes for comparing Net Promoter Scores" |
//! | paired panel | n = (z₁₋α/₂ + z_power)²·σ_d²/Δ², σ_d² the variance of dᵢ = sᵢ(t₂) − sᵢ(t₁) | the paired z-test on the per-respondent differences |
//!
//! Sample sizes are rounded up (after forgiving a relative 10⁻¹² of floating-point noise, at most
//! half an answer, so that an exact 1536 stays 1536). The adjusted Wald interval (the crate's default) reaches the same
//! margin with about 3 answers fewer (MeasuringU: n = z²σ²/E² − 3).

use core::fmt;

use crate::core::{Category, Confidence, Points};
use crate::error::{Error, Result};
use crate::math::normal::normal_quantile;
use crate::tally::Tally;

/// The expected promoter and detractor shares that a plan assumes, for example last year's.
///
/// Only the per-answer variance σ² = p + d − (p − d)² matters for planning; it is largest, 1,
/// when half the answers are promoters and half detractors, which is
/// [`ExpectedShares::WORST_CASE`]. Use it when nothing is known.
///
/// ```
/// use nps_stats::inference::ExpectedShares;
///
/// let last_year = ExpectedShares::new(0.5, 0.2)?;
/// assert!((last_year.variance() - 0.61).abs() < 1e-12);
/// assert!((last_year.nps() - 30.0).abs() < 1e-12);
/// assert_eq!(ExpectedShares::WORST_CASE.variance(), 1.0);
/// assert!(ExpectedShares::new(0.7, 0.4).is_err()); // more than 100 % together
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SharesParts", into = "SharesParts"))]
pub struct ExpectedShares {
    promoters: f64,
    detractors: f64,
}

impl ExpectedShares {
    /// Half promoters, half detractors: the largest variance, σ² = 1.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::ExpectedShares::WORST_CASE.promoters(), 0.5);
    /// ```
    pub const WORST_CASE: ExpectedShares = ExpectedShares { promoters: 0.5, detractors: 0.5 };

    /// Shares as fractions (0.5, not 50).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when a share is not within 0..=1, or when the two add up to
    /// more than 1 (by more than 10⁻¹², to forgive rounding such as 0.7 + 0.3).
    ///
    /// ```
    /// use nps_stats::inference::ExpectedShares;
    /// assert!(ExpectedShares::new(0.7, 0.3).is_ok());
    /// assert!(ExpectedShares::new(50.0, 20.0).is_err()); // percentages are not shares
    /// ```
    pub fn new(promoters: f64, detractors: f64) -> Result<ExpectedShares> {
        for (name, value) in
            [("expected promoter share", promoters), ("expected detractor share", detractors)]
        {
            if !(0.0..=1.0).contains(&value) {
                return Err(Error::InvalidParameter { name, value, expected: "a share from 0 to 1" });
            }
        }
        if promoters + detractors > 1.0 + 1e-12 {
            return Err(Error::InvalidParameter {
                name: "expected promoter and detractor shares together",
                value: promoters + detractors,
                expected: "at most 1",
            });
        }
        Ok(ExpectedShares { promoters, detractors })
    }

    /// The shares observed in a tally, for planning the next survey.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySample`] when the tally is empty.
    ///
    /// ```
    /// use nps_stats::{Tally, inference::ExpectedShares};
    /// let last_quarter = Tally::from_scores(&[10, 9, 8, 6])?;
    /// let shares = ExpectedShares::from_tally(&last_quarter)?;
    /// assert_eq!(shares.promoters(), 0.5);
    /// assert_eq!(shares.detractors(), 0.25);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_tally(tally: &Tally) -> Result<ExpectedShares> {
        let empty = Error::EmptySample { what: "the tally" };
        let promoters = tally.share(Category::Promoter).ok_or(empty.clone())?;
        let detractors = tally.share(Category::Detractor).ok_or(empty)?;
        ExpectedShares::new(promoters, detractors)
    }

    /// The promoter share.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::ExpectedShares::new(0.6, 0.1)?.promoters(), 0.6);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn promoters(&self) -> f64 {
        self.promoters
    }

    /// The detractor share.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::ExpectedShares::new(0.6, 0.1)?.detractors(), 0.1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn detractors(&self) -> f64 {
        self.detractors
    }

    /// The expected NPS in points.
    ///
    /// ```
    /// assert_eq!(nps_stats::inference::ExpectedShares::WORST_CASE.nps(), 0.0);
    /// ```
    pub fn nps(&self) -> f64 {
        100.0 * (self.promoters - self.detractors)
    }

    /// The per-answer variance σ² = p + d − (p − d)² on the −1..=1 scale (0 to 1).
    ///
    /// ```
    /// // p = d = ⅓: σ² = ⅔.
    /// let third = nps_stats::inference::ExpectedShares::new(1.0 / 3.0, 1.0 / 3.0)?;
    /// assert!((third.variance() - 2.0 / 3.0).abs() < 1e-12);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn variance(&self) -> f64 {
        let net = self.promoters - self.detractors;
        (self.promoters + self.detractors - net * net).max(0.0)
    }
}

impl fmt::Display for ExpectedShares {
    /// `50.0% promoters, 20.0% detractors (σ² 0.6100)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.1}% promoters, {:.1}% detractors (σ² {:.4})",
            100.0 * self.promoters,
            100.0 * self.detractors,
            self.variance()
        )
    }
}

/// The margin of error of a planned or completed survey: the half-width of its Wald interval.
///
/// ```
/// use nps_stats::{Confidence, inference::{ExpectedShares, margin_of_error}};
/// let moe = margin_of_error(100, ExpectedShares::WORST_CASE, Confidence::NINETY_FIVE, None)?;
/// assert!((moe.margin - 19.599_639_845).abs() < 1e-6); // ±19.6 points
/// println!("{moe}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MarginOfError {
    /// The margin of error in points (the interval is the NPS ± this).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub margin: f64,
    /// The number of answers.
    pub n: u64,
    /// The confidence level.
    pub level: Confidence,
    /// The per-answer variance σ² assumed.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub variance: f64,
    /// The population size, when the finite-population correction was applied.
    pub population: Option<u64>,
    /// The finite-population correction factor √((N − n)/(N − 1)) applied to the margin (1 without
    /// a population).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub correction: f64,
}

/// The number of answers needed for a margin of error.
///
/// ```
/// use nps_stats::{Confidence, inference::{ExpectedShares, sample_size}};
/// let plan = sample_size(5, ExpectedShares::WORST_CASE, Confidence::NINETY_FIVE, None)?;
/// assert_eq!(plan.n, 1537);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SampleSize {
    /// The number of answers, rounded up.
    pub n: u64,
    /// The number before rounding.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub unrounded: f64,
    /// The margin of error asked for, in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::positive_points"))]
    pub margin: f64,
    /// The confidence level.
    pub level: Confidence,
    /// The per-answer variance σ² assumed.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub variance: f64,
    /// The population size, when the finite-population correction was applied.
    pub population: Option<u64>,
}

/// The number of answers per period (or per group) needed to detect a change.
///
/// ```
/// use nps_stats::{Confidence, inference::{ExpectedShares, sample_size_for_change}};
/// let shares = ExpectedShares::new(0.5, 0.2)?;
/// let plan = sample_size_for_change(10, shares, shares, Confidence::NINETY_FIVE, 0.8)?;
/// assert_eq!(plan.n, 958); // per period
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ChangeSampleSize {
    /// Answers per period, rounded up (for a panel: respondents answering both times).
    pub n: u64,
    /// The number before rounding.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::non_negative"))]
    pub unrounded: f64,
    /// The change to detect, in points.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::positive_points"))]
    pub change: f64,
    /// The confidence level of the two-sided test (its α is 1 − level).
    pub level: Confidence,
    /// The power: the probability of a significant result when the change is real.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::share"))]
    pub power: f64,
    /// The variance of the difference per answer: σ₁² + σ₂² for independent samples, σ_d² for a
    /// panel.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::variance"))]
    pub variance: f64,
    /// Whether the plan is for the same respondents twice.
    pub paired: bool,
}

/// The margin of error (half-width of the Wald interval, in points) of `n` answers with the
/// expected `shares`; with a `population` of N accounts or contacts of which n answer, the
/// finite-population correction √((N − n)/(N − 1)) shrinks it (to 0 for a census).
///
/// A firm with 200 accounts that hears from 120 has a margin 0.63 times the infinite-population
/// one: sampling error comes only from the 80 it did not hear from (non-response bias is another
/// matter that no formula covers).
///
/// # Errors
///
/// [`Error::InvalidParameter`] when `n` is 0, or the population is smaller than `n`.
///
/// ```
/// use nps_stats::{Confidence, inference::{ExpectedShares, margin_of_error}};
/// let shares = ExpectedShares::new(0.5, 0.2)?;
/// let open = margin_of_error(120, shares, Confidence::NINETY_FIVE, None)?;
/// let of_200 = margin_of_error(120, shares, Confidence::NINETY_FIVE, Some(200))?;
/// assert!((of_200.margin / open.margin - (80.0f64 / 199.0).sqrt()).abs() < 1e-12);
/// let census = margin_of_error(200, shares, Confidence::NINETY_FIVE, Some(200))?;
/// assert_eq!(census.margin, 0.0);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn margin_of_error(
    n: u64,
    shares: ExpectedShares,
    level: Confidence,
    population: Option<u64>,
) -> Result<MarginOfError> {
    if n == 0 {
        return Err(Error::InvalidCount { name: "sample size", value: 0, expected: "at least 1 answer" });
    }
    let correction = match population {
        None => 1.0,
        Some(big_n) if big_n < n => {
            return Err(Error::InvalidCount {
                name: "population",
                value: big_n,
                expected: "at least the number of answers",
            });
        }
        // A census has no sampling error (and N = n = 1 would be 0/0).
        Some(big_n) if big_n == n => 0.0,
        Some(big_n) => ((big_n - n) as f64 / (big_n - 1) as f64).sqrt(),
    };
    let variance = shares.variance();
    let margin = 100.0 * level.z() * (variance / n as f64).sqrt() * correction;
    Ok(MarginOfError { margin, n, level, variance, population, correction })
}

/// The number of answers for a margin of error of `margin` [`Points`] at `level` (whole points
/// convert on their own: `sample_size(5, …)` is ±5 points; a share such as `0.05` does not compile):
/// n₀ = z²σ²/E², or with a known `population` of N, n = n₀N/(N − 1 + n₀) (never more than N).
/// Use [`ExpectedShares::WORST_CASE`] when the shares are unknown.
///
/// When the expected variance is 0 (for example all promoters), any sample has margin 0 and the
/// answer is 1. A margin so small that no survey of up to `u64::MAX` answers reaches it is an
/// error; with a population, the tiniest margins need a census (`n` = N).
///
/// # Errors
///
/// [`Error::InvalidParameter`] when `margin` is not within (0, 100] points, or is too small for any
/// number of answers a `u64` counts (below about 5·10⁻⁸ points in the worst case, without a
/// population); [`Error::InvalidCount`] when the population is 0.
///
/// ```
/// use nps_stats::{Confidence, inference::{ExpectedShares, sample_size}};
/// // ±10 points, worst case: 385 answers; with only 50 accounts in the population, 45 of them.
/// let open = sample_size(10, ExpectedShares::WORST_CASE, Confidence::NINETY_FIVE, None)?;
/// let fifty = sample_size(10, ExpectedShares::WORST_CASE, Confidence::NINETY_FIVE, Some(50))?;
/// assert_eq!((open.n, fifty.n), (385, 45));
/// println!("{fifty}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn sample_size(
    margin: impl Into<Points>,
    shares: ExpectedShares,
    level: Confidence,
    population: Option<u64>,
) -> Result<SampleSize> {
    let margin = margin.into().value();
    check_points("margin of error", margin, 100.0)?;
    if population == Some(0) {
        return Err(Error::InvalidCount { name: "population", value: 0, expected: "at least 1" });
    }
    let variance = shares.variance();
    let z = level.z();
    // E²/(z²σ²) = 1/n₀, which stays finite (and may round to 0) for the tiniest margin, where n₀
    // itself would overflow; the finite-population form n₀N/(N − 1 + n₀) = N/(1 + (N − 1)/n₀) is
    // then a census, N, as it should be. E/z is formed first so that (E/z)² does not underflow
    // before σ² divides it.
    let per_answer = if variance > 0.0 { (margin / 100.0 / z).powi(2) / variance } else { f64::INFINITY };
    let unrounded = match population {
        // A population of one is a census of one, whatever the margin (and (N − 1)·∞ would be 0·∞).
        Some(1) => 1.0,
        Some(big_n) => {
            let big_n = big_n as f64;
            big_n / (1.0 + (big_n - 1.0) * per_answer)
        }
        None => 1.0 / per_answer,
    };
    let n = match population {
        // Never more than a census: N/(1 + …) ≤ N, but near N = 2⁶⁴ the rounding to f64 can exceed it.
        Some(big_n) if rounded_up(unrounded) >= big_n as f64 => big_n,
        _ => answers(unrounded, "margin of error", margin)?,
    };
    Ok(SampleSize { n, unrounded, margin, level, variance, population })
}

/// Answers per period needed to detect a change of `change` points between two independent
/// samples (fresh respondents each time) with probability `power`, by a two-sided test at `level`:
/// n = (z₁₋α/₂ + z_power)²(σ₁² + σ₂²)/Δ², with σ² from the expected shares of each period
/// (both [`ExpectedShares::WORST_CASE`] when unknown).
///
/// The power must exceed α = 1 − level: a two-sided test at level α rejects with probability at
/// least α even when nothing changed, so any smaller power needs no answers at all, and the
/// formula (which ignores the test's other tail) stops meaning anything below α/2, where it would
/// grow again.
///
/// # Errors
///
/// [`Error::InvalidParameter`] when `change` is not within (0, 200] points, `power` not above
/// 1 − `level` and below 1, or the change is too small for any number of answers a `u64` counts.
///
/// ```
/// use nps_stats::{Confidence, inference::{ExpectedShares, sample_size_for_change}};
/// let worst = ExpectedShares::WORST_CASE;
/// let plan = sample_size_for_change(10, worst, worst, Confidence::NINETY_FIVE, 0.8)?;
/// assert_eq!(plan.n, 1570);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn sample_size_for_change(
    change: impl Into<Points>,
    before: ExpectedShares,
    after: ExpectedShares,
    level: Confidence,
    power: f64,
) -> Result<ChangeSampleSize> {
    change_size(change.into().value(), before.variance() + after.variance(), level, power, false)
}

/// Respondents needed to detect a change of `change` points when the same people answer in both
/// periods (a panel), with probability `power` by a two-sided test at `level`:
/// n = (z₁₋α/₂ + z_power)²·σ_d²/Δ².
///
/// `difference_variance` is σ_d², the variance of the per-respondent change
/// dᵢ = sᵢ(t₂) − sᵢ(t₁) on the −1/0/+1 coding (0 < σ_d² ≤ 4): σ₁² + σ₂² − 2·Cov, usually far
/// below σ₁² + σ₂² because people tend to keep their category. Estimate it from a previous
/// panel's transition counts as Σ n_jk (s_k − s_j)²/n − Δ̂².
///
/// As for [`sample_size_for_change`], the power must exceed α = 1 − `level`.
///
/// # Errors
///
/// [`Error::InvalidParameter`] when `change` is not within (0, 200] points, `power` not above
/// 1 − `level` and below 1, `difference_variance` not within (0, 4], or the change is too small for
/// any number of answers a `u64` counts.
///
/// ```
/// use nps_stats::{Confidence, inference::sample_size_for_paired_change};
/// let plan = sample_size_for_paired_change(6, 0.5564, Confidence::NINETY_FIVE, 0.8)?;
/// assert_eq!(plan.n, 1214);
/// assert!(plan.paired);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn sample_size_for_paired_change(
    change: impl Into<Points>,
    difference_variance: f64,
    level: Confidence,
    power: f64,
) -> Result<ChangeSampleSize> {
    if !(difference_variance > 0.0 && difference_variance <= 4.0) {
        return Err(Error::InvalidParameter {
            name: "variance of the per-respondent change",
            value: difference_variance,
            expected: "a number above 0 and at most 4",
        });
    }
    change_size(change.into().value(), difference_variance, level, power, true)
}

fn change_size(
    change: f64,
    variance: f64,
    level: Confidence,
    power: f64,
    paired: bool,
) -> Result<ChangeSampleSize> {
    check_points("change", change, 200.0)?;
    if !(power > level.alpha() && power < 1.0) {
        return Err(Error::InvalidParameter {
            name: "power",
            value: power,
            expected: "a probability above 1 - level (the chance of a significant result when nothing \
                       changed) and below 1, such as 0.8",
        });
    }
    let z = level.z() + normal_quantile(power);
    // (z/Δ)²·σ², with z/Δ formed first so that a tiny change overflows to ∞ (an error below)
    // rather than Δ² underflowing to 0 first.
    let unrounded = (z / (change / 100.0)).powi(2) * variance;
    Ok(ChangeSampleSize {
        n: answers(unrounded, "change", change)?,
        unrounded,
        change,
        level,
        power,
        variance,
        paired,
    })
}

/// Checks a number of points in (0, max].
fn check_points(name: &'static str, value: f64, max: f64) -> Result<()> {
    if value > 0.0 && value <= max {
        Ok(())
    } else {
        let expected = if max == 100.0 {
            "a number of points above 0 and at most 100"
        } else {
            "a number of points above 0 and at most 200"
        };
        Err(Error::InvalidParameter { name, value, expected })
    }
}

/// `unrounded` rounded up, forgiving a relative 10⁻¹² of floating-point noise (so that an exact
/// 1536 computed as 1536.0000000001 stays 1536), but never as much as half an answer.
fn rounded_up(unrounded: f64) -> f64 {
    (unrounded - (unrounded * 1e-12).min(0.5)).ceil()
}

/// The sample size `unrounded` rounded up ([`rounded_up`]) and at least 1; an error naming the
/// setting (`name`, `value` in points) that asks for more answers than a `u64` counts.
fn answers(unrounded: f64, name: &'static str, value: f64) -> Result<u64> {
    let rounded = rounded_up(unrounded);
    // 2⁶⁴ as f64: the first whole number a u64 cannot hold.
    const BEYOND_U64: f64 = 18_446_744_073_709_551_616.0;
    if rounded.is_nan() || rounded >= BEYOND_U64 {
        return Err(Error::InvalidParameter {
            name,
            value,
            expected: "a number of points large enough that the sample size fits in a u64 (at most \
                       18446744073709551615 answers)",
        });
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a whole number below 2^64 here; negative and tiny values become 1 below"
    )]
    let n = rounded as u64;
    Ok(n.max(1))
}

/// `population` as text.
fn population_text(population: Option<u64>) -> String {
    match population {
        Some(big_n) => format!("{big_n} (finite-population correction)"),
        None => "unlimited".to_string(),
    }
}

impl fmt::Display for MarginOfError {
    /// An aligned two-column table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "margin of error  ±{:.1} points", self.margin)?;
        writeln!(f, "answers          {}", self.n)?;
        writeln!(f, "level            {}", self.level)?;
        writeln!(f, "variance σ²      {:.4}", self.variance)?;
        write!(f, "population       {}", population_text(self.population))
    }
}

impl fmt::Display for SampleSize {
    /// An aligned two-column table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "answers needed   {} ({:.2} unrounded)", self.n, self.unrounded)?;
        writeln!(f, "margin of error  ±{:.1} points", self.margin)?;
        writeln!(f, "level            {}", self.level)?;
        writeln!(f, "variance σ²      {:.4}", self.variance)?;
        write!(f, "population       {}", population_text(self.population))
    }
}

impl fmt::Display for ChangeSampleSize {
    /// An aligned two-column table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let per = if self.paired { "respondents (panel)" } else { "answers per period" };
        writeln!(f, "{per:<20} {} ({:.2} unrounded)", self.n, self.unrounded)?;
        writeln!(f, "{:<20} {:.1} points", "change to detect", self.change)?;
        writeln!(f, "{:<20} {} (two-sided)", "level", self.level)?;
        writeln!(f, "{:<20} {:.0}%", "power", 100.0 * self.power)?;
        write!(f, "{:<20} {:.4}", "variance", self.variance)
    }
}

/// The serialized form of [`ExpectedShares`]; deserialization validates through
/// [`ExpectedShares::new`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct SharesParts {
    promoters: f64,
    detractors: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<SharesParts> for ExpectedShares {
    type Error = Error;
    fn try_from(parts: SharesParts) -> Result<ExpectedShares> {
        ExpectedShares::new(parts.promoters, parts.detractors)
    }
}

#[cfg(feature = "serde")]
impl From<ExpectedShares> for SharesParts {
    fn from(shares: ExpectedShares) -> SharesParts {
        SharesParts { promoters: shares.promoters, detractors: shares.detractors }
    }
}
