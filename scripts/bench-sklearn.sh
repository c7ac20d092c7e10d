#!/usr/bin/env bash
# Compare cluster.KMeans with scikit-learn's KMeans, side by side, on ONE
# data file and ONE initial-centroid file that both read:
#
#   scripts/bench-sklearn.sh [SET] [N] [K] [ROUNDS] [GOFLAGS...]
#
# SET is "overlap" (default: 8 Gaussian blobs in 8 dimensions whose spread
# matches their separation, tens of Lloyd iterations, as real RFM-like
# features) or "blobs" (well separated). scripts/kmeansbench writes the
# data (N rows, default 1,000,000) and K starting rows (default 8) as raw
# float64; each tool then fits from those centroids, scikit-learn with
# algorithm="lloyd", tol 1e-4, n_init 1, cluster.KMeans with its defaults
# (Auto). The two alternate, one fit each per round (default 7 rounds), so
# that both see the same background load. The script prints each tool's
# median and best wall time, mean CPU time, the median ratio, and the
# iterations and inertia of each. Extra arguments go to kmeansbench (for
# example -float32, or -alg lloyd).
#
# Not part of CI. Needs Debian's python3-sklearn (installed here if
# missing) run with /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/.."

SET=${1:-overlap}
N=${2:-1000000}
K=${3:-8}
ROUNDS=${4:-7}
shift $(( $# < 4 ? $# : 4 ))
D=8

if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y python3-sklearn python3-pandas
fi

tmp=$(mktemp -d /tmp/kmeans-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/kmeansbench" ./scripts/kmeansbench
"$tmp/kmeansbench" -write -set "$SET" -n "$N" -k "$K" -data "$tmp/x.f64" -init "$tmp/c.f64"
echo "data set $SET: $N rows × $D features, K = $K, $(stat -c %s "$tmp/x.f64") bytes; go flags: $*"
/usr/bin/python3 -c 'import sklearn, numpy; print("scikit-learn", sklearn.__version__, "numpy", numpy.__version__)'
go version

for r in $(seq 1 "$ROUNDS"); do
  /usr/bin/python3 scripts/kmeans_bench_sklearn.py "$tmp/x.f64" "$tmp/c.f64" "$D" "$K" 1 "$r" | grep ' run ' | tee -a "$tmp/sk.txt"
  "$tmp/kmeansbench" -d "$D" -k "$K" -data "$tmp/x.f64" -init "$tmp/c.f64" -runs 1 -first "$r" "$@" | grep ' run ' | tee -a "$tmp/go.txt"
done

# Lines read: "<who> run <r>: <wall> s, inertia <x>, iterations <i>, cpu <c> s".
stats() {
  local walls med best cpu inertia iters
  walls=$(awk '{print $4}' "$1" | sort -g)
  med=$(echo "$walls" | awk '{w[NR] = $1} END {print w[int((NR + 1) / 2)]}')
  best=$(echo "$walls" | head -1)
  cpu=$(awk '{c += $(NF-1)} END {print c / NR}' "$1")
  inertia=$(awk 'NR == 1 {print $7}' "$1" | tr -d ,)
  iters=$(awk 'NR == 1 {print $9}' "$1" | tr -d ,)
  echo "$med $best $cpu $inertia $iters"
}
read -r sk_med sk_best sk_cpu sk_in sk_it < <(stats "$tmp/sk.txt")
read -r go_med go_best go_cpu go_in go_it < <(stats "$tmp/go.txt")
awk -v s="$sk_med" -v g="$go_med" -v sb="$sk_best" -v gb="$go_best" -v sc="$sk_cpu" -v gc="$go_cpu" \
    -v si="$sk_in" -v gi="$go_in" -v sit="$sk_it" -v git="$go_it" 'BEGIN {
  printf "median wall: scikit-learn %.4f s, cluster %.4f s: ratio cluster/scikit-learn %.2f (%.2fx faster)\n", s, g, g / s, s / g
  printf "best wall:   scikit-learn %.4f s, cluster %.4f s: ratio %.2f\n", sb, gb, gb / sb
  printf "mean CPU:    scikit-learn %.4f s, cluster %.4f s: ratio %.2f\n", sc, gc, gc / sc
  d = (gi - si) / si; if (d < 0) d = -d
  printf "iterations:  scikit-learn %d, cluster %d\n", sit, git
  printf "inertia:     scikit-learn %.6f, cluster %.6f, relative difference %.2e\n", si, gi, d
}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
