# rate_difference_reference.R -- the difference of two rates: Newcombe's hybrid score interval and
# the pooled z-test (chi-square test of the 2x2 table).
#
# Run with:  Rscript rate_difference_reference.R > rate_difference_reference.txt
#
# Newcombe (1998), Statistics in Medicine 17:873-890, method 10: with rates p1 (other), p2 (baseline)
# and their Wilson score intervals (l1, u1), (l2, u2) -- here taken from R's own
#   prop.test(k, n, correct = FALSE)$conf.int
# the interval of d = p1 - p2 is
#   [d - sqrt((p1 - l1)^2 + (u2 - p2)^2), d + sqrt((u1 - p1)^2 + (p2 - l2)^2)].
# The p-value is prop.test(c(k1, k2), c(n1, n2), correct = FALSE)$p.value, the chi-square test of the
# 2x2 table, equal to the two-sided pooled z-test; z = (p1 - p2) / sqrt(pbar (1 - pbar) (1/n1 + 1/n2)).

f17 <- function(x) sprintf("%.17g", x)
wilson <- function(k, n, level) as.numeric(suppressWarnings(prop.test(k, n, conf.level = level, correct = FALSE))$conf.int)

cat("R: ", R.version.string, "\n\n", sep = "")
cases <- list(c(9, 20, 17, 20), c(3, 12, 7, 15), c(0, 5, 5, 5), c(4, 30, 1, 25))
for (case in cases) {
  k2 <- case[1]; n2 <- case[2]; k1 <- case[3]; n1 <- case[4]   # baseline first, then other
  for (level in c(0.95, 0.9)) {
    p1 <- k1 / n1; p2 <- k2 / n2; d <- p1 - p2
    w1 <- wilson(k1, n1, level); w2 <- wilson(k2, n2, level)
    lower <- d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2)
    upper <- d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)
    pbar <- (k1 + k2) / (n1 + n2)
    z <- d / sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2))
    p <- suppressWarnings(prop.test(c(k1, k2), c(n1, n2), correct = FALSE)$p.value)
    cat(sprintf("baseline %d/%d other %d/%d level %.2f: d = %s lower = %s upper = %s z = %s p = %s\n",
                k2, n2, k1, n1, level, f17(d), f17(lower), f17(upper), f17(z), f17(p)))
  }
}
