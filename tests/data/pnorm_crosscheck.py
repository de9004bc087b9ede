"""Cross-check pnorm_two_sided.csv and pnorm_upper.csv against mpmath at 30 digits.

Run with:  python3 pnorm_crosscheck.py
The z column is parsed as a double and converted exactly to an mpmath number, so the
reference is the exact tail probability of the same double z.
"""
import csv
import mpmath as mp

mp.mp.dps = 30
TINY = 2.2250738585072014e-308  # smallest normal double


def check(fname, two_sided):
    worst, worst_z = mp.mpf(0), None
    special = []
    with open(fname) as fh:
        for row in csv.DictReader(fh):
            z = mp.mpf(float(row["z"]))
            p_r = float(row["p"])
            exact = mp.erfc(z / mp.sqrt(2))
            if not two_sided:
                exact /= 2
            if exact < TINY:
                special.append((row["z"], row["p"], mp.nstr(exact, 20)))
                continue
            rel = abs(mp.mpf(p_r) - exact) / exact
            if rel > worst:
                worst, worst_z = rel, row["z"]
    print(f"{fname}: max relative disagreement (normal-range p) = {mp.nstr(worst, 5)} at z = {worst_z}")
    for z, p, e in special:
        print(f"   z = {z}: R gives {p}, mpmath gives {e} (below the smallest normal double)")


check("pnorm_two_sided.csv", True)
check("pnorm_upper.csv", False)
for zs in ["1.959963984540054", "2.5758293035489004", "8.29", "37"]:
    z = mp.mpf(float(zs))
    print(f"mpmath z = {zs}: two-sided = {mp.nstr(mp.erfc(z / mp.sqrt(2)), 30)}")
