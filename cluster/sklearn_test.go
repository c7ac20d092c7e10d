package cluster_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// reference is testdata/sklearn.json, written by scripts/kmeans_sklearn.py
// with Debian's scikit-learn (the version is in the file).
type reference struct {
	Sklearn string `json:"sklearn"`
	KMeans  []struct {
		Name    string      `json:"name"`
		X       [][]float64 `json:"X"`
		Weights []float64   `json:"weights"`
		K       int         `json:"k"`
		Init    [][]float64 `json:"init"`
		MaxIter int         `json:"max_iter"`
		Tol     float64     `json:"tol"`
		Labels  []int       `json:"labels"`
		Centers [][]float64 `json:"centers"`
		Inertia float64     `json:"inertia"`
		NIter   int         `json:"n_iter"`
	} `json:"kmeans"`
	Scores []struct {
		Name             string      `json:"name"`
		X                [][]float64 `json:"X"`
		Labels           []int       `json:"labels"`
		Silhouette       float64     `json:"silhouette"`
		DaviesBouldin    float64     `json:"davies_bouldin"`
		CalinskiHarabasz float64     `json:"calinski_harabasz"`
	} `json:"scores"`
	Scalers struct {
		X             [][]float64 `json:"X"`
		Standard      [][]float64 `json:"standard"`
		StandardMean  []float64   `json:"standard_mean"`
		StandardScale []float64   `json:"standard_scale"`
		MinMax        [][]float64 `json:"minmax"`
		MinMaxMin     []float64   `json:"minmax_min"`
		MinMaxMax     []float64   `json:"minmax_max"`
	} `json:"scalers"`
}

func loadReference(t *testing.T) *reference {
	t.Helper()
	b, err := os.ReadFile("testdata/sklearn.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	t.Logf("reference from scikit-learn %s", ref.Sklearn)
	return &ref
}

// approx compares floats to 1e-9 relative, with an absolute floor for
// values that should be zero.
var approx = cmpopts.EquateApprox(1e-9, 1e-12)

// TestKMeansMatchesSklearn fits each reference case from scikit-learn's
// starting centroids with both algorithms and several worker counts, and
// expects scikit-learn's labels, centroids, inertia and iteration count.
func TestKMeansMatchesSklearn(t *testing.T) {
	ref := loadReference(t)
	for _, tc := range ref.KMeans {
		for _, alg := range []cluster.Algorithm{cluster.Lloyd, cluster.Hamerly, cluster.Auto} {
			for _, workers := range []int{1, 2, 8} {
				t.Run(tc.Name+"/"+alg.String()+"/"+string(rune('0'+workers)), func(t *testing.T) {
					tol := tc.Tol
					if tol == 0 {
						tol = -1 // our zero value means the default
					}
					km := cluster.KMeans{K: tc.K, InitCentroids: tc.Init, MaxIter: tc.MaxIter, Tol: tol,
						Algorithm: alg, Workers: workers}
					m, err := km.Fit(t.Context(), cluster.Data{Rows: tc.X, Weights: tc.Weights})
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(tc.Labels, m.Labels); diff != "" {
						t.Errorf("labels mismatch (-sklearn +got):\n%s", diff)
					}
					if diff := cmp.Diff(tc.Centers, m.Centroids, approx); diff != "" {
						t.Errorf("centroids mismatch (-sklearn +got):\n%s", diff)
					}
					if diff := cmp.Diff(tc.Inertia, m.Inertia, approx); diff != "" {
						t.Errorf("inertia mismatch (-sklearn +got):\n%s", diff)
					}
					if m.Iterations != tc.NIter {
						t.Errorf("iterations = %d, sklearn n_iter_ = %d", m.Iterations, tc.NIter)
					}
				})
			}
		}
	}
}
