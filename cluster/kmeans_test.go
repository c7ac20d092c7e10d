package cluster_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestKMeansBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	good := [][]float64{{0, 0}, {1, 1}, {5, 5}, {6, 6}}
	tests := []struct {
		name    string
		km      cluster.KMeans
		X       [][]float64
		w       []float64
		want    error
		wantRow int // for *InputError; -2 = not an InputError
		wantCol int
	}{
		{"empty", cluster.KMeans{K: 1}, nil, nil, cluster.ErrEmpty, -1, -1},
		{"no columns", cluster.KMeans{K: 1}, [][]float64{{}, {}}, nil, cluster.ErrEmpty, 0, -1},
		{"ragged", cluster.KMeans{K: 2}, [][]float64{{0, 0}, {1, 1}, {2}}, nil, cluster.ErrRagged, 2, -1},
		{"NaN", cluster.KMeans{K: 2}, [][]float64{{0, 0}, {1, nan}, {2, 2}}, nil, cluster.ErrNotFinite, 1, 1},
		{"+Inf", cluster.KMeans{K: 2}, [][]float64{{0, 0}, {1, 1}, {inf, 2}}, nil, cluster.ErrNotFinite, 2, 0},
		{"-Inf", cluster.KMeans{K: 2}, [][]float64{{-inf, 0}, {1, 1}}, nil, cluster.ErrNotFinite, 0, 0},
		{"K zero", cluster.KMeans{}, good, nil, cluster.ErrConfig, -2, 0},
		{"K negative", cluster.KMeans{K: -1}, good, nil, cluster.ErrConfig, -2, 0},
		{"K above n", cluster.KMeans{K: 5}, good, nil, cluster.ErrConfig, -2, 0},
		{"negative weight", cluster.KMeans{K: 2}, good, []float64{1, -1, 1, 1}, cluster.ErrWeight, 1, -1},
		{"NaN weight", cluster.KMeans{K: 2}, good, []float64{1, 1, nan, 1}, cluster.ErrWeight, 2, -1},
		{"Inf weight", cluster.KMeans{K: 2}, good, []float64{1, 1, 1, inf}, cluster.ErrWeight, 3, -1},
		{"short weights", cluster.KMeans{K: 2}, good, []float64{1, 1}, cluster.ErrWeight, -1, -1},
		{"zero weights", cluster.KMeans{K: 2}, good, []float64{0, 0, 0, 0}, cluster.ErrWeight, -1, -1},
		{"init rows", cluster.KMeans{K: 2, InitCentroids: [][]float64{{0, 0}}}, good, nil, cluster.ErrConfig, -2, 0},
		{"init columns", cluster.KMeans{K: 2, InitCentroids: [][]float64{{0, 0}, {1}}}, good, nil, cluster.ErrConfig, 1, -1},
		{"init NaN", cluster.KMeans{K: 2, InitCentroids: [][]float64{{0, 0}, {nan, 1}}}, good, nil, cluster.ErrNotFinite, 1, 0},
		{"too few distinct", cluster.KMeans{K: 3}, [][]float64{{1, 1}, {2, 2}, {1, 1}, {2, 2}}, nil, cluster.ErrTooFewDistinct, -2, 0},
		{"distinct only with zero weight", cluster.KMeans{K: 2}, good, []float64{1, 0, 0, 0}, cluster.ErrTooFewDistinct, -2, 0},
		{"negative MaxIter", cluster.KMeans{K: 2, MaxIter: -1}, good, nil, cluster.ErrConfig, -2, 0},
		{"negative NInit", cluster.KMeans{K: 2, NInit: -1}, good, nil, cluster.ErrConfig, -2, 0},
		{"NaN Tol", cluster.KMeans{K: 2, Tol: nan}, good, nil, cluster.ErrConfig, -2, 0},
		{"unknown Init", cluster.KMeans{K: 2, Init: 7}, good, nil, cluster.ErrConfig, -2, 0},
		{"unknown Algorithm", cluster.KMeans{K: 2, Algorithm: 9}, good, nil, cluster.ErrConfig, -2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tt.km.Fit(t.Context(), cluster.Data{Rows: tt.X, Weights: tt.w})
			if !errors.Is(err, tt.want) {
				t.Fatalf("FitWeighted error = %v, want %v", err, tt.want)
			}
			if m != nil {
				t.Errorf("FitWeighted returned a model with an error")
			}
			var ie *cluster.InputError
			if tt.wantRow == -2 {
				if errors.As(err, &ie) {
					t.Errorf("error %v is an InputError, want a plain wrapped sentinel", err)
				}
				return
			}
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			if ie.Row != tt.wantRow || ie.Col != tt.wantCol {
				t.Errorf("error %v locates row %d column %d, want row %d column %d", err, ie.Row, ie.Col, tt.wantRow, tt.wantCol)
			}
		})
	}
}

