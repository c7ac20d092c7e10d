package neldermead_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/internal/neldermead"
)

func rosenbrock(x []float64) float64 {
	a, b := 1-x[0], x[1]-x[0]*x[0]
	return a*a + 100*b*b
}

// TestMinimizeRosenbrock finds the known minimum (1, 1) of Rosenbrock's
// banana function from the classic start (−1.2, 1).
func TestMinimizeRosenbrock(t *testing.T) {
	set := neldermead.Settings{Step: 0.5, XTol: 1e-10, FTol: 1e-14, MaxIter: 5000}
	r, err := neldermead.Minimize(t.Context(), rosenbrock, []float64{-1.2, 1}, set)
	if err != nil || !r.Converged {
		t.Fatalf("Minimize = %+v, %v; want convergence", r, err)
	}
	if math.Abs(r.X[0]-1) > 1e-6 || math.Abs(r.X[1]-1) > 1e-6 || r.F > 1e-12 {
		t.Errorf("Minimize(Rosenbrock) = %v (f %g), want (1, 1)", r.X, r.F)
	}
	again, _ := neldermead.Minimize(t.Context(), rosenbrock, []float64{-1.2, 1}, set)
	if again.X[0] != r.X[0] || again.X[1] != r.X[1] || again.Evals != r.Evals {
		t.Errorf("second run %+v differs from first %+v", again, r)
	}
}

// TestMinimizeForbidden treats NaN and +Inf as forbidden points: the
// search stays inside x > 0 and finds the minimum of x − ln x at 1.
func TestMinimizeForbidden(t *testing.T) {
	f := func(x []float64) float64 {
		if x[0] <= 0 {
			return math.NaN()
		}
		return x[0] - math.Log(x[0])
	}
	r, err := neldermead.Minimize(t.Context(), f, []float64{3}, neldermead.Settings{Step: 2, XTol: 1e-9, FTol: 1e-15, MaxIter: 1000})
	if err != nil || !r.Converged || math.Abs(r.X[0]-1) > 1e-6 {
		t.Errorf("Minimize = %+v, %v; want x = 1", r, err)
	}
}

// TestMinimizeLimits reports no convergence at the iteration limit and
// ctx.Err() on a cancelled context, with the best vertex either way.
func TestMinimizeLimits(t *testing.T) {
	start := []float64{-1.2, 1}
	r, err := neldermead.Minimize(t.Context(), rosenbrock, start, neldermead.Settings{Step: 0.5, XTol: 1e-10, FTol: 1e-14, MaxIter: 5})
	if err != nil || r.Converged || r.Iterations != 5 || !(r.F <= rosenbrock(start)) {
		t.Errorf("Minimize(MaxIter 5) = %+v, %v; want 5 iterations, not converged, no worse than the start", r, err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r, err = neldermead.Minimize(ctx, rosenbrock, start, neldermead.Settings{Step: 0.5, XTol: 1e-10, FTol: 1e-14, MaxIter: 100})
	if !errors.Is(err, context.Canceled) || r.Iterations != 0 || len(r.X) != 2 {
		t.Errorf("Minimize(cancelled) = %+v, %v; want context.Canceled and the best start vertex", r, err)
	}
}
