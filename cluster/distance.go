package cluster

import "math"

// sqDist returns the squared Euclidean distance between x and c, which must
// be at least as long as x. Every code path that compares distances uses
// this one function, so Lloyd and the accelerated variant see bit-identical
// values. The explicit float64 conversions stop the compiler from fusing a
// multiply and an add into an FMA on some platforms and not others.
func sqDist(x, c []float64) float64 {
	c = c[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		d0 := x[i] - c[i]
		d1 := x[i+1] - c[i+1]
		d2 := x[i+2] - c[i+2]
		d3 := x[i+3] - c[i+3]
		s0 += float64(d0 * d0)
		s1 += float64(d1 * d1)
		s2 += float64(d2 * d2)
		s3 += float64(d3 * d3)
	}
	for ; i < len(x); i++ {
		d := x[i] - c[i]
		s0 += float64(d * d)
	}
	return (s0 + s1) + (s2 + s3)
}

// nearest returns the index of the centre (row of the flat k×d centres)
// closest to x, lowest index on ties, and its squared distance.
func nearest(x, centers []float64, k int) (int, float64) {
	d := len(x)
	best, bd := 0, sqDist(x, centers[:d])
	for j := 1; j < k; j++ {
		if dd := sqDist(x, centers[j*d:(j+1)*d]); dd < bd {
			best, bd = j, dd
		}
	}
	return best, bd
}

// nearest2 is nearest that also returns the second smallest squared
// distance (+Inf when k = 1).
func nearest2(x, centers []float64, k int) (int, float64, float64) {
	d := len(x)
	best, bd, second := 0, sqDist(x, centers[:d]), math.Inf(1)
	for j := 1; j < k; j++ {
		dd := sqDist(x, centers[j*d:(j+1)*d])
		if dd < bd {
			best, bd, second = j, dd, bd
		} else if dd < second {
			second = dd
		}
	}
	return best, bd, second
}
