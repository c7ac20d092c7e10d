package cluster_test

import (
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestMiniBatchFindsBlobs checks that mini-batch k-means on well-separated
// blobs finds the true centres and nearly the inertia of a full fit.
func TestMiniBatchFindsBlobs(t *testing.T) {
	X, truth, centers := synth.Blobs{N: 20000, Dim: 4, Centers: 5, Std: 0.5, Box: 10, Seed: 21}.Generate()
	m, err := cluster.MiniBatchKMeans{K: 5, BatchSize: 256, Seed: 3}.Fit(t.Context(), cluster.Data{Rows: X})
	if err != nil {
		t.Fatal(err)
	}
	full, err := cluster.KMeans{K: 5, Seed: 3}.Fit(t.Context(), cluster.Data{Rows: X})
	if err != nil {
		t.Fatal(err)
	}
	if m.Inertia > full.Inertia*1.01 {
		t.Errorf("mini-batch inertia %v more than 1%% above the full fit's %v", m.Inertia, full.Inertia)
	}
	// Each true centre has a centroid within 0.05 (the sampling error of
	// a mean of thousands of points with sd 0.5), and the labels are the
	// true components up to renaming.
	for j, c := range centers {
		best := math.Inf(1)
		for _, got := range m.Centroids {
			best = min(best, math.Sqrt(sqDist(c, got)))
		}
		if best > 0.05 {
			t.Errorf("true centre %d is %v from the nearest centroid", j, best)
		}
	}
	rename := map[int]int{}
	for i, l := range m.Labels {
		if r, ok := rename[truth[i]]; ok && r != l {
			t.Fatalf("row %d: component %d split across clusters %d and %d", i, truth[i], r, l)
		}
		rename[truth[i]] = l
	}
	if m.Iterations < 2 || m.Iterations > 100*20000/256+1 {
		t.Errorf("Iterations = %d", m.Iterations)
	}
}

func sqDist(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += (a[i] - b[i]) * (a[i] - b[i])
	}
	return s
}

func TestMiniBatchWorkersBitIdentical(t *testing.T) {
	X, _, _ := synth.Blobs{N: 5000, Dim: 3, Centers: 6, Std: 2, Seed: 4}.Generate()
	var first *cluster.Model
	for _, w := range []int{1, 2, 8} {
		m, err := cluster.MiniBatchKMeans{K: 6, BatchSize: 700, MaxIter: 5, Seed: 9, Workers: w}.Fit(t.Context(), cluster.Data{Rows: X})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = m
		} else if diff := cmp.Diff(first, m); diff != "" {
			t.Errorf("Workers=%d differs (-1 +%d):\n%s", w, w, diff)
		}
	}
}

// TestOnlineApplyRunningMean checks the update rule by hand: a centroid
// moves to the weighted mean of everything assigned to it so far.
func TestOnlineApplyRunningMean(t *testing.T) {
	o := cluster.MiniBatchKMeans{K: 2, InitCentroids: [][]float64{{0, 0}, {10, 10}}, ReassignmentRatio: -1}.Online()
	if err := o.PartialFit(t.Context(), cluster.Data{Rows: [][]float64{{1, 1}, {3, 1}, {9, 9}}}); err != nil {
		t.Fatal(err)
	}
	// The initial centroids carry no weight: centroid 0 becomes (2, 1), 1 becomes (9, 9).
	if diff := cmp.Diff([][]float64{{2, 1}, {9, 9}}, o.Model().Centroids); diff != "" {
		t.Errorf("after batch 1 (-want +got):\n%s", diff)
	}
	if err := o.PartialFit(t.Context(), cluster.Data{Rows: [][]float64{{5, 4}, {12, 12}}, Weights: []float64{2, 1}}); err != nil {
		t.Fatal(err)
	}
	// Centroid 0: (2·(2,1) + 2·(5,4))/4 = (3.5, 2.5); centroid 1: ((9,9) + (12,12))/2.
	if diff := cmp.Diff([][]float64{{3.5, 2.5}, {10.5, 10.5}}, o.Model().Centroids); diff != "" {
		t.Errorf("after batch 2 (-want +got):\n%s", diff)
	}
	if got := o.Model().Predict([]float64{8, 8}); got != 1 {
		t.Errorf("Predict(8, 8) = %d, want 1", got)
	}
	if o.Model().Iterations != 2 {
		t.Errorf("Iterations = %d, want 2", o.Model().Iterations)
	}
}

