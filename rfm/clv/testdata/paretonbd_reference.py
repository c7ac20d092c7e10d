#!/usr/bin/python3
"""Reference values for the Pareto/NBD tests (paretonbd_test.go), computed
independently of the Go code: the likelihood from its integral form
(mpmath quadrature of the death-time integral, no hypergeometric
function), the MLE by scipy, and P(X(t) = n) by quadrature of its
defining integral.

Run from the repository root with the CDNOW data next to it:
  /usr/bin/python3 rfm/clv/testdata/paretonbd_reference.py /work/shared/datasets/cdnow
"""
import csv
import sys
from collections import Counter

import mpmath
import numpy as np
from scipy import optimize, special

mpmath.mp.dps = 30
path = sys.argv[1] + "/cdnow_customers_summary.csv"
rows = Counter()
with open(path) as f:
    for rec in csv.DictReader(f):
        rows[(float(rec["frequency"]), float(rec["recency"]), float(rec["T"]))] += 1


def ll_row_quad(r, alpha, s, beta, x, tx, T):
    """ln L from L = G(r+x)a^r b^s/G(r) [ (a+T)^-(r+x) (b+T)^-s
    + s * int_tx^T (a+u)^-(r+x) (b+u)^-(s+1) du ], by quadrature."""
    r, alpha, s, beta = map(mpmath.mpf, (r, alpha, s, beta))
    f = lambda u: (alpha + u) ** (-(r + x)) * (beta + u) ** (-(s + 1))
    integral = mpmath.quad(f, [tx, T]) if T > tx else 0
    bracket = (alpha + T) ** (-(r + x)) * (beta + T) ** (-s) + s * integral
    return mpmath.loggamma(r + x) - mpmath.loggamma(r) + r * mpmath.log(alpha) + s * mpmath.log(beta) + mpmath.log(bracket)


def ll_quad(p):
    return sum(w * ll_row_quad(*p, *k) for k, w in rows.items())


def ll_fast(logp):
    """The FHL 2005 closed form with scipy's hyp2f1 (float64), for the search."""
    r, alpha, s, beta = np.exp(logp)
    total = 0.0
    for (x, tx, T), w in rows.items():
        a = r + s + x
        if alpha >= beta:
            h = lambda tau: special.hyp2f1(a, s + 1, a + 1, (alpha - beta) / (alpha + tau)) / (alpha + tau) ** a
        else:
            h = lambda tau: special.hyp2f1(a, r + x, a + 1, (beta - alpha) / (beta + tau)) / (beta + tau) ** a
        a0 = h(tx) - h(T)
        l = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta) + np.log(
            (alpha + T) ** (-(r + x)) * (beta + T) ** (-s) + s / a * a0)
        total += w * l
    return -total


res = optimize.minimize(ll_fast, np.log([0.5, 10, 0.5, 10]), method="Nelder-Mead",
                        options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
mle = np.exp(res.x)
print("scipy MLE r, alpha, s, beta =", ", ".join("%.6f" % v for v in mle))
print("LL(MLE) by quadrature =", mpmath.nstr(ll_quad(mle), 12))
print("LL(FHL 2005 0.553, 10.578, 0.606, 11.669) by quadrature =", mpmath.nstr(ll_quad([0.553, 10.578, 0.606, 11.669]), 12))
print("LL(CLVTools 0.55315, 10.57633, 0.60625, 11.67150) by quadrature =", mpmath.nstr(ll_quad([0.55315, 10.57633, 0.60625, 11.67150]), 12))

# P(X(t) = n) = NB(n; r, alpha, t) (beta/(beta+t))^s
#             + int_0^t s beta^s (beta+tau)^-(s+1) NB(n; r, alpha, tau) dtau
def prob(p, n, t):
    r, alpha, s, beta = map(mpmath.mpf, p)
    nb = lambda tau: mpmath.exp(mpmath.loggamma(r + n) - mpmath.loggamma(r) - mpmath.loggamma(n + 1)) * (
        alpha / (alpha + tau)) ** r * (tau / (alpha + tau)) ** n
    dead = mpmath.quad(lambda tau: s * beta ** s * (beta + tau) ** (-(s + 1)) * nb(tau), [0, t])
    return nb(t) * (beta / (beta + t)) ** s + dead


for p in ([0.553, 10.578, 0.606, 11.669], [0.8, 2.0, 1.3, 25.0]):
    for n, t in ((0, 39), (1, 39), (2, 10), (5, 78), (10, 20)):
        print("P(X(%g)=%d | %s) = %s" % (t, n, p, mpmath.nstr(prob(p, n, t), 15)))


# P(alive) and E[Y(t) | x, t_x, T] for heavy buyers, from the integral
# form: P(alive) = (a+T)^-(r+x)(b+T)^-s / bracket.
def palive(p, x, tx, T):
    r, alpha, s, beta = map(mpmath.mpf, p)
    f = lambda u: (alpha + u) ** (-(r + x)) * (beta + u) ** (-(s + 1))
    alive = (alpha + T) ** (-(r + x)) * (beta + T) ** (-s)
    return alive / (alive + s * mpmath.quad(f, [tx, T]))


def cond_exp(p, t, x, tx, T):
    r, alpha, s, beta = map(mpmath.mpf, p)
    return palive(p, x, tx, T) * (r + x) * (beta + T) / ((alpha + T) * (s - 1)) * (1 - ((beta + T) / (beta + T + t)) ** (s - 1))


p = [0.55, 10.58, 0.61, 11.67]
for x, tx, T in ((132, 200, 200), (133, 200, 200)):
    print("E[Y(10) | %d, %d, %d; %s] = %s" % (x, tx, T, p, mpmath.nstr(cond_exp(p, 10, x, tx, T), 15)))
p = [0.5143, 2.8845, 0.2856, 14.1087]
for x, tx, T in ((221, 103.42857, 103.57143), (254, 97.14286, 97.28571), (161, 94.71429, 98.0), (204, 98.57143, 99.42857)):
    print("P(alive | %d, %g, %g; %s) = %s" % (x, tx, T, p, mpmath.nstr(palive(p, x, tx, T), 15)))
p = [0.553, 10.578, 0.606, 11.669]
for x, tx, T in ((0, 0, 38.86), (2, 30.43, 38.86), (26, 30.86, 31), (1, 1.71, 38.86)):
    print("P(alive | %d, %g, %g; %s) = %s" % (x, tx, T, p, mpmath.nstr(palive(p, x, tx, T), 15)))
