package cluster

import "math"

// This file holds the distance kernels that every pass of the package
// runs: nearest centre (with the second nearest distance, for Hamerly's
// bounds), all distances (for Transform and k-means++), and the float32
// nearest centre. Each has a pure-Go reference, written to perform the
// operations of sqDist in the same order, and on amd64 an assembly
// version (kernel_amd64.s) that computes the same values, bit for bit, on
// whole blocks of rows; the reference handles the remaining rows and every
// row on other platforms or under the purego build tag.

// simdLevel is the widest assembly kernel the processor supports.
type simdLevel int

const (
	simdNone simdLevel = iota
	simdAVX2
	simdAVX512
)

// simd is the kernel level in use: detected once, changed only by tests.
var simd = detectSIMD()

// panel holds k centres laid out for the kernels: groups of 8 centres and,
// within a group, for each feature t, the t-th values of the 8 centres side
// by side. The missing centres of the last group are +Inf, whose distance
// to any row is +Inf, so they never win.
type panel struct {
	k, d, groups int
	flat         []float64 // the centres, k×d row-major, for the reference
	c            []float64 // groups × d × 8
	dot          []float64 // groups × (1+d) × 8: ‖c‖² (+Inf for a missing centre), then −2c (0)
	cmax         float64   // the largest ‖c‖² of the k centres
	c32          []float32 // c in float32, for the float32 kernel
	flat32       []float32 // flat in float32
}

// set lays out the flat k×d centres, reusing the panel's storage. It
// copies them: the panel does not alias centers.
func (pn *panel) set(centers []float64, k, d int) {
	pn.k, pn.d, pn.groups = k, d, (k+7)/8
	pn.flat = append(pn.flat[:0], centers[:k*d]...)
	size := pn.groups * d * 8
	if cap(pn.c) < size {
		pn.c = make([]float64, size)
	}
	pn.c = pn.c[:size]
	inf := math.Inf(1)
	for g := range pn.groups {
		blk := pn.c[g*d*8 : (g+1)*d*8]
		for l := range 8 {
			j := 8*g + l
			if j >= k {
				for t := range d {
					blk[t*8+l] = inf
				}
				continue
			}
			for t, v := range centers[j*d : (j+1)*d] {
				blk[t*8+l] = v
			}
		}
	}
	size = pn.groups * (d + 1) * 8
	if cap(pn.dot) < size {
		pn.dot = make([]float64, size)
	}
	pn.dot = pn.dot[:size]
	pn.cmax = 0
	for g := range pn.groups {
		blk := pn.dot[g*(d+1)*8 : (g+1)*(d+1)*8]
		for l := range 8 {
			j := 8*g + l
			if j >= k {
				blk[l] = inf
				for t := range d {
					blk[(t+1)*8+l] = 0
				}
				continue
			}
			var norm float64
			for t, v := range centers[j*d : (j+1)*d] {
				norm += float64(v * v)
				blk[(t+1)*8+l] = -2 * v
			}
			blk[l] = norm
			if math.IsNaN(norm) || math.IsNaN(pn.cmax) {
				pn.cmax = math.NaN() // no fast pass then
			} else if norm > pn.cmax {
				pn.cmax = norm
			}
		}
	}
}

// set32 is set that also keeps the centres rounded to float32 for the
// float32 kernel.
func (pn *panel) set32(centers []float64, k, d int) {
	pn.set(centers, k, d)
	if cap(pn.c32) < len(pn.c) {
		pn.c32 = make([]float32, len(pn.c))
	}
	pn.c32 = pn.c32[:len(pn.c)]
	for i, v := range pn.c {
		pn.c32[i] = float32(v)
	}
	if cap(pn.flat32) < len(pn.flat) {
		pn.flat32 = make([]float32, len(pn.flat))
	}
	pn.flat32 = pn.flat32[:len(pn.flat)]
	for i, v := range pn.flat {
		pn.flat32[i] = float32(v)
	}
}

// kernelPanic reports a broken internal invariant before any slice reaches
// the assembly: the public API validates shapes, so no input can cause it.
func kernelPanic(what string) {
	panic("cluster: internal error: distance kernel called with " + what)
}

func (pn *panel) check(x int, n int) {
	switch {
	case pn.d < 1 || pn.k < 1 || len(pn.flat) != pn.k*pn.d || len(pn.c) != pn.groups*pn.d*8:
		kernelPanic("a malformed centre panel")
	case n < 0 || x < n*pn.d:
		kernelPanic("fewer values than rows × features")
	}
}

// nearestRows sets, for every row i of the flat matrix x (pn.d values per
// row, len(labels) rows), labels[i] to the index of the nearest centre
// (lowest on ties), best[i] to its squared distance and second[i] to the
// second smallest squared distance (+Inf with one centre), all exactly as
// the scalar reference computes them.
func nearestRows(x []float64, pn *panel, labels []int32, best, second []float64) {
	n := len(labels)
	pn.check(len(x), n)
	if len(best) < n || len(second) < n {
		kernelPanic("short output slices")
	}
	done := nearestAsm(x, n, pn, labels, best, second)
	d := pn.d
	nearestRef(x[done*d:n*d], pn, labels[done:n], best[done:n], second[done:n])
}

