#!/usr/bin/env python3
"""Independent reference values for tests/it/segments.rs, tests/it/trend.rs and tests/it/paired.rs.

Written from the formulas (METHODS §5, Holm 1979, Benjamini & Hochberg 1995, weighted least squares
with known variances), not from the crate's code. Run: python3 tests/data/segments_trend_reference.py
(needs numpy and scipy). The adjusted p-values are cross-checked with R's p.adjust in
tests/data/p_adjust_reference.R.
"""
import numpy as np
from scipy.stats import norm

Z95 = norm.ppf(0.975)
CODE = {"P": 1, "A": 0, "D": -1}


def p2(z):
    return 2 * norm.sf(abs(z))


def wald(p, a, d, adjusted=False):
    """Centre and SE (on -1..1) of Wald or Rocks' adjusted Wald."""
    if adjusted:
        p, a, d = p + 0.75, a + 1.5, d + 0.75
    n = p + a + d
    c = (p - d) / n
    var = (p + d) / n - c * c
    return c, np.sqrt(max(var, 0.0) / n)


def independent(first, second, adjusted):
    c1, s1 = wald(*first, adjusted=adjusted)
    c2, s2 = wald(*second, adjusted=adjusted)
    se = np.hypot(s1, s2)
    z = (c1 - c2) / se
    return 100 * (c1 - c2), 100 * se, z, p2(z)


def paired_table(table):
    """table[j][k]: t1 category j, t2 category k, order (P, A, D). Plug-in variance of d."""
    s = [1, 0, -1]
    n = sum(map(sum, table))
    d = [(s[k] - s[j], table[j][k]) for j in range(3) for k in range(3)]
    mean = sum(v * c for v, c in d) / n
    var = sum(v * v * c for v, c in d) / n - mean**2
    se = np.sqrt(var / n)
    z = mean / se
    return 100 * mean, 100 * se, z, p2(z), (100 * (mean - Z95 * se), 100 * (mean + Z95 * se))


def margins(table):
    t1 = [sum(row) for row in table]
    t2 = [sum(table[j][k] for j in range(3)) for k in range(3)]
    return t1, t2


def linearized(units):
    """units: list of (codes_before, codes_after) per unit (lists of -1/0/1). METHODS §5.2."""
    n1 = sum(len(b) for b, _ in units)
    n2 = sum(len(a) for _, a in units)
    m1 = sum(sum(b) for b, _ in units) / n1
    m2 = sum(sum(a) for _, a in units) / n2
    v = 0.0
    for b, a in units:
        z = sum(x - m2 for x in a) / n2 - sum(x - m1 for x in b) / n1
        v += z * z
    se = np.sqrt(v)
    z = (m2 - m1) / se
    return 100 * (m2 - m1), 100 * se, z, p2(z)


