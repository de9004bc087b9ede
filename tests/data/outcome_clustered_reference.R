# outcome_clustered_reference.R -- the outcome statistics with contacts as units and accounts as
# clusters, for OutcomeUnit::ContactsByAccount (tests/it/outcome.rs), and with accounts as units.
#
# Run with:  Rscript outcome_clustered_reference.R > outcome_clustered_reference.txt
# Reads:     outcome_clusters.csv (written by make_outcome_clusters.R)
#
# Categories: score 0-6 detractor, 7-8 passive, 9-10 promoter.
#
# (1) Rates per category with accounts as clusters: survey's domain means,
#     svyby(~outcome, ~category, svydesign(ids = ~account), svymean); the effective size is
#     n_eff = min(n, p (1 - p) / v) (v the squared SE), and the interval is Wilson's closed form with
#     n_eff in place of n and z = qnorm(0.975), written out below.
# (2) Promoters minus detractors: svycontrast of the two domain means (covmat = TRUE), interval
#     d -/+ qt(0.975, G - 1) SE, p = 2 pt(-|d/SE|, G - 1), G = number of accounts (degf).
# (3) AUC with Obuchowski's (1997, Biometrics 53:567-578) clustered variance, computed here from the
#     full matrix psi(case, control) (not from ranks), and the plain DeLong variance of pROC for
#     comparison.
# (4) Spearman's rho with the delete-one-account jackknife of atanh(rho): survey's JK1 replicate
#     design (as.svrepdesign(type = "JK1"), variance (G - 1)/G sum (theta_g - mean)^2), interval
#     tanh(atanh(rho) -/+ qt(0.975, G - 1) SE), t = atanh(rho)/SE with G - 1 df.
# (5) Accounts as units (the account's mean score; every account has one outcome: here the
#     account's majority outcome, ties to 1) with pROC's DeLong interval and cor.test.

suppressMessages(library(survey))
suppressMessages(library(pROC))

f17 <- function(x) sprintf("%.17g", x)
d <- read.csv("outcome_clusters.csv", stringsAsFactors = FALSE)
d$category <- factor(ifelse(d$score >= 9, "promoter", ifelse(d$score >= 7, "passive", "detractor")),
                     levels = c("detractor", "passive", "promoter"))
G <- length(unique(d$account))
des <- svydesign(ids = ~account, weights = ~1, data = d)
z <- qnorm(0.975)

cat("R: ", R.version.string, "\n", sep = "")
cat("survey ", as.character(packageVersion("survey")), ", pROC ", as.character(packageVersion("pROC")), "\n", sep = "")
cat("outcome_clusters.csv: ", nrow(d), " contacts in ", G, " accounts\n\n", sep = "")

by <- svyby(~outcome, ~category, des, svymean, covmat = TRUE)
cat("(1) rates with accounts as clusters\n")
for (cat_name in levels(d$category)) {
  n <- sum(d$category == cat_name)
  k <- sum(d$outcome[d$category == cat_name])
  p <- coef(by)[cat_name]
  v <- vcov(by)[cat_name, cat_name]
  n_eff <- if (v > 0) min(n, p * (1 - p) / v) else n
  centre <- p + z^2 / (2 * n_eff)
  half <- z * sqrt(p * (1 - p) / n_eff + z^2 / (4 * n_eff^2))
  lower <- if (p <= 0) 0 else (centre - half) / (1 + z^2 / n_eff)
  upper <- if (p >= 1) 1 else (centre + half) / (1 + z^2 / n_eff)
  cat(sprintf("%-9s n = %d k = %d rate = %s se = %s n_eff = %s lower = %s upper = %s\n", cat_name, n, k,
              f17(p), f17(sqrt(v)), f17(n_eff), f17(lower), f17(upper)))
}

cat("\n(2) promoters minus detractors, accounts as clusters\n")
con <- svycontrast(by, c(detractor = -1, passive = 0, promoter = 1))
dd <- unname(coef(con)); se <- unname(sqrt(vcov(con)))
q <- qt(0.975, G - 1)
cat(sprintf("d = %s se = %s lower = %s upper = %s t = %s df = %d p = %s\n", f17(dd), f17(se),
            f17(dd - q * se), f17(dd + q * se), f17(dd / se), G - 1, f17(2 * pt(-abs(dd / se), G - 1))))

