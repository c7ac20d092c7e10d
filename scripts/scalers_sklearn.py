#!/usr/bin/python3
"""Write scikit-learn reference results for the cluster package's scaler
options and per-row silhouette scores (scale_test.go, quality_test.go).

Run from the repository root with Debian's python3-sklearn:

    /usr/bin/python3 scripts/scalers_sklearn.py > cluster/testdata/sklearn_scalers.json

The inputs are small fixed matrices written out here, with a constant
column, negative values and a heavy-tailed money column.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.metrics import silhouette_samples, silhouette_score
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler


def rows(a):
    return [[float(v) for v in r] for r in np.asarray(a)]


def vec(a):
    return None if a is None else [float(v) for v in np.asarray(a)]


X = np.array([
    [1.0, 10.0, 5.0, 120.5],
    [3.0, 10.0, -1.0, 15.0],
    [2.0, 10.0, 2.0, 3000.0],
    [7.0, 10.0, 4.0, 0.0],
    [5.0, 10.0, 0.0, 45.25],
    [4.0, 10.0, 9.0, 600.0],
    [6.5, 10.0, 3.5, 88.0],
])
money = 3  # the heavy-tailed column, log1p-transformed in the log cases
XL = X.copy()
XL[:, money] = np.log1p(XL[:, money])

cases = []


def standard(name, data, **kw):
    sc = StandardScaler(**kw).fit(data)
    cases.append({"name": name, "kind": "standard", "options": kw, "log1p": data is XL,
                  "out": rows(sc.transform(data)), "mean": vec(sc.mean_), "scale": vec(sc.scale_)})


def robust(name, data, **kw):
    sc = RobustScaler(**kw).fit(data)
    opts = {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()}
    cases.append({"name": name, "kind": "robust", "options": opts, "log1p": data is XL,
                  "out": rows(sc.transform(data)), "mean": vec(sc.center_), "scale": vec(sc.scale_)})


def minmax(name, data, **kw):
    sc = MinMaxScaler(**kw).fit(data)
    opts = {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()}
    cases.append({"name": name, "kind": "minmax", "options": opts, "log1p": data is XL,
                  "out": rows(sc.transform(data)), "mean": vec(sc.data_min_), "scale": vec(sc.data_max_)})


standard("standard with_mean=False", X, with_mean=False)
standard("standard with_std=False", X, with_std=False)
standard("standard on log1p money", XL)
robust("robust default", X)
robust("robust quantile_range=(10, 90)", X, quantile_range=(10.0, 90.0))
robust("robust with_centering=False", X, with_centering=False)
robust("robust with_scaling=False", X, with_scaling=False)
robust("robust on log1p money", XL)
minmax("minmax feature_range=(-1, 1)", X, feature_range=(-1, 1))
minmax("minmax feature_range=(5, 10) on log1p money", XL, feature_range=(5, 10))

S = np.array([[0.0, 0.0], [0.5, 0.2], [0.1, 0.9], [5.0, 5.0], [5.5, 4.8], [6.0, 5.3],
              [4.8, 5.9], [10.0, 0.0], [2.5, 2.5]])
labels = [0, 0, 0, 1, 1, 1, 1, 2, 0]
single = [0, 0, 0, 1, 1, 1, 1, 2, 3]  # cluster 3 has one row: score 0
sil = [{"X": rows(S), "labels": l, "samples": vec(silhouette_samples(S, l)), "score": float(silhouette_score(S, l))}
       for l in (labels, single)]

json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "X": rows(X), "log1p_column": money,
           "scalers": cases, "silhouette": sil}, sys.stdout, indent=1)
sys.stdout.write("\n")