def holm(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out, run = [0.0] * m, 0.0
    for rank, i in enumerate(order):
        run = max(run, min(1.0, (m - rank) * p[i]))
        out[i] = run
    return out


def bh(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out, run = [0.0] * m, 1.0
    for rank in range(m - 1, -1, -1):
        i = order[rank]
        run = min(run, m * p[i] / (rank + 1))
        out[i] = run
    return out


print("== METHODS §5.2 paired table [[40,7,3],[10,15,5],[4,6,10]] ==")
T = [[40, 7, 3], [10, 15, 5], [4, 6, 10]]
print("diff, SE, z, p, CI:", paired_table(T))
t1, t2 = margins(T)
print("independent Wald (t2 - t1):", independent(t2, t1, False))

print("\n== paired detects, independent does not: [[20,0,0],[6,20,0],[0,4,10]] ==")
T2 = [[20, 0, 0], [6, 20, 0], [0, 4, 10]]
print("paired:", paired_table(T2))
t1, t2 = margins(T2)
print("margins t1, t2:", t1, t2)
print("independent Wald:", independent(t2, t1, False))
print("independent adjusted Wald:", independent(t2, t1, True))

print("\n== partial overlap (respondents a..f) ==")
# a: 7 -> 9 (A->P); b: 3 -> 7 (D->A); c: 10 -> 10 (P->P); d: 2 only before (D); e: 9 only after (P);
# f: 8 -> 3 (A->D); g: 6 only before (D); h: 10 only after (P)
units = [([0], [1]), ([-1], [0]), ([1], [1]), ([-1], []), ([], [1]), ([0], [-1]), ([-1], []), ([], [1])]
print("linearized:", linearized(units))
# full-panel and disjoint reductions, as a check of the formula
print("reduces to paired:", linearized([([1], [1])] * 40 + [([1], [0])] * 7 + [([1], [-1])] * 3
                                      + [([0], [1])] * 10 + [([0], [0])] * 15 + [([0], [-1])] * 5
                                      + [([-1], [1])] * 4 + [([-1], [0])] * 6 + [([-1], [-1])] * 10)[:2])
print("reduces to independent:", linearized([([1], [])] * 50 + [([0], [])] * 30 + [([-1], [])] * 20
                                           + [([], [1])] * 40 + [([], [0])] * 30 + [([], [-1])] * 30)[:2],
      independent((40, 30, 30), (50, 30, 20), False)[:2])

print("\n== account clusters: two contacts per account ==")
# accounts X: before [P, A], after [P, P]; Y: before [D, D], after [A, D]; Z: before [A], after [A, P]
acc = [([1, 0], [1, 1]), ([-1, -1], [0, -1]), ([0], [0, 1])]
print("linearized:", linearized(acc))

print("\n== Simpson mix shift ==")
s1 = {"A": 0.5, "B": 0.5}; n1 = {"A": 0.0, "B": 60.0}
s2 = {"A": 0.9, "B": 0.1}; n2 = {"A": 10.0, "B": 70.0}
T1 = sum(s1[g] * n1[g] for g in s1); T2 = sum(s2[g] * n2[g] for g in s2)
Tbar = (T1 + T2) / 2
for g in "AB":
    w = 0.5 * (s1[g] + s2[g]) * (n2[g] - n1[g])
    mx = (s2[g] - s1[g]) * (0.5 * (n1[g] + n2[g]) - Tbar)
    print(g, "within", w, "mix", mx)
print("T1, T2, change:", T1, T2, T2 - T1)

print("\n== breakdown: each segment against the rest (adjusted Wald) ==")
segs = {"s0": (30, 10, 10), "s1": (20, 20, 20), "s2": (10, 10, 20), "s3": (15, 10, 5)}
tot = tuple(sum(v[i] for v in segs.values()) for i in range(3))
print("overall", tot, 100 * (tot[0] - tot[2]) / sum(tot))
raw = []
for k, v in segs.items():
    rest = tuple(t - x for t, x in zip(tot, v))
    r = independent(v, rest, True)
    raw.append(r[3])
    print(k, "diff(observed)", 100 * ((v[0] - v[2]) / sum(v) - (rest[0] - rest[2]) / sum(rest)), "adj:", r)
print("raw p:", [f"{x:.12g}" for x in raw])
print("holm :", [f"{x:.12g}" for x in holm(raw)])
print("bh   :", [f"{x:.12g}" for x in bh(raw)])

print("\n== weighted slope over four quarters ==")
quarters = [(20, 15, 15), (24, 14, 12), (27, 13, 10), (30, 12, 8)]  # (P, A, D), n = 50 each
for adjusted in (False, True):
    x = np.arange(4.0)
    y = np.array([100 * (p - d) / (p + a + d) for p, a, d in quarters])
    se = np.array([100 * wald(*q, adjusted=adjusted)[1] for q in quarters])
    # numpy's weighted polyfit: w multiplies residuals, so w = 1/sigma; cov='unscaled' keeps sigma known.
    coef, cov = np.polyfit(x, y, 1, w=1 / se, cov="unscaled")
    b, seb = coef[0], np.sqrt(cov[0, 0])
    z = b / seb
    print("adjusted" if adjusted else "wald", "slope", repr(b), "SE", repr(seb), "z", repr(z), "p", repr(p2(z)))

print("\n== cumulative and rolling windows ==")
# (respondent, quarter index, category)
rows = [("a", 0, "P"), ("b", 0, "D"), ("c", 0, "A"),
        ("a", 1, "D"), ("d", 1, "P"),
        ("b", 2, "P"), ("e", 2, "P"), ("e", 2, "A")]
def cumulative(t):
    latest = {}
    for r, q, c in rows:
        if q <= t:
            latest[r] = max(latest.get(r, -1), q)
    return [(r, q, c) for r, q, c in rows if q <= t and latest[r] == q]
def rolling(t, k):
    return [(r, q, c) for r, q, c in rows if t - k < q <= t]
def nps(win):
    return 100 * sum(CODE[c] for _, _, c in win) / len(win)
def lin_between(w1, w2):
    keys = sorted({r for r, _, _ in w1} | {r for r, _, _ in w2})
    return linearized([([CODE[c] for r2, _, c in w1 if r2 == r], [CODE[c] for r2, _, c in w2 if r2 == r]) for r in keys])
for t in range(3):
    w = cumulative(t)
    print("cumulative", t, len(w), nps(w), lin_between(cumulative(t - 1), w) if t else "")
for t in range(3):
    w = rolling(t, 2)
    print("rolling2", t, len(w), nps(w), lin_between(rolling(t - 1, 2), w) if t else "")
