# wilson_prop_test.R -- R's prop.test(k, n, correct = FALSE)$conf.int, which is the
# Wilson score interval without continuity correction, for comparison with
# wilson_by_hand.md.  Run with:  Rscript wilson_prop_test.R > wilson_prop_test.txt
# (prop.test warns "Chi-squared approximation may be incorrect" for these small counts;
# the warning is suppressed, it does not affect the interval. For k = 0 prop.test sets
# the lower bound to exactly 0, for k = n the upper bound to exactly 1.)
f17 <- function(x) sprintf("%.17g", x)
cat("qnorm(0.975) = ", f17(qnorm(0.975)), "\n", sep = "")
for (kn in list(c(7, 20), c(0, 5), c(5, 5))) {
  ci <- suppressWarnings(prop.test(kn[1], kn[2], correct = FALSE)$conf.int)
  cat("k = ", kn[1], ", n = ", kn[2], ": lower = ", f17(ci[1]), ", upper = ", f17(ci[2]),
      "\n", sep = "")
}
