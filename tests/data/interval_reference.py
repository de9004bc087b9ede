"""Reference values for the Wald, adjusted Wald and Tango score intervals, the tests against a
target and between two samples, and the planning formulas.

Independent of the crate: Wald and adjusted Wald from the expanded -1/0/+1 answers with numpy
(mean and the plug-in variance, ddof=0; the adjusted Wald from MeasuringU's description "add 3 to
n, 3/4 to detractors and promoters"); Tango's interval by scipy.optimize.brentq on Tango's
statistic, checked against a grid scan of {delta : |T(delta)| <= z}; planning with scipy's normal
quantiles. Run: python3 tests/data/interval_reference.py
"""
import numpy as np
from scipy import optimize, stats

Z95 = stats.norm.ppf(0.975)


def codes(P, A, D):
    return np.concatenate([np.ones(P), np.zeros(A), -np.ones(D)])


def wald(P, A, D, z=Z95):
    s = codes(P, A, D)
    m, v = s.mean(), s.var()          # plug-in variance, divisor n
    se = np.sqrt(v / len(s))
    return 100 * m, 100 * se, (100 * max(m - z * se, -1), 100 * min(m + z * se, 1))


def adjusted_wald(P, A, D, z=Z95):
    n = P + A + D + 3
    p, d = (P + 0.75) / n, (D + 0.75) / n
    m = p - d
    se = np.sqrt((p + d - m * m) / n)
    return 100 * m, 100 * se, (100 * max(m - z * se, -1), 100 * min(m + z * se, 1))


def tango_T(P, D, n, delta):
    A_ = 2 * n
    B_ = -P - D + (2 * n - P + D) * delta
    C_ = -D * delta * (1 - delta)
    pd = (np.sqrt(B_ * B_ - 4 * A_ * C_) - B_) / (2 * A_)
    var = 2 * pd + delta * (1 - delta)
    num = P - D - n * delta
    if num == 0:
        return 0.0
    return num / np.sqrt(n * var) if var > 0 else np.sign(num) * np.inf


def tango(P, A, D, z=Z95, check=True):
    n = P + A + D
    est = (P - D) / n
    eps = 1e-15
    lo = -1.0 if D == n else optimize.brentq(lambda x: tango_T(P, D, n, x) - z, -1 + eps, est, xtol=1e-15)
    hi = 1.0 if P == n else optimize.brentq(lambda x: tango_T(P, D, n, x) + z, est, 1 - eps, xtol=1e-15)
    if not check:
        return lo, hi
    # Grid check of the set definition {delta : |T| <= z} (catches a non-monotone T).
    grid = np.linspace(-1 + 1e-9, 1 - 1e-9, 200001)
    inside = np.array([abs(tango_T(P, D, n, g)) <= z for g in grid])
    assert abs(grid[inside].min() - lo) < 2e-5 or lo == -1.0, (grid[inside].min(), lo)
    assert abs(grid[inside].max() - hi) < 2e-5 or hi == 1.0, (grid[inside].max(), hi)
    return lo, hi


def mover(first, second, z=Z95, check=True):
    (P1, A1, D1), (P2, A2, D2) = first, second
    e1, e2 = (P1 - D1) / sum(first), (P2 - D2) / sum(second)
    l1, u1 = tango(P1, A1, D1, z, check)
    l2, u2 = tango(P2, A2, D2, z, check)
    return (e1 - e2 - np.hypot(e1 - l1, u2 - e2), e1 - e2 + np.hypot(u1 - e1, e2 - l2))


def mover_p(first, second):
    diff = (first[0] - first[2]) / sum(first) - (second[0] - second[2]) / sum(second)
    f = lambda z: mover(first, second, z, False)[0] if diff > 0 else -mover(first, second, z, False)[1]
    zc = optimize.brentq(f, 1e-9, 30, xtol=1e-13)
    return zc, 2 * stats.norm.sf(zc)


