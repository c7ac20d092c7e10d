package cluster_test

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// scalerReference is testdata/sklearn_scalers.json, written by
// scripts/scalers_sklearn.py with Debian's scikit-learn 1.2.
type scalerReference struct {
	Sklearn     string      `json:"sklearn"`
	X           [][]float64 `json:"X"`
	Log1pColumn int         `json:"log1p_column"`
	Scalers     []struct {
		Name    string `json:"name"`
		Kind    string `json:"kind"`
		Options struct {
			WithMean      *bool     `json:"with_mean"`
			WithStd       *bool     `json:"with_std"`
			WithCentering *bool     `json:"with_centering"`
			WithScaling   *bool     `json:"with_scaling"`
			QuantileRange []float64 `json:"quantile_range"`
			FeatureRange  []float64 `json:"feature_range"`
		} `json:"options"`
		Log1p bool        `json:"log1p"`
		Out   [][]float64 `json:"out"`
		Mean  []float64   `json:"mean"`  // mean_, center_ or data_min_
		Scale []float64   `json:"scale"` // scale_ or data_max_; nil for with_std=False
	} `json:"scalers"`
	Silhouette []struct {
		X       [][]float64 `json:"X"`
		Labels  []int       `json:"labels"`
		Samples []float64   `json:"samples"`
		Score   float64     `json:"score"`
	} `json:"silhouette"`
}

func loadScalerReference(t *testing.T) *scalerReference {
	t.Helper()
	b, err := os.ReadFile("testdata/sklearn_scalers.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref scalerReference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	return &ref
}

// TestScalerOptionsMatchSklearn compares StandardScaler's with_mean and
// with_std, RobustScaler (median/IQR, other quantile ranges, without
// centring or scaling), MinMaxScaler's feature_range and a log1p-first
// money column with scikit-learn 1.2 on a fixed matrix with a constant
// column, negative values and a heavy tail; Inverse must undo each.
func TestScalerOptionsMatchSklearn(t *testing.T) {
	ref := loadScalerReference(t)
	opt := cmpopts.EquateApprox(1e-12, 1e-12)
	no := func(b *bool) bool { return b != nil && !*b }
	for _, tc := range ref.Scalers {
		t.Run(tc.Name, func(t *testing.T) {
			var log1p []int
			if tc.Log1p {
				log1p = []int{ref.Log1pColumn}
			}
			type scaler interface {
				FitTransform([][]float64) ([][]float64, error)
				Inverse([][]float64) ([][]float64, error)
			}
			var sc scaler
			var learned func() (a, b []float64)
			switch tc.Kind {
			case "standard", "robust":
				s := &cluster.Standardize{Robust: tc.Kind == "robust", Log1p: log1p,
					NoCenter: no(tc.Options.WithMean) || no(tc.Options.WithCentering),
					NoScale:  no(tc.Options.WithStd) || no(tc.Options.WithScaling)}
				if q := tc.Options.QuantileRange; q != nil {
					s.QuantileRange = [2]float64{q[0], q[1]}
				}
				sc, learned = s, func() ([]float64, []float64) { return s.Mean, s.Scale }
			case "minmax":
				s := &cluster.MinMax{Log1p: log1p}
				if r := tc.Options.FeatureRange; r != nil {
					s.FeatureRange = [2]float64{r[0], r[1]}
				}
				sc, learned = s, func() ([]float64, []float64) { return s.Min, s.Max }
			}
			got, err := sc.FitTransform(ref.X)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.Out, got, opt); diff != "" {
				t.Errorf("transformed data mismatch (-sklearn %s +got):\n%s", ref.Sklearn, diff)
			}
			a, b := learned()
			// With centring or scaling off, scikit-learn still reports the
			// statistic it does not use; Standardize stores the identity.
			if !(tc.Kind != "minmax" && (no(tc.Options.WithMean) || no(tc.Options.WithCentering))) {
				if diff := cmp.Diff(tc.Mean, a, opt); diff != "" {
					t.Errorf("centre/min mismatch (-sklearn +got):\n%s", diff)
				}
			}
			if tc.Scale != nil && !(tc.Kind == "robust" && no(tc.Options.WithScaling)) {
				if diff := cmp.Diff(tc.Scale, b, opt); diff != "" {
					t.Errorf("scale/max mismatch (-sklearn +got):\n%s", diff)
				}
			}
			back, err := sc.Inverse(got)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(ref.X, back, cmpopts.EquateApprox(1e-12, 1e-9)); diff != "" {
				t.Errorf("Inverse(Transform(X)) mismatch (-X +got):\n%s", diff)
			}
		})
	}
}