func TestInputErrorMessage(t *testing.T) {
	_, err := cluster.KMeans{K: 1}.Fit(t.Context(), cluster.Data{Rows: [][]float64{{0, 0}, {1, math.NaN()}}})
	if got, want := fmt.Sprint(err), "cluster: X row 1, column 1: value is NaN or infinite"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

// TestKMeansWorkersBitIdentical fits with 1, 2 and 8 workers and expects
// exactly the same model: same labels, same bits in every float.
func TestKMeansWorkersBitIdentical(t *testing.T) {
	X, _, _ := synth.Blobs{N: 2500, Dim: 4, Centers: 6, Std: 2.5, Seed: 3}.Generate()
	w := make([]float64, len(X))
	for i := range w {
		w[i] = float64(i%5) * 0.37
	}
	for _, tt := range []struct {
		name string
		km   cluster.KMeans
		w    []float64
	}{
		{"k-means++", cluster.KMeans{K: 6, Seed: 42}, nil},
		{"k-means++ lloyd", cluster.KMeans{K: 6, Seed: 42, Algorithm: cluster.Lloyd}, nil},
		{"random ninit 3", cluster.KMeans{K: 9, Init: cluster.Random, NInit: 3, Seed: 7}, nil},
		{"weighted", cluster.KMeans{K: 5, Seed: 1}, w},
		{"weighted random", cluster.KMeans{K: 5, Init: cluster.Random, Seed: 1}, w},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var first *cluster.Model
			for _, workers := range []int{1, 2, 8} {
				km := tt.km
				km.Workers = workers
				m, err := km.Fit(t.Context(), cluster.Data{Rows: X, Weights: tt.w})
				if err != nil {
					t.Fatal(err)
				}
				if first == nil {
					first = m
					continue
				}
				if diff := cmp.Diff(first, m); diff != "" {
					t.Errorf("Workers=%d differs from Workers=1 (-1 +%d):\n%s", workers, workers, diff)
				}
			}
		})
	}
}

// TestHamerlyMatchesLloyd runs both algorithms from the same seed on data
// that takes many iterations and expects identical labels and iteration
// counts, and inertia and centroids equal to 1e-9 relative (they are in
// fact bit-identical).
func TestHamerlyMatchesLloyd(t *testing.T) {
	for _, tt := range []struct{ n, d, k, centers int }{
		{1500, 1, 4, 3}, {1500, 2, 10, 4}, {1000, 3, 25, 5}, {1200, 8, 8, 8}, {800, 13, 6, 3}, {500, 2, 1, 2},
	} {
		t.Run(fmt.Sprintf("n=%d,d=%d,k=%d", tt.n, tt.d, tt.k), func(t *testing.T) {
			X, _, _ := synth.Blobs{N: tt.n, Dim: tt.d, Centers: tt.centers, Std: 4, Seed: uint64(tt.k)}.Generate()
			for _, seed := range []uint64{1, 2} {
				lloyd, err := cluster.KMeans{K: tt.k, Seed: seed, Tol: -1, Algorithm: cluster.Lloyd}.Fit(t.Context(), cluster.Data{Rows: X})
				if err != nil {
					t.Fatal(err)
				}
				for _, alg := range []cluster.Algorithm{cluster.Hamerly, cluster.Auto} {
					ham, err := cluster.KMeans{K: tt.k, Seed: seed, Tol: -1, Algorithm: alg}.Fit(t.Context(), cluster.Data{Rows: X})
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(lloyd.Labels, ham.Labels); diff != "" {
						t.Errorf("seed %d: labels mismatch (-lloyd +%v):\n%s", seed, alg, diff)
					}
					if diff := cmp.Diff(lloyd, ham, cmpopts.EquateApprox(1e-9, 0)); diff != "" {
						t.Errorf("seed %d: model mismatch (-lloyd +%v):\n%s", seed, alg, diff)
					}
				}
			}
		})
	}
}

