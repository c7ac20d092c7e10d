package clv

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/clientele-go/clientele/internal/neldermead"
	"github.com/clientele-go/clientele/internal/parallel"
)

// FitOptions configures the fits ([FitBGNBD], [FitMBGNBD],
// [FitParetoNBD], [FitBGBB], [FitGammaGamma]). The zero value
// gives the defaults: no penalty, two extra seeded starting points, 4,000
// iterations per optimiser run, tolerance 1e-8, seed 0 and one worker per
// CPU (GOMAXPROCS).
//
// The fits maximise the log-likelihood over the logarithms of the
// parameters with Nelder–Mead. The result of each run is probed a step of
// 0.001 away along each log-parameter, and the run restarted from a
// probe that improves on it (which guards against the simplex collapsing
// early); the best of the runs from the default starting point and
// Restarts seeded random ones wins. For more than 50,000 customers the
// starting points are explored on a fixed, evenly strided subsample of
// 50,000 and only the best is carried to the full data. Results depend
// only on the data and these options, never on Workers.
type FitOptions struct {
	// Penalty is the coefficient of an L2 penalty on the parameters, as
	// lifetimes' penalizer_coef: the fit minimises
	// −LL/N + Penalty·Σθ², where N is the number of customers and θ the
	// parameters (for the continuous-time models with time measured in
	// units of the largest T, as lifetimes does; for BG/BB and
	// Gamma-Gamma as they are). It shrinks estimates from small or
	// degenerate data towards zero. The reported
	// LogLikelihood excludes the penalty. 0 means none; negative, NaN or
	// infinite is an error.
	Penalty float64
	// Restarts is the number of extra starting points, drawn around the
	// default one with Seed. 0 means 2; negative means none.
	Restarts int
	// MaxIterations limits each Nelder–Mead run. A run that reaches it
	// before meeting Tolerance makes the fit fail with [ErrNoConvergence].
	// 0 means 4000; negative is an error.
	MaxIterations int
	// Tolerance is the convergence tolerance: every simplex vertex within
	// Tolerance of the best one in each log-parameter and in the mean
	// negative log-likelihood per customer. 0 means 1e-8; negative or NaN
	// is an error.
	Tolerance float64
	// Seed seeds the random starting points (math/rand/v2 PCG).
	Seed uint64
	// Workers is the number of goroutines that evaluate the likelihood.
	// 0 means GOMAXPROCS, 1 means sequential; negative is an error. The
	// result is the same for every value.
	Workers int
}

func (o FitOptions) withDefaults() (FitOptions, error) {
	switch {
	case o.Penalty < 0 || math.IsNaN(o.Penalty) || math.IsInf(o.Penalty, 0):
		return o, badConfig("FitOptions.Penalty %v is not a finite non-negative number", o.Penalty)
	case o.MaxIterations < 0:
		return o, badConfig("FitOptions.MaxIterations %d is negative", o.MaxIterations)
	case o.Tolerance < 0 || math.IsNaN(o.Tolerance):
		return o, badConfig("FitOptions.Tolerance %v is negative or NaN", o.Tolerance)
	case o.Workers < 0:
		return o, badConfig("FitOptions.Workers %d is negative", o.Workers)
	}
	if o.Restarts == 0 {
		o.Restarts = 2
	} else if o.Restarts < 0 {
		o.Restarts = 0
	}
	if o.MaxIterations == 0 {
		o.MaxIterations = 4000
	}
	if o.Tolerance == 0 {
		o.Tolerance = 1e-8
	}
	o.Workers = parallel.Workers(o.Workers)
	return o, nil
}

// fitPilotRows is the size of the subsample on which starting points are
// explored for large data.
const fitPilotRows = 50_000

// fitBound is the largest |log θ| an objective accepts; fitEdge the
// largest a result may have before it counts as lying on the edge of the
// parameter space (not identifiable).
const (
	fitBound = 30
	fitEdge  = 15
)

