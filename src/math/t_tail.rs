//! Tail probabilities of Student's t.

use crate::math::incomplete_beta::beta_cdf;

/// The two-sided p-value P(|T| ≥ |t|) of Student's t with `df` (> 0) degrees of freedom:
/// I_x(ν/2, ½) with x = ν/(ν + t²) (Abramowitz & Stegun 1964, 26.7.1 with 26.5.27), with
/// 1 − x = t²/(ν + t²) passed apart so that small p-values keep their digits. 1 for t = 0 or NaN;
/// 0 for infinite t.
pub(crate) fn t_two_sided_p(t: f64, df: f64) -> f64 {
    if t.is_nan() || t == 0.0 {
        return 1.0;
    }
    if t.is_infinite() {
        return 0.0;
    }
    let t2 = t * t;
    let x = df / (df + t2);
    let y = t2 / (df + t2);
    beta_cdf(df / 2.0, 0.5, x, y).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::t_two_sided_p;

    #[test]
    fn matches_r_pt() {
        // R: 2 * pt(-1.3074035470467669, 38) = 0.19893127626886151 (spearman_reference.txt);
        // 2 * pt(-2, 1) = 0.29516723530086653 (Cauchy: 1 − 2·atan(2)/π).
        assert!((t_two_sided_p(1.307_403_547_046_766_9, 38.0) - 0.198_931_276_268_861_5).abs() < 1e-13);
        let cauchy = 1.0 - 2.0 * 2.0f64.atan() / core::f64::consts::PI;
        assert!((t_two_sided_p(-2.0, 1.0) - cauchy).abs() < 1e-14);
        assert_eq!(t_two_sided_p(0.0, 5.0), 1.0);
        assert_eq!(t_two_sided_p(f64::INFINITY, 5.0), 0.0);
    }
}
