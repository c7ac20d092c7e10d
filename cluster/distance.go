package cluster

// sqDist returns the squared Euclidean distance between x and c, which must
// be at least as long as x: the sum over t, in order, of (x[t]−c[t])².
//
// Every distance that is compared anywhere in the package is this sum,
// computed by sqDist or by the kernels of kernel.go, which perform the same
// operations in the same order (one centre per vector lane), so Lloyd,
// Hamerly, seeding, prediction and every kernel level see bit-identical
// values. The explicit float64 conversion stops the compiler from fusing
// the multiply and the add into an FMA on some platforms and not others.
func sqDist(x, c []float64) float64 {
	c = c[:len(x)]
	var s float64
	for t, v := range x {
		dv := v - c[t]
		s += float64(dv * dv)
	}
	return s
}
