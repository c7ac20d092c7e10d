package clv

import (
	"math"
	"slices"
)

// Estimate is one fitted parameter with its standard error and 95%
// confidence interval: a row of lifetimes' summary table (coef,
// se(coef), lower 95% bound, upper 95% bound).
//
// The standard error comes from the observed information: the
// covariance of the estimates is the inverse of the Hessian of the
// negative log-likelihood (plus the FitOptions.Penalty term, as
// lifetimes does), taken numerically in the log-parameters the fit
// searches and carried to the parameters by the delta method, which at
// the maximum equals the inverse Hessian in the parameters themselves.
// The interval is Value ∓ 1.96·StdErr, lifetimes' normal approximation
// (which can reach below 0 for a positive parameter).
type Estimate struct {
	Name  string  // the parameter's name: "r", "alpha", "a", "b", …
	Value float64 // the estimate
	// StdErr is the standard error; NaN when the model has no
	// covariance (not fitted here, or a singular information matrix).
	StdErr       float64
	Lower, Upper float64 // Value − 1.96·StdErr and Value + 1.96·StdErr
}

// estimates builds a Summary from parameter names, values and a
// covariance matrix (nil or of the wrong shape gives NaN errors).
func estimates(names []string, vals []float64, cov [][]float64) []Estimate {
	out := make([]Estimate, len(vals))
	for i, v := range vals {
		se := math.NaN()
		if len(cov) == len(vals) && len(cov[i]) == len(vals) && cov[i][i] >= 0 {
			se = math.Sqrt(cov[i][i])
		}
		out[i] = Estimate{Name: names[i], Value: v, StdErr: se, Lower: v - 1.96*se, Upper: v + 1.96*se}
	}
	return out
}

// fitCovariance returns the covariance of the parameter estimates at the
// log-parameters theta of a fit whose objective f is the penalised mean
// negative log-likelihood of n customers, with natural the parameters in
// the data's units (for the delta method). It returns nil when the
// Hessian is not positive definite or not finite.
//
// The Hessian is taken by central differences with Richardson
// extrapolation (steps h and 2h, h = 1e-3 in the log-parameters), which
// leaves an error of order h⁴ — far below the sampling error it
// measures.
func fitCovariance(f func([]float64) float64, theta []float64, n float64, natural []float64) [][]float64 {
	k := len(theta)
	hess := func(h float64) [][]float64 {
		at := func(di, dj int, si, sj float64) float64 {
			x := slices.Clone(theta)
			x[di] += si * h
			x[dj] += sj * h
			return f(x)
		}
		f0 := f(theta)
		H := make([][]float64, k)
		for i := range H {
			H[i] = make([]float64, k)
		}
		for i := range k {
			H[i][i] = (at(i, i, 0.5, 0.5) - 2*f0 + at(i, i, -0.5, -0.5)) / (h * h)
			for j := range i {
				v := (at(i, j, 1, 1) - at(i, j, 1, -1) - at(i, j, -1, 1) + at(i, j, -1, -1)) / (4 * h * h)
				H[i][j], H[j][i] = v, v
			}
		}
		return H
	}
	const h = 1e-3
	h1, h2 := hess(h), hess(2*h)
	H := make([][]float64, k)
	for i := range k {
		H[i] = make([]float64, k)
		for j := range k {
			H[i][j] = n * (4*h1[i][j] - h2[i][j]) / 3
			if math.IsNaN(H[i][j]) || math.IsInf(H[i][j], 0) {
				return nil
			}
		}
	}
	inv := invertSPD(H)
	if inv == nil {
		return nil
	}
	for i := range k {
		for j := range k {
			inv[i][j] *= natural[i] * natural[j]
		}
	}
	return inv
}

// invertSPD inverts a symmetric positive-definite matrix by Cholesky
// decomposition, or returns nil when it is not positive definite.
func invertSPD(A [][]float64) [][]float64 {
	k := len(A)
	L := make([][]float64, k)
	for i := range L {
		L[i] = make([]float64, k)
	}
	for i := range k {
		for j := 0; j <= i; j++ {
			s := A[i][j]
			for p := range j {
				s -= L[i][p] * L[j][p]
			}
			if i == j {
				if !(s > 0) {
					return nil
				}
				L[i][i] = math.Sqrt(s)
			} else {
				L[i][j] = s / L[j][j]
			}
		}
	}
	// inv(A) = inv(L)ᵀ inv(L); invert the lower triangle first.
	Li := make([][]float64, k)
	for i := range Li {
		Li[i] = make([]float64, k)
		Li[i][i] = 1 / L[i][i]
		for j := range i {
			var s float64
			for p := j; p < i; p++ {
				s -= L[i][p] * Li[p][j]
			}
			Li[i][j] = s / L[i][i]
		}
	}
	out := make([][]float64, k)
	for i := range out {
		out[i] = make([]float64, k)
		for j := range k {
			var s float64
			for p := max(i, j); p < k; p++ {
				s += Li[p][i] * Li[p][j]
			}
			out[i][j] = s
		}
	}
	return out
}