// nearestRowsFast sets labels exactly as nearestRows does, faster: the
// dot-product kernels rank the centres by ‖c‖² − 2x·c, and every row
// whose two best scores are too close for their rounding to be ruled out
// is recomputed with the reference. xmax must be at least the largest
// ‖x_i‖² of the rows (NaN if a row holds NaN; see rowNormMax). It
// reports what best and second hold: with shifted true, the two smallest
// squared distances less ‖x_i‖², within rounding of order
// (d+2)·2⁻⁵²·(‖x_i‖² + max ‖c‖²); with shifted false, nearestRows'
// exact values (no kernel, or values so large that the fast form could
// overflow).
func nearestRowsFast(x []float64, pn *panel, labels []int32, best, second []float64, xmax float64) (shifted bool) {
	n := len(labels)
	pn.check(len(x), n)
	if len(best) < n || len(second) < n || len(pn.dot) != pn.groups*(pn.d+1)*8 {
		kernelPanic("short output slices or dot panel")
	}
	// Bound of every score's magnitude: below MaxFloat64/64 nothing
	// overflows; NaN or Inf fails the test.
	scale := xmax + pn.cmax
	if !(scale <= math.MaxFloat64/64) {
		nearestRows(x, pn, labels, best, second)
		return false
	}
	done := nearestDotAsm(x, n, pn, labels, best, second)
	if done == 0 {
		nearestRows(x, pn, labels, best, second)
		return false
	}
	d := pn.d
	if pn.k > 1 {
		// Score j is ‖c_j‖² (its d squares summed, error ≤ γ_d‖c_j‖²)
		// plus d fused multiply-adds, each rounding once a partial sum
		// of magnitude ≤ (1+γ_d)(2‖c_j‖² + ‖x‖²): its error is at most
		// (3d+1)·u·(‖x‖² + ‖c_j‖²), about. The reference's distance r_j
		// is within (d+2)·u·r_j ≤ 2(d+2)·u·(‖x‖² + ‖c_j‖²) of the exact
		// one. So when the two best scores differ by more than twice the
		// sum, about 10(d+1)·u·S with S = ‖x‖² + max‖c‖² and u = 2⁻⁵³,
		// every centre's reference distance is ranked as its score is.
		// The margin taken is 32(d+2)·u·S, plus subnormal ulps.
		limit := float64(d+2)*0x1p-48*scale + float64(d+2)*0x1p-1068
		for i := range done {
			if second[i]-best[i] > limit {
				continue // false for a NaN gap too
			}
			row := x[i*d : i*d+d]
			nearestRef(row, pn, labels[i:i+1], best[i:i+1], second[i:i+1])
			xx := sqNorm(row)
			best[i] -= xx
			second[i] -= xx
		}
	}
	nearestRef(x[done*d:n*d], pn, labels[done:n], best[done:n], second[done:n])
	for i := done; i < n; i++ {
		xx := sqNorm(x[i*d : i*d+d])
		best[i] -= xx
		second[i] -= xx
	}
	return true
}

// sqNorm returns ‖v‖², the squares summed in order.
func sqNorm(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += float64(x * x)
	}
	return s
}

// distRows sets out[i*ldo+j] to the squared distance from row i of x to
// centre j, for the n rows of x and the pn.k centres; columns k to ldo-1
// may be overwritten. ldo must be at least pn.groups×8.
func distRows(x []float64, n int, pn *panel, out []float64, ldo int) {
	pn.check(len(x), n)
	if ldo < pn.groups*8 || (n > 0 && len(out) < (n-1)*ldo+pn.groups*8) {
		kernelPanic("a short output matrix")
	}
	done := distsAsm(x, n, pn, out, ldo)
	distsRef(x[done*pn.d:n*pn.d], pn, out[done*ldo:], ldo)
}

// nearestRows32 is nearestRows in float32 arithmetic on float32 rows and
// the float32 centres of set32, without the second distance. Distances
// are sums of float32 squares: see KMeans.Float32 for the precision.
func nearestRows32(x []float32, pn *panel, labels []int32, best []float32) {
	n := len(labels)
	pn.check(len(x), n)
	if len(best) < n || len(pn.c32) != len(pn.c) || len(pn.flat32) != len(pn.flat) {
		kernelPanic("short float32 outputs or panel")
	}
	done := nearest32Asm(x, n, pn, labels, best)
	d := pn.d
	nearestRef32(x[done*d:n*d], pn, labels[done:n], best[done:n])
}

