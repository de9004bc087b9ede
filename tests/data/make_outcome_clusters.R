# make_outcome_clusters.R -- contacts of accounts with a score, a yes/no outcome and a numeric
# outcome, for the clustered outcome analysis (tests/it/outcome.rs).
#
# Run with:  Rscript make_outcome_clusters.R
# Writes outcome_clusters.csv with columns account,contact,score,outcome,value
#   account  account id (the cluster); 24 accounts with 1-5 answering contacts each
#   score    0..10, an account effect plus the contact's own
#   outcome  1/0, the contact's own outcome (kept the product), related to its score and account
#   value    a numeric outcome (change in seats), related weakly to the score, with ties

set.seed(16016)
rows <- list()
for (a in 1:24) {
  id <- sprintf("K%02d", a)
  size <- sample(1:5, 1, prob = c(3, 3, 2, 1, 1))
  effect <- rnorm(1, 0, 1.2)
  for (c in 1:size) {
    latent <- 7 + effect + rnorm(1, 0, 1.5)
    score <- max(0, min(10, round(latent)))
    p <- plogis(-1.5 + 0.3 * score + 0.8 * effect)
    outcome <- rbinom(1, 1, p)
    value <- round(2 * (0.3 * (score - 7) + effect + rnorm(1, 0, 2))) / 2
    rows[[length(rows) + 1]] <- data.frame(account = id, contact = c, score = score,
                                           outcome = outcome, value = value)
  }
}
d <- do.call(rbind, rows)
write.csv(d, "outcome_clusters.csv", row.names = FALSE, quote = FALSE)
cat("wrote", nrow(d), "rows from", length(unique(d$account)), "accounts to outcome_clusters.csv\n")
