package cluster_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestScoresMatchSklearn compares the three quality scores with
// scikit-learn's on the reference data sets.
func TestScoresMatchSklearn(t *testing.T) {
	ref := loadReference(t)
	for _, tc := range ref.Scores {
		t.Run(tc.Name, func(t *testing.T) {
			sil, err := cluster.Silhouette{}.Score(t.Context(), cluster.Data{Rows: tc.X}, tc.Labels)
			if err != nil {
				t.Fatal(err)
			}
			db, err := cluster.DaviesBouldin(cluster.Data{Rows: tc.X}, tc.Labels)
			if err != nil {
				t.Fatal(err)
			}
			ch, err := cluster.CalinskiHarabasz(cluster.Data{Rows: tc.X}, tc.Labels)
			if err != nil {
				t.Fatal(err)
			}
			want := []float64{tc.Silhouette, tc.DaviesBouldin, tc.CalinskiHarabasz}
			got := []float64{sil, db, ch}
			// scikit-learn's pairwise distances use |x|²−2x·y+|y|², which
			// loses a few digits for close points; 1e-9 relative still holds.
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-9, 0)); diff != "" {
				t.Errorf("[silhouette, Davies–Bouldin, Calinski–Harabasz] mismatch (-sklearn +got):\n%s", diff)
			}
		})
	}
}

// TestSilhouetteByHand checks a case small enough to compute on paper.
// Points 0, 1 (cluster A) and 5 (cluster B):
// row 0: a = 1, b = 5, s = 4/5; row 1: a = 1, b = 4, s = 3/4;
// row 2 is alone in B, s = 0. Mean = (0.8 + 0.75 + 0)/3 = 0.51666...
func TestSilhouetteByHand(t *testing.T) {
	got, err := cluster.Silhouette{}.Score(t.Context(), cluster.Data{Rows: [][]float64{{0}, {1}, {5}}}, []int{7, 7, -3})
	if err != nil {
		t.Fatal(err)
	}
	if want := (0.8 + 0.75) / 3; math.Abs(got-want) > 1e-15 {
		t.Errorf("Silhouette = %v, want %v", got, want)
	}
	// Davies–Bouldin: centroids 0.5 and 5, s = 0.5 and 0, distance 4.5:
	// both clusters score 0.5/4.5, so the index is 1/9.
	db, err := cluster.DaviesBouldin(cluster.Data{Rows: [][]float64{{0}, {1}, {5}}}, []int{7, 7, -3})
	if err != nil || math.Abs(db-1.0/9) > 1e-15 {
		t.Errorf("DaviesBouldin = %v, %v; want 1/9", db, err)
	}
	// Calinski–Harabasz: mean 2; between = 2×1.5² + 1×3² = 13.5; within
	// = 0.25+0.25 = 0.5; × (3−2)/(2−1): 27.
	ch, err := cluster.CalinskiHarabasz(cluster.Data{Rows: [][]float64{{0}, {1}, {5}}}, []int{7, 7, -3})
	if err != nil || math.Abs(ch-27) > 1e-12 {
		t.Errorf("CalinskiHarabasz = %v, %v; want 27", ch, err)
	}
}

func TestSilhouetteSampled(t *testing.T) {
	X, labels, _ := synth.Blobs{N: 1500, Dim: 3, Centers: 4, Std: 2, Seed: 2}.Generate()
	exact, err := cluster.Silhouette{}.Score(t.Context(), cluster.Data{Rows: X}, labels)
	if err != nil {
		t.Fatal(err)
	}
	full, err := cluster.Silhouette{SampleSize: 2000, Seed: 1}.Score(t.Context(), cluster.Data{Rows: X}, labels)
	if err != nil || full != exact {
		t.Errorf("SampleSize above n = %v, %v; want the exact %v", full, err, exact)
	}
	var mean float64
	const seeds = 8
	var first float64
	for seed := range uint64(seeds) {
		s, err := cluster.Silhouette{SampleSize: 400, Seed: seed}.Score(t.Context(), cluster.Data{Rows: X}, labels)
		if err != nil {
			t.Fatal(err)
		}
		if seed == 0 {
			first = s
		}
		mean += s / seeds
	}
	// Row scores spread about 0.15 here; 8×400 rows give a standard error
	// near 0.003, and the subset distances add a little noise of their own.
	if math.Abs(mean-exact) > 0.02 {
		t.Errorf("mean sampled silhouette %v, exact %v", mean, exact)
	}
	again, _ := cluster.Silhouette{SampleSize: 400, Seed: 0, Workers: 1}.Score(t.Context(), cluster.Data{Rows: X}, labels)
	if again != first {
		t.Errorf("same seed, 1 worker: %v, want %v", again, first)
	}
}

