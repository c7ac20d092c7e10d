package cluster_test

import (
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/google/go-cmp/cmp"
)

// FuzzFit fits tiny inputs decoded from the fuzzer's bytes: 1 to 12 rows of
// 1 to 4 small values (so duplicates and ties are common), K from 1 to n,
// optional weights, either seeding and either algorithm. A fit must either
// fail with one of the documented errors or return labels in range and an
// inertia that equals the recomputed weighted sum of squared distances,
// with Hamerly agreeing with Lloyd.
func FuzzFit(f *testing.F) {
	f.Add([]byte{4, 2, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add([]byte{6, 1, 3, 3, 0, 0, 0, 0, 0, 9, 1, 2, 3, 4, 5, 6})
	f.Add([]byte{12, 3, 5, 6, 200, 100, 50, 25, 12, 6, 3, 1, 0, 255, 254, 253})
	f.Add([]byte{3, 2, 3, 1, 7, 7, 7, 7, 7, 7})
	f.Add([]byte{5, 1, 2, 4, 0, 0, 0, 0, 255, 0, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 {
			return
		}
		n := int(data[0])%12 + 1
		d := int(data[1])%4 + 1
		k := int(data[2])%n + 1
		flags := data[3]
		data = data[4:]
		next := func() byte {
			if len(data) == 0 {
				return 0
			}
			b := data[0]
			data = data[1:]
			return b
		}
		X := make([][]float64, n)
		for i := range X {
			X[i] = make([]float64, d)
			for j := range X[i] {
				X[i][j] = float64(int8(next())) / 4
			}
		}
		var w []float64
		if flags&1 != 0 {
			w = make([]float64, n)
			for i := range w {
				w[i] = float64(next() % 4)
			}
		}
		km := cluster.KMeans{K: k, Seed: uint64(flags), Algorithm: cluster.Lloyd}
		if flags&2 != 0 {
			km.Init = cluster.Random
		}
		km.Workers = int(flags>>2)%3 + 1
		m, err := km.Fit(t.Context(), cluster.Data{Rows: X, Weights: w})
		if err != nil {
			if !errors.Is(err, cluster.ErrTooFewDistinct) && !errors.Is(err, cluster.ErrWeight) {
				t.Fatalf("FitWeighted(%v, %v, K=%d): unexpected error %v", X, w, k, err)
			}
			return
		}
		if len(m.Labels) != n || len(m.Centroids) != k {
			t.Fatalf("%d labels and %d centroids for %d rows, K=%d", len(m.Labels), len(m.Centroids), n, k)
		}
		checkInertia(t, "Lloyd", X, w, m)
		for _, alg := range []cluster.Algorithm{cluster.Hamerly, cluster.Auto} {
			km.Algorithm = alg
			h, err := km.Fit(t.Context(), cluster.Data{Rows: X, Weights: w})
			if err != nil {
				t.Fatalf("%v failed where Lloyd succeeded: %v", alg, err)
			}
			if diff := cmp.Diff(m, h); diff != "" {
				t.Fatalf("%v differs from Lloyd (-lloyd +%v):\n%s", alg, alg, diff)
			}
		}

		// Mini-batch k-means on the same rows, with small batches and
		// reassignment: the same errors or none, labels of the nearest
		// final centroid, its inertia, and the same result on 1 and 3
		// workers.
		mb := cluster.MiniBatchKMeans{K: k, Seed: uint64(flags), BatchSize: int(flags)%5 + 1, MaxIter: 3, Workers: 1}
		if flags&2 != 0 {
			mb.Init = cluster.Random
		}
		mm, err := mb.Fit(t.Context(), cluster.Data{Rows: X, Weights: w})
		if err != nil {
			t.Fatalf("mini-batch failed where Lloyd succeeded: %v", err)
		}
		for i, l := range mm.Labels {
			if l != mm.Predict(X[i]) {
				t.Fatalf("mini-batch row %d labelled %d, nearest centroid %d", i, l, mm.Predict(X[i]))
			}
		}
		checkInertia(t, "mini-batch", X, w, mm)
		mb.Workers = 3
		if m3, err := mb.Fit(t.Context(), cluster.Data{Rows: X, Weights: w}); err != nil || !cmp.Equal(mm, m3) {
			t.Fatalf("mini-batch on 3 workers differs from 1: %v\n%s", err, cmp.Diff(mm, m3))
		}
	})
}

// checkInertia checks that m's labels are in range and its inertia is
// that of its labels and centroids on X with weights w (nil: all 1).
func checkInertia(t *testing.T, what string, X [][]float64, w []float64, m *cluster.Model) {
	t.Helper()
	var inertia float64
	for i, l := range m.Labels {
		if l < 0 || l >= len(m.Centroids) {
			t.Fatalf("%s: label %d out of range [0, %d)", what, l, len(m.Centroids))
		}
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		for j, v := range X[i] {
			inertia += wi * (v - m.Centroids[l][j]) * (v - m.Centroids[l][j])
		}
	}
	if !(m.Inertia >= 0) || math.Abs(m.Inertia-inertia) > 1e-9*inertia+1e-12 {
		t.Fatalf("%s: inertia %v, recomputed %v", what, m.Inertia, inertia)
	}
}
