"""Evaluate the Wilson score interval closed form step by step with mpmath (50 digits).
No library Wilson function is used.

Run with:  python3 wilson_by_hand.py
"""
import mpmath as mp

mp.mp.dps = 50
z = mp.sqrt(2) * mp.erfinv(mp.mpf("0.95"))   # exact 0.975 normal quantile


def s(x, d=20):
    return mp.nstr(x, d, min_fixed=-30, max_fixed=30)


print(f"z = qnorm(0.975) = {s(z, 25)}")
print(f"z^2             = {s(z * z, 25)}")
for k, n in [(7, 20), (0, 5), (5, 5)]:
    k, n = mp.mpf(k), mp.mpf(n)
    p = k / n
    z2n = z * z / n
    centre_num = p + z * z / (2 * n)
    rad_in = p * (1 - p) / n + z * z / (4 * n * n)
    rad = mp.sqrt(rad_in)
    half = z * rad
    den = 1 + z2n
    lo = (centre_num - half) / den
    hi = (centre_num + half) / den
    print(f"\nk = {int(k)}, n = {int(n)}")
    print(f"  p_hat                      = {s(p)}")
    print(f"  z^2/(2n)                   = {s(z * z / (2 * n))}")
    print(f"  p_hat + z^2/(2n)           = {s(centre_num)}")
    print(f"  p_hat(1-p_hat)/n           = {s(p * (1 - p) / n)}")
    print(f"  z^2/(4n^2)                 = {s(z * z / (4 * n * n))}")
    print(f"  sum under the root         = {s(rad_in)}")
    print(f"  sqrt(...)                  = {s(rad)}")
    print(f"  z * sqrt(...)              = {s(half)}")
    print(f"  1 + z^2/n                  = {s(den)}")
    print(f"  centre (p_hat+z^2/2n)/(1+z^2/n) = {s(centre_num / den)}")
    print(f"  lower                      = {s(lo)}")
    print(f"  upper                      = {s(hi)}")
    print(f"  lower (15 digits)          = {mp.nstr(lo, 15)}")
    print(f"  upper (15 digits)          = {mp.nstr(hi, 15)}")