// TestMiniBatchStopsAsScikitLearn checks the rule that stops Fit early,
// in a case whose batches all look alike, so the step does not depend on
// the random batches: 100 rows at the origin, the one centroid starting
// at (10, 0), batches of 10. The first step moves the centroid onto the
// rows; every later batch has inertia 0. scikit-learn 1.2.1 ignores the
// first step's inertia (the initial centroid's), starts its average at
// step 2, sees no new minimum at steps 3 to 12 and stops after step 12
// (n_steps_ = 12, with or without sample weights of 3).
func TestMiniBatchStopsAsScikitLearn(t *testing.T) {
	X := make([][]float64, 100)
	w := make([]float64, 100)
	for i := range X {
		X[i], w[i] = []float64{0, 0}, 3
	}
	mb := cluster.MiniBatchKMeans{K: 1, InitCentroids: [][]float64{{10, 0}}, BatchSize: 10}
	for _, weights := range [][]float64{nil, w} {
		m, err := mb.Fit(t.Context(), cluster.Data{Rows: X, Weights: weights})
		if err != nil {
			t.Fatal(err)
		}
		if m.Iterations != 12 || !cmp.Equal(m.Centroids, [][]float64{{0, 0}}) {
			t.Errorf("weights %v: %d steps, centroids %v; want 12 steps, as scikit-learn, and (0, 0)", weights != nil, m.Iterations, m.Centroids)
		}
	}
}

// TestMiniBatchSteps checks the number of steps without early stopping
// against scikit-learn 1.2.1's n_steps_: the batch is at most the number
// of rows (100 rows and the default 1024 give batches of 100 and 100
// steps), and the steps are ⌊MaxIter×n/BatchSize⌋ (150 rows in batches
// of 100 for one pass: 1 step).
func TestMiniBatchSteps(t *testing.T) {
	blobs := func(n int) [][]float64 {
		X, _, _ := synth.Blobs{N: n, Dim: 2, Centers: 3, Seed: 1}.Generate()
		return X
	}
	for _, tt := range []struct {
		name string
		mb   cluster.MiniBatchKMeans
		n    int
		want int
	}{
		{"batch capped at the rows", cluster.MiniBatchKMeans{K: 3}, 100, 100},
		{"steps rounded down", cluster.MiniBatchKMeans{K: 3, BatchSize: 100, MaxIter: 1}, 150, 1},
	} {
		tt.mb.MaxNoImprovement = -1
		m, err := tt.mb.Fit(t.Context(), cluster.Data{Rows: blobs(tt.n)})
		if err != nil {
			t.Fatal(err)
		}
		if m.Iterations != tt.want {
			t.Errorf("%s: %d steps, want %d", tt.name, m.Iterations, tt.want)
		}
	}
}

