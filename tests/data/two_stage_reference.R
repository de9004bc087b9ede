# two_stage_reference.R -- reference values for two-stage (accounts -> contacts) NPS
# variance estimation with the R 'survey' package.
#
# Run with:  Rscript two_stage_reference.R > two_stage_reference.txt
# Reads:     two_stage_a.csv, two_stage_b.csv, two_stage_check.csv
#            (written by make_two_stage.R)
#
# NPS coding: score 9-10 -> +1 (promoter), 7-8 -> 0 (passive), 0-6 -> -1 (detractor).
# NPS = 100 * mean of the coding; weighted: 100 * sum(w * c) / sum(w).
#
# ---------------------------------------------------------------------------------
# HOW survey COMPUTES THE VARIANCE (survey 4.1-1: svymean.survey.design2 ->
# svyrecvar -> multistage -> onestage -> onestrat).  See two_stage_formula.md.
#
# svymean is a ratio estimator  ybar = sum_k w_k c_k / sum_k w_k  (w_k = 1/prob_k).
# Its linearised variable (influence value) is
#     z_k = w_k * (c_k - ybar) / sum_j w_j .
# Var(ybar) is the estimated variance of the "total" sum_k z_k under the design.
#
# Stage 1 (accounts, n sampled out of N, one stratum):
#     Z_i = sum_{k in account i} z_k                       (cluster totals)
#     f1  = (N - n) / N                                    (fpc factor 1 - n/N; 1 if no fpc)
#     V1  = f1 * n/(n-1) * sum_i (Z_i - Zbar)^2,  Zbar = mean of the n Z_i
#           (here Zbar = 0, because sum_k z_k = 0 by construction)
#     If f1 < 1e-7 (census of accounts, n = N) the stage contributes exactly 0.
#
# Stage 2 (contacts within account i, m_i answered out of M_i eligible) -- only computed
# when an fpc is given (and options(survey.ultimate.cluster) is FALSE, the default):
#     f2i = (M_i - m_i) / M_i
#     V2i = f2i * m_i/(m_i-1) * sum_{k in i} (z_k - zbar_i)^2 ,  zbar_i = Z_i / m_i
#     and V2i is multiplied by the FIRST-STAGE SAMPLING FRACTION n/N:
#     V2  = (n/N) * sum_i V2i
#     If f2i < 1e-7 (m_i = M_i, census within the account, e.g. 1 answered of 1
#     eligible) the account contributes exactly 0, whatever lonely.psu is.
#     If m_i = 1 < M_i the account is a stratum with a single PSU at stage 2
#     ("lonely PSU"); then the result depends on options("survey.lonely.psu"):
#       "fail" (the default)  -> error "Stratum (...) has only one PSU at stage 2"
#       "remove"/"certainty"  -> contribution 0 (the centred value is 0; the
#                                factor is f2i without the m/(m-1) term)
#       "adjust"              -> not centred: contribution (n/N) * f2i * z_k^2
#       "average"             -> NaN (each account is its own stratum at stage 2,
#                                so there is nothing to average over: the whole
#                                variance becomes NaN)
#
# Var(ybar) = V1 + V2;  SE = sqrt(V1 + V2).  NPS points: 100*ybar, SE 100*SE.
#
# Weights: survey's 'weights' are sampling weights; with weights=~weight the
# probabilities are 1/weight, and the fpc is used ONLY in the variance (f1, f2i and the
# n/N multiplier); survey gives no warning and does not check the weights against the
# fpc.  With no weights but an fpc, survey derives the probabilities from the fpc:
# prob_k = (n/N) * (m_i/M_i), i.e. weight (N/n)*(M_i/m_i) -- this is NOT the plain
# mean.  With weights = ~1 (all weights equal) the mean is the plain mean of the coding,
# which is the crate's "unweighted NPS".  Scaling all weights by a constant changes
# neither the mean nor its variance.
# ---------------------------------------------------------------------------------

suppressMessages(library(survey))

f17 <- function(x) sprintf("%.17g", x)
code_nps <- function(s) ifelse(s >= 9, 1, ifelse(s >= 7, 0, -1))

