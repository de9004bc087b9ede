"""Exhaustive check: when does the adjusted Wald interval (Rocks 2016; pseudo-counts 3/4, 3/2, 3/4,
clipped to [-1, 1]) contain the observed NPS (P - D)/n? Every sample with n <= 2000 answers.

Output (numpy 2.4, scipy 1.17): level 0.9 -> 8 failures, largest n 4; level 0.95 -> 2 failures
(one promoter, one detractor), largest n 1; level 0.99 -> none.
Run: python3 tests/data/adjusted_wald_containment.py
"""
import numpy as np
from scipy import stats

for level in [0.9, 0.95, 0.99]:
    z = stats.norm.ppf(0.5 + level / 2)
    failures, largest = 0, 0
    for n in range(1, 2001):
        P = np.arange(n + 1)[:, None]
        D = np.arange(n + 1)[None, :]
        valid = (P + D) <= n
        nps = (P - D) / n
        m = n + 3
        p, d = (P + 0.75) / m, (D + 0.75) / m
        centre = p - d
        se = np.sqrt((p + d - centre**2) / m)
        lo, hi = np.maximum(centre - z * se, -1), np.minimum(centre + z * se, 1)
        bad = (valid & ~((lo <= nps) & (nps <= hi))).sum()
        if bad:
            failures += bad
            largest = n
    print(level, failures, largest)