// TestEmptyClusterRelocation follows a hand-computed run. X = 0, 1, 10, 11
// from centroids 0, 1, 100.
//
// Iteration 1 labels 0,1,1,1 and leaves cluster 2 empty; the farthest point
// from its centroid is 11 (distance² 100), which becomes centroid 2 and
// leaves cluster 1 with {1, 10}: centroids 0, 5.5, 11.
// Iteration 2 labels 0,0,2,2 and leaves cluster 1 empty; points 1 and 10
// tie at distance² 1, so row 1 (the lower) moves: centroids 0, 1, 10.5.
// Iteration 3 labels 0,1,2,2; no centroid moves, so the fit converges by
// tolerance (labels changed) and the last assignment keeps 0,1,2,2.
// Inertia = 0.5² + 0.5² = 0.5.
func TestEmptyClusterRelocation(t *testing.T) {
	X := [][]float64{{0}, {1}, {10}, {11}}
	for _, alg := range []cluster.Algorithm{cluster.Lloyd, cluster.Hamerly, cluster.Auto} {
		var inertias []float64
		km := cluster.KMeans{K: 3, InitCentroids: [][]float64{{0}, {1}, {100}}, Algorithm: alg,
			Progress: func(_ int, in float64) { inertias = append(inertias, in) }}
		m, err := km.Fit(t.Context(), cluster.Data{Rows: X})
		if err != nil {
			t.Fatal(err)
		}
		want := &cluster.Model{
			Centroids:  [][]float64{{0}, {1}, {10.5}},
			Labels:     []int{0, 1, 2, 2},
			Inertia:    0.5,
			Iterations: 3,
			Converged:  true,
		}
		if diff := cmp.Diff(want, m); diff != "" {
			t.Errorf("%v: KMeans mismatch (-want +got):\n%s", alg, diff)
		}
		// Assignment inertias: 0+0+81+100 = 181; 0+1+1+0 = 2; 0.5.
		if diff := cmp.Diff([]float64{181, 2, 0.5}, inertias); diff != "" {
			t.Errorf("%v: Progress inertias mismatch (-want +got):\n%s", alg, diff)
		}
	}
}

func TestKMeansEdgeCases(t *testing.T) {
	t.Run("K equals n", func(t *testing.T) {
		X := [][]float64{{3, 1}, {-2, 4}, {0, 0}, {7, 7}}
		m, err := cluster.KMeans{K: 4, Seed: 5}.Fit(t.Context(), cluster.Data{Rows: X})
		if err != nil {
			t.Fatal(err)
		}
		if m.Inertia != 0 {
			t.Errorf("inertia = %v, want 0", m.Inertia)
		}
		for i, l := range m.Labels {
			if !cmp.Equal(m.Centroids[l], X[i]) {
				t.Errorf("row %d in cluster %d with centroid %v", i, l, m.Centroids[l])
			}
		}
	})
	t.Run("exactly K distinct with duplicates", func(t *testing.T) {
		// -0 and +0 are one point (the literal -0.0 is +0 in Go).
		X := [][]float64{{1, 1}, {2, 2}, {1, 1}, {2, 2}, {1, 1}, {math.Copysign(0, -1), 3}, {0, 3}}
		for _, init := range []cluster.Init{cluster.KMeansPlusPlus, cluster.Random} {
			m, err := cluster.KMeans{K: 3, Init: init, Seed: 2}.Fit(t.Context(), cluster.Data{Rows: X})
			if err != nil {
				t.Fatal(err)
			}
			if m.Inertia != 0 {
				t.Errorf("%v: inertia = %v, want 0", init, m.Inertia)
			}
		}
	})
	t.Run("K one", func(t *testing.T) {
		m, err := cluster.KMeans{K: 1}.Fit(t.Context(), cluster.Data{Rows: [][]float64{{1, 2}, {3, 6}, {5, 1}}})
		if err != nil {
			t.Fatal(err)
		}
		// Mean (3, 3); squared distances 4+1, 0+9, 4+4.
		want := &cluster.Model{Centroids: [][]float64{{3, 3}}, Labels: []int{0, 0, 0}, Inertia: 22, Iterations: 2, Converged: true}
		if diff := cmp.Diff(want, m); diff != "" {
			t.Errorf("KMeans mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("MaxIter reached", func(t *testing.T) {
		X, _, _ := synth.Blobs{N: 2000, Dim: 2, Centers: 3, Std: 5, Seed: 1}.Generate()
		m, err := cluster.KMeans{K: 12, MaxIter: 2, Tol: -1, Seed: 1}.Fit(t.Context(), cluster.Data{Rows: X})
		if err != nil {
			t.Fatal(err)
		}
		if m.Iterations != 2 || m.Converged {
			t.Errorf("Iterations = %d, Converged = %v; want 2, false", m.Iterations, m.Converged)
		}
		// The final assignment makes every label the nearest centroid.
		for i, x := range X {
			if got := m.Predict(x); got != m.Labels[i] {
				t.Fatalf("row %d: label %d, nearest centroid %d", i, m.Labels[i], got)
			}
		}
	})
}

// TestWeightsAreReplication checks that an integer weight counts as that
// many copies of the row.
func TestWeightsAreReplication(t *testing.T) {
	X, _, _ := synth.Blobs{N: 300, Dim: 3, Centers: 4, Std: 2, Seed: 4}.Generate()
	w := make([]float64, len(X))
	var rep [][]float64
	for i, x := range X {
		w[i] = float64(i % 4)
		for range i % 4 {
			rep = append(rep, x)
		}
	}
	init := [][]float64{X[1], X[2], X[3], X[5]}
	km := cluster.KMeans{K: 4, InitCentroids: init}
	mw, err := km.Fit(t.Context(), cluster.Data{Rows: X, Weights: w})
	if err != nil {
		t.Fatal(err)
	}
	mr, err := km.Fit(t.Context(), cluster.Data{Rows: rep})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(mr.Centroids, mw.Centroids, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("centroids mismatch (-replicated +weighted):\n%s", diff)
	}
	if diff := cmp.Diff(mr.Inertia, mw.Inertia, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("inertia mismatch (-replicated +weighted):\n%s", diff)
	}
}

func TestKMeansCancel(t *testing.T) {
	X, _, _ := synth.Blobs{N: 5000, Dim: 2, Centers: 5, Std: 6, Seed: 2}.Generate()
	t.Run("during fit", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		calls := 0
		km := cluster.KMeans{K: 30, Tol: -1, Seed: 1, Progress: func(iter int, _ float64) {
			calls++
			if iter == 3 {
				cancel()
			}
		}}
		m, err := km.Fit(ctx, cluster.Data{Rows: X})
		if !errors.Is(err, context.Canceled) || m != nil {
			t.Fatalf("Fit = %v, %v; want nil, context.Canceled", m, err)
		}
		if calls != 3 {
			t.Errorf("Progress called %d times, want 3 (no iteration after the cancel)", calls)
		}
	})
	t.Run("before fit", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := (cluster.KMeans{K: 3}).Fit(ctx, cluster.Data{Rows: X}); !errors.Is(err, context.Canceled) {
			t.Fatalf("Fit error = %v, want context.Canceled", err)
		}
	})
}

