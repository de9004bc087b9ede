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
