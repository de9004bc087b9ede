# Adjusted p-values from R's stats::p.adjust, the reference for tests/it/segments.rs.
# Run: Rscript tests/data/p_adjust_reference.R
options(digits = 15)
# Raw p-values of the four-segment breakdown (segments_trend_reference.py, "each segment against the rest").
raw <- c(0.004074479451528491, 0.2026557874330569, 0.0019717199846808328, 0.10661764181464052)
print(p.adjust(raw, method = "holm"))
print(p.adjust(raw, method = "BH"))
print(p.adjust(raw, method = "bonferroni"))
# A family with ties and a value that saturates at 1.
family <- c(0.01, 0.04, 0.03, 0.04, 0.5, 0.2, 0.001, 0.9)
print(p.adjust(family, method = "holm"))
print(p.adjust(family, method = "BH"))
print(p.adjust(family, method = "bonferroni"))