// fitProblem is a maximum-likelihood problem on log-parameters.
type fitProblem struct {
	// full and pilot return the penalised mean negative log-likelihood on
	// the whole data and on the pilot subsample; pilot is nil when the
	// data are small.
	full, pilot func(theta []float64) float64
	start       []float64 // default starting point
	// origin is the point the edge of the parameter space is measured
	// from, ±fitEdge along each log-parameter; nil means 0. A parameter
	// in the data's own units, such as Gamma-Gamma's scale, has its
	// edges around the data's scale.
	origin []float64
}

// fitOutcome is the best point a fit found.
type fitOutcome struct {
	theta       []float64
	f           float64
	converged   bool
	onEdge      bool // converged beyond the edge, or a point there is as likely
	iterations  int
	evaluations int
}

// fitSolve runs the multi-start, restarted Nelder–Mead search documented
// on FitOptions. It returns ctx.Err() when ctx is done, along with the
// best point so far.
func fitSolve(ctx context.Context, p fitProblem, o FitOptions) (fitOutcome, error) {
	var out fitOutcome
	set := neldermead.Settings{Step: 0.5, XTol: o.Tolerance, FTol: o.Tolerance, MaxIter: o.MaxIterations}
	// polish runs Nelder–Mead from x, then probes the result at ±probe
	// along each axis; if a probe improves on it by more than the
	// tolerance (the simplex collapsed before reaching the minimum), it
	// runs again from the best probe, at most 10 times in all.
	probe := math.Max(1e-3, 1e3*o.Tolerance)
	polish := func(f func([]float64) float64, x []float64, step float64) (neldermead.Result, error) {
		s := set
		s.Step = step
		var best neldermead.Result
		for round := range 10 {
			r, err := neldermead.Minimize(ctx, f, x, s)
			out.iterations += r.Iterations
			out.evaluations += r.Evals
			if round == 0 || r.F < best.F {
				best = r
			}
			if err != nil || !r.Converged {
				best.Converged = r.Converged
				return best, err
			}
			next, fNext := []float64(nil), best.F-o.Tolerance
			for j := range best.X {
				for _, d := range [2]float64{-probe, probe} {
					y := slices.Clone(best.X)
					y[j] += d
					out.evaluations++
					if fy := f(y); fy < fNext {
						next, fNext = y, fy
					}
				}
			}
			if next == nil {
				break // a local minimum as far as the probes can tell
			}
			x = next
			s.Step = math.Max(step/10, 10*probe)
		}
		return best, nil
	}
	explore := p.full
	if p.pilot != nil {
		explore = p.pilot
	}
	starts := [][]float64{p.start}
	rng := rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))
	for range o.Restarts {
		x := slices.Clone(p.start)
		for j := range x {
			x[j] += rng.NormFloat64()
		}
		starts = append(starts, x)
	}
	var best neldermead.Result
	found := false
	for _, x := range starts {
		if math.IsInf(explore(x), 1) {
			continue // not a usable starting point
		}
		r, err := polish(explore, x, set.Step)
		if err != nil {
			out.theta, out.f = r.X, r.F
			return out, err
		}
		// A converged run beats any unconverged one.
		if !found || (r.Converged && !best.Converged) || (r.Converged == best.Converged && r.F < best.F) {
			best, found = r, true
		}
	}
	if !found {
		out.theta, out.f = slices.Clone(p.start), math.Inf(1)
		return out, nil
	}
	if p.pilot != nil && best.Converged {
		r, err := polish(p.full, best.X, 0.05)
		if err != nil {
			out.theta, out.f = r.X, r.F
			return out, err
		}
		best = r
	}
	out.theta, out.f, out.converged = best.X, best.F, best.Converged
	if out.converged {
		out.onEdge = fitOnEdge(out.theta, p.origin) ||
			fitEdgeAsGood(p.full, out.theta, p.origin, out.f, o.Tolerance, &out.evaluations)
	}
	return out, nil
}

