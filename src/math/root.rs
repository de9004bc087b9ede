//! Brent's bracketing root finder.
//!
//! Brent (1973), *Algorithms for Minimization without Derivatives*, ch. 4 (`zeroin`): inverse
//! quadratic interpolation or the secant step where it makes progress, bisection where it does
//! not, so the bracket always shrinks and convergence is guaranteed for any continuous function
//! with a sign change. The loop follows Numerical Recipes, 3rd ed., §9.3 (`zbrent`).

/// A root of `f` in [a, b], to within `tolerance` in x, given f(a) = `fa` and f(b) = `fb` of
/// opposite signs (or one of them 0). Values must be finite. Returns the best estimate after
/// `max_iterations` evaluations at the latest.
pub(crate) fn brent<F: FnMut(f64) -> f64>(
    mut f: F,
    mut a: f64,
    mut b: f64,
    mut fa: f64,
    mut fb: f64,
    tolerance: f64,
    max_iterations: u32,
) -> f64 {
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 {
        return b;
    }
    let (mut c, mut fc) = (b, fb);
    let (mut d, mut e) = (b - a, b - a);
    for _ in 0..max_iterations {
        if (fb > 0.0) == (fc > 0.0) {
            // Keep the root between b and c.
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 0.5 * tolerance;
        let midpoint = 0.5 * (c - b);
        if midpoint.abs() <= tol || fb == 0.0 {
            return b;
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            // Inverse quadratic interpolation (secant when only two points differ).
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * midpoint * s, 1.0 - s)
            } else {
                let q = fa / fc;
                let r = fb / fc;
                (s * (2.0 * midpoint * q * (q - r) - (b - a) * (r - 1.0)), (q - 1.0) * (r - 1.0) * (s - 1.0))
            };
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            let bound = (3.0 * midpoint * q - (tol * q).abs()).min((e * q).abs());
            if 2.0 * p < bound {
                e = d;
                d = p / q;
            } else {
                d = midpoint;
                e = d;
            }
        } else {
            d = midpoint;
            e = d;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol { d } else { tol.copysign(midpoint) };
        fb = f(b);
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_roots_to_tolerance() {
        let cube_root_of_two = brent(|x| x * x * x - 2.0, 0.0, 2.0, -2.0, 6.0, 1e-14, 100);
        assert!((cube_root_of_two - 2f64.cbrt()).abs() < 1e-13);
        // A flat, badly scaled function still converges by bisection.
        let mut calls = 0;
        let root = brent(
            |x| {
                calls += 1;
                (x - 0.3).powi(7)
            },
            -1.0,
            1.0,
            (-1.3f64).powi(7),
            0.7f64.powi(7),
            1e-12,
            200,
        );
        assert!((root - 0.3).abs() < 1e-6, "{root}");
        assert!(calls < 200);
    }
}
