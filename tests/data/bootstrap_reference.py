"""Exact ("ideal", B -> infinity) bootstrap references for the multinomial bootstrap of the NPS.

The bootstrap distribution of the NPS of n answers resampled from counts (P, A, D) is that of
(P* - D*)/n with (P*, A*, D*) ~ Multinomial(n; P/n, A/n, D/n). Enumerating every (P*, D*) with
scipy.stats.multinomial gives it exactly, so the percentile and BCa bounds below carry no Monte
Carlo error. The BCa acceleration is a brute-force jackknife over the expanded answers
(Efron & Tibshirani 1993, eq. 14.15), z0 = Phi^-1(P(T* < t) + P(T* = t)/2).

Quantile convention: the smallest atom x with F(x) >= q (the B -> infinity limit of the order
statistics the crate uses). Run: python3 tests/data/bootstrap_reference.py
"""
import numpy as np
from scipy import stats


def distribution(P, A, D):
    n = P + A + D
    values, probs = {}, {}
    pmf = stats.multinomial(n, [P / n, A / n, D / n])
    for p in range(n + 1):
        for d in range(n - p + 1):
            pr = pmf.pmf([p, n - p - d, d]) if n > 0 else 1.0
            if pr > 0:
                k = p - d
                probs[k] = probs.get(k, 0.0) + pr
    ks = np.array(sorted(probs))
    return ks / n, np.array([probs[k] for k in ks])


def quantile(xs, ps, q):
    cdf = np.cumsum(ps)
    return xs[np.searchsorted(cdf, q - 1e-12)]


def jackknife_acceleration(P, A, D):
    s = np.concatenate([np.ones(P), np.zeros(A), -np.ones(D)])
    n = len(s)
    loo = (s.sum() - s) / (n - 1)
    u = loo.mean() - loo
    den = (u**2).sum()
    return 0.0 if den == 0 else (u**3).sum() / (6 * den**1.5)


def bounds(xs, ps, est, a, level=0.95):
    alpha = 1 - level
    z = stats.norm.ppf(1 - alpha / 2)
    pct = (quantile(xs, ps, alpha / 2), quantile(xs, ps, 1 - alpha / 2))
    below = ps[xs < est - 1e-12].sum() + 0.5 * ps[np.abs(xs - est) <= 1e-12].sum()
    z0 = stats.norm.ppf(below)
    q = [stats.norm.cdf(z0 + (z0 + zz) / (1 - a * (z0 + zz))) for zz in (-z, z)]
    bca = (quantile(xs, ps, q[0]), quantile(xs, ps, q[1]))
    sd = np.sqrt((ps * xs**2).sum() - (ps * xs).sum() ** 2)
    return pct, bca, sd, z0


if __name__ == "__main__":
    print("# numpy", np.__version__, "scipy", __import__("scipy").__version__)
    for c in [(50, 30, 20), (7, 63, 30), (3, 1, 0), (120, 40, 40), (9, 1, 0)]:
        xs, ps = distribution(*c)
        est = (c[0] - c[2]) / sum(c)
        a = jackknife_acceleration(*c)
        pct, bca, sd, z0 = bounds(xs, ps, est, a)
        print(c, "a %.15f z0 %.6f sd %.12f pct [%.4f, %.4f] bca [%.4f, %.4f] atom %.4f" % (
            a, z0, sd, *pct, *bca, 1 / sum(c)))
    # Two samples: the distribution of the difference by convolution.
    x1, p1 = distribution(50, 30, 20)
    x2, p2 = distribution(40, 30, 30)
    diff = {}
    for xa, pa in zip(x1, p1):
        for xb, pb in zip(x2, p2):
            k = round((xa - xb) * 100)
            diff[k] = diff.get(k, 0.0) + pa * pb
    ks = np.array(sorted(diff))
    xs, ps = ks / 100, np.array([diff[k] for k in ks])
    est = 0.2
    # Two-sample acceleration from the empirical influence values (see bootstrap.rs).
    def moments(P, A, D):
        t = (P - D) / (P + A + D)
        dev = np.array([1 - t, -t, -1 - t])
        cnt = np.array([P, A, D])
        return (cnt * dev**2).sum(), (cnt * dev**3).sum()
    (m2a, m3a), (m2b, m3b) = moments(50, 30, 20), moments(40, 30, 30)
    a = (m3a / 100**3 - m3b / 100**3) / (6 * (m2a / 100**2 + m2b / 100**2) ** 1.5)
    pct, bca, sd, z0 = bounds(xs, ps, est, a)
    below0 = ps[xs < 0].sum() + 0.5 * ps[xs == 0].sum()
    print("two-sample a %.15f z0 %.6f sd %.12f pct [%.4f, %.4f] bca [%.4f, %.4f]; ideal percentile"
          " p-value at 0: %.6f" % (a, z0, sd, *pct, *bca, 2 * min(below0, 1 - below0)))
