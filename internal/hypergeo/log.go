package hypergeo

import "math"

// LogHyp2F1 returns ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1.
// Every term of the Gauss series is then positive, so nothing cancels;
// it is summed with a running scale, so the result may exceed the
// float64 range of ₂F₁ itself (a heavy buyer's ₂F₁(r+x, …) easily does).
//
// When a+b > c and c exceeds both a and b, it sums Euler's form
// instead,
//
//	ln ₂F₁(a, b; c; z) = (c−a−b) ln(1−z) + ln ₂F₁(c−a, c−b; c; z),
//
// whose terms are positive too and shrink from the first on (the ratio of
// successive terms is below z), while the direct series grows for about
// (a+b−c)·z/(1−z) terms before it falls: with c = a+1, as in the
// Pareto/NBD likelihood, ₂F₁(a, b; a+1; z) with a huge a takes a few
// dozen terms instead of thousands.
//
// A series needs about (a+b+40)/(1−z) terms; beyond a million it uses
// [Hyp2F1] of the same form instead, when that is finite. It returns NaN
// for other parameters or z, or when neither method works.
func LogHyp2F1(a, b, c, z float64) float64 {
	if !(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1) || math.IsInf(a, 0) || math.IsInf(b, 0) || math.IsInf(c, 0) {
		return math.NaN()
	}
	var shift float64
	if a+b > c && c > a && c > b {
		shift = (c - a - b) * math.Log1p(-z)
		a, b = c-a, c-b
	}
	if (a+b+40)/(1-z) > 1e6 {
		if f := Hyp2F1(a, b, c, z); f > 0 && f < 1e300 {
			return shift + math.Log(f)
		}
	}
	v := logSeries(a, b, c, z)
	if math.IsNaN(v) {
		return v
	}
	return shift + v
}

// logSeries sums the Gauss series of ₂F₁(a, b; c; z) for positive
// parameters and 0 ≤ z < 1 with a running scale and returns its
// logarithm, or NaN when it does not converge within 2^24 terms. The
// sum is compensated (Kahan–Babuška), so that the rounding errors of the
// hundreds of thousands of terms a z near 1 takes do not add up.
func logSeries(a, b, c, z float64) float64 {
	var logScale, comp float64
	sum, term := 1.0, 1.0
	for n := 0; ; n++ {
		if n == 1<<24 {
			return math.NaN() // not converged: give up
		}
		fn := float64(n)
		ratio := (a + fn) * (b + fn) / ((c + fn) * (fn + 1)) * z
		term *= ratio
		next := sum + term
		if sum >= term {
			comp += (sum - next) + term
		} else {
			comp += (term - next) + sum
		}
		sum = next
		if sum > 1e280 {
			sum *= 1e-280
			comp *= 1e-280
			term *= 1e-280
			logScale += 280 * math.Ln10
		}
		if q := math.Max(ratio, z); q < 1 && term*q/(1-q) <= 1e-17*sum {
			break
		}
	}
	return logScale + math.Log(sum+comp)
}
