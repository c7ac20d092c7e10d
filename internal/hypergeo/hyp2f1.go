package hypergeo

import "math"

// Hyp2F1 returns the Gauss hypergeometric function ₂F₁(a, b; c; z) for
// real parameters and real z ≤ 1. The BG/NBD formulas need it for
// 0 ≤ z < 1; there it agrees with mpmath to about 1e-13 (see the tests).
//
// Method:
//   - a, b, c−a or c−b a non-positive integer: the terminating series
//     (the last two in Euler's form).
//   - z < 0 is mapped to w = z/(z−1) in (0, 1) by Pfaff's transformation
//     ₂F₁(a,b;c;z) = (1−z)^−a ₂F₁(a, c−b; c; w) = (1−z)^−b ₂F₁(c−a, b; c; w).
//   - 0 < z ≤ hypSeriesMax: the Gauss series, or Euler's form
//     (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z) when that cancels less.
//   - hypSeriesMax < z < 1: the series if all its terms are positive and
//     it converges within hypPositiveBudget terms, or if it converges
//     within hypSeriesBudget terms (large c); else the 1−z transformation
//     when c−a−b is safely non-integer and small and the parameters are
//     moderate; else analytic continuation of
//     the hypergeometric differential equation by Taylor re-expansion from
//     z = 1/2 towards the singular point z = 1, which needs no special
//     case for integer c−a−b (where the 1−z transformation degenerates
//     into logarithmic terms).
//   - z = 1: Gauss's theorem when c−a−b > 0, +Inf otherwise.
//
// It returns NaN for z > 1, NaN arguments, c a non-positive integer, and
// parameters beyond ±hypMaxParam or so large that the continuation would
// take more than hypMaxSteps steps.
func Hyp2F1(a, b, c, z float64) float64 {
	switch {
	case math.IsNaN(a) || math.IsNaN(b) || math.IsNaN(c) || math.IsNaN(z) || z > 1:
		return math.NaN()
	case !(math.Abs(a) <= hypMaxParam && math.Abs(b) <= hypMaxParam && math.Abs(c) <= hypMaxParam):
		return math.NaN()
	case hypNonPosInt(c):
		return math.NaN()
	case z == 0 || a == 0 || b == 0:
		return 1
	case math.IsInf(z, -1):
		return math.NaN()
	}
	if hypNonPosInt(a) || hypNonPosInt(b) {
		return hypPolynomial(a, b, c, z)
	}
	if (hypNonPosInt(c-a) || hypNonPosInt(c-b)) && z < 1 {
		// Euler's transformation terminates.
		return math.Pow(1-z, c-a-b) * hypPolynomial(c-a, c-b, c, z)
	}
	if z == 1 {
		return hypGauss(a, b, c)
	}
	if z < 0 {
		// Pfaff: both forms use w = z/(z−1) in (0, 1). Prefer the one
		// whose second parameter keeps the series one-signed.
		w := z / (z - 1)
		first := true // (1−z)^−a ₂F₁(a, c−b; c; w)
		switch {
		case hypNonPosInt(c - b):
		case hypNonPosInt(c - a):
			first = false // terminates
		case c-b < 0 && c-a >= 0:
			first = false // one-signed
		}
		if first {
			return math.Pow(1-z, -a) * Hyp2F1(a, c-b, c, w)
		}
		return math.Pow(1-z, -b) * Hyp2F1(c-a, b, c, w)
	}
	return hypUnit(a, b, c, z)
}

// hypSeriesMax is the largest z always summed by the plain series.
const hypSeriesMax = 0.6

// hypUnit evaluates ₂F₁ for 0 < z < 1 with non-terminating parameters.
func hypUnit(a, b, c, z float64) float64 {
	if z <= hypSeriesMax {
		return hypSeriesBest(a, b, c, z)
	}
	// With positive parameters every term is positive, so the series is
	// accurate however large its terms; sum it if that takes at most
	// hypPositiveBudget terms (about (a+b)/(1−z) are needed).
	if a > 0 && b > 0 && c > 0 && (a+b+40)/(1-z) <= hypPositiveBudget {
		if v, _, ok := hypSeries(a, b, c, z, hypPositiveBudget); ok {
			return v
		}
	}
	// Large c makes the series converge fast even near z = 1 (and makes
	// the continuation's recurrence unstable), so try it first.
	if v, ok := hypSeriesBestN(a, b, c, z, hypSeriesBudget); ok {
		return v
	}
	if s := c - a - b; z >= hypReflectMin && math.Abs(s) < 1 && math.Abs(s-math.Round(s)) >= hypReflectGap &&
		math.Abs(a)+math.Abs(b)+math.Abs(c) <= hypReflectMaxParams {
		return hypReflect(a, b, c, z)
	}
	return hypContinue(a, b, c, z)
}

