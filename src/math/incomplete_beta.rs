//! The regularized incomplete beta function I_x(a, b), the CDF of a Beta(a, b) distribution.
//!
//! statrs' `beta_reg` stops its continued fraction after 140 terms, which is far too few near the
//! mean of a Beta distribution with large shape parameters: it returns 0.49878 for
//! I_{1/2}(5·10⁵, 5·10⁵) = 1/2. Posteriors of large samples have exactly such parameters, so this
//! module evaluates the same continued fraction until it converges and computes its prefactor
//! without cancellation.
//!
//! - Continued fraction: Numerical Recipes, 3rd ed. (Press et al. 2007), §6.4, eq. 6.4.5, evaluated
//!   with the modified Lentz method (§5.2); the fraction converges quickly for
//!   x < (a + 1)/(a + b + 2), and the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) covers the rest.
//! - Prefactor xᵃ(1 − x)ᵇ/B(a, b) for a, b ≥ 10: Stirling's series for ln Γ turns it into
//!   −a·ρ(e/x₀) − b·ρ(−e/y₀) + ½ ln(ab/(a + b)) − ½ ln 2π + δ(a + b) − δ(a) − δ(b) with
//!   x₀ = a/(a + b), e = x − x₀, ρ(t) = t − ln(1 + t) and δ the Stirling remainder. This is the
//!   construction of DiDonato & Morris (1992), "Algorithm 708: significant digit computation of the
//!   incomplete beta function ratios", *ACM TOMS* 18(3), function `brcomp`; it avoids subtracting
//!   logarithms of size 10⁷ from each other.
//!
//! Callers pass x and y = 1 − x separately so that a y computed as a small difference keeps its
//! precision (as in TOMS 708's `bratio(a, b, x, y)`).
//!
//! Accuracy, checked against scipy's `betainc` (Boost) on 4,000 random points with shapes from
//! 0.03 to 3·10⁷: absolute error below 2·10⁻¹² while both shapes are under 10⁵, 2·10⁻¹¹ under
//! 10⁶ and 5·10⁻¹⁰ up to 3·10⁷.
//! The remaining error comes from cancellation in the fraction when one shape is huge, the other
//! small and x within 1/max(a, b) of 1; it grows like max(a, b)·ε.

use statrs::function::gamma::ln_gamma;

/// ½ ln(2π).
const HALF_LN_TWO_PI: f64 = 0.918_938_533_204_672_8;

/// Parameters at or above this use Stirling's series (its remainder after five terms is < 2·10⁻¹⁴).
const STIRLING_FROM: f64 = 10.0;

/// Safety limit of continued-fraction terms. Convergence needs about √(max(a, b)) terms near the
/// mean, so this allows shape parameters far beyond 10¹²; a fraction that has not converged by
/// then returns its last value.
const MAX_TERMS: u32 = 5_000_000;

/// I_x(a, b) for a, b > 0, with y = 1 − x. Returns 0 for x ≤ 0 and 1 for y ≤ 0.
pub(crate) fn beta_cdf(a: f64, b: f64, x: f64, y: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if y <= 0.0 {
        return 1.0;
    }
    if x < (a + 1.0) / (a + b + 2.0) { lower_tail(a, b, x, y) } else { 1.0 - lower_tail(b, a, y, x) }
}

/// The Beta(a, b) density at x, with y = 1 − x; 0 outside (0, 1) and +∞ at a pole.
pub(crate) fn beta_pdf(a: f64, b: f64, x: f64, y: f64) -> f64 {
    if x < 0.0 || y < 0.0 {
        return 0.0;
    }
    if x == 0.0 || y == 0.0 {
        let shape = if x == 0.0 { a } else { b };
        return if shape < 1.0 {
            f64::INFINITY
        } else if shape == 1.0 {
            // The density's limit at the end: the other factor at 1 over B(a, b).
            (-ln_beta(a, b)).exp()
        } else {
            0.0
        };
    }
    // xᵃ yᵇ / B(a, b) / (x y), in logarithms so that huge and tiny factors do not overflow.
    (ln_front(a, b, x, y) - x.ln() - y.ln()).exp()
}

/// xᵃyᵇ/(a·B(a, b)) times the continued fraction: I_x(a, b) where the fraction converges fast.
fn lower_tail(a: f64, b: f64, x: f64, y: f64) -> f64 {
    let front = ln_front(a, b, x, y).exp();
    if front == 0.0 {
        return 0.0;
    }
    front * continued_fraction(a, b, x) / a
}

