"""Cross-check spearman_reference.txt with scipy (rank correlation, t-approximation p-value).

Run with:  python3 spearman_crosscheck.py
"""
import csv
import math
import numpy as np
from scipy import stats

with open("spearman.csv") as fh:
    rows = list(csv.DictReader(fh))
x = np.array([float(r["score"]) for r in rows])
y = np.array([float(r["value"]) for r in rows])
n = len(x)

res = stats.spearmanr(x, y)
rho = float(res.correlation if hasattr(res, "correlation") else res[0])
rx, ry = stats.rankdata(x), stats.rankdata(y)
rho_ranks = float(np.corrcoef(rx, ry)[0, 1])
S = (n ** 3 - n) * (1 - rho) / 6
t = rho / math.sqrt((1 - rho ** 2) / (n - 2))
p = 2 * stats.t.sf(abs(t), n - 2)
den = n * (n ** 2 - 1) / 6 + 1
rc = 1 - S / den
pc = 2 * stats.t.sf(abs(rc / math.sqrt((1 - rc ** 2) / (n - 2))), n - 2)
z = math.atanh(rho)
se = math.sqrt((1 + rho ** 2 / 2) / (n - 3))
q = stats.norm.ppf(0.975)
print(f"scipy spearmanr rho = {rho:.17g}, p = {float(res.pvalue):.17g}")
print(f"pearson of average ranks = {rho_ranks:.17g}")
print(f"S = {S:.17g}, t = {t:.17g}, p (t approx) = {p:.17g}, p (continuity, R style) = {pc:.17g}")
print(f"Bonett-Wright 95%: [{math.tanh(z - q * se):.17g}, {math.tanh(z + q * se):.17g}]")
