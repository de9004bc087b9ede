# make_two_stage.R -- generate the two-stage (accounts -> contacts) NPS test data.
#
# Run with:  Rscript make_two_stage.R
# Writes (in the current folder):
#   two_stage_a.csv      12 sampled accounts out of N = 40, 1-5 answering contacts each
#   two_stage_b.csv      census of accounts: all N = 15 accounts, 1-6 contacts each
#   two_stage_check.csv  one contact per account (first contact of each account of
#                        two_stage_a.csv), used to check that a two-stage design with a
#                        first-stage fpc only equals the one-stage design
#
# Columns: account,contact,score,weight,N,M
#   account  account identifier (first-stage cluster)
#   contact  contact number within the account (1..m_i)
#   score    0..10 recommendation score
#   weight   the account's value (e.g. ARR); the same for all contacts of one account
#   N        number of accounts in the customer base (same on every row)
#   M        contacts eligible in that account (>= number of answering contacts m_i)

set.seed(20240611)

make_scores <- function(m) {
  # account-level propensity so that accounts differ (intra-cluster correlation)
  mu <- runif(1, 3, 10.5)
  s <- round(rnorm(m, mean = mu, sd = 2.2))
  pmin(10L, pmax(0L, as.integer(s)))
}

build <- function(acc_ids, m, M, value, Npop) {
  rows <- lapply(seq_along(acc_ids), function(i) {
    data.frame(account = acc_ids[i],
               contact = seq_len(m[i]),
               score   = make_scores(m[i]),
               weight  = value[i],
               N       = Npop,
               M       = M[i])
  })
  do.call(rbind, rows)
}

## ---------------- data set A: 12 of N = 40 accounts -----------------------
NA_pop <- 40L
nA <- 12L
accA <- sprintf("A%02d", sort(sample.int(NA_pop, nA)))
mA <- sample(1:5, nA, replace = TRUE)
# guarantee accounts with exactly one answering contact:
#   position 2: one contact answered out of M = 1 eligible (census within account)
#   position 7: one contact answered out of M = 5 eligible ("lonely" second-stage unit)
#   position 11: one contact answered out of M = 3 eligible ("lonely" second-stage unit)
mA[c(2, 7, 11)] <- 1L
MA <- mA + sapply(mA, function(m) sample(0:(8 - m), 1))
MA[2] <- 1L
MA[7] <- 5L
MA[11] <- 3L
# guarantee a multi-contact account answered completely (M = m)
mA[4] <- 4L
MA[4] <- 4L
# account values over two orders of magnitude (about 1 000 to 200 000)
valA <- round(10^runif(nA, 3, 5.3))
dA <- build(accA, mA, MA, valA, NA_pop)

## ---------------- data set B: census of N = 15 accounts -------------------
NB_pop <- 15L
accB <- sprintf("B%02d", seq_len(NB_pop))
mB <- sample(1:6, NB_pop, replace = TRUE)
mB[c(3, 9)] <- 1L                       # single-contact accounts ...
MB <- mB + sapply(mB, function(m) sample(0:(9 - m), 1))
MB[c(3, 9)] <- 1L                       # ... that are censuses within the account
# every single-contact account of B is a census within the account (M = 1), so that
# data set B has no "lonely" second-stage unit and works under the default
# options(survey.lonely.psu = "fail")
MB[mB == 1L] <- 1L
mB[5] <- 5L; MB[5] <- 5L                # multi-contact census within the account
mB[12] <- 3L; MB[12] <- 3L
valB <- round(10^runif(NB_pop, 2.7, 5))
dB <- build(accB, mB, MB, valB, NB_pop)

## ---------------- check data set: one contact per account of A ------------
dC <- dA[dA$contact == 1L, ]

write.csv(dA, "two_stage_a.csv", row.names = FALSE, quote = FALSE)
write.csv(dB, "two_stage_b.csv", row.names = FALSE, quote = FALSE)
write.csv(dC, "two_stage_check.csv", row.names = FALSE, quote = FALSE)
