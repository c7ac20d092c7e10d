package hypergeo_test

import (
	"math"
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