cat("\n(3) AUC, Obuchowski (clustered) and DeLong (independent)\n")
cases <- which(d$outcome == 1); controls <- which(d$outcome == 0)
psi <- outer(d$score[cases], d$score[controls], function(x, y) (x > y) + 0.5 * (x == y))
theta <- mean(psi)
M <- length(cases); N <- length(controls)
V10 <- rowMeans(psi)            # one per case
V01 <- colMeans(psi)            # one per control
acc <- unique(d$account)
V10g <- sapply(acc, function(a) sum(V10[d$account[cases] == a]))
V01g <- sapply(acc, function(a) sum(V01[d$account[controls] == a]))
mg <- sapply(acc, function(a) sum(d$account[cases] == a))
ng <- sapply(acc, function(a) sum(d$account[controls] == a))
I10 <- sum(mg > 0); I01 <- sum(ng > 0); I <- length(acc)
S10 <- I10 / ((I10 - 1) * M) * sum((V10g - mg * theta)^2)
S01 <- I01 / ((I01 - 1) * N) * sum((V01g - ng * theta)^2)
S11 <- I / (I - 1) * sum((V10g - mg * theta) * (V01g - ng * theta))
v_obu <- S10 / M + S01 / N + 2 * S11 / (M * N)
cat(sprintf("cases = %d controls = %d accounts with a case = %d with a control = %d\n", M, N, I10, I01))
cat(sprintf("auc = %s obuchowski se = %s lower = %s upper = %s\n", f17(theta), f17(sqrt(v_obu)),
            f17(max(0, theta - z * sqrt(v_obu))), f17(min(1, theta + z * sqrt(v_obu)))))
r <- roc(d$outcome, d$score, direction = "<", levels = c(0, 1), quiet = TRUE)
cat(sprintf("pROC auc = %s delong se = %s\n", f17(as.numeric(auc(r))), f17(sqrt(var(r, method = "delong")))))

cat("\n(4) Spearman with the delete-one-account jackknife\n")
rho <- cor(d$score, d$value, method = "spearman")
rep <- as.svrepdesign(des, type = "JK1")
jk <- withReplicates(rep, function(w, data) atanh(cor(data$score[w > 0], data$value[w > 0], method = "spearman")))
se_jk <- unname(SE(jk))
# The same by hand: (G - 1)/G sum (theta_g - mean)^2.
theta_g <- sapply(acc, function(a) atanh(cor(d$score[d$account != a], d$value[d$account != a], method = "spearman")))
se_hand <- sqrt((G - 1) / G * sum((theta_g - mean(theta_g))^2))
zr <- atanh(rho)
cat(sprintf("rho = %s jackknife se of atanh(rho) = %s (by hand %s)\n", f17(rho), f17(se_jk), f17(se_hand)))
cat(sprintf("lower = %s upper = %s t = %s df = %d p = %s\n", f17(tanh(zr - q * se_jk)), f17(tanh(zr + q * se_jk)),
            f17(zr / se_jk), G - 1, f17(2 * pt(-abs(zr / se_jk), G - 1))))

cat("\n(5) accounts as units: mean score, majority outcome (ties to 1), first value\n")
agg <- do.call(rbind, lapply(acc, function(a) {
  s <- d[d$account == a, ]
  data.frame(account = a, score = mean(s$score), outcome = as.integer(mean(s$outcome) >= 0.5),
             value = s$value[1])
}))
ra <- roc(agg$outcome, agg$score, direction = "<", levels = c(0, 1), quiet = TRUE)
ci <- as.numeric(ci.auc(ra, method = "delong"))
cat(sprintf("accounts = %d renewed = %d auc = %s lower = %s upper = %s\n", nrow(agg), sum(agg$outcome),
            f17(ci[2]), f17(ci[1]), f17(ci[3])))
ct <- cor.test(agg$score, agg$value, method = "spearman", exact = FALSE)
cat(sprintf("spearman rho = %s p = %s\n", f17(unname(ct$estimate)), f17(ct$p.value)))