// TestProgress checks one call per iteration with non-increasing inertia,
// which Lloyd's algorithm guarantees for the assignment inertia.
func TestProgress(t *testing.T) {
	X, _, _ := synth.Blobs{N: 3000, Dim: 3, Centers: 4, Std: 4, Seed: 6}.Generate()
	for _, alg := range []cluster.Algorithm{cluster.Lloyd, cluster.Hamerly} {
		var iters []int
		var inertias []float64
		km := cluster.KMeans{K: 7, Seed: 3, Algorithm: alg, Progress: func(it int, in float64) {
			iters = append(iters, it)
			inertias = append(inertias, in)
		}}
		m, err := km.Fit(t.Context(), cluster.Data{Rows: X})
		if err != nil {
			t.Fatal(err)
		}
		if len(iters) != m.Iterations {
			t.Fatalf("%v: %d Progress calls for %d iterations", alg, len(iters), m.Iterations)
		}
		for i := range iters {
			if iters[i] != i+1 {
				t.Fatalf("%v: Progress iterations %v, want 1, 2, ...", alg, iters)
			}
			if i > 0 && inertias[i] > inertias[i-1]*(1+1e-12) {
				t.Errorf("%v: inertia rose from %v to %v at iteration %d", alg, inertias[i-1], inertias[i], i+1)
			}
		}
		if last := inertias[len(inertias)-1]; m.Inertia > last*(1+1e-12) {
			t.Errorf("%v: final inertia %v above the last assignment's %v", alg, m.Inertia, last)
		}
	}
}