// Above hypReflectMin, hyp2f1 uses the 1−z transformation when |c−a−b| < 1
// and c−a−b is at least hypReflectGap away from 0 (closer, its two terms
// cancel; farther, one of its series has a small denominator) and the
// parameters are moderate (large ones make the two terms huge and nearly
// cancelling), and continuation otherwise.
const (
	hypReflectMin       = 0.75
	hypReflectGap       = 0.05
	hypReflectMaxParams = 60
)

// hypPositiveBudget is the number of terms hyp2f1 is prepared to sum when
// all terms are positive.
const hypPositiveBudget = 200_000

// hypSeriesBest sums the Gauss series at 0 < z ≤ hypSeriesMax, directly
// or in Euler's form when that avoids cancellation.
func hypSeriesBest(a, b, c, z float64) float64 {
	v, _ := hypSeriesBestN(a, b, c, z, 1<<20)
	return v
}

// hypSeriesBestN sums the direct series and, when that loses more than a
// couple of digits to cancellation or does not converge within n terms,
// also Euler's form (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z), and returns the
// better one. It reports whether the returned sum converged.
func hypSeriesBestN(a, b, c, z float64, n int) (float64, bool) {
	v, loss, ok := hypSeries(a, b, c, z, n)
	if ok && loss < 1e2 {
		return v, ok
	}
	if hypNonPosInt(c-a) || hypNonPosInt(c-b) {
		return v, ok // handled exactly by the caller
	}
	ve, losse, oke := hypSeries(c-a, c-b, c, z, n)
	if oke && (!ok || losse < loss) {
		return math.Pow(1-z, c-a-b) * ve, true
	}
	return v, ok
}

// hypSeriesBudget is the number of series terms hyp2f1 tries above
// hypSeriesMax before it turns to a transformation.
const hypSeriesBudget = 1000

// hypSeries sums Σ (a)_n (b)_n / ((c)_n n!) z^n for 0 ≤ z < 1 until the
// remaining tail is below machine precision, or for at most maxTerms
// terms. It returns the sum, the ratio of the largest term to the sum
// (the factor by which cancellation magnifies rounding errors) and
// whether the sum converged.
func hypSeries(a, b, c, z float64, maxTerms int) (sum, loss float64, ok bool) {
	sum, term := 1.0, 1.0
	big := 1.0
	for n := 0; n < maxTerms; n++ {
		fn := float64(n)
		ratio := (a + fn) * (b + fn) / ((c + fn) * (fn + 1)) * z
		term *= ratio
		sum += term
		at, as := math.Abs(term), math.Abs(sum)
		if at > big {
			big = at
		}
		if at <= 1e-16*as {
			// Bound the tail by a geometric series with the larger of
			// the current ratio and its limit z.
			q := math.Abs(ratio)
			if q < z {
				q = z
			}
			if q < 1 && at*q/(1-q) <= 1e-17*as {
				return sum, big / as, true
			}
		}
		if term == 0 {
			return sum, big / as, true
		}
		if as > math.MaxFloat64 || sum != sum {
			return sum, math.Inf(1), false
		}
	}
	return sum, big / math.Abs(sum), false
}

// hypContinue evaluates ₂F₁ at hypSeriesMax < z < 1 by continuing the
// solution of z(1−z)F” + [c − (a+b+1)z]F' − abF = 0 from z0 = 1/2, where
// the series gives F and F' = (ab/c)·₂F₁(a+1, b+1; c+1; z).
//
// Around any z0 in (0, 1), F(z0+h) = Σ f_k h^k with
// f_{k+2} = [(k+a)(k+b) f_k − (k+1)(k(1−2z0) + c − (a+b+1)z0) f_{k+1}] / (z0(1−z0)(k+1)(k+2)),
// which converges for |h| < 1−z0 (z0 ≥ 1/2, so z = 1 is the nearest
// singular point). Each step goes at most a fraction ρ of that distance,
// so the terms fall roughly as ρ^k; ρ is 1/2 for moderate parameters and
// smaller for large ones, whose solutions (such as (1−z)^(c−a−b)) have
// Taylor coefficients that grow like binomials before they fall. The
// recurrence runs on the scaled terms g_k = f_k h^k, which stay of the
// order of F even when 1−z0 is tiny.
func hypContinue(a, b, c, z float64) float64 {
	// Track w0 = 1−z0 rather than z0: near z = 1 the distance to the
	// singular point matters more than z itself, and 1−z is exact here.
	w0, wEnd := 0.5, 1-z
	f := hypSeriesBest(a, b, c, 0.5)
	df := a * b / c * hypSeriesBest(a+1, b+1, c+1, 0.5)
	rho := 0.5 / math.Max(1, (math.Abs(a)+math.Abs(b)+math.Abs(c))/8)
	for step := 0; w0 > wEnd; step++ {
		if step == hypMaxSteps {
			return math.NaN() // parameters too large to continue
		}
		h := math.Min(w0-wEnd, rho*w0)
		if w0-h-wEnd < 1e-15*w0 {
			h = w0 - wEnd // land exactly on z
		}
		z0 := 1 - w0
		p0 := z0 * w0
		p1 := w0 - z0
		q0 := c - (a+b+1)*z0
		u1, u2 := h/p0, h*h/p0
		gk, gk1 := f, df*h // g_k, g_{k+1}
		val := gk + gk1
		der := gk1 // Σ k g_k; F'(z0+h) = der/h
		magV, magD := math.Abs(val), math.Abs(der)
		small := 0
		for k := 0; k < 100000; k++ {
			kf := float64(k)
			gk2 := ((kf+a)*(kf+b)*gk*u2 - (kf+1)*(kf*p1+q0)*gk1*u1) / ((kf + 1) * (kf + 2))
			td := (kf + 2) * gk2
			val += gk2
			der += td
			magV, magD = math.Max(magV, math.Abs(val)), math.Max(magD, math.Abs(der))
			if math.Abs(gk2) <= 1e-17*magV && math.Abs(td) <= 1e-17*magD {
				if small++; small == 3 {
					break
				}
			} else {
				small = 0
			}
			if math.IsInf(val, 0) || math.IsNaN(val) {
				return val
			}
			gk, gk1 = gk1, gk2
		}
		f, df = val, der/h
		if h == w0-wEnd {
			break
		}
		w0 -= h
	}
	return f
}

