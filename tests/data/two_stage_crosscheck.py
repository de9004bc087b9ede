"""Independent Python re-implementation of the two-stage variance formula in
two_stage_formula.md (no survey package), for cross-checking two_stage_reference.txt.

Run with:  python3 two_stage_crosscheck.py
"""
import csv
import math
from collections import OrderedDict


def load(fname):
    with open(fname) as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        s = int(r["score"])
        r["c"] = 1.0 if s >= 9 else (0.0 if s >= 7 else -1.0)
        r["weight"] = float(r["weight"])
        r["N"] = float(r["N"])
        r["M"] = float(r["M"])
    return rows


def two_stage(rows, weight, fpc=True, lonely="remove"):
    w = [weight(r) for r in rows]
    sw = math.fsum(w)
    ybar = math.fsum(wi * r["c"] for wi, r in zip(w, rows)) / sw
    z = [wi * (r["c"] - ybar) / sw for wi, r in zip(w, rows)]
    acc = OrderedDict()
    for zi, r in zip(z, rows):
        acc.setdefault(r["account"], []).append((zi, r["M"]))
    n = len(acc)
    N = rows[0]["N"]
    f1 = (N - n) / N if fpc else 1.0
    Z = [math.fsum(v for v, _ in a) for a in acc.values()]
    Zbar = math.fsum(Z) / n
    V1 = 0.0 if f1 < 1e-7 else f1 * n / (n - 1) * math.fsum((x - Zbar) ** 2 for x in Z)
    V2 = 0.0
    if fpc:
        for a in acc.values():
            m = len(a)
            M = a[0][1]
            f2 = (M - m) / M
            if f2 < 1e-7:
                continue
            zs = [v for v, _ in a]
            if m > 1:
                zb = math.fsum(zs) / m
                V2i = f2 * m / (m - 1) * math.fsum((v - zb) ** 2 for v in zs)
            elif lonely == "adjust":
                V2i = f2 * zs[0] ** 2
            else:
                V2i = 0.0
            V2 += (n / N) * V2i
    return ybar, V1, V2, math.sqrt(V1 + V2)


for fname in ["two_stage_a.csv", "two_stage_b.csv"]:
    rows = load(fname)
    for label, wf in [("weights=weight", lambda r: r["weight"]), ("weights=1", lambda r: 1.0)]:
        for lonely in ["remove", "adjust"]:
            y, v1, v2, se = two_stage(rows, wf, lonely=lonely)
            print(f"{fname} two-stage {label} lonely={lonely}: mean={y:.17g} V1={v1:.17g} "
                  f"V2={v2:.17g} se={se:.17g}")
        y, v1, v2, se = two_stage(rows, wf, fpc=False)
        print(f"{fname} no fpc (cluster-robust) {label}: mean={y:.17g} se={se:.17g}")
