#!/usr/bin/env bash
# Compare cluster.KMeans with scikit-learn's KMeans on the same 1M×8, k=8
# mixture-of-blobs data (internal/synth.Blobs, seed 1): full fits with
# k-means++ seeding, one init, tol 1e-4. Prints both medians and the ratio.
# Not part of CI. Usage: scripts/bench-sklearn.sh [N] [D] [K] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
D=${2:-8}
K=${3:-8}
RUNS=${4:-5}

if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y python3-sklearn
fi

data=$(mktemp /tmp/kmeans-blobs.XXXXXX)
trap 'rm -f "$data"' EXIT

go build -o /tmp/kmeansbench ./scripts/kmeansbench
/tmp/kmeansbench -n "$N" -d "$D" -k "$K" -out "$data"

echo "== scikit-learn"
sk=$(/usr/bin/python3 scripts/kmeans_bench_sklearn.py "$data" "$N" "$D" "$K" "$RUNS" | tee /dev/stderr)
echo "== clientele/cluster"
go=$(/tmp/kmeansbench -n "$N" -d "$D" -k "$K" -runs "$RUNS" | tee /dev/stderr)

sk_med=$(echo "$sk" | awk '/median/ {print $3}')
go_med=$(echo "$go" | awk '/median/ {print $3}')
sk_best=$(echo "$sk" | awk '/median/ {print $6}')
go_best=$(echo "$go" | awk '/median/ {print $6}')
sk_cpu=$(echo "$sk" | awk '/ run / {s += $NF == "s" ? $(NF-1) : $NF; n++} END {printf "%.4f", s / n}')
go_cpu=$(echo "$go" | awk '/ run / {s += $NF == "s" ? $(NF-1) : $NF; n++} END {printf "%.4f", s / n}')
sk_in=$(echo "$sk" | awk '/run 1:/ {print $7}' | tr -d ,)
go_in=$(echo "$go" | awk '/run 1:/ {print $7}' | tr -d ,)
awk -v s="$sk_med" -v g="$go_med" -v sb="$sk_best" -v gb="$go_best" -v sc="$sk_cpu" -v gc="$go_cpu" \
    -v si="$sk_in" -v gi="$go_in" 'BEGIN {
  printf "median fit: scikit-learn %.4f s, cluster %.4f s: cluster is %.2fx faster\n", s, g, s / g
  printf "best fit:   scikit-learn %.4f s, cluster %.4f s: cluster is %.2fx faster\n", sb, gb, sb / gb
  printf "mean CPU:   scikit-learn %.4f s, cluster %.4f s: cluster uses %.2fx less\n", sc, gc, sc / gc
  d = (gi - si) / si; if (d < 0) d = -d
  printf "inertia (run 1): scikit-learn %.6f, cluster %.6f, relative difference %.2e\n", si, gi, d
}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