// fitEdgeAsGood reports whether a point beyond the edge of the parameter
// space, one log-parameter of theta moved to origin ± (fitEdge+1), is at
// least as likely as theta (its objective f within tol): then the data
// do not pin that parameter down. Near such an edge the likelihood is so
// flat that where the search stops depends on rounding: data with no
// evidence of dropout left the BG/NBD's a at 3.5e-8 (beyond the edge) on
// amd64, and at 6.1e-7 (inside it, "converged") on 386.
func fitEdgeAsGood(f func([]float64) float64, theta, origin []float64, fTheta, tol float64, evals *int) bool {
	y := slices.Clone(theta)
	for j := range theta {
		for _, edge := range [2]float64{-(fitEdge + 1), fitEdge + 1} {
			y[j] = fitOrigin(origin, j) + edge
			*evals++
			if f(y) <= fTheta+tol {
				return true
			}
		}
		y[j] = theta[j]
	}
	return false
}

// fitChunkRows is the number of rows per chunk of a parallel reduction.
// It is fixed, so that the chunks, and the order in which their partial
// sums are added, do not depend on the number of workers.
const fitChunkRows = 1 << 13

// fitReducer computes sums over rows in fixed chunks on a number of
// goroutines (parallel.For), adding the chunks' partial sums in chunk
// order, so the result is bit-identical for any number of workers. It is not safe for
// concurrent use (it reuses its buffer).
type fitReducer struct {
	workers int
	partial []float64
}

// sum returns Σ fn(lo, hi) over the chunks of [0, n).
func (p *fitReducer) sum(n int, fn func(lo, hi int) float64) float64 {
	chunks := (n + fitChunkRows - 1) / fitChunkRows
	if cap(p.partial) < chunks {
		p.partial = make([]float64, chunks)
	}
	part := p.partial[:chunks]
	parallel.For(p.workers, chunks, func(_, c int) {
		lo := c * fitChunkRows
		part[c] = fn(lo, min(lo+fitChunkRows, n))
	})
	var total float64
	for _, v := range part {
		total += v
	}
	return total
}

// fitStride returns the indices of an evenly strided subsample of n rows
// of at most k rows, or nil when n ≤ k.
func fitStride(n, k int) []int {
	if n <= k {
		return nil
	}
	idx := make([]int, k)
	for i := range idx {
		idx[i] = int(int64(i) * int64(n) / int64(k))
	}
	return idx
}

// fitOnEdge reports whether any log-parameter is beyond ±fitEdge of
// origin (nil: 0).
func fitOnEdge(theta, origin []float64) bool {
	for j, v := range theta {
		if !(math.Abs(v-fitOrigin(origin, j)) <= fitEdge) {
			return true
		}
	}
	return false
}

// fitOrigin returns origin[j], or 0 when origin is nil.
func fitOrigin(origin []float64, j int) float64 {
	if origin == nil {
		return 0
	}
	return origin[j]
}

// fitSoftplus returns log(1 + e^v) without overflow. It uses Log rather
// than the slower Log1p: the absolute error stays below 2.2e-16, which is
// what matters in a sum of log-likelihood terms.
func fitSoftplus(v float64) float64 {
	if v > 0 {
		return v + math.Log(1+math.Exp(-v))
	}
	return math.Log(1 + math.Exp(v))
}

// fitLgamma returns log|Γ(x)|.
func fitLgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// fitFinish turns the outcome of fitSolve into the error a fit returns:
// nil for a converged interior maximum, else a *FitError with the last
// iterate (params in the data's units) wrapping err (a ctx error),
// ErrNoConvergence or ErrNotIdentifiable.
func fitFinish(model string, names []string, params []float64, ll float64, res fitOutcome, err error) error {
	var reason error
	switch {
	case err != nil:
		reason = err
	case !res.converged:
		reason = ErrNoConvergence
	case res.onEdge:
		reason = fmt.Errorf("%w: the likelihood is largest at the edge of the parameter space", ErrNotIdentifiable)
	default:
		return nil
	}
	return &FitError{
		Model: model, Names: slices.Clone(names), Params: params,
		LogLikelihood: ll,
		Iterations:    res.iterations, Evaluations: res.evaluations,
		Err: reason,
	}
}
