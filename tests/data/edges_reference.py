"""Exact reference values for tests/it/edges.rs, computed with rational arithmetic.

    python3 tests/data/edges_reference.py

1. Weights spanning 1e-6 to 1e12: every weight is taken as the exact value of its IEEE double
   (fractions.Fraction(float)), so the sums below are the exact sums of what the test adds.
2. Counts where 100 * net / total (multiply first) leaves [-100, 100] or misses -100 for a tally
   of all detractors; dividing first gives exactly -100.
"""
from fractions import Fraction as F

# (category, weight, how many)
ANSWERS = [
    ("promoter", 1e12, 1), ("promoter", 1e-6, 1000),
    ("passive", 1.0, 10),
    ("detractor", 1e-6, 100000), ("detractor", 1e6, 2),
]
sums = {"promoter": F(0), "passive": F(0), "detractor": F(0)}
squares = dict(sums)
for category, weight, count in ANSWERS:
    sums[category] += F(weight) * count
    squares[category] += F(weight) ** 2 * count
total = sum(sums.values())
total_sq = sum(squares.values())
nps = 100 * (sums["promoter"] - sums["detractor"]) / total
print("nps", repr(float(nps)))
print("effective_n", repr(float(total * total / total_sq)))
for category in sums:
    print("share", category, repr(float(sums[category] / total)))
print("detractor weight", repr(float(sums["detractor"])))

for d in (16478931509257029544, 3 * 2**47 + 1):
    print(d, "multiply first:", repr((100.0 * float(-d)) / float(d)), "divide first:", repr(100.0 * (float(-d) / float(d))))
