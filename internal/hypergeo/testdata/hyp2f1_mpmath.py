#!/usr/bin/python3
"""Regenerates hyp2f1_mpmath.json, reference values of the Gauss
hypergeometric function 2F1(a, b; c; z) computed by mpmath at 40 digits.

Rows cover the parameters the BG/NBD formulas use (A = a+b-1-r, B = a-1,
C = a+b+x-1 for model parameters r, a, b and x repeat purchases; kind 0)
and generic ones (kind 1), at points from z = -20 to within 1e-12 of z = 1.

Run: /usr/bin/python3 rfm/testdata/hyp2f1_mpmath.py > rfm/testdata/hyp2f1_mpmath.json
"""
import json
import random
import sys

import mpmath

mpmath.mp.dps = 40
rng = random.Random(20260211)
rows = []
while len(rows) < 400:
    kind = 0 if rng.random() < 0.6 else 1
    if kind == 0:
        r = 10 ** rng.uniform(-2, 1)
        a = 10 ** rng.uniform(-1.5, 1.5)
        b = 10 ** rng.uniform(-1.5, 2)
        x = rng.choice([0, 1, 2, 3, 5, 10, 30, 100, 1000])
        A, B, C = a + b - 1 - r, a - 1, a + b + x - 1
        z = rng.choice([rng.uniform(0, 1), 1 - 10 ** rng.uniform(-12, -0.3)])
    else:
        A, B, C = rng.uniform(-5, 15), rng.uniform(-5, 15), rng.uniform(0.1, 20)
        z = rng.choice([rng.uniform(-20, 0), rng.uniform(0, 1), 1 - 10 ** rng.uniform(-12, -0.3)])
    v = mpmath.hyp2f1(A, B, C, z)
    if mpmath.im(v) != 0 or not mpmath.isfinite(v) or abs(v) > 1e300 or abs(v) < 1e-300:
        continue
    rows.append([A, B, C, z, float(v), kind])
sys.stdout.write('{"source": "mpmath %s, mp.dps = 40",\n"rows": [\n' % mpmath.__version__)
sys.stdout.write(",\n".join(json.dumps(r) for r in rows))
sys.stdout.write("\n]}\n")
