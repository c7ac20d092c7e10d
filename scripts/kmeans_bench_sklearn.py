#!/usr/bin/python3
"""Time scikit-learn's KMeans on the files written by scripts/kmeansbench.

Usage: kmeans_bench_sklearn.py DATA INIT D K RUNS [FIRST]

DATA holds N×D and INIT K×D raw little-endian float64 values, row-major.
Each run fits KMeans(n_clusters=K, init=<INIT>, n_init=1, tol=1e-4,
algorithm="lloyd") and prints its wall time, inertia, iteration count and
CPU time (all of the process's threads: OpenMP and BLAS), then the median
and best times.
"""
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans


def main():
    data, init, d, k, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    first = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    X = np.fromfile(data, dtype="<f8").reshape(-1, d)
    C = np.fromfile(init, dtype="<f8").reshape(k, d)
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    times = []
    for r in range(first, first + runs):
        km = KMeans(n_clusters=k, init=C, n_init=1, tol=1e-4, algorithm="lloyd")
        cpu0, start = time.process_time(), time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            km.fit(X)
        sec = time.perf_counter() - start
        cpu = time.process_time() - cpu0
        times.append(sec)
        print(f"sklearn run {r}: {sec:.4f} s, inertia {km.inertia_:.6f}, iterations {km.n_iter_}, cpu {cpu:.4f} s")
    times.sort()
    print(f"sklearn median {times[len(times) // 2]:.4f} s, best {times[0]:.4f} s")


if __name__ == "__main__":
    main()
