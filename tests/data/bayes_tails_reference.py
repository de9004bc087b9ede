"""Far upper tails of the Bayesian NPS posterior, for the tests of tails far below 1e-18.

P(NPS > d) under the posterior Dirichlet(aP, aA, aD), integrating over the detractor share t:
given t, thetaP / (1 - t) ~ Beta(aP, aA), so
    P(NPS > d) = int_0^((1-d)/2) P(Beta(aP, aA) > (d + t)/(1 - t)) f_D(t) dt,
with the conditional tail taken as the lower tail of Beta(aA, aP) at 1 - (d + t)/(1 - t), so that
it keeps its digits when it is tiny, and f_D the Beta(aD, aP + aA) density. mpmath at 40 digits;
the range is split into 40 and then 160 equal pieces, and the two results must agree to 1e-12
relative (the integrand is a narrow spike near the upper end of the range).

The second part: targets next to 0 when promoters and detractors together have a shape below 1,
so that S = thetaP + thetaD has a pole at 0 and its mass spreads over the orders of magnitude of s:
    P(NPS > d) = int_d^1 P(B > (1 + d/s)/2) f_S(s) ds,   B ~ Beta(aP, aD), S ~ Beta(aP + aD, aA),
integrated in u = s^(aP + aD), which removes the pole, with break points at every second decade of s.

Run with:  python3 bayes_tails_reference.py > bayes_tails_reference.txt
"""
import mpmath as mp

mp.mp.dps = 40


def p_above(aP, aA, aD, d, pieces):
    d = mp.mpf(d)
    log_norm = mp.log(mp.beta(aD, aP + aA))

    def f(t):
        x = (d + t) / (1 - t)
        if x >= 1:
            return mp.mpf(0)
        tail = mp.betainc(aA, aP, 0, 1 - x, regularized=True)
        return tail * mp.exp((aD - 1) * mp.log(t) + (aP + aA - 1) * mp.log1p(-t) - log_norm)

    return mp.quad(f, mp.linspace(0, (1 - d) / 2, pieces + 1))


CASES = [
    # (counts P, A, D, prior, d)
    ((33, 34, 33), (1, 1, 1), "0.99"),
    ((33, 34, 33), (1, 1, 1), "0.9"),
    ((33, 34, 33), (1, 1, 1), "0.8"),
]

print("# mpmath", mp.__version__, "dps", mp.mp.dps)
for (P, A, D), (a, b, c), d in CASES:
    aP, aA, aD = P + a, A + b, D + c
    coarse, fine = p_above(aP, aA, aD, d, 40), p_above(aP, aA, aD, d, 160)
    assert abs(coarse - fine) <= mp.mpf("1e-12") * abs(fine), (coarse, fine)
    print(f"counts {P}/{A}/{D} prior {a},{b},{c}: P(NPS > {d}) = {mp.nstr(fine, 20)}")


def p_above_near_zero(aP, aA, aD, d):
    d = mp.mpf(d)
    a, b = mp.mpf(aP) + aD, mp.mpf(aA)
    log_norm = mp.log(mp.beta(a, b))

    def g(u):
        s = u ** (1 / a)
        if s <= d:
            return mp.mpf(0)
        # P(B > (1 + d/s)/2) = P(Beta(aD, aP) < (1 - d/s)/2)
        return mp.betainc(aD, aP, 0, (1 - d / s) / 2, regularized=True) * mp.exp((b - 1) * mp.log1p(-s) - log_norm) / a

    decades = [d * mp.mpf(10) ** k for k in range(1, 700, 2)]
    points = [d ** a] + [x ** a for x in decades if x < 1] + [mp.mpf(1)]
    return mp.quad(g, points)


NEAR_ZERO = [
    # (counts P, A, D, prior, d on the -1..=1 scale)
    ((0, 1279, 0), (2.0**-8, 256, 2.0**-8), "1e-300"),
    ((0, 1279, 0), (2.0**-8, 256, 2.0**-8), "1e-100"),
    ((0, 1279, 0), (2.0**-8, 256, 2.0**-8), "1e-10"),
    ((0, 1279, 0), (2.0**-8, 256, 2.0**-8), "1e-5"),
]

for (P, A, D), (a, b, c), d in NEAR_ZERO:
    value = p_above_near_zero(P + a, A + b, D + c, d)
    print(f"counts {P}/{A}/{D} prior {a},{b},{c}: P(NPS > {d}) = {mp.nstr(value, 20)}")
