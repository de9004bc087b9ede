# qnorm_reference.R -- normal quantiles from R's qnorm (Wichura's AS 241).
#
# Run with:  Rscript qnorm_reference.R > qnorm_reference.txt
# Writes qnorm_upper.csv (header p,z with z = qnorm(p, lower.tail = FALSE)): the z whose upper tail
# is p, for tails from 0.5 down to the smallest normal double. All numbers with 17 significant digits.

f17 <- function(x) sprintf("%.17g", x)
p <- c(0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.075, 0.05, 0.025, 0.01, 0.005, 1e-3, 1e-4, 1e-5,
       1e-6, 1e-8, 1e-10, 1.3e-11, 1e-12, 1e-15, 2^-53, 1e-20, 1e-50, 1e-100, 1e-200, 1e-300,
       2.2250738585072014e-308)
z <- qnorm(p, lower.tail = FALSE)
writeLines(c("p,z", paste(f17(p), f17(z), sep = ",")), "qnorm_upper.csv")
cat("R: ", R.version.string, "\n", sep = "")
cat("wrote ", length(p), " rows to qnorm_upper.csv\n", sep = "")
