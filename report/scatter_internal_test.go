package report

import (
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestJacobiEigen(t *testing.T) {
	// [[2 1 0] [1 2 0] [0 0 3]] has eigenvalues 1 (on (1,-1,0)/√2), 3 (on
	// (1,1,0)/√2) and 3 (on (0,0,1)).
	a := [][]float64{{2, 1, 0}, {1, 2, 0}, {0, 0, 3}}
	vals, vecs := jacobiEigen(a)
	got := slices.Clone(vals)
	slices.Sort(got)
	if diff := cmp.Diff([]float64{1, 3, 3}, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("eigenvalues mismatch (-want +got):\n%s", diff)
	}
	// A v = λ v for every pair.
	for k, lambda := range vals {
		for i := range 3 {
			av := 0.0
			for j := range 3 {
				av += a[i][j] * vecs[j][k]
			}
			if math.Abs(av-lambda*vecs[i][k]) > 1e-12 {
				t.Errorf("eigenpair %d: (A v)[%d] = %v, λ v = %v", k, i, av, lambda*vecs[i][k])
			}
		}
	}
	if a[0][1] != 1 {
		t.Error("jacobiEigen modified its input")
	}
}

func TestPrincipalAxes(t *testing.T) {
	// Points spread 2 along u = (cos 30°, sin 30°) and 1 along v = (-sin
	// 30°, cos 30°), around (10, 20): population variances 2 and 0.5, so
	// 80% and 20% of the total.
	c, s := math.Sqrt(3)/2, 0.5
	u, v := []float64{c, s}, []float64{-s, c}
	var rows [][]float64
	for _, p := range [][2]float64{{2, 0}, {-2, 0}, {0, 1}, {0, -1}} {
		rows = append(rows, []float64{10 + p[0]*u[0] + p[1]*v[0], 20 + p[0]*u[1] + p[1]*v[1]})
	}
	mean, axes, explained := principalAxes(rows)
	opt := cmpopts.EquateApprox(0, 1e-12)
	if diff := cmp.Diff([]float64{10, 20}, mean, opt); diff != "" {
		t.Errorf("mean mismatch (-want +got):\n%s", diff)
	}
	// Each axis has its largest component positive: u, and v (not -v).
	if diff := cmp.Diff([2][]float64{u, v}, axes, opt); diff != "" {
		t.Errorf("axes mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([2]float64{0.8, 0.2}, explained, opt); diff != "" {
		t.Errorf("explained mismatch (-want +got):\n%s", diff)
	}
}
