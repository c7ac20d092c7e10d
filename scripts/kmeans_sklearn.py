#!/usr/bin/python3
"""Write scikit-learn reference results for the cluster package's tests.

Run from the repository root with Debian's python3-sklearn:

    apt-get install -y python3-sklearn
    /usr/bin/python3 scripts/kmeans_sklearn.py > cluster/testdata/sklearn.json

Every data set, weight vector and starting centroid set is drawn here from
numpy with fixed seeds and stored in the output next to scikit-learn's
answers, so the Go tests feed both implementations the same numbers.
"""
import json
import sys

import numpy as np
import scipy
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris, make_blobs
from sklearn.metrics import (calinski_harabasz_score, davies_bouldin_score,
                             silhouette_score)
from sklearn.preprocessing import MinMaxScaler, StandardScaler


def rows(a):
    return [[float(v) for v in r] for r in np.asarray(a)]


def kmeans_case(name, X, k, init, weights=None, max_iter=300, tol=1e-4):
    km = KMeans(n_clusters=k, init=np.asarray(init, dtype=float), n_init=1,
                max_iter=max_iter, tol=tol, algorithm="lloyd")
    km.fit(X, sample_weight=weights)
    return {
        "name": name,
        "X": rows(X),
        "weights": None if weights is None else [float(w) for w in weights],
        "k": k,
        "init": rows(init),
        "max_iter": max_iter,
        "tol": tol,
        "labels": [int(v) for v in km.labels_],
        "centers": rows(km.cluster_centers_),
        "inertia": float(km.inertia_),
        "n_iter": int(km.n_iter_),
    }


def score_case(name, X, labels):
    return {
        "name": name,
        "X": rows(X),
        "labels": [int(v) for v in labels],
        "silhouette": float(silhouette_score(X, labels)),
        "davies_bouldin": float(davies_bouldin_score(X, labels)),
        "calinski_harabasz": float(calinski_harabasz_score(X, labels)),
    }


def main():
    rng = np.random.default_rng(20240611)
    iris = load_iris().data
    cases = []

    X, _ = make_blobs(n_samples=300, n_features=2, centers=3, random_state=1)
    cases.append(kmeans_case("blobs-2d-k3", X, 3, X[rng.choice(300, 3, replace=False)]))

    X, _ = make_blobs(n_samples=500, n_features=5, centers=6, cluster_std=2.5, random_state=2)
    cases.append(kmeans_case("overlapping-5d-k6", X, 6, X[rng.choice(500, 6, replace=False)]))

    X = rng.uniform(-1, 1, size=(400, 3))
    cases.append(kmeans_case("uniform-3d-k8-tol0", X, 8, X[rng.choice(400, 8, replace=False)], tol=0.0))

    X, _ = make_blobs(n_samples=200, n_features=3, centers=4, cluster_std=1.5, random_state=3)
    w = rng.uniform(0.1, 3.0, size=200)
    cases.append(kmeans_case("weighted-3d-k4", X, 4, X[rng.choice(200, 4, replace=False)], weights=w))

    X, _ = make_blobs(n_samples=400, n_features=4, centers=5, cluster_std=3.0, random_state=4)
    cases.append(kmeans_case("maxiter3-4d-k5", X, 5, X[rng.choice(400, 5, replace=False)], max_iter=3))

    cases.append(kmeans_case("iris-k3", iris, 3, iris[[0, 50, 100]]))

    X, _ = make_blobs(n_samples=120, n_features=2, centers=3, random_state=5)
    init = np.vstack([X[rng.choice(120, 2, replace=False)], [[100.0, 100.0]]])
    cases.append(kmeans_case("empty-cluster-2d-k3", X, 3, init))

    cases.append(kmeans_case("empty-cluster-weighted-1d", np.array([[-1.0], [1.0]]), 2,
                             np.array([[-1.0], [10.0]]), weights=np.array([1.9, 0.1])))

    scores = []
    X, y = make_blobs(n_samples=150, n_features=3, centers=4, cluster_std=1.2, random_state=6)
    scores.append(score_case("blobs-true-labels", X, y))
    scores.append(score_case("iris-species", iris, load_iris().target))
    X = rng.normal(size=(60, 2))
    y = rng.integers(0, 3, size=60)
    y[7] = 3  # a singleton cluster: its silhouette is 0 by definition
    scores.append(score_case("random-with-singleton", X, y))

    Xs = np.column_stack([rng.normal(5, 2, 50), np.full(50, 3.5), rng.uniform(-10, 0, 50)])
    std = StandardScaler().fit(Xs)
    mm = MinMaxScaler().fit(Xs)
    scalers = {
        "X": rows(Xs),
        "standard": rows(std.transform(Xs)),
        "standard_mean": [float(v) for v in std.mean_],
        "standard_scale": [float(v) for v in std.scale_],
        "minmax": rows(mm.transform(Xs)),
        "minmax_min": [float(v) for v in mm.data_min_],
        "minmax_max": [float(v) for v in mm.data_max_],
    }

    json.dump({
        "generator": "scripts/kmeans_sklearn.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "kmeans": cases,
        "scores": scores,
        "scalers": scalers,
    }, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
