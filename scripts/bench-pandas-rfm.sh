#!/usr/bin/env bash
# Compare rfm.Compute with pandas on ONE order-log CSV that both read:
# internal/synth.Log (1M customers by default, seed 1, 1.5% replayed rows,
# about 10.6M orders in date order, customers interleaved), columns id,
# customer_id, at (RFC 3339), amount. Go reads it with customer.ReadOrders
# (every ID its own string), pandas with read_csv; reading is timed apart
# and not compared. Both then wait on stdin, and the runs alternate:
# pandas, go, pandas, go, ... for each case, "dedup" (drop repeated
# customer/order pairs first: rfm's default) and "trust" (no duplicate
# detection: TrustOrderIDs). Prints every run (wall and CPU seconds, and
# checksums of the results), then the medians and the ratio rfm/pandas
# per case, and the stricter one: rfm with detection against pandas
# without.
# With IDS=numeric the file's IDs lose their letter prefixes ("SO" and
# "C"), so pandas reads them as int64 columns, its fastest case, while Go
# still reads strings: the comparison for a host whose IDs are numbers.
# Go then also runs rfm.ComputeColumns on the same orders as integer
# columns (IDs as int64, times as Unix seconds), the form pandas holds
# them in: cases dedup-int and trust-int.
# Not part of CI. Usage: scripts/bench-pandas-rfm.sh [CUSTOMERS] [RUNS] [text|numeric]
set -euo pipefail
cd "$(dirname "$0")/.."

CUSTOMERS=${1:-1000000}
RUNS=${2:-5}
IDS=${3:-text}
case "$IDS" in
  text | numeric) ;;
  *) echo "IDS must be text or numeric, not $IDS" >&2; exit 2 ;;
esac

if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y python3-pandas
fi

data=$(mktemp /tmp/rfm-orders.XXXXXX.csv)
results=$(mktemp /tmp/rfm-results.XXXXXX)
fifos=$(mktemp -d /tmp/rfm-fifos.XXXXXX)
trap 'rm -rf "$data" "$results" "$fifos"; kill $(jobs -p) 2>/dev/null || true' EXIT

go build -o /tmp/rfmbench ./scripts/rfmbench
info=$(/tmp/rfmbench -customers "$CUSTOMERS" -write "$data")
echo "$info"
if [[ $IDS == numeric ]]; then
  # SO1000000000,C52001098,... -> 1000000000,52001098,... (fixed width,
  # so distinct IDs stay distinct).
  sed -E -i '2,$ s/^SO([0-9]+),C([0-9]+),/\1,\2,/' "$data"
  echo "IDs made numeric: $(sed -n 2p "$data")"
fi
asof=$(sed -E 's/.*as-of unix ([0-9]+).*/\1/' <<<"$info")
offset=$(sed -E 's/.*offset ([0-9]+).*/\1/' <<<"$info")

# Both tools load the file, then run one case per line of input.
mkfifo "$fifos/pin" "$fifos/pout" "$fifos/gin" "$fifos/gout"
/usr/bin/python3 scripts/rfm_pandas.py "$data" "$asof" "$offset" "$IDS" <"$fifos/pin" >"$fifos/pout" &
intcols=()
if [[ $IDS == numeric ]]; then
  intcols=(-intcols)
fi
/tmp/rfmbench -csv "$data" -serve "${intcols[@]}" <"$fifos/gin" >"$fifos/gout" &
exec {pin}>"$fifos/pin" {pout}<"$fifos/pout" {gin}>"$fifos/gin" {gout}<"$fifos/gout"

# Wait for both to finish loading (their first lines report it).
read -r line <&"$pout"; echo "$line"
while read -r line <&"$gout"; do echo "$line"; [[ $line == *"input"* ]] && break; done

for run in $(seq "$RUNS"); do
  for case in dedup trust; do
    echo "$case" >&"$pin"; read -r line <&"$pout"; echo "run $run: $line" | tee -a "$results"
    echo "$case" >&"$gin"; read -r line <&"$gout"; echo "run $run: $line" | tee -a "$results"
    if [[ $IDS == numeric ]]; then
      echo "$case-int" >&"$gin"; read -r line <&"$gout"; echo "run $run: $line" | tee -a "$results"
    fi
  done
done
exec {pin}>&- {gin}>&-
wait

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
forms=("" "Compute")
if [[ $IDS == numeric ]]; then
  forms+=("-int" "ComputeColumns on integer columns")
fi
for ((f = 0; f < ${#forms[@]}; f += 2)); do
  suffix=${forms[f]} what=${forms[f + 1]}
  for case in dedup trust; do
    pw=$(awk -v c="$case" '$3 == "pandas" && $4 == c {print $5}' "$results" | median)
    pc=$(awk -v c="$case" '$3 == "pandas" && $4 == c {print $6}' "$results" | median)
    gw=$(awk -v c="$case$suffix" '$3 == "go" && $4 == c {print $5}' "$results" | median)
    gc=$(awk -v c="$case$suffix" '$3 == "go" && $4 == c {print $6}' "$results" | median)
    awk -v c="$case" -v w="$what" -v pw="$pw" -v pc="$pc" -v gw="$gw" -v gc="$gc" 'BEGIN {
      printf "%s: pandas median %.3f s (cpu %.3f), rfm.%s median %.3f s (cpu %.3f): rfm/pandas = %.2f (cpu %.2f)\n", c, pw, pc, w, gw, gc, gw / pw, gc / pc }'
  done
  # The stricter comparison too: rfm with duplicate detection (its
  # default) against pandas without it.
  gd=$(awk -v c="dedup$suffix" '$3 == "go" && $4 == c {print $5}' "$results" | median)
  pt=$(awk '$3 == "pandas" && $4 == "trust" {print $5}' "$results" | median)
  awk -v w="$what" -v g="$gd" -v p="$pt" 'BEGIN {
    printf "rfm.%s with detection against pandas without: %.3f s / %.3f s = %.2f\n", w, g, p, g / p }'
done
echo "IDs: $IDS; load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