// TestScalerOptionsByHand checks the robust statistics on a column whose
// quartiles are easy to compute (numpy's linear interpolation), the
// feature range on a constant column, and the errors.
func TestScalerOptionsByHand(t *testing.T) {
	// Column 0: 1, 2, 3, 4, 100. Median 3; quartiles at ranks 1 and 3
	// (0-based, h = 0.25·4 = 1 and 0.75·4 = 3): 2 and 4, IQR 2.
	X := [][]float64{{1, 7}, {2, 7}, {3, 7}, {4, 7}, {100, 7}}
	s := cluster.Standardize{Robust: true}
	z, err := s.FitTransform(X)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{3, 7}, s.Mean); diff != "" {
		t.Errorf("robust centre mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{2, 1}, s.Scale); diff != "" {
		t.Errorf("robust scale mismatch (-want +got):\n%s", diff)
	}
	if z[4][0] != 48.5 || z[0][1] != 0 {
		t.Errorf("robust transform of 100 = %v (want 48.5), of the constant = %v (want 0)", z[4][0], z[0][1])
	}
	mm := cluster.MinMax{FeatureRange: [2]float64{-1, 1}}
	z, err = mm.FitTransform(X)
	if err != nil {
		t.Fatal(err)
	}
	if z[0][0] != -1 || z[4][0] != 1 || z[2][1] != -1 {
		t.Errorf("MinMax{-1, 1}: %v, want -1 and 1 at the extremes, -1 for the constant", z)
	}
	// log1p then back: e^(ln 1001) − 1 = 1000.
	lg := cluster.Standardize{Log1p: []int{0}, NoCenter: true, NoScale: true}
	z, err = lg.FitTransform([][]float64{{1000}, {0}})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(z[0][0]-math.Log(1001)) > 1e-15 || z[1][0] != 0 {
		t.Errorf("Log1p transform = %v, want ln 1001 and 0", z)
	}
	buf := make([]float64, 0, 1)
	if n := testing.AllocsPerRun(10, func() { _, _ = lg.AppendTransform(buf[:0], []float64{5}) }); n != 0 {
		t.Errorf("AppendTransform with Log1p allocates %v times", n)
	}
	for _, tc := range []struct {
		name string
		fit  func() error
		want error
	}{
		{"quantile range reversed", func() error { return (&cluster.Standardize{Robust: true, QuantileRange: [2]float64{75, 25}}).Fit(X) }, cluster.ErrConfig},
		{"quantile above 100", func() error { return (&cluster.Standardize{Robust: true, QuantileRange: [2]float64{0, 101}}).Fit(X) }, cluster.ErrConfig},
		{"feature range empty", func() error { return (&cluster.MinMax{FeatureRange: [2]float64{1, 1}}).Fit(X) }, cluster.ErrConfig},
		{"Log1p column out of range", func() error { return (&cluster.Standardize{Log1p: []int{2}}).Fit(X) }, cluster.ErrConfig},
		{"Log1p of -1", func() error { return (&cluster.MinMax{Log1p: []int{0}}).Fit([][]float64{{-1}, {2}}) }, cluster.ErrNotFinite},
		{"Log1p of -3", func() error { return (&cluster.Standardize{Log1p: []int{0}}).Fit([][]float64{{2}, {-3}}) }, cluster.ErrNotFinite},
	} {
		if err := tc.fit(); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := lg.AppendTransform(nil, []float64{-2}); !errors.Is(err, cluster.ErrNotFinite) {
		t.Errorf("AppendTransform(-2) with Log1p: error %v, want ErrNotFinite", err)
	}
}

// TestSilhouetteSamplesMatchSklearn compares per-row scores with
// silhouette_samples, including a cluster of one row (score 0), and
// checks that their mean is Score bit for bit.
func TestSilhouetteSamplesMatchSklearn(t *testing.T) {
	ref := loadScalerReference(t)
	for _, tc := range ref.Silhouette {
		for _, w := range []int{1, 3} {
			s := cluster.Silhouette{Workers: w}
			got, err := s.Samples(t.Context(), cluster.Data{Rows: tc.X}, tc.Labels)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.Samples, got, cmpopts.EquateApprox(1e-12, 1e-14)); diff != "" {
				t.Errorf("Samples(labels %v) mismatch (-sklearn +got):\n%s", tc.Labels, diff)
			}
			score, err := s.Score(t.Context(), cluster.Data{Rows: tc.X}, tc.Labels)
			if err != nil {
				t.Fatal(err)
			}
			var sum float64
			for _, v := range got {
				sum += v
			}
			if math.Abs(score-tc.Score) > 1e-12 || math.Abs(sum/float64(len(got))-score) > 1e-15 {
				t.Errorf("Score = %v, mean of Samples = %v, sklearn %v", score, sum/float64(len(got)), tc.Score)
			}
		}
	}
	if _, err := (cluster.Silhouette{}).Samples(t.Context(), cluster.Data{Rows: [][]float64{{1}, {2}}}, []int{0, 0}); !errors.Is(err, cluster.ErrLabels) {
		t.Errorf("Samples with one label: error %v, want ErrLabels", err)
	}
	if _, err := (cluster.Silhouette{Workers: -1}).Samples(t.Context(), cluster.Data{Rows: [][]float64{{1}, {2}, {3}}}, []int{0, 1, 1}); !errors.Is(err, cluster.ErrConfig) {
		t.Errorf("Samples with Workers -1: error %v, want ErrConfig", err)
	}
}
