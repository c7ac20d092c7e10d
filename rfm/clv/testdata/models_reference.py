#!/usr/bin/python3
"""Reference values for the BG/BB, MBG/NBD and Gamma-Gamma tests,
computed with scipy independently of the Go code.

BG/BB: the donation data of Fader, Hardie & Shang (2010), as aggregated
in their paper and in lifetimes' datasets/donations.csv (22 patterns).
MBG/NBD: the likelihood of Batislam et al. (2007) on the CDNOW summary.
Gamma-Gamma: standard errors from the inverse Hessian of the
log-likelihood in the natural parameters (central differences).

Run: /usr/bin/python3 rfm/clv/testdata/models_reference.py /work/shared/datasets/cdnow
"""
import csv
import sys

import numpy as np
from scipy import optimize, special

donations = [  # x, t_x, n, donors
    (0, 0, 6, 3464), (1, 1, 6, 1091), (1, 2, 6, 277), (1, 3, 6, 129), (1, 4, 6, 78), (1, 5, 6, 119),
    (1, 6, 6, 129), (2, 2, 6, 613), (2, 3, 6, 255), (2, 4, 6, 155), (2, 5, 6, 173), (2, 6, 6, 234),
    (3, 3, 6, 322), (3, 4, 6, 181), (3, 5, 6, 225), (3, 6, 6, 357), (4, 4, 6, 240), (4, 5, 6, 284),
    (4, 6, 6, 512), (5, 5, 6, 335), (5, 6, 6, 728), (6, 6, 6, 1203)]
B = special.betaln


def bgbb_ll_row(a, b, g, d, x, tx, n):
    terms = [B(a + x, b + n - x) - B(a, b) + B(g, d + n) - B(g, d)]
    for i in range(n - tx):
        terms.append(B(a + x, b + tx - x + i) - B(a, b) + B(g + 1, d + tx + i) - B(g, d))
    return special.logsumexp(terms)


def bgbb_nll(logp):
    a, b, g, d = np.exp(logp)
    return -sum(w * bgbb_ll_row(a, b, g, d, x, tx, n) for x, tx, n, w in donations)


res = optimize.minimize(bgbb_nll, np.zeros(4), method="Nelder-Mead",
                        options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
a, b, g, d = np.exp(res.x)
print("BG/BB MLE alpha, beta, gamma, delta = %.6f, %.6f, %.6f, %.6f; LL = %.4f" % (a, b, g, d, -res.fun))
print("BG/BB LL at (1.204, 0.750, 0.657, 2.783) = %.4f" % -bgbb_nll(np.log([1.204, 0.750, 0.657, 2.783])))


# Standard errors: inverse Hessian in the natural parameters.
def hessian(f, p, h=1e-4):
    k = len(p)
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            def at(si, sj):
                q = np.array(p, dtype=float)
                q[i] += si * h * p[i]
                q[j] += sj * h * p[j]
                return f(q)
            H[i, j] = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h * p[i] * p[j])
    return H


se = np.sqrt(np.diag(np.linalg.inv(hessian(lambda q: bgbb_nll(np.log(q)), [a, b, g, d]))))
print("BG/BB standard errors = %s" % ", ".join("%.6f" % v for v in se))

# MBG/NBD on CDNOW.
rows = []
with open(sys.argv[1] + "/cdnow_customers_summary_with_transactions.csv") as f:
    for rec in csv.DictReader(f):
        rows.append((float(rec["x"]), float(rec["t_x"]), float(rec["T"]), float(rec["zbar"])))
x = np.array([r[0] for r in rows])
tx = np.array([r[1] for r in rows])
T = np.array([r[2] for r in rows])
zbar = np.array([r[3] for r in rows])


def mbg_nll(logp):
    r, alpha, a, b = np.exp(logp)
    l1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    l2 = B(a, b + x + 1) - B(a, b) - (r + x) * np.log(alpha + T)
    l3 = B(a + 1, b + x) - B(a, b) - (r + x) * np.log(alpha + tx)
    return -np.sum(l1 + np.logaddexp(l2, l3))


res = optimize.minimize(mbg_nll, np.log([0.5, 5, 1, 2]), method="Nelder-Mead",
                        options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
print("MBG/NBD MLE r, alpha, a, b = %s; LL = %.5f" % (", ".join("%.6f" % v for v in np.exp(res.x)), -res.fun))
se = np.sqrt(np.diag(np.linalg.inv(hessian(lambda q: mbg_nll(np.log(q)), np.exp(res.x)))))
print("MBG/NBD standard errors = %s" % ", ".join("%.6f" % v for v in se))

# Gamma-Gamma on the 946 repeat buyers.
m = x > 0
xs, ms = x[m], zbar[m]


def gg_nll(logp):
    p, q, g = np.exp(logp)
    return -np.sum(special.gammaln(p * xs + q) - special.gammaln(p * xs) - special.gammaln(q) + q * np.log(g)
                   + (p * xs - 1) * np.log(ms) + p * xs * np.log(xs) - (p * xs + q) * np.log(g + ms * xs))


res = optimize.minimize(gg_nll, np.log([1, 3, 10]), method="Nelder-Mead",
                        options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
print("Gamma-Gamma MLE p, q, gamma = %s; LL = %.5f" % (", ".join("%.6f" % v for v in np.exp(res.x)), -res.fun))
se = np.sqrt(np.diag(np.linalg.inv(hessian(lambda q: gg_nll(np.log(q)), np.exp(res.x)))))
print("Gamma-Gamma standard errors = %s" % ", ".join("%.6f" % v for v in se))

# Calibration vs holdout on CDNOW (FHL 2005, Figure 4), BG/NBD at the
# published parameters: customers per calibration frequency 0..6 and 7+,
# mean holdout purchase days (from CDNOW_sample.txt: same-day purchases
# merged, holdout 1997-10-01..1998-06-30) and mean E[Y(39) | x, t_x, T].
import datetime
days = {}
with open(sys.argv[1] + "/CDNOW_sample.txt") as f:
    for line in f:
        fs = line.split()
        if len(fs) == 5:
            days.setdefault(fs[1].lstrip("0"), set()).add(fs[2])
ids = []
with open(sys.argv[1] + "/cdnow_customers_summary_with_transactions.csv") as f:
    ids = [rec["ID"] for rec in csv.DictReader(f)]
holdout = np.array([sum(1 for d in days[i] if d > "19970930") for i in ids], dtype=float)
r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
t = 39.0
hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
ce = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
pa = np.where(x > 0, 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x)), 1.0)
pred = ce * pa
for k in range(8):
    sel = (x == k) if k < 7 else (x >= 7)
    print("bucket %d%s: %d customers, actual %.6f, predicted %.6f" % (k, "+" if k == 7 else "", sel.sum(), holdout[sel].mean(), pred[sel].mean()))
