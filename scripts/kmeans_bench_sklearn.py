#!/usr/bin/python3
"""Time scikit-learn's KMeans on the data written by scripts/kmeansbench.

Usage: kmeans_bench_sklearn.py FILE N D K RUNS [FIRST]
Run r (from FIRST, default 1) fits KMeans(n_clusters=K, init="k-means++",
n_init=1, tol=1e-4, algorithm="lloyd", random_state=r) and prints its wall
time and inertia,
then the median and best times. CPU time covers all of the process's
threads (OpenMP and BLAS).
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans


def main():
    path, n, d, k, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    first = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    X = np.fromfile(path, dtype="<f8").reshape(n, d)
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    times = []
    for r in range(first, first + runs):
        km = KMeans(n_clusters=k, init="k-means++", n_init=1, tol=1e-4, algorithm="lloyd", random_state=r)
        cpu0, start = time.process_time(), time.perf_counter()
        km.fit(X)
        sec = time.perf_counter() - start
        cpu = time.process_time() - cpu0
        times.append(sec)
        print(f"sklearn run {r}: {sec:.4f} s, inertia {km.inertia_:.6f}, iterations {km.n_iter_}, cpu {cpu:.4f} s")
    times.sort()
    print(f"sklearn median {times[len(times) // 2]:.4f} s, best {times[0]:.4f} s")


if __name__ == "__main__":
    main()
