package cluster

import "math"

// sqDist returns the squared Euclidean distance between x and c, which must
// be at least as long as x.
//
// Every distance that is compared anywhere in the package is computed by
// sqDist or by sqDists, which performs the same operations in the same
// order, so Lloyd, Hamerly and seeding see bit-identical values. The
// explicit float64 conversions stop the compiler from fusing a multiply
// and an add into an FMA on some platforms and not others.
func sqDist(x, c []float64) float64 {
	c = c[:len(x)]
	var s0, s1, s2, s3 float64
	t := 0
	for ; t+4 <= len(x); t += 4 {
		xs, cs := x[t:t+4:t+4], c[t:t+4:t+4]
		d0 := xs[0] - cs[0]
		d1 := xs[1] - cs[1]
		d2 := xs[2] - cs[2]
		d3 := xs[3] - cs[3]
		s0 += float64(d0 * d0)
		s1 += float64(d1 * d1)
		s2 += float64(d2 * d2)
		s3 += float64(d3 * d3)
	}
	for ; t < len(x); t++ {
		d := x[t] - c[t]
		s0 += float64(d * d)
	}
	return (s0 + s1) + (s2 + s3)
}

// sqDists sets out[j] to sqDist(x, row j of centers) for every j in
// [0, len(out)), where centers is flat with len(x) values per row. The loop
// body is sqDist's, written out so that it runs without a call per centre.
func sqDists(x, centers, out []float64) {
	d := len(x)
	centers = centers[:len(out)*d]
	for j := range out {
		c := centers[j*d : j*d+d : j*d+d]
		var s0, s1, s2, s3 float64
		t := 0
		for ; t+4 <= len(c); t += 4 {
			xs, cs := x[t:t+4:t+4], c[t:t+4:t+4]
			d0 := xs[0] - cs[0]
			d1 := xs[1] - cs[1]
			d2 := xs[2] - cs[2]
			d3 := xs[3] - cs[3]
			s0 += float64(d0 * d0)
			s1 += float64(d1 * d1)
			s2 += float64(d2 * d2)
			s3 += float64(d3 * d3)
		}
		for ; t < len(c); t++ {
			dv := x[t] - c[t]
			s0 += float64(dv * dv)
		}
		out[j] = (s0 + s1) + (s2 + s3)
	}
}

// nearest returns the index of the centre (row of the flat centres, one per
// element of scratch) closest to x, lowest index on ties, and its squared
// distance. scratch receives all the squared distances.
func nearest(x, centers, scratch []float64) (int, float64) {
	sqDists(x, centers, scratch)
	best, bd := 0, scratch[0]
	for j, dd := range scratch {
		if dd < bd {
			best, bd = j, dd
		}
	}
	return best, bd
}

// nearest2 is nearest that also returns the second smallest squared
// distance (+Inf when there is one centre).
func nearest2(x, centers, scratch []float64) (int, float64, float64) {
	sqDists(x, centers, scratch)
	best, bd, second := 0, scratch[0], math.Inf(1)
	for j := 1; j < len(scratch); j++ {
		dd := scratch[j]
		if dd < bd {
			best, bd, second = j, dd, bd
		} else if dd < second {
			second = dd
		}
	}
	return best, bd, second
}

// sqDistsToOne sets out[i] to sqDist(row i of rows, c) for every row of
// the flat matrix rows (len(c) values per row). The loop body is sqDist's,
// written out.
func sqDistsToOne(rows, c, out []float64) {
	d := len(c)
	rows = rows[:len(out)*d]
	for i := range out {
		x := rows[i*d : i*d+d : i*d+d]
		var s0, s1, s2, s3 float64
		t := 0
		for ; t+4 <= len(x); t += 4 {
			xs, cs := x[t:t+4:t+4], c[t:t+4:t+4]
			d0 := xs[0] - cs[0]
			d1 := xs[1] - cs[1]
			d2 := xs[2] - cs[2]
			d3 := xs[3] - cs[3]
			s0 += float64(d0 * d0)
			s1 += float64(d1 * d1)
			s2 += float64(d2 * d2)
			s3 += float64(d3 * d3)
		}
		for ; t < len(x); t++ {
			dv := x[t] - c[t]
			s0 += float64(dv * dv)
		}
		out[i] = (s0 + s1) + (s2 + s3)
	}
}
