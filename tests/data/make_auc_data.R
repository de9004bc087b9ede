# make_auc_data.R -- generate score/outcome data for the AUC (DeLong) references.
#
# Run with:  Rscript make_auc_data.R
# Writes outcome_auc.csv   (60 rows, outcome weakly related to score, many ties)
#        outcome_auc_b.csv (25 rows, stronger relation)
# Columns: score (integer 0..10), outcome (0/1)

set.seed(7301)

gen <- function(n, slope, centre) {
  # score distribution typical of NPS surveys: skewed towards the top
  score <- sample(0:10, n, replace = TRUE,
                  prob = c(2, 1, 2, 2, 3, 5, 6, 10, 12, 9, 8))
  p <- plogis(slope * (score - centre))
  outcome <- rbinom(n, 1, p)
  data.frame(score = score, outcome = outcome)
}

a <- gen(60, 0.25, 7)     # weak relation
b <- gen(25, 0.9, 7)      # stronger relation

write.csv(a, "outcome_auc.csv", row.names = FALSE, quote = FALSE)
write.csv(b, "outcome_auc_b.csv", row.names = FALSE, quote = FALSE)
