package hypergeo_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/clientele-go/clientele/internal/hypergeo"
)

// TestLogHyp2F1 checks the log-domain series against the closed form
// ₂F₁(a, b; b; z) = (1−z)^−a, also where ₂F₁ overflows float64, and its
// domain.
func TestLogHyp2F1(t *testing.T) {
	for _, c := range []struct{ a, b, z float64 }{
		{0.5, 1.2, 0.3}, {7.25, 4, 0.9}, {2.5, 0.05, 0.999}, {400, 3, 0.99}, {5e5, 2, 0.5},
	} {
		got := hypergeo.LogHyp2F1(c.a, c.b, c.b, c.z)
		want := -c.a * math.Log1p(-c.z)
		if math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
			t.Errorf("LogHyp2F1(%v, %v, %v, %v) = %.17g, want %.17g", c.a, c.b, c.b, c.z, got, want)
		}
	}
	for _, c := range [][4]float64{{-1, 1, 1, 0.5}, {1, 0, 1, 0.5}, {1, 1, -2, 0.5}, {1, 1, 1, 1}, {1, 1, 1, -0.5}, {1, 1, 1, math.NaN()}} {
		if got := hypergeo.LogHyp2F1(c[0], c[1], c[2], c[3]); !math.IsNaN(got) {
			t.Errorf("LogHyp2F1%v = %v, want NaN", c, got)
		}
	}
}

// TestLogHyp2F1Mpmath compares with 300 values of ln ₂F₁ summed from the
// definition in 40-digit arithmetic (testdata/loghyp2f1_mpmath.py), most
// with the parameters of the Pareto/NBD likelihood, ₂F₁(r+s+x, ·;
// r+s+x+1; z), for up to 10^5 repeat purchases, where Euler's form takes
// over and ₂F₁ itself may exceed float64.
func TestLogHyp2F1Mpmath(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "loghyp2f1_mpmath.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Source string
		Rows   [][6]float64
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Rows) < 300 {
		t.Fatalf("got %d reference rows, want 300", len(ref.Rows))
	}
	for _, r := range ref.Rows {
		a, b, c, z, want := r[0], r[1], r[2], r[3], r[4]
		got := hypergeo.LogHyp2F1(a, b, c, z)
		// The logarithm is compared absolutely near 0 and relatively
		// beyond: 1e-13 of max(1, |ln F|).
		if math.Abs(got-want) > 1e-13*math.Max(1, math.Abs(want)) {
			t.Errorf("LogHyp2F1(%v, %v, %v, %v) = %.17g, want %.17g (%s; diff %.2g)", a, b, c, z, got, want, ref.Source, got-want)
		}
	}
}

// TestLogHyp2F1Euler checks that the direct series and Euler's form,
// chosen by the parameters, agree where both are cheap, and the closed
// form ₂F₁(a, 1; a+1; z)·… of the Pareto/NBD case c = a+1 with b = 1:
// ₂F₁(a, 1; a+1; z) = a Σ z^n/(a+n), summed here term by term.
func TestLogHyp2F1Euler(t *testing.T) {
	for _, a := range []float64{0.3, 2, 40, 1e4} {
		for _, z := range []float64{0, 1e-3, 0.2, 0.7, 0.95} {
			var want float64
			pow := 1.0
			for n := 0; n < 5000; n++ {
				want += a * pow / (a + float64(n))
				pow *= z
			}
			got := hypergeo.LogHyp2F1(a, 1, a+1, z)
			if math.Abs(got-math.Log(want)) > 1e-14*math.Max(1, math.Abs(want)) {
				t.Errorf("LogHyp2F1(%v, 1, %v, %v) = %.17g, want ln %.17g = %.17g", a, a+1, z, got, want, math.Log(want))
			}
		}
	}
}
