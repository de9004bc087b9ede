# two_stage_account_level.R -- the two-stage variance of the account-level ("one account, one vote")
# NPS with R's survey package, for the crate's Strategy::Account with the two-stage variance.
#
# Run with:  Rscript two_stage_account_level.R > two_stage_account_level.txt
# Reads:     two_stage_a.csv, two_stage_b.csv (written by make_two_stage.R)
#
# The account-level NPS is the (value-)weighted mean over accounts of each account's mean coding,
# sum_a V_a ybar_a / sum_a V_a, which is the answer-level ratio with weight V_a / m_a on each of the
# m_a answers of account a (1 / m_a without values). So the design is the two-stage design of
# two_stage_reference.R with those weights:
#   svydesign(ids = ~account + contact, fpc = ~N + M, weights = ~w_account)
# and survey.lonely.psu "remove" and "adjust" for the accounts with one answering contact of several.

suppressMessages(library(survey))

f17 <- function(x) sprintf("%.17g", x)
code_nps <- function(s) ifelse(s >= 9, 1, ifelse(s >= 7, 0, -1))

cat("R: ", R.version.string, "\n", sep = "")
cat("survey version: ", as.character(packageVersion("survey")), "\n\n", sep = "")

for (f in c("two_stage_a.csv", "two_stage_b.csv")) {
  d <- read.csv(f, stringsAsFactors = FALSE)
  d$c <- code_nps(d$score)
  m <- ave(d$contact, d$account, FUN = length)
  d$w_value <- d$weight / m
  d$w_one <- 1 / m
  for (w in c("w_value", "w_one")) {
    for (o in c("remove", "adjust")) {
      old <- options(survey.lonely.psu = o)
      des <- svydesign(ids = ~account + contact, fpc = ~N + M, weights = as.formula(paste0("~", w)), data = d)
      r <- svymean(~c, des)
      options(old)
      cat(sprintf("%s account level %-7s lonely=%-6s nps = %s  nps_se = %s\n", f, w, o,
                  f17(100 * unname(coef(r))), f17(100 * sqrt(unname(vcov(r))))))
    }
  }
}
