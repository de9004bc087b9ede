# pnorm_reference.R -- normal tail probabilities from R's pnorm.
#
# Run with:  Rscript pnorm_reference.R
# Writes pnorm_two_sided.csv  (header z,p with p = 2 * pnorm(-abs(z)))
#        pnorm_upper.csv      (header z,p with p = pnorm(z, lower.tail = FALSE))
# z: 0, 0.25, ..., 37 plus 1.959963984540054, 2.5758293035489004, 1e-8, 0.5, 8.29,
# 37.5, 38 (sorted, duplicates removed). All numbers printed with 17 significant digits.
# Note: near z = 37.5 the probabilities approach the smallest normal double (2.2e-308;
# at z = 37.5 they are still normal). R's pnorm returns exactly 0 beyond about
# z = 37.52: for z = 38 it gives 0, although the true values (two-sided 5.77e-316,
# upper 2.89e-316) would still be representable as subnormal doubles.

f17 <- function(x) sprintf("%.17g", x)

z <- c(seq(0, 37, by = 0.25),
       1.959963984540054, 2.5758293035489004, 1e-8, 0.5, 8.29, 37.5, 38)
z <- sort(unique(z))

two <- 2 * pnorm(-abs(z))
up <- pnorm(z, lower.tail = FALSE)

writeLines(c("z,p", paste(f17(z), f17(two), sep = ",")), "pnorm_two_sided.csv")
writeLines(c("z,p", paste(f17(z), f17(up), sep = ",")), "pnorm_upper.csv")

cat("R: ", R.version.string, "\n", sep = "")
cat("wrote ", length(z), " rows to pnorm_two_sided.csv and pnorm_upper.csv\n", sep = "")
for (zz in c(1e-8, 0.5, 1.959963984540054, 2.5758293035489004, 8.29, 37.5, 38)) {
  cat("z = ", f17(zz), "  two-sided = ", f17(2 * pnorm(-abs(zz))),
      "  upper = ", f17(pnorm(zz, lower.tail = FALSE)), "\n", sep = "")
}
