#!/usr/bin/python3
"""Regenerates loghyp2f1_mpmath.json, reference values of ln 2F1(a, b; c; z)
computed by summing the Gauss series (the definition, all terms positive)
in mpmath at 40 digits, for positive parameters and 0 <= z < 1.

Kind 0: the Pareto/NBD likelihood's 2F1(r+s+x, s+1; r+s+x+1; z) and
2F1(r+s+x, r+x; r+s+x+1; z), with x up to 10^5 repeat purchases, where
2F1 itself overflows float64. Kind 1: the BG/NBD form 2F1(r+x, b+x;
a+b+x-1; z). Kind 2: generic positive parameters.

Run: /usr/bin/python3 internal/hypergeo/testdata/loghyp2f1_mpmath.py > internal/hypergeo/testdata/loghyp2f1_mpmath.json
"""
import json
import random
import sys

import mpmath

mpmath.mp.dps = 40
rng = random.Random(20260311)


def series(a, b, c, z):
    """Sums the Gauss series until the tail is below 1e-40 of the sum."""
    a, b, c, z = mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(c), mpmath.mpf(z)
    total, term, n = mpmath.mpf(1), mpmath.mpf(1), 0
    while True:
        ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z
        term *= ratio
        total += term
        n += 1
        q = max(ratio, z)
        if q < 1 and term * q / (1 - q) < total * mpmath.mpf(10) ** -40:
            return total


rows = []
while len(rows) < 300:
    kind = rng.choice([0, 0, 1, 2])
    x = rng.choice([0, 1, 2, 5, 10, 30, 100, 500, 1000, 10000, 100000])
    z = rng.choice([rng.uniform(0, 1), 1 - 10 ** rng.uniform(-5, -0.3), 10 ** rng.uniform(-6, -1)])
    if kind == 0:
        r, s = 10 ** rng.uniform(-2, 1), 10 ** rng.uniform(-2, 1)
        A = r + s + x
        B = rng.choice([s + 1, r + x])
        C = A + 1
    elif kind == 1:
        r, a, b = 10 ** rng.uniform(-2, 1), 10 ** rng.uniform(-1, 1), 10 ** rng.uniform(-1, 1.5)
        A, B, C = r + x, b + x, a + b + x - 1
        if C <= 0:
            continue
    else:
        A, B, C = 10 ** rng.uniform(-2, 2), 10 ** rng.uniform(-2, 2), 10 ** rng.uniform(-2, 2)
    # Keep the reference cheap: the series takes about (A+B)/(1-z) terms.
    if (A + B + 40) / (1 - z) > 2e5:
        continue
    v = series(A, B, C, z)
    rows.append([A, B, C, z, float(mpmath.log(v)), kind])
sys.stdout.write('{"source": "mpmath %s, mp.dps = 40",\n"rows": [\n' % mpmath.__version__)
sys.stdout.write(",\n".join(json.dumps(r) for r in rows))
sys.stdout.write("\n]}\n")