// TestFitFlat checks that the flat form of Data, read in place, gives the
// same model as the row form, and that a flat slice of the wrong length or
// with a NaN is an error naming the row.
func TestFitFlat(t *testing.T) {
	flat, _, _ := synth.Blobs{N: 800, Dim: 3, Centers: 3, Seed: 9}.Flat()
	X := make([][]float64, 800)
	for i := range X {
		X[i] = append([]float64(nil), flat[i*3:(i+1)*3]...)
	}
	km := cluster.KMeans{K: 3, Seed: 4}
	a, err := km.Fit(t.Context(), cluster.Data{Rows: X})
	if err != nil {
		t.Fatal(err)
	}
	b, err := km.Fit(t.Context(), cluster.Data{Flat: flat, Cols: 3})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("Fit(Flat) mismatch (-Rows +Flat):\n%s", diff)
	}
	for _, tt := range []struct {
		name string
		X    cluster.Data
		want error
	}{
		{"short flat", cluster.Data{Flat: []float64{1, 2, 3}, Cols: 2}, cluster.ErrRagged},
		{"NaN flat", cluster.Data{Flat: []float64{1, 2, 3, math.NaN()}, Cols: 2}, cluster.ErrNotFinite},
		{"no Cols", cluster.Data{Flat: []float64{1, 2}}, cluster.ErrEmpty},
		{"both forms", cluster.Data{Flat: []float64{1, 2}, Cols: 2, Rows: [][]float64{{1, 2}}}, cluster.ErrRagged},
		{"zero value", cluster.Data{}, cluster.ErrEmpty},
	} {
		if _, err := (cluster.KMeans{K: 1}).Fit(t.Context(), tt.X); !errors.Is(err, tt.want) {
			t.Errorf("%s: Fit error = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestPredict(t *testing.T) {
	m := &cluster.Model{Centroids: [][]float64{{0, 0}, {10, 0}, {0, 10}}}
	tests := []struct {
		x    []float64
		want int
	}{
		{[]float64{1, 1}, 0},
		{[]float64{9, -3}, 1},
		{[]float64{2, 8}, 2},
		{[]float64{5, 0}, 0}, // tie between 0 and 1: lowest index
		{[]float64{5}, -1},
		{[]float64{math.NaN(), 0}, -1},
	}
	for _, tt := range tests {
		if got := m.Predict(tt.x); got != tt.want {
			t.Errorf("Predict(%v) = %d, want %d", tt.x, got, tt.want)
		}
	}
	got, err := m.PredictAll(cluster.Data{Rows: [][]float64{{1, 1}, {9, -3}}})
	if err != nil || !cmp.Equal(got, []int{0, 1}) {
		t.Errorf("PredictAll = %v, %v; want [0 1], nil", got, err)
	}
	if _, err := m.PredictAll(cluster.Data{Rows: [][]float64{{1, 1}, {1}}}); !errors.Is(err, cluster.ErrRagged) {
		t.Errorf("PredictAll(ragged) error = %v, want ErrRagged", err)
	}
}

// TestTransformScore checks Transform and Score by hand on three rows, and
// on a fitted model that Score of the training data is its Inertia (the
// same sum in the same order), PredictAll its Labels, and Transform the
// square roots of the squared distances computed naively.
func TestTransformScore(t *testing.T) {
	m := &cluster.Model{Centroids: [][]float64{{0, 0}, {3, 4}}}
	X := cluster.Data{Rows: [][]float64{{0, 0}, {3, 0}, {6, 8}}, Weights: []float64{1, 2, 1}}
	dist, err := m.Transform(X)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]float64{{0, 5}, {3, 4}, {10, 5}}, dist); diff != "" {
		t.Errorf("Transform mismatch (-want +got):\n%s", diff)
	}
	// Nearest squared distances 0, 9 (weight 2) and 25.
	if got, err := m.Score(X); err != nil || got != 43 {
		t.Errorf("Score = %v, %v; want 43", got, err)
	}
	if _, err := m.Score(cluster.Data{Rows: X.Rows, Weights: []float64{1, -1, 1}}); !errors.Is(err, cluster.ErrWeight) {
		t.Errorf("Score with a negative weight: %v, want ErrWeight", err)
	}
	if _, err := m.Transform(cluster.Data{Rows: [][]float64{{1, 2, 3}}}); !errors.Is(err, cluster.ErrRagged) {
		t.Errorf("Transform with 3 features for 2: %v, want ErrRagged", err)
	}
	if _, err := (&cluster.Model{}).Score(X); !errors.Is(err, cluster.ErrEmpty) {
		t.Errorf("Score without centroids: %v, want ErrEmpty", err)
	}

	flat, _, _ := synth.Blobs{N: 3001, Dim: 5, Centers: 9, Std: 3, Seed: 6}.Flat()
	data := cluster.Data{Flat: flat, Cols: 5}
	fit, err := cluster.KMeans{K: 9, Seed: 1}.Fit(t.Context(), data)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := fit.Score(data); err != nil || got != fit.Inertia {
		t.Errorf("Score(training data) = %v, %v; want Inertia %v exactly", got, err, fit.Inertia)
	}
	labels, err := fit.PredictAll(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fit.Labels, labels); diff != "" {
		t.Errorf("PredictAll(training data) mismatch (-Labels +PredictAll):\n%s", diff)
	}
	dist, err = fit.Transform(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3001 {
		for j, c := range fit.Centroids {
			var s float64
			for t, v := range flat[i*5 : i*5+5] {
				s += (v - c[t]) * (v - c[t])
			}
			if math.Abs(dist[i][j]-math.Sqrt(s)) > 1e-12*math.Sqrt(s) {
				t.Fatalf("Transform row %d centroid %d = %v, want %v", i, j, dist[i][j], math.Sqrt(s))
			}
		}
	}
}

// TestFloat32 fits the same well-separated data in float64 and float32:
// the same labels and iterations, centroids within 1e-6 relative; and
// values beyond float32's range are an error.
func TestFloat32(t *testing.T) {
	flat, _, _ := synth.Blobs{N: 5000, Dim: 6, Centers: 5, Std: 1, Seed: 12}.Flat()
	X := cluster.Data{Flat: flat, Cols: 6}
	for _, seed := range []uint64{1, 2, 3} {
		km := cluster.KMeans{K: 5, Seed: seed}
		m64, err := km.Fit(t.Context(), X)
		if err != nil {
			t.Fatal(err)
		}
		km.Float32 = true
		m32, err := km.Fit(t.Context(), X)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(m64.Labels, m32.Labels); diff != "" {
			t.Errorf("seed %d: float32 labels mismatch (-float64 +float32):\n%s", seed, diff)
		}
		if m32.Iterations != m64.Iterations {
			t.Errorf("seed %d: float32 took %d iterations, float64 %d", seed, m32.Iterations, m64.Iterations)
		}
		if diff := cmp.Diff(m64.Centroids, m32.Centroids, cmpopts.EquateApprox(1e-6, 1e-9)); diff != "" {
			t.Errorf("seed %d: float32 centroids mismatch (-float64 +float32):\n%s", seed, diff)
		}
	}
	_, err := cluster.KMeans{K: 1, Float32: true}.Fit(t.Context(), cluster.Data{Rows: [][]float64{{1}, {1e39}}})
	var ie *cluster.InputError
	if !errors.Is(err, cluster.ErrNotFinite) || !errors.As(err, &ie) || ie.Row != 1 {
		t.Errorf("Float32 fit of 1e39: %v, want ErrNotFinite at row 1", err)
	}
	if _, err := (cluster.KMeans{K: 1, Float32: true, Algorithm: cluster.Hamerly}).Fit(t.Context(), X); !errors.Is(err, cluster.ErrConfig) {
		t.Errorf("Float32 with Hamerly: %v, want ErrConfig", err)
	}
}

// TestAutoEqualsLloydFromRows fits from K random rows with the default
// tolerance, the case of scripts/bench-sklearn.sh, where Auto switches to
// Hamerly on the iteration that converges and its final pass must then set
// the bounds itself: Auto must equal Lloyd.
func TestAutoEqualsLloydFromRows(t *testing.T) {
	for _, b := range []synth.Blobs{ // found to switch on the converging iteration
		{N: 5000, Dim: 8, Centers: 8, Std: 0.5, Seed: 3},
		{N: 20000, Dim: 8, Centers: 8, Std: 0.5, Seed: 4},
		{N: 20000, Dim: 8, Centers: 8, Std: 3, Seed: 1},
	} {
		flat, _, _ := b.Flat()
		rng := rand.New(rand.NewPCG(3, 3))
		init := make([][]float64, 8)
		for j := range init {
			i := rng.IntN(b.N)
			init[j] = flat[i*8 : i*8+8]
		}
		X := cluster.Data{Flat: flat, Cols: 8}
		lloyd, err := cluster.KMeans{K: 8, InitCentroids: init, Algorithm: cluster.Lloyd}.Fit(t.Context(), X)
		if err != nil {
			t.Fatal(err)
		}
		auto, err := cluster.KMeans{K: 8, InitCentroids: init}.Fit(t.Context(), X)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(lloyd, auto); diff != "" {
			t.Errorf("%+v: Auto differs from Lloyd (-lloyd +auto):\n%s", b, diff)
		}
	}
}
