//! The Wald and adjusted Wald intervals for one NPS.

use crate::tally::Tally;

/// The centre and standard error of a Wald-type interval, on the −1..=1 scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Spread {
    pub(crate) center: f64,
    pub(crate) std_error: f64,
}

/// Wald on (possibly fractional) promoter, passive and detractor counts: centre p − d,
/// SE √((p + d − (p − d)²)/n).
///
/// The per-answer variance of the −1/0/+1 coding is σ² = p + d − (p − d)²; the plug-in (divide by n)
/// convention follows Rocks' R package `NPS` (`npvar`, `nps.se`) and Rocks (2016),
/// "Interval Estimation for the 'Net Promoter Score'", *The American Statistician* 70(4).
/// It is evaluated as 4pd + a(p + d) with a = 1 − p − d the passive share (the same polynomial), a
/// sum of terms that are never negative: the textbook form subtracts two numbers close to 1 when
/// nearly every answer agrees, and loses all of a variance of 10⁻¹⁹ at 2⁶⁴ answers.
pub(crate) fn wald_on(promoters: f64, passives: f64, detractors: f64) -> Spread {
    let n = promoters + passives + detractors;
    let (p, a, d) = (promoters / n, passives / n, detractors / n);
    let variance = 4.0 * p * d + a * (p + d);
    Spread { center: p - d, std_error: (variance / n).sqrt() }
}

/// The plain Wald interval of a tally (n > 0).
pub(crate) fn wald(tally: &Tally) -> Spread {
    wald_on(tally.promoters() as f64, tally.passives() as f64, tally.detractors() as f64)
}

/// Rocks' (2016) adjusted Wald: ¾ promoter, 1½ passive and ¾ detractor pseudo-answers are added
/// (n + 3), then the Wald form is used on the adjusted counts. Pseudo-counts as in Rocks' development
/// package (`pseudo_observations = c(0.75, 1.50, 0.75)`) and MeasuringU's description ("add 3 to n,
/// ¾ to detractors and ¾ to promoters").
pub(crate) fn adjusted_wald(tally: &Tally) -> Spread {
    wald_on(tally.promoters() as f64 + 0.75, tally.passives() as f64 + 1.5, tally.detractors() as f64 + 0.75)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variance_keeps_its_digits_when_nearly_all_agree() {
        // (50, 30, 20): σ² = 0.7 − 0.09 = 0.61, SE = √(0.61/100).
        let spread = wald_on(50.0, 30.0, 20.0);
        assert!((spread.std_error - (0.61f64 / 100.0).sqrt()).abs() < 1e-16);
        assert!((spread.center - 0.3).abs() < 1e-16);
        // 2⁶⁴ − 1 detractors, adjusted: p = ¾/n, a = 1½/n, d ≈ 1, so σ² ≈ 4p + a = 4.5/n and
        // SE = √(4.5)/n, where the textbook form gives 0.
        let n = u64::MAX as f64;
        let adjusted = wald_on(0.75, 1.5, n + 0.75);
        let expected = 4.5f64.sqrt() / (n + 3.0);
        assert!((adjusted.std_error / expected - 1.0).abs() < 1e-12, "{}", adjusted.std_error);
        // Unanimous: no spread at all.
        assert_eq!(wald_on(0.0, 0.0, 7.0).std_error, 0.0);
        assert_eq!(wald_on(0.0, 7.0, 0.0).std_error, 0.0);
    }
}
