package cluster_test

import (
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestScalersMatchSklearn compares with StandardScaler and MinMaxScaler on
// data with a constant middle column.
func TestScalersMatchSklearn(t *testing.T) {
	ref := loadReference(t).Scalers
	var std cluster.Standardize
	z, err := std.FitTransform(ref.X)
	if err != nil {
		t.Fatal(err)
	}
	opt := cmpopts.EquateApprox(1e-12, 1e-12)
	if diff := cmp.Diff(ref.StandardMean, std.Mean, opt); diff != "" {
		t.Errorf("Mean mismatch (-sklearn +got):\n%s", diff)
	}
	if diff := cmp.Diff(ref.StandardScale, std.Scale, opt); diff != "" {
		t.Errorf("Scale mismatch (-sklearn +got):\n%s", diff)
	}
	if diff := cmp.Diff(ref.Standard, z, opt); diff != "" {
		t.Errorf("standardised data mismatch (-sklearn +got):\n%s", diff)
	}
	back, err := std.Inverse(z)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ref.X, back, opt); diff != "" {
		t.Errorf("Inverse(Transform(X)) mismatch (-X +got):\n%s", diff)
	}

	var mm cluster.MinMax
	s, err := mm.FitTransform(ref.X)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ref.MinMaxMin, mm.Min, opt); diff != "" {
		t.Errorf("Min mismatch (-sklearn +got):\n%s", diff)
	}
	if diff := cmp.Diff(ref.MinMaxMax, mm.Max, opt); diff != "" {
		t.Errorf("Max mismatch (-sklearn +got):\n%s", diff)
	}
	if diff := cmp.Diff(ref.MinMax, s, opt); diff != "" {
		t.Errorf("min-max data mismatch (-sklearn +got):\n%s", diff)
	}
	back, err = mm.Inverse(s)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ref.X, back, opt); diff != "" {
		t.Errorf("Inverse(Transform(X)) mismatch (-X +got):\n%s", diff)
	}
}

func TestScalersByHand(t *testing.T) {
	X := [][]float64{{1, 0.1, -4}, {3, 0.1, 4}}
	var std cluster.Standardize
	z, err := std.FitTransform(X)
	if err != nil {
		t.Fatal(err)
	}
	// Means 2, 0.1, 0; population sds 1, 0 (→ scale 1), 4.
	want := [][]float64{{-1, 0, -1}, {1, 0, 1}}
	if diff := cmp.Diff(want, z, cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("Standardize mismatch (-want +got):\n%s", diff)
	}
	var mm cluster.MinMax
	s, err := mm.FitTransform(X)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]float64{{0, 0, 0}, {1, 0, 1}}, s); diff != "" {
		t.Errorf("MinMax mismatch (-want +got):\n%s", diff)
	}
	back, _ := mm.Inverse([][]float64{{0.5, 0, 0.25}})
	if diff := cmp.Diff([][]float64{{2, 0.1, -2}}, back); diff != "" {
		t.Errorf("MinMax.Inverse mismatch (-want +got):\n%s", diff)
	}
}

func TestScalersBadInput(t *testing.T) {
	var std cluster.Standardize
	if _, err := std.Transform([][]float64{{1}}); !errors.Is(err, cluster.ErrConfig) {
		t.Errorf("unfitted Transform: %v, want ErrConfig", err)
	}
	if err := std.Fit(nil); !errors.Is(err, cluster.ErrEmpty) {
		t.Errorf("Fit(nil): %v, want ErrEmpty", err)
	}
	err := std.Fit([][]float64{{1, 2}, {3, math.Inf(-1)}})
	var ie *cluster.InputError
	if !errors.As(err, &ie) || ie.Row != 1 || ie.Col != 1 || !errors.Is(err, cluster.ErrNotFinite) {
		t.Errorf("Fit(-Inf at row 1 column 1): %v", err)
	}
	if err := std.Fit([][]float64{{1, 2}, {3, 4}}); err != nil {
		t.Fatal(err)
	}
	if _, err := std.Transform([][]float64{{1, 2, 3}}); !errors.Is(err, cluster.ErrRagged) {
		t.Errorf("Transform with 3 columns after fitting 2: %v, want ErrRagged", err)
	}
	var mm cluster.MinMax
	if _, err := mm.Inverse([][]float64{{1}}); !errors.Is(err, cluster.ErrConfig) {
		t.Errorf("unfitted Inverse: %v, want ErrConfig", err)
	}
}

func TestAppendTransformMatchesTransform(t *testing.T) {
	X := [][]float64{{1, 10, 5}, {3, 10, -1}, {2, 10, 2}}
	var std cluster.Standardize
	var mm cluster.MinMax
	for _, sc := range []interface {
		Fit([][]float64) error
		Transform([][]float64) ([][]float64, error)
		AppendTransform(dst, x []float64) ([]float64, error)
	}{&std, &mm} {
		if err := sc.Fit(X); err != nil {
			t.Fatal(err)
		}
		want, err := sc.Transform(X)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]float64, 0, 3)
		for i, row := range X {
			got, err := sc.AppendTransform(buf[:0], row)
			if err != nil {
				t.Fatal(err)
			}
			for j := range got {
				if got[j] != want[i][j] {
					t.Fatalf("%T row %d: AppendTransform = %v, Transform = %v", sc, i, got, want[i])
				}
			}
		}
		if n := testing.AllocsPerRun(10, func() { _, _ = sc.AppendTransform(buf[:0], X[0]) }); n != 0 {
			t.Errorf("%T.AppendTransform allocates %v times", sc, n)
		}
		if _, err := sc.AppendTransform(nil, []float64{1, 2}); !errors.Is(err, cluster.ErrRagged) {
			t.Errorf("%T short row: %v", sc, err)
		}
		if _, err := sc.AppendTransform(nil, []float64{1, math.NaN(), 2}); !errors.Is(err, cluster.ErrNotFinite) {
			t.Errorf("%T NaN: %v", sc, err)
		}
	}
}
