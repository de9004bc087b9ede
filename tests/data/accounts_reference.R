# Reference values for tests/it/accounts.rs, from R's survey package (Lumley).
# Run from tests/data/: Rscript accounts_reference.R > accounts_reference.txt
#
# The NPS is svymean of the -1/0/+1 coding s (x 100 for points). For each data set:
#   respondent level, weight w = value / m (value spread over the account's m respondents),
#   w = value (full value on every answer), and w = 1;
#   ids = ~account (accounts as clusters) and ids = ~1 (respondents independent);
#   fpc = ~N with N accounts in the customer base (first-stage finite population correction);
#   the t interval with degf(design) = PSUs - 1 degrees of freedom;
#   account level: one row per account with its mean coding, weights = value and = 1.
suppressMessages(library(survey))
options(digits = 15)

coding <- function(score) ifelse(score >= 9, 1, ifelse(score >= 7, 0, -1))

show <- function(label, design) {
  est <- svymean(~s, design)
  ci <- confint(est, df = degf(design))
  cat(sprintf("%-40s mean %.15f  se %.15f  df %d  lower %.15f  upper %.15f\n",
              label, coef(est), SE(est), degf(design), ci[1], ci[2]))
}

run <- function(file, N) {
  d <- read.csv(file, stringsAsFactors = FALSE)
  d$s <- coding(d$score)
  d$m <- ave(d$s, d$account, FUN = length)
  d$w_spread <- d$value / d$m
  d$w_full <- d$value
  d$w_one <- 1
  d$N <- N
  cat(sprintf("== %s: %d responses in %d accounts, N = %d\n", file, nrow(d), length(unique(d$account)), N))
  for (w in c("w_spread", "w_full", "w_one")) {
    f <- as.formula(paste0("~", w))
    show(paste("respondent", w, "ids=~account"), svydesign(ids = ~account, weights = f, data = d))
    show(paste("respondent", w, "ids=~1"), svydesign(ids = ~1, weights = f, data = d))
    show(paste("respondent", w, "ids=~account fpc=~N"),
         svydesign(ids = ~account, weights = f, fpc = ~N, data = d))
  }
  a <- aggregate(cbind(s, value) ~ account, data = d, FUN = mean)
  a$one <- 1
  a$N <- N
  show("account value ids=~1", svydesign(ids = ~1, weights = ~value, data = a))
  show("account one ids=~1", svydesign(ids = ~1, weights = ~one, data = a))
  show("account value ids=~1 fpc=~N", svydesign(ids = ~1, weights = ~value, fpc = ~N, data = a))
  # Decision maker first: each account is represented by the mean coding of its answers from the
  # first role of c("decision maker", "influencer") that answered, else by all its answers.
  pick <- function(rows) {
    for (role in c("decision maker", "influencer")) {
      chosen <- rows[rows$role == role, ]
      if (nrow(chosen) > 0) return(mean(chosen$s))
    }
    mean(rows$s)
  }
  dm <- do.call(rbind, lapply(split(d, d$account), function(rows)
    data.frame(account = rows$account[1], s = pick(rows), value = rows$value[1], one = 1)))
  show("dm-first value ids=~1", svydesign(ids = ~1, weights = ~value, data = dm))
  show("dm-first one ids=~1", svydesign(ids = ~1, weights = ~one, data = dm))
  # Kish's effective n of the spread weights, (sum w)^2 / sum w^2.
  cat(sprintf("kish n_eff w_spread %.15f  w_full %.15f  account value %.15f\n",
              sum(d$w_spread)^2 / sum(d$w_spread^2), sum(d$w_full)^2 / sum(d$w_full^2),
              sum(a$value)^2 / sum(a$value^2)))
}

run("accounts_a.csv", 50)
run("accounts_b.csv", 150)