read_data <- function(file) {
  d <- read.csv(file, stringsAsFactors = FALSE)
  d$c <- code_nps(d$score)
  d$one <- 1        # helper column: number answered when each account has 1 contact
  d
}

print_stat <- function(label, expr) {
  cat(label, "\n", sep = "")
  res <- tryCatch(expr, error = function(e) e, warning = function(w) w)
  if (inherits(res, "condition")) {
    cat("  ", if (inherits(res, "error")) "ERROR" else "WARNING", ": ",
        conditionMessage(res), "\n", sep = "")
    return(invisible(NULL))
  }
  m <- unname(coef(res)[1])
  v <- unname(vcov(res)[1, 1])
  cat("  mean   = ", f17(m), "\n", sep = "")
  cat("  se     = ", f17(sqrt(v)), "\n", sep = "")
  cat("  var    = ", f17(v), "\n", sep = "")
  cat("  nps    = ", f17(100 * m), "\n", sep = "")
  cat("  nps_se = ", f17(100 * sqrt(v)), "\n", sep = "")
  invisible(res)
}

with_lonely <- function(opt, expr) {
  old <- options(survey.lonely.psu = opt)
  on.exit(options(old))
  force(expr)
}

# Independent by-hand implementation of the formula above (used to show that the
# formula in two_stage_formula.md reproduces survey exactly).
manual_two_stage <- function(d, w, lonely = "remove", second_stage = TRUE, fpc1 = TRUE) {
  ybar <- sum(w * d$c) / sum(w)
  z <- w * (d$c - ybar) / sum(w)
  acc <- unique(d$account)
  n <- length(acc)
  N <- d$N[1]
  f1 <- if (fpc1) (N - n) / N else 1
  Z <- sapply(acc, function(a) sum(z[d$account == a]))
  V1 <- if (f1 < 1e-7) 0 else f1 * n / (n - 1) * sum((Z - mean(Z))^2)
  V2 <- 0
  if (second_stage) {
    for (a in acc) {
      idx <- d$account == a
      m <- sum(idx)
      M <- d$M[idx][1]
      f2 <- (M - m) / M
      if (f2 < 1e-7) next
      if (m > 1) {
        V2i <- f2 * m / (m - 1) * sum((z[idx] - mean(z[idx]))^2)
      } else {
        V2i <- switch(lonely, remove = 0, certainty = 0, adjust = f2 * z[idx]^2,
                      average = NaN, fail = stop("lonely PSU at stage 2"))
      }
      V2 <- V2 + (n / N) * V2i
    }
  }
  list(mean = ybar, V1 = V1, V2 = V2, var = V1 + V2, se = sqrt(V1 + V2))
}

print_manual <- function(label, r) {
  cat(label, "\n", sep = "")
  cat("  mean   = ", f17(r$mean), "\n", sep = "")
  cat("  V1     = ", f17(r$V1), "   (stage 1, accounts)\n", sep = "")
  cat("  V2     = ", f17(r$V2), "   (stage 2, contacts, incl. factor n/N)\n", sep = "")
  cat("  var    = ", f17(r$var), "\n", sep = "")
  cat("  se     = ", f17(r$se), "\n", sep = "")
  cat("  nps    = ", f17(100 * r$mean), "\n", sep = "")
  cat("  nps_se = ", f17(100 * r$se), "\n", sep = "")
}

cat("R: ", R.version.string, "\n", sep = "")
cat("survey version: ", as.character(packageVersion("survey")), "\n", sep = "")
cat("options('survey.lonely.psu') = ", getOption("survey.lonely.psu"), "\n", sep = "")
cat("options('survey.ultimate.cluster') = ", getOption("survey.ultimate.cluster"), "\n", sep = "")
cat("(default 'fail': an account with ONE answering contact out of M > 1 eligible is a\n",
    " single-PSU stratum at stage 2 and svymean stops with an error; an account with\n",
    " 1 answered out of M = 1 eligible has f2 = 0 and contributes 0 without error)\n\n", sep = "")

lonely_opts <- c("fail", "remove", "certainty", "adjust", "average")

