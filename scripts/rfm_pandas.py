#!/usr/bin/python3
"""Time pandas doing what rfm.Compute does, on the order log CSV that
scripts/rfmbench writes (columns id, customer_id, at, amount), which
rfmbench reads too.

Usage: rfm_pandas.py FILE ASOF_UNIX OFFSET_SECONDS [text|numeric]

It reads the file (timed apart), then runs one case per line of stdin and
prints one line per run:

    pandas CASE WALL CPU - CUSTOMERS FREQUENCY MONETARY

CASE "dedup" first drops repeated (customer_id, id) pairs, keeping the
first, as rfm.Compute does by default; "trust" does not (TrustOrderIDs).
The timed part starts from the loaded DataFrame (IDs as strings, or as
int64 with "numeric", for a file whose IDs are digits only; the time as
int64 Unix seconds, the amount as float64) and computes, per customer
with a purchase (amount >= 0): the calendar day of the last purchase in
the as-of zone, the number of purchases, and the net amount of all
orders; then recency = as-of day - last day. It is written for speed, as
a pandas expert would: the IDs are factorized to integer codes once, the
duplicates are found on one int64 key, counts and sums are bincounts,
and only the maximum goes through groupby (on integer codes). The last
three fields are checksums that rfmbench prints too.
"""
import sys
import time

import numpy as np
import pandas as pd


def rfm(df, asof_unix, offset, dedup):
    ts = df["ts"].to_numpy()
    amount = df["amount"].to_numpy()
    # Customer codes in order of first appearance, so groups come out in
    # the order rfm.Compute returns them.
    cust, _ = pd.factorize(df["customer_id"])
    if dedup:
        oid, _ = pd.factorize(df["id"])
        key = cust.astype(np.int64) * (int(oid.max()) + 1) + oid
        keep = ~pd.Series(key).duplicated().to_numpy()
        ts, amount, cust = ts[keep], amount[keep], cust[keep]
    ok = ts <= asof_unix
    ts, amount, cust = ts[ok], amount[ok], cust[ok]
    day = (ts + offset) // 86400
    buys = amount >= 0
    n = int(cust.max()) + 1
    frequency = np.bincount(cust[buys], minlength=n)
    monetary = np.bincount(cust, weights=amount, minlength=n)
    last = pd.Series(day[buys]).groupby(cust[buys]).max()
    t = pd.DataFrame({"last": last})
    t["frequency"] = frequency[t.index]
    t["monetary"] = monetary[t.index]
    t["recency"] = (asof_unix + offset) // 86400 - t["last"]
    return t


def main():
    path, asof_unix, offset = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ids = sys.argv[4] if len(sys.argv) > 4 else "text"
    id_type = {"text": str, "numeric": np.int64}[ids]
    start = time.perf_counter()
    df = pd.read_csv(path, dtype={"id": id_type, "customer_id": id_type, "at": str, "amount": np.float64})
    df["ts"] = pd.to_datetime(df["at"], utc=True).astype("int64") // 10**9
    df = df.drop(columns=["at"])
    print(f"pandas {pd.__version__}, numpy {np.__version__}: {len(df)} orders read in {time.perf_counter() - start:.1f} s, IDs {ids}", flush=True)
    for line in sys.stdin:
        case = line.strip()
        cpu0, start = time.process_time(), time.perf_counter()
        t = rfm(df, asof_unix, offset, case == "dedup")
        sec, cpu = time.perf_counter() - start, time.process_time() - cpu0
        print(f"pandas {case} {sec:.4f} {cpu:.4f} - {len(t)} {int(t['frequency'].sum())} {t['monetary'].sum():.2f}", flush=True)


if __name__ == "__main__":
    main()
