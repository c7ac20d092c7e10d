package clusterbeam

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// inProcess returns a pass that does in one process what Assign does on
// Beam: rows spread over shards in a random order, each shard's Step sent
// through the coder, merged in a random order.
func inProcess(rows [][]float64, seed uint64) func(context.Context, State) (*Step, error) {
	r := rand.New(rand.NewPCG(seed, 1))
	return func(_ context.Context, st State) (*Step, error) {
		f := &stepFn{K: len(st.Centroids), Dim: len(st.Centroids[0])}
		shards := make([]*Step, 4)
		for i := range shards {
			shards[i] = f.CreateAccumulator()
		}
		for _, i := range r.Perm(len(rows)) {
			var a assigned
			if err := assign(Row{Pos: int64(i), X: rows[i]}, st, func(x assigned) { a = x }); err != nil {
				return nil, err
			}
			k := r.IntN(len(shards))
			shards[k] = f.AddInput(shards[k], a)
		}
		acc := f.CreateAccumulator()
		for _, i := range r.Perm(len(shards)) {
			s, err := decodeStep(encodeStep(shards[i]))
			if err != nil {
				return nil, err
			}
			if acc, err = f.MergeAccumulators(acc, s); err != nil {
				return nil, err
			}
		}
		return acc, nil
	}
}

func stats(rows [][]float64, k int) *Stats {
	f := &statsFn{K: k}
	st := f.CreateAccumulator()
	for i, x := range rows {
		st, _ = f.AddInput(st, Row{Pos: int64(i), X: x})
	}
	return st
}

// TestFitMatchesKMeans checks the driver, the update and the re-seeding
// against cluster.KMeans, without Beam: starting centroids far from every
// row leave clusters empty in the first iterations.
func TestFitMatchesKMeans(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var rows [][]float64
	for i := range 600 {
		c := float64(i%3) * 6
		rows = append(rows, []float64{c + r.NormFloat64(), -c + r.NormFloat64()})
	}
	rows = append(rows, []float64{40, 40}, []float64{40, 40}) // equally far: the lower position wins
	for _, tc := range []struct {
		name string
		init [][]float64
		tol  float64
	}{
		{"rows", [][]float64{rows[0], rows[1], rows[2]}, 0},
		{"two empty", [][]float64{{0, 0}, {1e3, 1e3}, {-1e3, 1e3}}, 0},
		{"empty, strict", [][]float64{{0, 0}, {1e3, 1e3}, {6, -6}, {5, 5}}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := len(tc.init)
			want, err := cluster.KMeans{K: k, InitCentroids: tc.init, Algorithm: cluster.Lloyd, Tol: tc.tol}.Fit(t.Context(), cluster.Data{Rows: rows})
			if err != nil {
				t.Fatal(err)
			}
			got, err := Lloyd{Tol: tc.tol}.Fit(t.Context(), tc.init, stats(rows, k), inProcess(rows, 9))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.Centroids, got.Centroids, cmpopts.EquateApprox(1e-12, 1e-12)); diff != "" {
				t.Errorf("centroids mismatch (-want +got):\n%s", diff)
			}
			if got.Iterations != want.Iterations || got.Converged != want.Converged {
				t.Errorf("%d iterations, converged %v; cluster.KMeans: %d, %v", got.Iterations, got.Converged, want.Iterations, want.Converged)
			}
		})
	}
}

func TestFitRejects(t *testing.T) {
	rows := [][]float64{{1, 1}, {1, 1}, {2, 2}}
	pass := inProcess(rows, 1)
	for _, tc := range []struct {
		name string
		init [][]float64
	}{
		{"K above rows", [][]float64{{0, 0}, {1, 1}, {2, 2}, {3, 3}}},
		{"too few distinct", [][]float64{{0, 0}, {1, 1}, {2, 2}}},
		{"ragged", [][]float64{{0, 0}, {1}}},
	} {
		_, err := Lloyd{}.Fit(t.Context(), tc.init, stats(rows, len(tc.init)), pass)
		if !errors.Is(err, ErrInput) {
			t.Errorf("%s: error %v, want ErrInput", tc.name, err)
		}
	}
}