if __name__ == "__main__":
    print("# numpy", np.__version__, "scipy", __import__("scipy").__version__)
    print("## one sample, 95 %: NPS, SE, interval (points)")
    for c in [(50, 30, 20), (7, 63, 30), (3, 1, 0), (0, 0, 5), (120, 40, 40)]:
        w, a, t = wald(*c), adjusted_wald(*c), tango(*c)
        print(c, "wald", "%.12f %.12f [%.12f, %.12f]" % (w[0], w[1], *w[2]))
        print(c, "adj ", "%.12f %.12f [%.12f, %.12f]" % (a[0], a[1], *a[2]))
        print(c, "tango [%.12f, %.12f]" % (100 * t[0], 100 * t[1]))
    print("all passive n=10 tango", tango(0, 10, 0), "closed form", Z95**2 / (10 + Z95**2))
    print("## one sample against a target of -30 and +20, counts (50, 30, 20)")
    for target in (-30.0, 20.0):
        m, se, _ = wald(50, 30, 20)
        zw = (m - target) / se
        ma, sea, _ = adjusted_wald(50, 30, 20)
        za = (ma - target) / sea
        zt = tango_T(50, 20, 100, target / 100)
        for name, z in (("wald", zw), ("adj", za), ("tango", zt)):
            print(target, name, "z %.12f p %.12e" % (z, 2 * stats.norm.sf(abs(z))))
    print("## two independent samples (50,30,20) vs (40,30,30)")
    for name, f in (("wald", wald), ("adj", adjusted_wald)):
        m1, s1, _ = f(50, 30, 20)
        m2, s2, _ = f(40, 30, 30)
        se = np.hypot(s1, s2)
        z = (m1 - m2) / se
        print(name, "diff %.12f se %.12f z %.12f p %.12f CI [%.12f, %.12f]" % (
            m1 - m2, se, z, 2 * stats.norm.sf(abs(z)), m1 - m2 - Z95 * se, m1 - m2 + Z95 * se))
    lo, hi = mover((50, 30, 20), (40, 30, 30))
    zc, p = mover_p((50, 30, 20), (40, 30, 30))
    print("mover [%.12f, %.12f] z %.12f p %.12f" % (100 * lo, 100 * hi, zc, p))
    print("## planning (95 %)")
    for var, E in [(1, .03), (1, .05), (1, .10), (2 / 3, .05), (2 / 3, .10), (.61, .05), (.61, .10), (.3275, .10)]:
        n0 = Z95**2 * var / E**2
        fpc = [int(np.ceil(Z95**2 * N * var / ((N - 1) * E**2 + Z95**2 * var))) for N in (20, 50, 100, 200)]
        print("var %.4f E %.2f n0 %.4f -> %d, N=20/50/100/200: %s" % (var, E, n0, int(np.ceil(n0)), fpc))
    for n in (10, 30, 50, 100, 200, 400, 1000):
        print("worst-case MoE n=%d: %.6f" % (n, Z95 / np.sqrt(n)))
    print("MoE n=120 of N=200, var .61: %.10f (infinite %.10f)" % (
        100 * Z95 * np.sqrt(.61 / 120 * 80 / 199), 100 * Z95 * np.sqrt(.61 / 120)))
    zb = stats.norm.ppf(0.8)
    for v1, v2, d in [(.61, .61, .10), (1, 1, .10), (.61, .69, .20)]:
        print("two groups %.2f %.2f delta %.2f: %.4f" % (v1, v2, d, (Z95 + zb)**2 * (v1 + v2) / d**2))
    print("paired 0.5564 delta 0.06: %.4f" % ((Z95 + zb)**2 * 0.5564 / 0.06**2))
    print("two groups worst, delta .10, 90%% power, 99%% level: %.4f" % (
        (stats.norm.ppf(0.995) + stats.norm.ppf(0.9))**2 * 2 / 0.01))
