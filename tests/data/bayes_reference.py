"""Reference values for the Bayesian (Dirichlet posterior) NPS interval.

Two independent computations of P(NPS <= d) for NPS = thetaP - thetaD, posterior
Dirichlet(aP, aA, aD):

1. mpmath (30 significant digits) integrating over the detractor share instead of over
   S = thetaP + thetaD as the crate does:
       thetaD ~ Beta(aD, aP + aA),  thetaP / (1 - thetaD) | thetaD ~ Beta(aP, aA),
       F(d) = int I_{(d + t)/(1 - t)}(aP, aA) f_D(t) dt   (I clipped to [0, 1]).
   Quantiles by mpmath.findroot (bisection/Anderson) on this F.
2. numpy Monte Carlo: Dirichlet draws (10^7 per case by default, seed fixed), empirical
   quantiles; the standard error of a sample quantile is sqrt(q(1-q)/N) / f(x_q), with the
   density f estimated from the same draws.

Run: python3 tests/data/bayes_reference.py  (needs numpy, mpmath; ~10 minutes);
`--only 11 12 13` computes the listed cases alone.
"""
import sys
import mpmath as mp
import numpy as np

mp.mp.dps = 30


def cdf(aP, aA, aD, d):
    if aP + aA + aD > 1e5:
        return cdf_scipy(aP, aA, aD, d)
    aP, aA, aD, d = mp.mpf(aP), mp.mpf(aA), mp.mpf(aD), mp.mpf(d)
    if d <= -1:
        return mp.mpf(0)
    if d >= 1:
        return mp.mpf(1)
    lo = max(mp.mpf(0), -d)
    hi = (1 - d) / 2          # beyond it, (d + t)/(1 - t) >= 1
    log_norm = mp.log(mp.beta(aD, aP + aA))

    def f(t):
        x = (d + t) / (1 - t)
        if x <= 0:
            return mp.mpf(0)
        inner = mp.betainc(aP, aA, 0, min(x, mp.mpf(1)), regularized=True)
        return inner * mp.exp((aD - 1) * mp.log(t) + (aP + aA - 1) * mp.log1p(-t) - log_norm)

    # Break points around the bulk of thetaD so narrow posteriors are resolved.
    m = aD / (aP + aA + aD)
    sd = mp.sqrt(m * (1 - m) / (aP + aA + aD + 1))
    pts = [lo] + [p for p in (m + k * sd for k in range(-12, 13)) if lo < p < hi] + [hi]
    if lo == 0 and aD < 1:
        # The density's pole t^(aD - 1) at 0: with u = t^aD the first piece is smooth,
        # int_0^c g(t) t^(aD-1) dt = (1/aD) int_0^(c^aD) g(u^(1/aD)) du.
        first = pts[1]

        def g(u):
            t = u ** (1 / aD)
            if t <= 0:
                return mp.mpf(0)
            return f(t) * t ** (1 - aD) / aD

        body = mp.quad(g, [0, first ** aD]) + mp.quad(f, pts[1:])
    else:
        body = mp.quad(f, pts)
    # P(thetaD > hi) as the lower tail of 1 - thetaD ~ Beta(aP + aA, aD): no cancellation when small.
    upper = mp.betainc(aP + aA, aD, 0, 1 - hi, regularized=True)
    return body + upper


def cdf_scipy(aP, aA, aD, d):
    """The same integral in float64 with scipy (Boost's ibeta, QUADPACK), for posteriors too
    concentrated for mpmath's hypergeometric betainc."""
    from scipy import integrate, special, stats
    d = float(d)
    lo = max(0.0, -d)
    hi = (1 - d) / 2
    m = aD / (aP + aA + aD)
    sd = (m * (1 - m) / (aP + aA + aD + 1)) ** 0.5
    a, b = max(lo, m - 12 * sd), min(hi, m + 12 * sd)
    if a >= b:
        body = 0.0
    else:
        f = lambda t: special.betainc(aP, aA, min((d + t) / (1 - t), 1.0)) * stats.beta.pdf(t, aD, aP + aA)
        body, _ = integrate.quad(f, a, b, epsabs=1e-15, epsrel=1e-13, limit=500,
                                 points=[m + k * sd for k in range(-6, 7) if a < m + k * sd < b])
    upper = special.betaincc(aD, aP + aA, max(hi, lo))
    return mp.mpf(body) + mp.mpf(upper)


