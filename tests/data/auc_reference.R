# auc_reference.R -- AUC with DeLong variance and confidence interval (pROC).
#
# Run with:  Rscript auc_reference.R > auc_reference.txt
# Reads:     outcome_auc.csv, outcome_auc_b.csv (written by make_auc_data.R)
#
# pROC's DeLong computation (pROC:::ci.auc.delong, pROC:::var.roc):
#   controls = outcome 0 (n of them), cases = outcome 1 (m of them), direction "<"
#   (cases are expected to have HIGHER scores).
#   psi(x, y) = 1 if y < x, 1/2 if y == x, 0 otherwise  (x a case, y a control)
#   AUC   theta = (1/(m n)) sum_i sum_j psi(X_i, Y_j)
#   placements  V10_i = (1/n) sum_j psi(X_i, Y_j)   (one per case)
#               V01_j = (1/m) sum_i psi(X_i, Y_j)   (one per control)
#   S10 = sum_i (V10_i - theta)^2 / (m - 1),  S01 = sum_j (V01_j - theta)^2 / (n - 1)
#   var = S10/m + S01/n          (var(r) = var.roc(method = "delong"))
#   CI  = theta + qnorm(c(a/2, 0.5, 1 - a/2)) * sqrt(var),  a = 1 - conf.level,
#         then values > 1 are set to 1 and values < 0 to 0 (clipping).

suppressMessages(library(pROC))

f17 <- function(x) sprintf("%.17g", x)

cat("R: ", R.version.string, "\n", sep = "")
cat("pROC version: ", as.character(packageVersion("pROC")), "\n\n", sep = "")

for (f in c("outcome_auc.csv", "outcome_auc_b.csv")) {
  d <- read.csv(f)
  r <- roc(outcome ~ score, data = d, direction = "<", levels = c(0, 1), quiet = TRUE)
  cat("=== ", f, ": rows = ", nrow(d), ", cases (outcome 1) = ", sum(d$outcome == 1),
      ", controls (outcome 0) = ", sum(d$outcome == 0), " ===\n", sep = "")
  a <- as.numeric(auc(r))
  v <- var(r, method = "delong")
  cat("auc                     = ", f17(a), "\n", sep = "")
  cat("var (DeLong)            = ", f17(v), "\n", sep = "")
  cat("se  (DeLong)            = ", f17(sqrt(v)), "\n", sep = "")
  for (cl in c(0.95, 0.90)) {
    ci <- as.numeric(ci.auc(r, conf.level = cl, method = "delong"))
    cat(sprintf("ci.auc delong %2.0f%%: lower = %s, auc = %s, upper = %s\n",
                100 * cl, f17(ci[1]), f17(ci[2]), f17(ci[3])))
    zq <- qnorm(1 - (1 - cl) / 2)
    cat(sprintf("   unclipped  %2.0f%%: lower = %s, upper = %s   (z = %s)\n",
                100 * cl, f17(a - zq * sqrt(v)), f17(a + zq * sqrt(v)), f17(zq)))
  }
  cat("\n")
}
