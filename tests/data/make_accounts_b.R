# Generates tests/data/accounts_b.csv: 40 accounts with log-normal values (a few hundred-fold apart)
# and 1 to 8 respondents each, with account-specific promoter/detractor propensities.
# Run from tests/data/: Rscript make_accounts_b.R
set.seed(20260704)
C <- 40
value <- round(exp(rnorm(C, mean = 11, sd = 1.5)))
m <- sample(1:8, C, replace = TRUE)
rows <- list()
for (a in seq_len(C)) {
  lean <- runif(1)                       # account mood: 0 = unhappy, 1 = happy
  p <- c(0.55 - 0.45 * lean, 0.30, 0.15 + 0.45 * lean)
  p <- p / sum(p)
  for (j in seq_len(m[a])) {
    cat3 <- sample(1:3, 1, prob = p)     # detractor, passive, promoter
    score <- switch(cat3, sample(0:6, 1), sample(7:8, 1), sample(9:10, 1))
    role <- if (j == 1) "decision maker" else if (j == 2) "influencer" else "end user"
    rows[[length(rows) + 1]] <- data.frame(
      account = sprintf("B%02d", a), respondent = sprintf("b%02d-%d", a, j),
      role = role, score = score, value = value[a])
  }
}
d <- do.call(rbind, rows)
write.csv(d, "accounts_b.csv", row.names = FALSE, quote = FALSE)