func TestScoresBadInput(t *testing.T) {
	X := [][]float64{{0, 0}, {1, 1}, {2, 2}}
	for _, tt := range []struct {
		name   string
		X      [][]float64
		labels []int
		want   error
	}{
		{"empty", nil, nil, cluster.ErrEmpty},
		{"short labels", X, []int{0, 1}, cluster.ErrLabels},
		{"one label", X, []int{4, 4, 4}, cluster.ErrLabels},
		{"n labels", X, []int{0, 1, 2}, cluster.ErrLabels},
		{"NaN", [][]float64{{0, 0}, {math.NaN(), 1}, {2, 2}}, []int{0, 0, 1}, cluster.ErrNotFinite},
		{"ragged", [][]float64{{0, 0}, {1}, {2, 2}}, []int{0, 0, 1}, cluster.ErrRagged},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := (cluster.Silhouette{}).Score(t.Context(), cluster.Data{Rows: tt.X}, tt.labels); !errors.Is(err, tt.want) {
				t.Errorf("Silhouette error = %v, want %v", err, tt.want)
			}
			if _, err := cluster.DaviesBouldin(cluster.Data{Rows: tt.X}, tt.labels); !errors.Is(err, tt.want) {
				t.Errorf("DaviesBouldin error = %v, want %v", err, tt.want)
			}
			if _, err := cluster.CalinskiHarabasz(cluster.Data{Rows: tt.X}, tt.labels); !errors.Is(err, tt.want) {
				t.Errorf("CalinskiHarabasz error = %v, want %v", err, tt.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := (cluster.Silhouette{}).Score(ctx, cluster.Data{Rows: X}, []int{0, 0, 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("Score with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestSilhouetteWorkersBitIdentical(t *testing.T) {
	X, labels, _ := synth.Blobs{N: 1500, Dim: 2, Centers: 3, Std: 3, Seed: 3}.Generate()
	var first float64
	for i, w := range []int{1, 2, 8} {
		s, err := cluster.Silhouette{Workers: w}.Score(t.Context(), cluster.Data{Rows: X}, labels)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = s
		} else if s != first {
			t.Errorf("Workers=%d: %v, Workers=1: %v", w, s, first)
		}
	}
}

func TestChooseK(t *testing.T) {
	// Four well-separated blobs: both rules should find K = 4.
	X, _, _ := synth.Blobs{N: 800, Dim: 2, Centers: 4, Std: 0.5, Box: 20, Seed: 12}.Generate()
	got, err := cluster.ChooseK{MinK: 1, MaxK: 8, KMeans: cluster.KMeans{Seed: 1}}.Run(t.Context(), cluster.Data{Rows: X})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Scores) != 8 || got.Scores[0].K != 1 || got.Scores[7].K != 8 {
		t.Fatalf("Scores cover K = %v", got.Scores)
	}
	if !math.IsNaN(got.Scores[0].Silhouette) {
		t.Errorf("silhouette at K = 1 is %v, want NaN", got.Scores[0].Silhouette)
	}
	if got.BySilhouette != 4 || got.Elbow != 4 {
		t.Errorf("BySilhouette = %d, Elbow = %d; want 4 and 4\n%+v", got.BySilhouette, got.Elbow, got.Scores)
	}
	for i, s := range got.Scores {
		km, err := cluster.KMeans{K: s.K, Seed: 1}.Fit(t.Context(), cluster.Data{Rows: X})
		if err != nil {
			t.Fatal(err)
		}
		if km.Inertia != s.Inertia {
			t.Errorf("Scores[%d].Inertia = %v, a direct fit gives %v", i, s.Inertia, km.Inertia)
		}
	}
	if _, err := (cluster.ChooseK{MinK: 5, MaxK: 3}).Run(t.Context(), cluster.Data{Rows: X}); !errors.Is(err, cluster.ErrConfig) {
		t.Errorf("MinK > MaxK: %v, want ErrConfig", err)
	}
}
