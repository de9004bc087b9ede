# make_spearman_data.R -- generate score/value data for the Spearman references.
#
# Run with:  Rscript make_spearman_data.R
# Writes spearman.csv (40 rows): score (integer 0..10, with ties) and value
# (revenue change in %, rounded to 0.5 so that some values are tied).

set.seed(4417)
n <- 40
score <- sample(0:10, n, replace = TRUE, prob = c(2, 1, 2, 2, 3, 5, 6, 10, 12, 9, 8))
value <- round(2 * (0.8 * (score - 7) + rnorm(n, 0, 4))) / 2
write.csv(data.frame(score = score, value = value), "spearman.csv",
          row.names = FALSE, quote = FALSE)