// TestOnlineReassign checks when and which starved centroids move, in a
// case scikit-learn 1.2.1's MiniBatchKMeans.partial_fit was run on (same
// initial centroids, rows and weights): six centroids, five of them far
// from the data, which reach them only with tiny weights.
//
// The first step may always reassign (scikit-learn looks for an empty
// centroid before the step, and every centroid starts empty). With the
// far centroids' weights 0.005 (centroid 1) down to 0.001 (centroid 5)
// against 4 for centroid 0, all five are below 1% of the largest, but at
// most half the batch (4 of 9 rows) may become centroids: the four
// lightest, 2 to 5, move to four different rows of the batch, and
// centroid 1 stays at (100, 0), as scikit-learn's do.
//
// With weights 0.09 down to 0.05, none is below 1% at the first step.
// Batches of 8 rows near centroid 0 follow; once 10×K = 60 rows have been
// seen since (at the 8th such batch, 64 rows) centroid 0 weighs 68 and all
// five are below 0.68: again centroids 2 to 5 move, to rows of that batch,
// and centroid 1 stays. (scikit-learn moves them one batch earlier: its
// partial_fit counts every batch as large as its first, 9 rows.)
func TestOnlineReassign(t *testing.T) {
	init := [][]float64{{0, 0}, {100, 0}, {110, 0}, {120, 0}, {130, 0}, {140, 0}}
	rows := [][]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}, {100, 0}, {110, 0}, {120, 0}, {130, 0}, {140, 0}}
	near := [][]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0.5, 0}, {0, 0.5}, {1, 0.5}, {0.5, 1}}
	// moved checks that centroid 1 is at (100, 0) and 2 to 5 are at
	// distinct rows of batch, not all where they were. (A centroid may
	// land on its own row again: scikit-learn draws the rows uniformly.)
	moved := func(what string, c, batch [][]float64) {
		t.Helper()
		if !cmp.Equal(c[1], []float64{100, 0}) {
			t.Errorf("%s: centroid 1 (the heaviest starved) = %v, want it to stay at (100, 0)", what, c[1])
		}
		taken := map[[2]float64]bool{}
		stayed := 0
		for j := 2; j <= 5; j++ {
			at := [2]float64{c[j][0], c[j][1]}
			isRow := false
			for _, r := range batch {
				isRow = isRow || r[0] == at[0] && r[1] == at[1]
			}
			if !isRow || taken[at] {
				t.Errorf("%s: centroid %d = %v, want a row of the batch not taken by another", what, j, c[j])
			}
			taken[at] = true
			if at == [2]float64{init[j][0], init[j][1]} {
				stayed++
			}
		}
		if stayed == 4 {
			t.Errorf("%s: centroids 2 to 5 = %v, want them moved", what, c[2:])
		}
	}

	for seed := range uint64(4) {
		o := cluster.MiniBatchKMeans{K: 6, InitCentroids: init, Seed: seed}.Online()
		err := o.PartialFit(t.Context(), cluster.Data{Rows: rows, Weights: []float64{1, 1, 1, 1, 0.005, 0.004, 0.003, 0.002, 0.001}})
		if err != nil {
			t.Fatal(err)
		}
		moved("first step", o.Model().Centroids, rows)
		if c0 := o.Model().Centroids[0]; !cmp.Equal(c0, []float64{0.5, 0.5}) {
			t.Errorf("first step: centroid 0 = %v, want the mean of its rows (0.5, 0.5)", c0)
		}

		o = cluster.MiniBatchKMeans{K: 6, InitCentroids: init, Seed: seed}.Online()
		if err := o.PartialFit(t.Context(), cluster.Data{Rows: rows, Weights: []float64{1, 1, 1, 1, 0.09, 0.08, 0.07, 0.06, 0.05}}); err != nil {
			t.Fatal(err)
		}
		for step := 2; step <= 9; step++ {
			if diff := cmp.Diff(init[1:], o.Model().Centroids[1:]); diff != "" {
				t.Fatalf("before step %d, the far centroids moved (-want +got):\n%s", step, diff)
			}
			if err := o.PartialFit(t.Context(), cluster.Data{Rows: near}); err != nil {
				t.Fatal(err)
			}
		}
		moved("after 64 rows", o.Model().Centroids, near)
	}
}

// TestSumsMergeShards checks the distributed protocol: sums computed on two
// shards and merged equal the sums of the whole batch, and applying them
// gives the same centroids as PartialFit on the whole batch.
func TestSumsMergeShards(t *testing.T) {
	X, _, _ := synth.Blobs{N: 3000, Dim: 3, Centers: 4, Std: 2, Seed: 5}.Generate()
	cfg := cluster.MiniBatchKMeans{K: 4, InitCentroids: [][]float64{X[0], X[1], X[2], X[3]}, ReassignmentRatio: -1}
	whole := cfg.Online()
	if err := whole.PartialFit(t.Context(), cluster.Data{Rows: X}); err != nil {
		t.Fatal(err)
	}
	sharded := cfg.Online()
	a, err := sharded.Sums(cluster.Data{Rows: X[:1200]})
	if err != nil {
		t.Fatal(err)
	}
	b, err := sharded.Sums(cluster.Data{Rows: X[1200:]})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	if a.Rows != 3000 {
		t.Errorf("merged Rows = %d, want 3000", a.Rows)
	}
	if err := sharded.Apply(a); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(whole.Model().Centroids, sharded.Model().Centroids, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("centroids mismatch (-whole +sharded):\n%s", diff)
	}
	bad := &cluster.Sums{K: 3, Dim: 3, Sum: make([]float64, 9), Weight: make([]float64, 3)}
	if err := a.Merge(bad); !errors.Is(err, cluster.ErrConfig) {
		t.Errorf("Merge of a wrong shape: %v, want ErrConfig", err)
	}
	if err := sharded.Apply(bad); !errors.Is(err, cluster.ErrConfig) {
		t.Errorf("Apply of a wrong shape: %v, want ErrConfig", err)
	}
	badInit := cluster.MiniBatchKMeans{K: 2, InitCentroids: [][]float64{{1, 2}, {3}}}.Online()
	if err := badInit.PartialFit(t.Context(), cluster.Data{Rows: X}); !errors.Is(err, cluster.ErrConfig) {
		t.Errorf("PartialFit with ragged InitCentroids: %v, want ErrConfig", err)
	}
}

