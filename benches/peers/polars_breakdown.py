"""The breakdown of benches/survey.rs in polars, for a side-by-side figure: 10^6 (or 10^7) answers
from 10,000 accounts in 10 branches, three roles, four quarterly waves of respondents, and a lazy
group-by that counts promoters, detractors and answers per branch.

Run: python3 benches/peers/polars_breakdown.py [answers]

It prints the median of 15 runs of the group-by, with the branch column as text and as a
categorical, and the frame's memory per row. The data are drawn with the same shape as the Rust
bench (not the same bits: the counts per branch differ, the work does not).
"""
import statistics
import sys
import time

import numpy as np
import polars as pl

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = np.random.default_rng(0x5EED)
percent = [3, 2, 3, 3, 4, 6, 7, 10, 17, 20, 25]
scores = rng.choice(11, size=n, p=np.array(percent) / 100).astype(np.uint8)
respondents = max(n // 4, 1)
i = np.arange(n)
respondent = i % respondents
account = respondent % 10_000
frame = pl.DataFrame(
    {
        "score": scores,
        "account": [f"ACC-{a:05}" for a in account],
        "respondent": [f"contact-{r:07}" for r in respondent],
        "role": np.array(["decision maker", "influencer", "end user"])[respondent % 3],
        "period": np.array(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])[np.minimum(i // respondents, 3)],
        "branch": np.array([f"branch {b:02}" for b in range(10)])[account % 10],
    }
)


def breakdown(df):
    return (
        df.lazy()
        .group_by("branch")
        .agg(
            (pl.col("score") >= 9).sum().alias("promoters"),
            (pl.col("score") <= 6).sum().alias("detractors"),
            pl.len().alias("n"),
        )
        .collect()
    )


for name, df in [("text", frame), ("categorical", frame.with_columns(pl.col("branch").cast(pl.Categorical)))]:
    times = []
    for _ in range(15):
        started = time.perf_counter()
        breakdown(df)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"polars {pl.__version__} group_by(branch), {name}: {median * 1e3:.2f} ms = {n / median / 1e6:.0f} M rows/s")
print(f"frame: {frame.estimated_size() / n:.1f} bytes per row")
