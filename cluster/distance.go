package cluster

import "math"

// sqDist returns the squared Euclidean distance between x and c, which must
// be at least as long as x: the sum over t, in order, of (x[t]−c[t])².
//
// Every distance that is compared anywhere in the package is this sum,
// computed by sqDist or by panel.dists and sqDistsToOne, which perform the
// same operations in the same order (they only interleave four independent
// sums so that the processor can overlap them), so Lloyd, Hamerly and
// seeding see bit-identical values. The explicit float64 conversions stop the
// compiler from fusing a multiply and an add into an FMA on some platforms
// and not others.
func sqDist(x, c []float64) float64 {
	c = c[:len(x)]
	var s float64
	for t, v := range x {
		dv := v - c[t]
		s += float64(dv * dv)
	}
	return s
}

// sqDistsToOne sets out[i] to sqDist(row i of rows, c) for every row of
// the flat matrix rows (len(c) values per row). It works on four rows at a
// time.
func sqDistsToOne(rows, c, out []float64) {
	d := len(c)
	rows = rows[:len(out)*d]
	i := 0
	for ; i+4 <= len(out); i += 4 {
		x0 := rows[i*d : i*d+d]
		x1 := rows[(i+1)*d : (i+1)*d+d]
		x2 := rows[(i+2)*d : (i+2)*d+d]
		x3 := rows[(i+3)*d : (i+3)*d+d]
		x0, x1, x2, x3 = x0[:len(c)], x1[:len(c)], x2[:len(c)], x3[:len(c)]
		var s0, s1, s2, s3 float64
		for t, v := range c {
			d0 := x0[t] - v
			d1 := x1[t] - v
			d2 := x2[t] - v
			d3 := x3[t] - v
			s0 += float64(d0 * d0)
			s1 += float64(d1 * d1)
			s2 += float64(d2 * d2)
			s3 += float64(d3 * d3)
		}
		out[i], out[i+1], out[i+2], out[i+3] = s0, s1, s2, s3
	}
	for ; i < len(out); i++ {
		out[i] = sqDist(rows[i*d:(i+1)*d], c)
	}
}

// nearest returns the index of the panel's centre closest to x, lowest
// index on ties, and its squared distance. scratch (one element per centre)
// receives all the squared distances.
func nearest(x []float64, pn *panel, scratch []float64) (int, float64) {
	pn.dists(x, scratch)
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
func nearest2(x []float64, pn *panel, scratch []float64) (int, float64, float64) {
	pn.dists(x, scratch)
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

// panel holds a set of centres laid out for sqDists: whole groups of four
// centres interleaved dimension by dimension (group g holds, for each t,
// the t-th values of centres 4g..4g+3 side by side), then the remaining
// centres row by row. Computing four distances from one point in a single
// pass over its values amortises the loop and bounds-check overhead that
// dominates at small dimensions.
type panel struct {
	k, d   int
	groups []float64 // (k/4) groups of 4×d values
	rest   []float64 // (k%4) rows of d values
}

// set lays out the flat k×d centres, reusing the panel's storage.
func (pn *panel) set(centers []float64, k, d int) {
	g := k / 4
	pn.k, pn.d = k, d
	if cap(pn.groups) < g*4*d {
		pn.groups = make([]float64, g*4*d)
	}
	pn.groups = pn.groups[:g*4*d]
	for b := range g {
		grp := pn.groups[b*4*d : (b+1)*4*d]
		for q := range 4 {
			row := centers[(4*b+q)*d : (4*b+q+1)*d]
			for t, v := range row {
				grp[4*t+q] = v
			}
		}
	}
	pn.rest = centers[g*4*d : k*d]
}

// dists sets out[j] to sqDist(x, centre j) for the panel's k centres, the
// same operations in the same order as sqDist.
func (pn *panel) dists(x, out []float64) {
	d := len(x)
	out = out[:pn.k]
	g := pn.k / 4
	for b := range g {
		grp := pn.groups[b*4*d : (b+1)*4*d]
		grp = grp[:4*len(x)]
		var s0, s1, s2, s3 float64
		for t, v := range x {
			c := grp[4*t : 4*t+4 : 4*t+4]
			d0 := c[0] - v // (c−v)² is bit-identical to (v−c)²; this order
			d1 := c[1] - v // saves a register copy of v per subtraction
			d2 := c[2] - v
			d3 := c[3] - v
			s0 += float64(d0 * d0)
			s1 += float64(d1 * d1)
			s2 += float64(d2 * d2)
			s3 += float64(d3 * d3)
		}
		out[4*b], out[4*b+1], out[4*b+2], out[4*b+3] = s0, s1, s2, s3
	}
	for j := 4 * g; j < pn.k; j++ {
		out[j] = sqDist(x, pn.rest[(j-4*g)*d:(j-4*g+1)*d])
	}
}

// pots adds, for every row i of the flat matrix rows and every centre j of
// the panel, w[i]·min(closest[i], sqDist(row i, centre j)) to acc[j], row
// by row in order (w nil means unit weights). It is k-means++'s candidate
// pass: acc[j] ends as the potential that candidate j would leave.
func (pn *panel) pots(rows, w, closest, acc []float64) {
	d, k := pn.d, pn.k
	n := len(closest)
	rows = rows[:n*d]
	acc = acc[:k]
	g := k / 4
	for i := range n {
		x := rows[i*d : i*d+d : i*d+d]
		cl := closest[i]
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		for b := range g {
			grp := pn.groups[b*4*d : (b+1)*4*d]
			grp = grp[:4*len(x)]
			var s0, s1, s2, s3 float64
			t := 0
			for ; t+2 <= len(x); t += 2 {
				v, u := x[t], x[t+1]
				c := grp[4*t : 4*t+8 : 4*t+8]
				d0 := c[0] - v
				d1 := c[1] - v
				d2 := c[2] - v
				d3 := c[3] - v
				s0 += float64(d0 * d0)
				s1 += float64(d1 * d1)
				s2 += float64(d2 * d2)
				s3 += float64(d3 * d3)
				e0 := c[4] - u
				e1 := c[5] - u
				e2 := c[6] - u
				e3 := c[7] - u
				s0 += float64(e0 * e0)
				s1 += float64(e1 * e1)
				s2 += float64(e2 * e2)
				s3 += float64(e3 * e3)
			}
			if t < len(x) {
				v := x[t]
				c := grp[4*t : 4*t+4 : 4*t+4]
				d0 := c[0] - v
				d1 := c[1] - v
				d2 := c[2] - v
				d3 := c[3] - v
				s0 += float64(d0 * d0)
				s1 += float64(d1 * d1)
				s2 += float64(d2 * d2)
				s3 += float64(d3 * d3)
			}
			a := acc[4*b : 4*b+4 : 4*b+4]
			a[0] += float64(wi * min(s0, cl))
			a[1] += float64(wi * min(s1, cl))
			a[2] += float64(wi * min(s2, cl))
			a[3] += float64(wi * min(s3, cl))
		}
		for j := 4 * g; j < k; j++ {
			dd := sqDist(x, pn.rest[(j-4*g)*d:(j-4*g+1)*d])
			acc[j] += float64(wi * min(dd, cl))
		}
	}
}
