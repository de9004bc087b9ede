"""Cross-check qnorm_upper.csv against mpmath at 40 digits: the exact z with Q(z) = p for the
same double p.

Run with:  python3 qnorm_crosscheck.py > qnorm_crosscheck.txt
"""
import csv
import mpmath as mp

mp.mp.dps = 40
worst = mp.mpf(0)
with open("qnorm_upper.csv") as fh:
    for row in csv.DictReader(fh):
        p = mp.mpf(float(row["p"]))
        exact = -mp.sqrt(2) * mp.erfinv(2 * p - 1) if p > mp.mpf("1e-10") else mp.findroot(
            lambda z: mp.log(mp.erfc(z / mp.sqrt(2)) / 2) - mp.log(p), mp.sqrt(-2 * mp.log(p)))
        rel = abs(mp.mpf(float(row["z"])) - exact) / abs(exact) if exact != 0 else abs(mp.mpf(float(row["z"])))
        worst = max(worst, rel)
        print(f"p = {row['p']}: R {row['z']}, mpmath {mp.nstr(exact, 20)}, relative {mp.nstr(rel, 3)}")
print(f"max relative disagreement: {mp.nstr(worst, 3)}")
