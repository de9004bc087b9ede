"""Reference two-sided t quantiles for the unit tests in src/t_quantile.rs.

    python3 tests/data/t_quantile_reference.py

Prints (df, level, scipy.stats.t.isf((1 - level) / 2, df)) rows; scipy 1.17 (Boost's inverse
incomplete beta). For df = 1 the closed form cot(pi * q) is printed beside it as a cross-check.
"""
import math

import scipy
from scipy import stats

CASES = [
    (1.0, 0.95), (1.0, 0.999999999999), (2.0, 0.95), (5.0, 0.999999), (30.0, 0.95),
    (1000.0, 0.999999999999), (9999.0, 0.95), (10000.0, 0.95), (1e5, 0.95), (1e6, 0.999999),
    (1e9, 0.95), (18446744073709551615.0, 0.95),
]

print("scipy", scipy.__version__)
for df, level in CASES:
    q = (1.0 - level) / 2.0
    value = stats.t.isf(q, df)
    extra = f"  cot: {1.0 / math.tan(math.pi * q)!r}" if df == 1.0 else ""
    print(f"({df!r}, {level!r}, {float(value)!r}),{extra}")