/// ln(xᵃ yᵇ / B(a, b)).
fn ln_front(a: f64, b: f64, x: f64, y: f64) -> f64 {
    if a >= STIRLING_FROM && b >= STIRLING_FROM {
        let total = a + b;
        let x0 = a / total;
        let y0 = b / total;
        // e = x − x₀ = y₀ − y; take the difference of the smaller pair for precision.
        let e = if x <= y { x - x0 } else { y0 - y };
        -(a * rho(e / x0) + b * rho(-e / y0)) + 0.5 * (a * (b / total)).ln() - HALF_LN_TWO_PI
            + stirling_remainder(total)
            - stirling_remainder(a)
            - stirling_remainder(b)
    } else {
        a * ln_of(x, y) + b * ln_of(y, x) - ln_beta(a, b)
    }
}

/// ln(v) where w = 1 − v: through ln(1 − w) when v is close to 1.
fn ln_of(v: f64, w: f64) -> f64 {
    if v > 0.5 { (-w).ln_1p() } else { v.ln() }
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), without cancellation when one argument is large.
pub(crate) fn ln_beta(a: f64, b: f64) -> f64 {
    let (small, large) = if a <= b { (a, b) } else { (b, a) };
    if large < STIRLING_FROM {
        return ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    }
    // ln Γ(s + l) − ln Γ(l) = (l − ½)·ln(1 + s/l) + s·ln(s + l) − s + δ(s + l) − δ(l).
    let ln_ratio = (large - 0.5) * (small / large).ln_1p() + small * (small + large).ln() - small
        + stirling_remainder(small + large)
        - stirling_remainder(large);
    if small < STIRLING_FROM {
        ln_gamma(small) - ln_ratio
    } else {
        // ln Γ(s) by Stirling as well, so that the large terms cancel analytically.
        (small - 0.5) * small.ln() - small + HALF_LN_TWO_PI + stirling_remainder(small) - ln_ratio
    }
}

/// ρ(t) = t − ln(1 + t) ≥ 0 for t > −1, by its series where the subtraction would cancel.
fn rho(t: f64) -> f64 {
    if t.abs() > 0.25 {
        return t - t.ln_1p();
    }
    // t²/2 − t³/3 + t⁴/4 − …; |t| ≤ ¼ makes the k-th term below 4⁻ᵏ.
    let mut power = t * t;
    let mut sum = 0.0;
    let mut k = 2.0;
    loop {
        let term = power / k;
        sum += term;
        if term.abs() <= 1e-17 * sum.abs() {
            return sum;
        }
        power *= -t;
        k += 1.0;
    }
}

/// δ(z) = ln Γ(z) − (z − ½) ln z + z − ½ ln 2π, Stirling's series for z ≥ 10
/// (Abramowitz & Stegun 6.1.41).
fn stirling_remainder(z: f64) -> f64 {
    let r = 1.0 / z;
    let r2 = r * r;
    r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 * (1.0 / 1680.0 - r2 / 1188.0))))
}

/// The continued fraction of Numerical Recipes eq. 6.4.5 (`betacf`), modified Lentz evaluation.
fn continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let clamp_tiny = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / clamp_tiny(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=MAX_TERMS {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / clamp_tiny(1.0 + even * d);
        c = clamp_tiny(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / clamp_tiny(1.0 + odd * d);
        c = clamp_tiny(1.0 + odd / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() <= 2.0 * f64::EPSILON {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values from scipy 1.17 `scipy.special.betainc` / `betaincc` (Boost's ibeta):
    /// `print('%.17e' % betainc(a, b, x))`.
    #[test]
    fn matches_scipy() {
        let cases: [(f64, f64, f64, f64); 10] = [
            (5e5, 5e5, 0.5005, 0.8413447460685569),
            (5e5, 5e5, 0.5, 0.49999999999999967),
            (3e5, 7e5, 0.3003, 0.743708130793928),
            (3e5, 7e5, 0.2995, 0.1376045217437573),
            (1e4, 2e4, 0.335, 0.7301346342435686),
            (1e3, 2e3, 0.34, 0.7812150911606441),
            (100.0, 200.0, 0.36, 0.8365897976258804),
            (0.5, 0.5, 0.999999, 0.9993633801215482),
            (1e-3, 2.0, 0.5, 0.9998067465369478),
            (6.0, 0.5, 0.9999, 0.972934198677384),
        ];
        for (a, b, x, expected) in cases {
            let got = beta_cdf(a, b, x, 1.0 - x);
            assert!((got - expected).abs() < 1e-12, "I_{x}({a}, {b}) = {got}, expected {expected}");
            let sf = beta_cdf(b, a, 1.0 - x, x); // 1 − I_x(a, b) = I_{1−x}(b, a)
            assert!((got + sf - 1.0).abs() < 1e-12, "{got} + {sf}");
        }
    }

    #[test]
    fn ln_beta_agrees_with_ln_gamma_where_both_are_accurate() {
        for (a, b) in [(0.5, 0.5), (3.0, 40.0), (12.0, 15.0), (0.25, 1e3), (50.0, 60.0)] {
            let direct = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
            assert!((ln_beta(a, b) - direct).abs() < 1e-11 * direct.abs().max(1.0), "{a} {b}");
        }
    }
}
