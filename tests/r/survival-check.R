# Reference Kaplan–Meier / Greenwood / log-rank with R's survival package, for
# tests/integration/survival-r.test.ts. No jsonlite needed: writes plain CSV-like lines.
#
# usage: Rscript survival-check.R <subscribers.csv> <as-of YYYY-MM-DD> <out.txt>
#   input columns: sub_id, activated_on, churned_on (empty when still active), brand, contract_type
#
# Tenure counts whole months elapsed "as an age does" (DOMAIN.md):
#   (y2 − y1)·12 + m2 − m1 − (d2 < d1)
# from activation to churn (event: churned on or before as-of) or to as-of (censored).
#
# Output lines (numbers printed with %.17g, NA for missing):
#   curve,<grouping>,<conf.type>,<group>,<time>,<n.risk>,<n.event>,<n.censor>,<surv>,<lower>,<upper>
#   median,<grouping>,<group>,<R median>,<first t with S <= 0.5>,<S hits 0.5 exactly: 0|1>
#   logrank,<grouping>,<chisq>,<df>,<p>   (also contract_type_soft_none: soft vs none only)
#   n,<rows read>,<events>

suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: Rscript survival-check.R <subscribers.csv> <as-of> <out.txt>")
input <- args[1]
asof <- as.Date(args[2])
out <- args[3]

d <- read.csv(input, stringsAsFactors = FALSE, na.strings = c("", "NA"), colClasses = "character")
act <- as.Date(d$activated_on)
churn <- as.Date(d$churned_on)
keep <- act <= asof
d <- d[keep, ]
act <- act[keep]
churn <- churn[keep]

event <- !is.na(churn) & churn <= asof
end <- rep(asof, length(act))
end[event] <- churn[event]

part <- function(x, f) as.integer(format(x, f))
tenure <- (part(end, "%Y") - part(act, "%Y")) * 12 + part(end, "%m") - part(act, "%m") -
  as.integer(part(end, "%d") < part(act, "%d"))
if (any(tenure < 0)) stop("negative tenure")

num <- function(x) ifelse(is.na(x) | is.nan(x), "NA", sprintf("%.17g", x))
lines <- c(sprintf("n,%d,%d", length(tenure), sum(event)))

for (grouping in c("brand", "contract_type")) {
  g <- d[[grouping]]
  for (ct in c("log", "plain", "log-log")) {
    fit <- survfit(Surv(tenure, event) ~ g, conf.type = ct)
    strata <- sub("^g=", "", rep(names(fit$strata), fit$strata))
    lines <- c(lines, paste("curve", grouping, ct, strata, fit$time, fit$n.risk, fit$n.event, fit$n.censor,
      num(fit$surv), num(fit$lower), num(fit$upper), sep = ","))
    if (ct == "log") {
      tab <- summary(fit)$table
      for (s in unique(strata)) {
        sv <- fit$surv[strata == s]
        tm <- fit$time[strata == s]
        below <- which(sv <= 0.5 + 1e-12)
        first <- if (length(below)) tm[below[1]] else NA
        half <- as.integer(any(abs(sv - 0.5) < sqrt(.Machine$double.eps)))
        lines <- c(lines, paste("median", grouping, s, num(tab[paste0("g=", s), "median"]), num(first), half, sep = ","))
      }
    }
  }
  sd <- survdiff(Surv(tenure, event) ~ g)
  df <- length(sd$n) - 1
  lines <- c(lines, paste("logrank", grouping, num(sd$chisq), df, num(pchisq(sd$chisq, df, lower.tail = FALSE)), sep = ","))
}

# a pair of curves that differ little, so the p-value itself is a real check (not ~0)
pair <- d$contract_type %in% c("soft", "none")
sd <- survdiff(Surv(tenure[pair], event[pair]) ~ d$contract_type[pair])
lines <- c(lines, paste("logrank", "contract_type_soft_none", num(sd$chisq), length(sd$n) - 1,
  num(pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE)), sep = ","))

writeLines(lines, out)
