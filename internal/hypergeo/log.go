package hypergeo

import "math"

// LogHyp2F1 returns ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1.
// It sums the Gauss series, whose terms are then all positive (so
// nothing cancels), with a running scale, so the result may exceed the
// float64 range of ₂F₁ itself. That takes about (a+b)/(1−z) terms;
// beyond a million it uses [Hyp2F1] instead when that is finite. It
// returns NaN for other parameters or z, or when neither method works.
func LogHyp2F1(a, b, c, z float64) float64 {
	if !(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1) {
		return math.NaN()
	}
	if (a+b+40)/(1-z) > 1e6 {
		if f := Hyp2F1(a, b, c, z); f > 0 && f < 1e300 {
			return math.Log(f)
		}
	}
	var logScale float64
	sum, term := 1.0, 1.0
	for n := 0; ; n++ {
		if n == 1<<24 {
			return math.NaN() // not converged: give up
		}
		fn := float64(n)
		ratio := (a + fn) * (b + fn) / ((c + fn) * (fn + 1)) * z
		term *= ratio
		sum += term
		if sum > 1e280 {
			sum *= 1e-280
			term *= 1e-280
			logScale += 280 * math.Ln10
		}
		if q := math.Max(ratio, z); q < 1 && term*q/(1-q) <= 1e-17*sum {
			break
		}
	}
	return logScale + math.Log(sum)
}