def quantile(aP, aA, aD, q):
    m = (aP - aD) / (aP + aA + aD)
    a0 = aP + aA + aD
    sd = ((aP + aD) / a0 - m * m) / (a0 + 1)
    sd = sd ** 0.5
    a, b = mp.mpf(max(-1.0, m - 12 * sd)), mp.mpf(min(1.0, m + 12 * sd))
    tol = mp.mpf("1e-15") if a0 < 1e5 else mp.mpf("1e-13")
    fa, fb = cdf(aP, aA, aD, a) - q, cdf(aP, aA, aD, b) - q
    assert fa <= 0 <= fb, (fa, fb)
    side = 0
    while b - a > tol:
        c = (a * fb - b * fa) / (fb - fa)
        fc = cdf(aP, aA, aD, c) - q
        if fc > 0:
            b, fb = c, fc
            if side == -1:
                fa /= 2
            side = -1
        else:
            a, fa = c, fc
            if side == 1:
                fb /= 2
            side = 1
        if abs(fc) < mp.mpf("1e-25") or (a0 >= 1e5 and abs(fc) < 1e-15):
            return c
    return (a + b) / 2


def monte_carlo(aP, aA, aD, qs, seed, draws=10_000_000):
    rng = np.random.default_rng(seed)
    theta = rng.dirichlet([aP, aA, aD], size=draws)
    nps = theta[:, 0] - theta[:, 2]
    out = []
    for q in qs:
        x = np.quantile(nps, q)
        h = 0.01 * nps.std()
        density = np.mean(np.abs(nps - x) < h) / (2 * h)
        se = np.sqrt(q * (1 - q) / draws) / density
        out.append((x, se))
    centred = nps - nps.mean()
    var = centred.var()
    se_mean = np.sqrt(var / draws)
    se_var = np.sqrt(((centred**4).mean() - var**2) / draws)
    return nps.mean(), se_mean, var, se_var, out


CASES = [
    # (label, P, A, D, prior)
    ("50/30/20 uniform", 50, 30, 20, (1, 1, 1)),
    ("50/30/20 jeffreys", 50, 30, 20, (0.5, 0.5, 0.5)),
    ("7/63/30 uniform", 7, 63, 30, (1, 1, 1)),
    ("3/1/0 uniform", 3, 1, 0, (1, 1, 1)),
    ("3/1/0 jeffreys", 3, 1, 0, (0.5, 0.5, 0.5)),
    ("0/0/5 uniform", 0, 0, 5, (1, 1, 1)),
    ("0/0/5 jeffreys", 0, 0, 5, (0.5, 0.5, 0.5)),
    ("120/40/40 uniform", 120, 40, 40, (1, 1, 1)),
    ("1/0/0 uniform", 1, 0, 0, (1, 1, 1)),
    ("0/4/0 custom 0.1", 0, 4, 0, (0.1, 0.1, 0.1)),
    ("500000/300000/200000 uniform", 500000, 300000, 200000, (1, 1, 1)),
    # Asymmetric priors: a swap of the promoter and detractor parameters changes every number.
    ("50/30/20 prior (4, 2, 0.5)", 50, 30, 20, (4, 2, 0.5)),
    ("3/1/0 prior (0.25, 1, 2)", 3, 1, 0, (0.25, 1, 2)),
    ("2/5/9 prior (1e-6, 3, 0.75)", 2, 5, 9, (1e-6, 3, 0.75)),
]

if __name__ == "__main__":
    mc = "--no-mc" not in sys.argv
    # `--only 11 12` computes only those cases (by index), e.g. after adding them.
    only = [int(a) for a in sys.argv[sys.argv.index("--only") + 1:]] if "--only" in sys.argv else None
    print("# mpmath", mp.__version__, "numpy", np.__version__)
    for index, (label, P, A, D, prior) in enumerate(CASES):
        if only is not None and index not in only:
            continue
        aP, aA, aD = P + prior[0], A + prior[1], D + prior[2]
        a0 = aP + aA + aD
        mean = (aP - aD) / a0
        var = ((aP + aD) / a0 - mean ** 2) / (a0 + 1)
        lo = quantile(aP, aA, aD, 0.025)
        # Upper quantiles and tails as lower ones of the mirrored posterior (-NPS swaps aP, aD),
        # where the integral is small and its absolute error is small in relative terms too.
        hi = -quantile(aD, aA, aP, 0.025)
        lo99 = quantile(aP, aA, aD, 0.0000005)
        hi99 = -quantile(aD, aA, aP, 0.0000005)
        p_above = cdf(aD, aA, aP, mp.mpf("-0.2"))
        print(f"{label}: mean {mean:.15f} var {var:.15e}")
        print(f"  95%      [{mp.nstr(lo, 17)}, {mp.nstr(hi, 17)}]")
        print(f"  99.9999% [{mp.nstr(lo99, 17)}, {mp.nstr(hi99, 17)}]")
        print(f"  P(NPS > 0.2) = {mp.nstr(p_above, 17)}")
        if mc:
            m, se_m, v, se_v, qs = monte_carlo(aP, aA, aD, [0.025, 0.975], seed=20240601 + index)
            print(f"  MC 1e7: mean {m:.7f} (se {se_m:.1e}) var {v:.7e} (se {se_v:.1e})"
                  f" 2.5% {qs[0][0]:.7f} (se {qs[0][1]:.1e}) 97.5% {qs[1][0]:.7f} (se {qs[1][1]:.1e})")
        sys.stdout.flush()