// accumulate adds each row of x (d values per row, len(labels) rows) to
// the sums of its cluster: sums[l*d+t] += x[i*d+t] with l = labels[i], or
// += w[i]·x[i*d+t] (the product rounded first) when w is not nil, row by
// row in order. Labels must lie in [0, len(sums)/d).
func accumulate(x []float64, d int, labels []int32, w, sums []float64) {
	n := len(labels)
	k := len(sums) / d
	if d < 1 || len(x) < n*d || (w != nil && len(w) < n) {
		kernelPanic("short rows or weights to accumulate")
	}
	for _, l := range labels {
		if uint(l) >= uint(k) {
			kernelPanic("a label outside the sums")
		}
	}
	if accumAsm(x, d, labels, w, sums) {
		return
	}
	accumRef(x, d, labels, w, sums)
}

// accumulate32 is accumulate, unweighted, for float32 rows: each value is
// widened to float64, exactly, before it is added.
func accumulate32(x []float32, d int, labels []int32, sums []float64) {
	n := len(labels)
	k := len(sums) / d
	if d < 1 || len(x) < n*d {
		kernelPanic("short float32 rows to accumulate")
	}
	for _, l := range labels {
		if uint(l) >= uint(k) {
			kernelPanic("a label outside the sums")
		}
	}
	if accum32Asm(x, d, labels, sums) {
		return
	}
	for i, l := range labels {
		s := sums[int(l)*d : int(l)*d+d]
		row := x[i*d : i*d+d]
		row = row[:len(s)]
		for t, v := range row {
			s[t] += float64(v)
		}
	}
}

// accumRef is the reference for accumulate.
func accumRef(x []float64, d int, labels []int32, w, sums []float64) {
	for i, l := range labels {
		s := sums[int(l)*d : int(l)*d+d]
		row := x[i*d : i*d+d]
		row = row[:len(s)]
		if w == nil {
			for t, v := range row {
				s[t] += v
			}
			continue
		}
		wi := w[i]
		for t, v := range row {
			s[t] += float64(wi * v)
		}
	}
}

// nearestRef is the reference for nearestRows: the squared distance to
// every centre, each summed as sqDist sums it (feature by feature, every
// square rounded before it is added), kept when smaller (strict <) in
// centre order, with the second smallest. It reads the centres from the
// 8-wide panel (groupDists), so that the pure-Go build keeps four
// independent sums in flight rather than one.
func nearestRef(x []float64, pn *panel, labels []int32, best, second []float64) {
	d, k := pn.d, pn.k
	var acc [8]float64
	for i := range labels {
		row := x[i*d : i*d+d]
		b, bd, sd := 0, math.Inf(1), math.Inf(1)
		for g := range pn.groups {
			groupDists(row, pn.c[g*d*8:(g+1)*d*8], &acc)
			for l, dd := range acc[:min(8, k-8*g)] {
				if dd < bd {
					b, sd, bd = 8*g+l, bd, dd
				} else if dd < sd {
					sd = dd
				}
			}
		}
		labels[i], best[i], second[i] = int32(b), bd, sd
	}
}

// groupDists sets acc[l] to sqDist(row, centre l of the panel group blk),
// with the same operations in the same order: float64() keeps each square
// rounded on its own (no fused multiply-add, whatever the architecture).
// It works on four centres at a time, which keeps every sum in a register.
func groupDists(row, blk []float64, acc *[8]float64) {
	blk = blk[:len(row)*8]
	for h := 0; h < 8; h += 4 {
		var a0, a1, a2, a3 float64
		for t, v := range row {
			c := blk[t*8+h : t*8+h+4 : t*8+h+4]
			e0, e1, e2, e3 := v-c[0], v-c[1], v-c[2], v-c[3]
			a0 += float64(e0 * e0)
			a1 += float64(e1 * e1)
			a2 += float64(e2 * e2)
			a3 += float64(e3 * e3)
		}
		acc[h], acc[h+1], acc[h+2], acc[h+3] = a0, a1, a2, a3
	}
}

// distsRef is the reference for distRows, eight centres at a time as in
// nearestRef.
func distsRef(x []float64, pn *panel, out []float64, ldo int) {
	d, k := pn.d, pn.k
	var acc [8]float64
	for i := range len(x) / d {
		row := x[i*d : i*d+d]
		o := out[i*ldo : i*ldo+k]
		for g := range pn.groups {
			groupDists(row, pn.c[g*d*8:(g+1)*d*8], &acc)
			copy(o[8*g:], acc[:])
		}
	}
}

// nearestRef32 is the reference for nearestRows32.
func nearestRef32(x []float32, pn *panel, labels []int32, best []float32) {
	d, k := pn.d, pn.k
	inf := float32(math.Inf(1))
	for i := range labels {
		row := x[i*d : i*d+d]
		b, bd := 0, inf
		for j := range k {
			c := pn.flat32[j*d : (j+1)*d]
			var s float32
			for t, v := range row {
				dv := c[t] - v
				s += float32(dv * dv)
			}
			if s < bd {
				b, bd = j, s
			}
		}
		labels[i], best[i] = int32(b), bd
	}
}