run_dataset <- function(tag, file) {
  d <- read_data(file)
  n <- length(unique(d$account))
  cat("=====================================================================\n")
  cat("DATA SET ", tag, " (", file, "): rows = ", nrow(d), ", accounts n = ", n,
      ", N = ", d$N[1], "\n", sep = "")
  cat("plain mean of coding     = ", f17(mean(d$c)), "  (NPS ", f17(100 * mean(d$c)), ")\n", sep = "")
  cat("weighted mean of coding  = ", f17(sum(d$weight * d$c) / sum(d$weight)),
      "  (NPS ", f17(100 * sum(d$weight * d$c) / sum(d$weight)), ")\n", sep = "")
  cat("=====================================================================\n\n")

  cat("--- (1) two-stage, weights = ~weight (account value) ---\n")
  for (o in lonely_opts) {
    with_lonely(o, print_stat(
      sprintf("[%s] svydesign(ids=~account+contact, fpc=~N+M, weights=~weight)  lonely.psu=%s", tag, o),
      svymean(~c, svydesign(ids = ~account + contact, fpc = ~N + M, weights = ~weight, data = d))))
  }
  for (o in c("remove", "adjust")) {
    print_manual(sprintf("[%s] by-hand formula, weights = weight, lonely=%s", tag, o),
                 manual_two_stage(d, d$weight, lonely = o))
  }
  cat("\n")

  cat("--- (2a) two-stage, no weights: survey derives weights (N/n)*(M_i/m_i) from the fpc ---\n")
  cat("    (this is NOT the plain mean; it is the design-weighted mean for SRS at both stages)\n")
  for (o in lonely_opts) {
    with_lonely(o, print_stat(
      sprintf("[%s] svydesign(ids=~account+contact, fpc=~N+M)  [probs from fpc]  lonely.psu=%s", tag, o),
      svymean(~c, svydesign(ids = ~account + contact, fpc = ~N + M, data = d))))
  }
  wfpc <- (d$N / n) * (d$M / ave(d$contact, d$account, FUN = length))
  print_manual(sprintf("[%s] by-hand formula, weights = (N/n)*(M_i/m_i), lonely=remove", tag),
               manual_two_stage(d, wfpc, lonely = "remove"))
  cat("\n")

  cat("--- (2b) two-stage, weights = ~1 (all equal): mean = plain mean of the coding ---\n")
  cat("    (THIS corresponds to the crate's unweighted NPS)\n")
  for (o in lonely_opts) {
    with_lonely(o, print_stat(
      sprintf("[%s] svydesign(ids=~account+contact, fpc=~N+M, weights=~1)  lonely.psu=%s", tag, o),
      svymean(~c, svydesign(ids = ~account + contact, fpc = ~N + M, weights = ~1, data = d))))
  }
  for (o in c("remove", "adjust")) {
    print_manual(sprintf("[%s] by-hand formula, weights = 1, lonely=%s", tag, o),
                 manual_two_stage(d, rep(1, nrow(d)), lonely = o))
  }
  cat("\n")

  cat("--- (3) one-stage comparisons (accounts only) ---\n")
  cat("    (one-stage with fpc=~N is exactly the stage-1 term V1 of the two-stage design)\n")
  print_stat(sprintf("[%s] svydesign(ids=~account, fpc=~N, weights=~weight)", tag),
             svymean(~c, svydesign(ids = ~account, fpc = ~N, weights = ~weight, data = d)))
  print_stat(sprintf("[%s] svydesign(ids=~account, weights=~weight)  [no fpc: cluster-robust]", tag),
             svymean(~c, svydesign(ids = ~account, weights = ~weight, data = d)))
  print_stat(sprintf("[%s] svydesign(ids=~account, fpc=~N, weights=~1)", tag),
             svymean(~c, svydesign(ids = ~account, fpc = ~N, weights = ~1, data = d)))
  print_stat(sprintf("[%s] svydesign(ids=~account, weights=~1)  [no fpc: cluster-robust, unweighted]", tag),
             svymean(~c, svydesign(ids = ~account, weights = ~1, data = d)))
  print_stat(sprintf("[%s] svydesign(ids=~account+contact, weights=~weight)  [no fpc: only stage 1 used]", tag),
             svymean(~c, svydesign(ids = ~account + contact, weights = ~weight, data = d)))
  print_manual(sprintf("[%s] by-hand formula, weights = weight, no fpc (f1 = 1, no stage 2)", tag),
               manual_two_stage(d, d$weight, second_stage = FALSE, fpc1 = FALSE))
  cat("\n")
}

