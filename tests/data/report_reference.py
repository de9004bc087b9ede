"""Independent key figures of the report on examples/data/b2b_survey.csv (plain Python, no nps-stats).

Run from the repository root: python3 tests/data/report_reference.py
The printed values are the expectations in tests/it/report.rs.
"""
import csv
from collections import defaultdict

rows = list(csv.DictReader(open("examples/data/b2b_survey.csv", newline="")))


def coding(score):
    return 1 if score >= 9 else (0 if score >= 7 else -1)


def nps(scores):
    return 100.0 * sum(coding(s) for s in scores) / len(scores)


quarters = sorted({r["period"] for r in rows})
latest = [r for r in rows if r["period"] == quarters[-1]]
print("answers", len(rows), "accounts", len({r["account"] for r in rows}), "quarters", quarters)

# 1. The latest quarter: every answer; one account one vote; by account value.
print("respondent level", len(latest), nps([int(r["score"]) for r in latest]))
by_account = defaultdict(list)
value = {}
for r in latest:
    by_account[r["account"]].append(coding(int(r["score"])))
    value[r["account"]] = float(r["arr"])
means = {a: sum(c) / len(c) for a, c in by_account.items()}
print("account level", len(means), 100.0 * sum(means.values()) / len(means))
total = sum(value[a] for a in means)
print("value weighted", 100.0 * sum(value[a] * m for a, m in means.items()) / total)
# Kish's effective number of accounts for value weights.
print("value weighted n_eff", total**2 / sum(value[a] ** 2 for a in means))

# 2. The latest answer of every respondent, by branch.
newest = {}
for r in rows:
    known = newest.get(r["respondent"])
    if known is None or known["period"] <= r["period"]:
        newest[r["respondent"]] = r
by_branch = defaultdict(list)
for r in newest.values():
    by_branch[r["branch"]].append(int(r["score"]))
for branch in sorted(by_branch):
    print("branch", branch, len(by_branch[branch]), nps(by_branch[branch]))

# 3. NPS per quarter.
for q in quarters:
    scores = [int(r["score"]) for r in rows if r["period"] == q]
    print("quarter", q, len(scores), nps(scores))

# 4. Value at risk: account value x detractor share of the latest answers of its respondents.
answers = defaultdict(list)
for r in newest.values():
    answers[r["account"]].append(int(r["score"]))
arr = {r["account"]: float(r["arr"]) for r in rows}
risk = sorted(
    ((arr[a] * sum(s <= 6 for s in sc) / len(sc), a) for a, sc in answers.items() if any(s <= 6 for s in sc)),
    reverse=True,
)
for at_risk, account in risk[:3]:
    print("at risk", account, at_risk)

# 5. Sample size for +-10 points at 95 % with the finite-population correction (Cochran 1977):
# n0 = z^2 s2 / E^2, n = n0 N / (N - 1 + n0), s2 = p + d - (p - d)^2 from the latest quarter.
from statistics import NormalDist

z = NormalDist().inv_cdf(0.975)
scores = [int(r["score"]) for r in latest]
p = sum(s >= 9 for s in scores) / len(scores)
d = sum(s <= 6 for s in scores) / len(scores)
big_n = len({r["account"] for r in rows})
for label, s2 in (("observed", p + d - (p - d) ** 2), ("worst", 1.0)):
    n0 = z * z * s2 / 0.1**2
    print("sample size", label, n0 * big_n / (big_n - 1 + n0), "infinite", n0)

# 6. Everyone's current view (the latest answer of each respondent, `newest` above): every account of
# the file answered, a census of accounts. Two-stage variance (accounts, then contacts; the formula of
# tests/data/two_stage_formula.md, as R's survey computes it): with z_k = w_k (c_k - ybar) / sum w,
# V1 = (1 - n/N) n/(n - 1) sum_a (Z_a - Zbar)^2 = 0 at a census, and
# V2 = (n/N) sum_a (1 - m_a/M_a) m_a/(m_a - 1) sum_j (z_aj - Z_a/m_a)^2, an account with one answering
# contact of M_a > 1 adding (n/N)(1 - 1/M_a) z^2 (survey.lonely.psu = "adjust").
import math

current = list(newest.values())
by_acc = defaultdict(list)
for r in current:
    by_acc[r["account"]].append(r)
invited = {a: int(rs[0]["invited"]) for a, rs in by_acc.items()}
big_n = len({r["account"] for r in rows})


