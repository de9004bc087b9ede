"""Independent DeLong AUC / variance / CI in Python (exact rational arithmetic for the
AUC and the placements), to cross-check auc_reference.txt.

Run with:  python3 auc_crosscheck.py
"""
import csv
from fractions import Fraction
from statistics import NormalDist


def load(fname):
    with open(fname) as fh:
        rows = list(csv.DictReader(fh))
    cases = [int(r["score"]) for r in rows if r["outcome"] == "1"]
    controls = [int(r["score"]) for r in rows if r["outcome"] == "0"]
    return cases, controls


def psi(x, y):
    return Fraction(1) if y < x else (Fraction(1, 2) if y == x else Fraction(0))


for fname in ["outcome_auc.csv", "outcome_auc_b.csv"]:
    X, Y = load(fname)
    m, n = len(X), len(Y)
    V10 = [sum(psi(x, y) for y in Y) / n for x in X]
    V01 = [sum(psi(x, y) for x in X) / m for y in Y]
    theta = sum(V10) / m
    S10 = sum((v - theta) ** 2 for v in V10) / (m - 1)
    S01 = sum((v - theta) ** 2 for v in V01) / (n - 1)
    var = S10 / m + S01 / n
    se = float(var) ** 0.5
    print(f"{fname}: auc={float(theta):.17g} (exact {theta}) var={float(var):.17g} se={se:.17g}")
    for cl in (0.95, 0.90):
        z = NormalDist().inv_cdf(1 - (1 - cl) / 2)
        lo, hi = float(theta) - z * se, float(theta) + z * se
        print(f"   {cl:.2f}: lower={max(0.0, lo):.17g} upper={min(1.0, hi):.17g} "
              f"(unclipped upper {hi:.17g})")
