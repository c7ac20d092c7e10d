package neldermead

import (
	"context"
	"math"
	"slices"
)

// Result is the outcome of one run of [Minimize].
type Result struct {
	X          []float64 // the best vertex
	F          float64   // the objective at X
	Iterations int       // simplex steps taken
	Evals      int       // objective evaluations
	Converged  bool      // the tolerances were met
}

// Settings configures [Minimize]. There are no defaults: a zero XTol or
// FTol asks for an exact collapse, and a zero MaxIter stops at once.
type Settings struct {
	Step     float64 // initial simplex edge along each axis
	XTol     float64 // convergence: max |x_i − x_best| over the simplex
	FTol     float64 // convergence: max |f_i − f_best| over the simplex
	MaxIter  int     // iteration limit
	MaxEvals int     // evaluation limit; 0 means 2·MaxIter+n+1
}

// Minimize minimises f from x0 with the Nelder–Mead simplex method
// (standard coefficients: reflection 1, expansion 2, contraction 1/2,
// shrink 1/2, as in Lagarias et al. 1998 and scipy). NaN objective values
// count as +Inf, so f may signal a forbidden point with NaN or +Inf.
//
// It stops when the simplex is smaller than XTol in every coordinate and
// its objective values are within FTol of the best (converged), when the
// iteration or evaluation limit is reached (not converged), or when ctx
// is done (the error is ctx.Err()). It always returns the best vertex
// seen. The run is deterministic: ties keep their earlier order.
func Minimize(ctx context.Context, f func([]float64) float64, x0 []float64, s Settings) (Result, error) {
	n := len(x0)
	if s.MaxEvals <= 0 {
		s.MaxEvals = 2*s.MaxIter + n + 1
	}
	res := Result{}
	eval := func(x []float64) float64 {
		res.Evals++
		v := f(x)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	type vertex struct {
		x []float64
		f float64
	}
	sim := make([]vertex, n+1)
	for i := range sim {
		x := slices.Clone(x0)
		if i > 0 {
			x[i-1] += s.Step
		}
		sim[i] = vertex{x, eval(x)}
	}
	order := func() {
		slices.SortStableFunc(sim, func(a, b vertex) int {
			switch {
			case a.f < b.f:
				return -1
			case a.f > b.f:
				return 1
			}
			return 0
		})
	}
	order()
	centroid := make([]float64, n)
	xr, xe, xc := make([]float64, n), make([]float64, n), make([]float64, n)
	// point sets dst = centroid + t·(centroid − worst).
	point := func(dst []float64, t float64) {
		w := sim[n].x
		for j := range dst {
			dst[j] = centroid[j] + t*(centroid[j]-w[j])
		}
	}
	accept := func(x []float64, fx float64) {
		copy(sim[n].x, x)
		sim[n].f = fx
	}
	finish := func() (Result, error) {
		order()
		res.X = slices.Clone(sim[0].x)
		res.F = sim[0].f
		return res, nil
	}
	for {
		if err := ctx.Err(); err != nil {
			r, _ := finish()
			return r, err
		}
		// Convergence test.
		if sizeOK, fOK := spread(sim[0].x, sim[0].f, func(i int) ([]float64, float64) { return sim[i].x, sim[i].f }, n, s.XTol, s.FTol); sizeOK && fOK {
			res.Converged = true
			return finish()
		}
		if res.Iterations >= s.MaxIter || res.Evals >= s.MaxEvals {
			return finish()
		}
		res.Iterations++
		for j := range centroid {
			var c float64
			for i := range n {
				c += sim[i].x[j]
			}
			centroid[j] = c / float64(n)
		}
		point(xr, 1)
		fr := eval(xr)
		switch {
		case fr < sim[0].f:
			point(xe, 2)
			if fe := eval(xe); fe < fr {
				accept(xe, fe)
			} else {
				accept(xr, fr)
			}
		case fr < sim[n-1].f:
			accept(xr, fr)
		default:
			shrink := false
			if fr < sim[n].f {
				point(xc, 0.5) // outside contraction
				if fc := eval(xc); fc <= fr {
					accept(xc, fc)
				} else {
					shrink = true
				}
			} else {
				point(xc, -0.5) // inside contraction
				if fc := eval(xc); fc < sim[n].f {
					accept(xc, fc)
				} else {
					shrink = true
				}
			}
			if shrink {
				b := sim[0].x
				for i := 1; i <= n; i++ {
					for j := range b {
						sim[i].x[j] = b[j] + 0.5*(sim[i].x[j]-b[j])
					}
					sim[i].f = eval(sim[i].x)
				}
			}
		}
		order()
	}
}

// spread reports whether the simplex of n+1 vertices (vertex i given
// by at) is within xtol of the best vertex in every coordinate and within
// ftol of its value.
func spread(best []float64, fbest float64, at func(int) ([]float64, float64), n int, xtol, ftol float64) (sizeOK, fOK bool) {
	sizeOK, fOK = true, true
	for i := 1; i <= n; i++ {
		x, fx := at(i)
		if !(math.Abs(fx-fbest) <= ftol) {
			fOK = false
		}
		for j := range x {
			if !(math.Abs(x[j]-best[j]) <= xtol) {
				sizeOK = false
			}
		}
	}
	return sizeOK, fOK
}