func TestMiniBatchBadInput(t *testing.T) {
	X := [][]float64{{0, 0}, {1, 1}, {2, 2}}
	for _, tt := range []struct {
		name string
		mb   cluster.MiniBatchKMeans
		X    [][]float64
		want error
	}{
		{"empty", cluster.MiniBatchKMeans{K: 1}, nil, cluster.ErrEmpty},
		{"K zero", cluster.MiniBatchKMeans{}, X, cluster.ErrConfig},
		{"K above n", cluster.MiniBatchKMeans{K: 4}, X, cluster.ErrConfig},
		{"NaN", cluster.MiniBatchKMeans{K: 1}, [][]float64{{0, math.NaN()}}, cluster.ErrNotFinite},
		{"negative batch", cluster.MiniBatchKMeans{K: 1, BatchSize: -1}, X, cluster.ErrConfig},
		{"negative MaxIter", cluster.MiniBatchKMeans{K: 1, MaxIter: -1}, X, cluster.ErrConfig},
		{"negative InitSize", cluster.MiniBatchKMeans{K: 1, InitSize: -1}, X, cluster.ErrConfig},
		{"negative Workers", cluster.MiniBatchKMeans{K: 1, Workers: -1}, X, cluster.ErrConfig},
		{"NaN Tol", cluster.MiniBatchKMeans{K: 1, Tol: math.NaN()}, X, cluster.ErrConfig},
		{"NaN ReassignmentRatio", cluster.MiniBatchKMeans{K: 1, ReassignmentRatio: math.NaN()}, X, cluster.ErrConfig},
		{"unknown Init", cluster.MiniBatchKMeans{K: 1, Init: cluster.Init(9)}, X, cluster.ErrConfig},
		{"duplicates", cluster.MiniBatchKMeans{K: 2}, [][]float64{{1, 1}, {1, 1}}, cluster.ErrTooFewDistinct},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.mb.Fit(t.Context(), cluster.Data{Rows: tt.X}); !errors.Is(err, tt.want) {
				t.Errorf("Fit error = %v, want %v", err, tt.want)
			}
		})
	}
	o := cluster.MiniBatchKMeans{K: 2}.Online()
	if _, err := o.Sums(cluster.Data{Rows: X}); !errors.Is(err, cluster.ErrEmpty) {
		t.Errorf("Sums before any centroids: %v, want ErrEmpty", err)
	}
	if err := o.PartialFit(t.Context(), cluster.Data{Rows: [][]float64{{1, 1}, {1, 1}}}); !errors.Is(err, cluster.ErrTooFewDistinct) {
		t.Errorf("first batch with one distinct row: %v, want ErrTooFewDistinct", err)
	}
	if o.Model() != nil {
		t.Error("a failed first PartialFit left centroids behind")
	}
	if err := o.PartialFit(t.Context(), cluster.Data{Rows: X}); err != nil {
		t.Fatal(err)
	}
	if err := o.PartialFit(t.Context(), cluster.Data{Rows: [][]float64{{1, 2, 3}}}); !errors.Is(err, cluster.ErrRagged) {
		t.Errorf("batch of the wrong width: %v, want ErrRagged", err)
	}
}