// hypMaxParam bounds the parameters hyp2f1 accepts: beyond it a float64
// cannot tell successive integers apart, and terminating series would
// not terminate in practice.
const hypMaxParam = 1e9

// hypMaxSteps limits the continuation steps of hypContinue.
const hypMaxSteps = 100_000

// hypReflect evaluates ₂F₁ at 0 < z < 1 with the 1−z transformation
// (Abramowitz & Stegun 15.3.6), valid when c−a−b is not an integer:
// ₂F₁(a,b;c;z) = A1·₂F₁(a, b; a+b−c+1; 1−z) + A2·(1−z)^(c−a−b)·₂F₁(c−a, c−b; c−a−b+1; 1−z)
// with A1 = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) and A2 = Γ(c)Γ(a+b−c)/(Γ(a)Γ(b)).
func hypReflect(a, b, c, z float64) float64 {
	w := 1 - z
	s := c - a - b
	t1 := 0.0
	if !hypNonPosInt(c-a) && !hypNonPosInt(c-b) {
		v, _, _ := hypSeries(a, b, 1-s, w, 1<<20)
		t1 = hypGammaRatio(c, s, c-a, c-b) * v
	}
	v, _, _ := hypSeries(c-a, c-b, 1+s, w, 1<<20)
	t2 := hypGammaRatio(c, -s, a, b) * math.Pow(w, s) * v
	return t1 + t2
}

// hypGammaRatio returns Γ(p)Γ(q)/(Γ(r)Γ(s)) with signs; r and s must not
// be non-positive integers (callers check), p and q neither.
func hypGammaRatio(p, q, r, s float64) float64 {
	l1, s1 := math.Lgamma(p)
	l2, s2 := math.Lgamma(q)
	l3, s3 := math.Lgamma(r)
	l4, s4 := math.Lgamma(s)
	return float64(s1*s2*s3*s4) * math.Exp(l1+l2-l3-l4)
}

// hypGauss returns ₂F₁(a, b; c; 1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) when
// c−a−b > 0, and +Inf otherwise.
func hypGauss(a, b, c float64) float64 {
	if c-a-b <= 0 {
		return math.Inf(1)
	}
	if hypNonPosInt(c-a) || hypNonPosInt(c-b) {
		return 0
	}
	l1, s1 := math.Lgamma(c)
	l2, s2 := math.Lgamma(c - a - b)
	l3, s3 := math.Lgamma(c - a)
	l4, s4 := math.Lgamma(c - b)
	return float64(s1*s2*s3*s4) * math.Exp(l1+l2-l3-l4)
}

// hypPolynomial sums the terminating series when a or b is a
// non-positive integer.
func hypPolynomial(a, b, c, z float64) float64 {
	n := -a
	if hypNonPosInt(b) && (!hypNonPosInt(a) || -b < n) {
		n = -b
	}
	sum, term := 1.0, 1.0
	for k := 0; float64(k) < n; k++ {
		fk := float64(k)
		term *= (a + fk) * (b + fk) / ((c + fk) * (fk + 1)) * z
		sum += term
	}
	return sum
}

// hypNonPosInt reports whether v is 0, −1, −2, …
func hypNonPosInt(v float64) bool { return v <= 0 && v == math.Trunc(v) }
