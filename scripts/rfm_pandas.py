#!/usr/bin/python3
"""Time pandas doing what rfm.Compute + rfm.Quantile.Score +
rfm.SegmentTable.Assign do, on the orders CSV written by scripts/rfmbench.

Usage: rfm_pandas.py FILE ASOF_DAY RUNS [dedup]

The timed part starts from the loaded DataFrame (order_id and customer_id
as strings, day as an integer day number, amount as float64) and does:
optionally drop repeated (customer_id, order_id) pairs; per customer the
last purchase day, the number of purchases (amount >= 0) and the net
amount of all orders; recency = ASOF_DAY - last day; 1..5 scores by qcut
on ranks (the usual pandas recipe; recency reversed); the segment of
R's rfm default table by a 125-entry lookup. It prints each run's wall and
CPU time, then the median and best.
"""
import sys
import time

import numpy as np
import pandas as pd

# R rfm's default segments, first match wins (see rfm.StandardSegments).
RULES = [
    ("Champions", (5, 5), (5, 5), (5, 5)),
    ("Potential Loyalist", (3, 5), (3, 5), (2, 5)),
    ("Loyal Customers", (2, 4), (2, 4), (2, 4)),
    ("Promising", (3, 4), (1, 3), (3, 5)),
    ("New Customers", (4, 5), (1, 3), (1, 5)),
    ("Can't Lose Them", (1, 2), (3, 4), (4, 5)),
    ("At Risk", (1, 2), (2, 5), (4, 5)),
    ("Need Attention", (1, 3), (3, 5), (3, 5)),
    ("About To Sleep", (2, 3), (1, 3), (1, 4)),
    ("Lost", (1, 1), (1, 5), (1, 5)),
]


def lookup():
    lut = np.full(125, len(RULES), dtype=np.int16)  # len(RULES) = Others
    for r in range(1, 6):
        for f in range(1, 6):
            for m in range(1, 6):
                for i, (_, rr, fr, mr) in enumerate(RULES):
                    if rr[0] <= r <= rr[1] and fr[0] <= f <= fr[1] and mr[0] <= m <= mr[1]:
                        lut[(r - 1) * 25 + (f - 1) * 5 + (m - 1)] = i
                        break
    return lut


def rfm(df, asof_day, lut, dedup):
    if dedup:
        df = df.drop_duplicates(subset=["customer_id", "order_id"])
    buys = df[df["amount"] >= 0]
    t = buys.groupby("customer_id", sort=False).agg(last=("day", "max"), frequency=("day", "size"))
    t["monetary"] = df.groupby("customer_id", sort=False)["amount"].sum()
    t["recency"] = asof_day - t["last"]
    r = pd.qcut(t["recency"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1]).astype(np.int64)
    f = pd.qcut(t["frequency"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(np.int64)
    m = pd.qcut(t["monetary"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(np.int64)
    t["segment"] = lut[((r - 1) * 25 + (f - 1) * 5 + (m - 1)).to_numpy()]
    return t


def main():
    path, asof_day, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    dedup = len(sys.argv) > 4 and sys.argv[4] == "dedup"
    start = time.perf_counter()
    df = pd.read_csv(path, dtype={"order_id": str, "customer_id": str, "day": np.int64, "amount": np.float64})
    print(f"pandas {pd.__version__}, numpy {np.__version__}: {len(df)} orders read in {time.perf_counter() - start:.1f} s")
    lut = lookup()
    times = []
    for run in range(1, runs + 1):
        cpu0, start = time.process_time(), time.perf_counter()
        t = rfm(df, asof_day, lut, dedup)
        sec = time.perf_counter() - start
        cpu = time.process_time() - cpu0
        times.append(sec)
        print(f"pandas run {run}: {sec:.4f} s, {len(t)} customers, {(t['segment'] == 0).sum()} champions, cpu {cpu:.4f} s")
    times.sort()
    print(f"pandas median {times[len(times) // 2]:.4f} s, best {times[0]:.4f} s")


if __name__ == "__main__":
    main()
