#!/usr/bin/env bash
# Compare rfm.Compute + rfm.Quantile.Score + rfm.SegmentTable.Assign with pandas
# (groupby + qcut on ranks) on the same synthetic orders: 1M persons,
# about 10.4M orders (internal/synth, seed 1). Both sides time in-memory
# work only: pandas from a loaded DataFrame, Go from a slice of orders.
# Prints both medians and the ratios, twice: without duplicate detection
# (pandas as usually written; Go with TrustOrderIDs) and with it (pandas
# drop_duplicates on customer and order ID; Go's default).
# Not part of CI. Usage: scripts/bench-pandas-rfm.sh [PEOPLE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

PEOPLE=${1:-1000000}
RUNS=${2:-5}

if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y python3-pandas
fi

data=$(mktemp /tmp/rfm-orders.XXXXXX.csv)
trap 'rm -f "$data"' EXIT

go build -o /tmp/rfmbench ./scripts/rfmbench
asof=$(/tmp/rfmbench -people "$PEOPLE" -out "$data" | tee /dev/stderr | awk '/as-of day/ {print $NF}')

median() { awk '/median/ {print $3}'; }

echo "== pandas, no duplicate detection"
pd_trust=$(/usr/bin/python3 scripts/rfm_pandas.py "$data" "$asof" "$RUNS" | tee /dev/stderr | median)
echo "== clientele/rfm, TrustOrderIDs"
go_trust=$(/tmp/rfmbench -people "$PEOPLE" -runs "$RUNS" -trust | tee /dev/stderr | median)
echo "== pandas, drop_duplicates"
pd_dedup=$(/usr/bin/python3 scripts/rfm_pandas.py "$data" "$asof" "$RUNS" dedup | tee /dev/stderr | median)
echo "== clientele/rfm, default (duplicates counted once)"
go_dedup=$(/tmp/rfmbench -people "$PEOPLE" -runs "$RUNS" | tee /dev/stderr | median)

awk -v p="$pd_trust" -v g="$go_trust" 'BEGIN { printf "no dedup:   pandas %.3f s, rfm %.3f s: rfm is %.2fx faster\n", p, g, p / g }'
awk -v p="$pd_dedup" -v g="$go_dedup" 'BEGIN { printf "with dedup: pandas %.3f s, rfm %.3f s: rfm is %.2fx faster\n", p, g, p / g }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