def two_stage(weight):
    w = [weight(r) for r in current]
    c = [coding(int(r["score"])) for r in current]
    sw = math.fsum(w)
    ybar = math.fsum(wi * ci for wi, ci in zip(w, c)) / sw
    z = defaultdict(list)
    for r, wi, ci in zip(current, w, c):
        z[r["account"]].append(wi * (ci - ybar) / sw)
    n = len(z)
    totals = [math.fsum(v) for v in z.values()]
    v1 = 0.0 if n == big_n else (1 - n / big_n) * n / (n - 1) * math.fsum((t - math.fsum(totals) / n) ** 2 for t in totals)
    v2, single = 0.0, 0
    for a, zs in z.items():
        m, big_m = len(zs), invited[a]
        if m == big_m:
            continue
        f2 = 1 - m / big_m
        if m == 1:
            single += 1
            v2 += f2 * zs[0] ** 2
        else:
            mean = math.fsum(zs) / m
            v2 += f2 * m / (m - 1) * math.fsum((x - mean) ** 2 for x in zs)
    v2 *= n / big_n
    return 100 * ybar, 100 * math.sqrt(v1 + v2), 100 * math.sqrt(v1), 100 * math.sqrt(v2), single


def cluster_robust(weight):
    w = [weight(r) for r in current]
    c = [coding(int(r["score"])) for r in current]
    sw = math.fsum(w)
    ybar = math.fsum(wi * ci for wi, ci in zip(w, c)) / sw
    z = defaultdict(float)
    for r, wi, ci in zip(current, w, c):
        z[r["account"]] += wi * (ci - ybar) / sw
    n = len(z)
    return 100 * ybar, 100 * math.sqrt(n / (n - 1) * math.fsum(t * t for t in z.values()))


print("census accounts", len(by_acc), "of", big_n, "contacts", len(current), "of", sum(invited.values()))
print("census every answer (nps, se, se between, se within, single)", two_stage(lambda r: 1.0))
print("census by value (nps, se, se between, se within, single)",
      two_stage(lambda r: float(r["arr"]) / len(by_acc[r["account"]])))
print("sample every answer (nps, se)", cluster_robust(lambda r: 1.0))

# 7. Does the account's mean score (over its current views) predict renewal? Categories by the mean
# score (>= 9 promoter, >= 7 passive); Wilson intervals; promoters minus detractors with Newcombe's
# hybrid score interval (method 10) and the pooled z-test; AUC over all renewed-churned pairs (ties
# 1/2) with DeLong's variance.
acc_score = {a: sum(int(r["score"]) for r in rs) / len(rs) for a, rs in by_acc.items()}
acc_renewed = {a: rs[0]["renewed"] == "yes" for a, rs in by_acc.items()}
z = NormalDist().inv_cdf(0.975)


def wilson(k, n):
    p = k / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return p, (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


def category(s):
    return "promoter" if s >= 9 else ("passive" if s >= 7 else "detractor")


counts = {}
for name in ("detractor", "passive", "promoter"):
    members = [a for a in acc_score if category(acc_score[a]) == name]
    k = sum(acc_renewed[a] for a in members)
    counts[name] = (k, len(members))
    print("renewal", name, len(members), k, wilson(k, len(members)))
(k1, n1), (k2, n2) = counts["promoter"], counts["detractor"]
p1, l1, u1 = wilson(k1, n1)
p2, l2, u2 = wilson(k2, n2)
d = p1 - p2
pbar = (k1 + k2) / (n1 + n2)
zstat = d / math.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2))
print("renewal promoters - detractors", d,
      d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
      "z", zstat, "p", 2 * (1 - NormalDist().cdf(abs(zstat))))
cases = [acc_score[a] for a in acc_score if acc_renewed[a]]
controls = [acc_score[a] for a in acc_score if not acc_renewed[a]]
psi = [[1.0 if x > y else (0.5 if x == y else 0.0) for y in controls] for x in cases]
auc = sum(map(sum, psi)) / (len(cases) * len(controls))
v10 = [sum(row) / len(controls) for row in psi]
v01 = [sum(row[j] for row in psi) / len(cases) for j in range(len(controls))]
s10 = sum((v - auc) ** 2 for v in v10) / (len(cases) - 1)
s01 = sum((v - auc) ** 2 for v in v01) / (len(controls) - 1)
se = math.sqrt(s10 / len(cases) + s01 / len(controls))
print("renewal auc", auc, "cases", len(cases), "controls", len(controls), "interval",
      max(0.0, auc - z * se), min(1.0, auc + z * se))
