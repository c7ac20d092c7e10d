#!/usr/bin/env bash
# Compare cluster.KMeans with scikit-learn's KMeans on the same mixture of
# Gaussian blobs from internal/synth (default 1M rows × 8 features, 8 blobs,
# seed 1): full fits with k-means++ seeding, one init, tol 1e-4, Lloyd for
# scikit-learn and the default (Hamerly) for cluster. The two alternate, one
# fit each per round, so that both see the same background load; the script
# prints both libraries' median and best wall times, mean CPU seconds and
# the ratios, and compares the inertia of the first round's fits.
# Not part of CI. Usage: scripts/bench-sklearn.sh [N] [D] [K] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
D=${2:-8}
K=${3:-8}
ROUNDS=${4:-7}

if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y python3-sklearn
fi

tmp=$(mktemp -d /tmp/kmeans-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/kmeansbench" ./scripts/kmeansbench
"$tmp/kmeansbench" -n "$N" -d "$D" -k "$K" -out "$tmp/blobs.f64"
/usr/bin/python3 -c 'import sklearn, numpy; print("scikit-learn", sklearn.__version__, "numpy", numpy.__version__)'

for r in $(seq 1 "$ROUNDS"); do
  /usr/bin/python3 scripts/kmeans_bench_sklearn.py "$tmp/blobs.f64" "$N" "$D" "$K" 1 "$r" | grep ' run ' | tee -a "$tmp/sk.txt"
  "$tmp/kmeansbench" -n "$N" -d "$D" -k "$K" -runs 1 -first "$r" | grep ' run ' | tee -a "$tmp/go.txt"
done

# Lines read: "<who> run <r>: <wall> s, inertia <x>, iterations <i>, cpu <c> s".
stats() {
  local walls med best cpu inertia
  walls=$(awk '{print $4}' "$1" | sort -g)
  med=$(echo "$walls" | awk '{w[NR] = $1} END {print w[int((NR + 1) / 2)]}')
  best=$(echo "$walls" | head -1)
  cpu=$(awk '{c += $(NF-1)} END {print c / NR}' "$1")
  inertia=$(awk 'NR == 1 {print $7}' "$1" | tr -d ,)
  echo "$med $best $cpu $inertia"
}
read -r sk_med sk_best sk_cpu sk_in < <(stats "$tmp/sk.txt")
read -r go_med go_best go_cpu go_in < <(stats "$tmp/go.txt")
awk -v s="$sk_med" -v g="$go_med" -v sb="$sk_best" -v gb="$go_best" -v sc="$sk_cpu" -v gc="$go_cpu" \
    -v si="$sk_in" -v gi="$go_in" 'BEGIN {
  printf "median wall: scikit-learn %.4f s, cluster %.4f s: cluster is %.2fx faster\n", s, g, s / g
  printf "best wall:   scikit-learn %.4f s, cluster %.4f s: cluster is %.2fx faster\n", sb, gb, sb / gb
  printf "mean CPU:    scikit-learn %.4f s, cluster %.4f s: cluster uses %.2fx less\n", sc, gc, sc / gc
  d = (gi - si) / si; if (d < 0) d = -d
  printf "inertia (round 1): scikit-learn %.6f, cluster %.6f, relative difference %.2e\n", si, gi, d
}'
echo "inertia by round (k-means++ with one init lands in a worse local optimum now and then, in both):"
paste -d' ' <(awk '{print $7}' "$tmp/sk.txt") <(awk '{print $7}' "$tmp/go.txt") | tr -d , |
  awk '{printf "  round %d: scikit-learn %.6f, cluster %.6f\n", NR, $1, $2}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