run_dataset("A", "two_stage_a.csv")
run_dataset("B", "two_stage_b.csv")

## ---------------------------------------------------------------------------------
## Check case: exactly one contact per account
## ---------------------------------------------------------------------------------
dc <- read_data("two_stage_check.csv")
cat("=====================================================================\n")
cat("CHECK CASE (two_stage_check.csv): one contact per account, rows = ", nrow(dc),
    ", N = ", dc$N[1], "\n", sep = "")
cat("=====================================================================\n")
cat("Note: survey's documentation says that an fpc given for fewer stages than ids means\n",
    "complete sampling at the later stages, but survey ", as.character(packageVersion("survey")),
    " rejects fpc=~N with ids=~account+contact\n",
    "(as.fpc: 'non-conformable arrays').  A census at stage 2 is therefore expressed by\n",
    "giving M = number answered (column 'one' = 1 here), which makes f2 = 0.\n\n", sep = "")
print_stat("[C] svydesign(ids=~account+contact, fpc=~N, weights=~weight)",
           svymean(~c, svydesign(ids = ~account + contact, fpc = ~N, weights = ~weight, data = dc)))
print_stat("[C] svydesign(ids=~account+contact, fpc=~N+one, weights=~weight)  [stage-2 census]",
           svymean(~c, svydesign(ids = ~account + contact, fpc = ~N + one, weights = ~weight, data = dc)))
print_stat("[C] svydesign(ids=~account, fpc=~N, weights=~weight)  [one-stage]",
           svymean(~c, svydesign(ids = ~account, fpc = ~N, weights = ~weight, data = dc)))
with_lonely("remove", print_stat(
  "[C] svydesign(ids=~account+contact, fpc=~N+M, weights=~weight)  lonely.psu=remove",
  svymean(~c, svydesign(ids = ~account + contact, fpc = ~N + M, weights = ~weight, data = dc))))
with_lonely("adjust", print_stat(
  "[C] svydesign(ids=~account+contact, fpc=~N+M, weights=~weight)  lonely.psu=adjust  [differs]",
  svymean(~c, svydesign(ids = ~account + contact, fpc = ~N + M, weights = ~weight, data = dc))))
print_stat("[C] svydesign(ids=~account+contact, weights=~weight)  [no fpc]",
           svymean(~c, svydesign(ids = ~account + contact, weights = ~weight, data = dc)))
print_stat("[C] svydesign(ids=~account, weights=~weight)  [no fpc, one-stage]",
           svymean(~c, svydesign(ids = ~account, weights = ~weight, data = dc)))
print_stat("[C] svydesign(ids=~account+contact, fpc=~N+one, weights=~1)  [stage-2 census, unweighted]",
           svymean(~c, svydesign(ids = ~account + contact, fpc = ~N + one, weights = ~1, data = dc)))
print_stat("[C] svydesign(ids=~account, fpc=~N, weights=~1)  [one-stage, unweighted]",
           svymean(~c, svydesign(ids = ~account, fpc = ~N, weights = ~1, data = dc)))
print_manual("[C] by-hand formula, weights = weight, lonely=adjust",
             manual_two_stage(dc, dc$weight, lonely = "adjust"))

cat("\n--- warning when neither weights nor probs nor fpc are given ---\n")
print_stat("[A] svydesign(ids=~account, data=d)  [no weights, no fpc]",
           svymean(~c, svydesign(ids = ~account, data = read_data("two_stage_a.csv"))))
print_stat("[A] the same with the warning suppressed (equal probabilities = plain mean, with replacement)",
           suppressWarnings(svymean(~c, svydesign(ids = ~account, data = read_data("two_stage_a.csv")))))
