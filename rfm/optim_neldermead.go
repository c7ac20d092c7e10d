package rfm

import (
	"context"
	"math"
	"slices"
)

// optimResult is the outcome of one Nelder–Mead run.
type optimResult struct {
	x          []float64 // best vertex
	f          float64   // objective at x
	iterations int
	evals      int
	converged  bool
}

// optimSettings configures optimNelderMead.
type optimSettings struct {
	step     float64 // initial simplex edge along each axis
	xtol     float64 // convergence: max |x_i − x_best| over the simplex
	ftol     float64 // convergence: max |f_i − f_best| over the simplex
	maxIter  int     // iteration limit
	maxEvals int     // evaluation limit; 0 means 2·maxIter+n+1
}

// optimNelderMead minimises f from x0 with the Nelder–Mead simplex method
// (standard coefficients: reflection 1, expansion 2, contraction 1/2,
// shrink 1/2, as in Lagarias et al. 1998 and scipy). NaN objective values
// count as +Inf, so f may signal a forbidden point with NaN or +Inf.
//
// It stops when the simplex is smaller than xtol in every coordinate and
// its objective values are within ftol of the best (converged), when the
// iteration or evaluation limit is reached (not converged), or when ctx
// is done (the error is ctx.Err()). It always returns the best vertex
// seen. The run is deterministic: ties keep their earlier order.
func optimNelderMead(ctx context.Context, f func([]float64) float64, x0 []float64, s optimSettings) (optimResult, error) {
	n := len(x0)
	if s.maxEvals <= 0 {
		s.maxEvals = 2*s.maxIter + n + 1
	}
	res := optimResult{}
	eval := func(x []float64) float64 {
		res.evals++
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
			x[i-1] += s.step
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
	finish := func() (optimResult, error) {
		order()
		res.x = slices.Clone(sim[0].x)
		res.f = sim[0].f
		return res, nil
	}
	for {
		if err := ctx.Err(); err != nil {
			r, _ := finish()
			return r, err
		}
		// Convergence test.
		if sizeOK, fOK := optimSpread(sim[0].x, sim[0].f, func(i int) ([]float64, float64) { return sim[i].x, sim[i].f }, n, s.xtol, s.ftol); sizeOK && fOK {
			res.converged = true
			return finish()
		}
		if res.iterations >= s.maxIter || res.evals >= s.maxEvals {
			return finish()
		}
		res.iterations++
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

// optimSpread reports whether the simplex of n+1 vertices (vertex i given
// by at) is within xtol of the best vertex in every coordinate and within
// ftol of its value.
func optimSpread(best []float64, fbest float64, at func(int) ([]float64, float64), n int, xtol, ftol float64) (sizeOK, fOK bool) {
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
