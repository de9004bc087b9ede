# spearman_reference.R -- Spearman rank correlation with ties (R stats::cor.test).
#
# Run with:  Rscript spearman_reference.R > spearman_reference.txt
# Reads:     spearman.csv (written by make_spearman_data.R)
#
# What cor.test(method = "spearman", exact = FALSE) computes (R 4.2 source):
#   rho = cor(rank(x), rank(y))            (Pearson correlation of average ranks; ties
#                                           get the mean of their ranks)
#   S   = (n^3 - n) * (1 - rho) / 6
#   p   (two-sided, asymptotic t approximation):
#       den = n (n^2 - 1) / 6, plus 1 if continuity = TRUE
#       r   = 1 - S / den
#       t   = r / sqrt((1 - r^2) / (n - 2)),  df = n - 2
#       p   = 2 * pt(|t|, n - 2, lower.tail = FALSE)    (capped at 1)
#   NOTE: the default of cor.test is continuity = FALSE, so the call without the
#   argument and the call with continuity = FALSE give identical results; the
#   continuity-corrected version (continuity = TRUE) is printed as well.  Note that R's
#   correction enlarges the denominator (den + 1), which moves r slightly AWAY from 0 for
#   this data (S < den), so its p-value is slightly SMALLER than the uncorrected one.
#
# Interval for rho: Fisher z with the Bonett & Wright (2000) standard error
#   se = sqrt((1 + rho^2 / 2) / (n - 3)),
#   [tanh(atanh(rho) - qnorm(0.975) se), tanh(atanh(rho) + qnorm(0.975) se)].

f17 <- function(x) sprintf("%.17g", x)

d <- read.csv("spearman.csv")
x <- d$score
y <- d$value
n <- length(x)

cat("R: ", R.version.string, "\n", sep = "")
cat("spearman.csv: n = ", n, ", distinct scores = ", length(unique(x)),
    ", distinct values = ", length(unique(y)), "\n\n", sep = "")

show <- function(label, ct) {
  cat(label, "\n", sep = "")
  cat("  rho     = ", f17(unname(ct$estimate)), "\n", sep = "")
  cat("  S       = ", f17(unname(ct$statistic)), "\n", sep = "")
  cat("  p.value = ", f17(ct$p.value), "\n", sep = "")
}

show("cor.test(score, value, method = \"spearman\", exact = FALSE)",
     cor.test(x, y, method = "spearman", exact = FALSE))
show("cor.test(score, value, method = \"spearman\", exact = FALSE, continuity = FALSE)",
     cor.test(x, y, method = "spearman", exact = FALSE, continuity = FALSE))
show("cor.test(score, value, method = \"spearman\", exact = FALSE, continuity = TRUE)",
     cor.test(x, y, method = "spearman", exact = FALSE, continuity = TRUE))

rho_ranks <- cor(rank(x), rank(y))
rho_cor <- cor(x, y, method = "spearman")
cat("\ncor(rank(score), rank(value))           = ", f17(rho_ranks), "\n", sep = "")
cat("cor(score, value, method = \"spearman\")  = ", f17(rho_cor), "\n", sep = "")
cat("difference to cor.test rho             = ",
    f17(rho_ranks - unname(cor.test(x, y, method = "spearman", exact = FALSE)$estimate)), "\n", sep = "")

# intermediate quantities of the t approximation (no continuity correction)
t_stat <- rho_ranks / sqrt((1 - rho_ranks^2) / (n - 2))
cat("t = rho / sqrt((1 - rho^2)/(n - 2))      = ", f17(t_stat), "  (df = ", n - 2, ")\n", sep = "")
cat("2 * pt(-|t|, n - 2)                     = ", f17(2 * pt(-abs(t_stat), n - 2)), "\n", sep = "")

# Fisher z interval with the Bonett-Wright standard error
z <- atanh(rho_ranks)
se <- sqrt((1 + rho_ranks^2 / 2) / (n - 3))
q <- qnorm(0.975)
cat("\nFisher z / Bonett-Wright 95% interval\n")
cat("  atanh(rho)  = ", f17(z), "\n", sep = "")
cat("  se          = ", f17(se), "   sqrt((1 + rho^2/2)/(n - 3))\n", sep = "")
cat("  qnorm(0.975)= ", f17(q), "\n", sep = "")
cat("  lower       = ", f17(tanh(z - q * se)), "\n", sep = "")
cat("  upper       = ", f17(tanh(z + q * se)), "\n", sep = "")
