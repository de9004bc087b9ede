"""Normal tail probabilities beyond R's pnorm range, from mpmath at 40 digits.

R's pnorm returns 0 below the smallest normal double (from z = 37.52 on), although the values are
representable as subnormal doubles down to about z = 38.6. This table gives the exact two-sided
p-value 2*Q(z) = erfc(z/sqrt(2)) and the upper tail Q(z) of the same double z, for the far tail.

Run with:  python3 pnorm_far_tail.py > pnorm_far_tail.csv
"""
import mpmath as mp

mp.mp.dps = 40
print("z,two_sided,upper")
for z in [37.0, 37.25, 37.5, 37.75, 38.0, 38.25, 38.4, 38.5]:
    x = mp.mpf(z)
    two = mp.erfc(x / mp.sqrt(2))
    print(f"{z!r},{mp.nstr(two, 25, min_fixed=1, max_fixed=0)},{mp.nstr(two / 2, 25, min_fixed=1, max_fixed=0)}")
