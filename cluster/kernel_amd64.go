//go:build amd64 && !purego

package cluster

// The assembly kernels (kernel_amd64.s). They read and write only through
// the pointers they are given, for rows a multiple of their block; the
// wrappers below pass whole blocks after nearestRows, distRows and
// nearestRows32 have checked every length.

//go:noescape
func nearest64x8(x *float64, rows, d int, pn *float64, groups int, labels *int32, best, second *float64)

//go:noescape
func nearestDot64x8(x *float64, rows, d int, pn *float64, groups int, labels *int32, best, second *float64)

//go:noescape
func nearestDot64x4(x *float64, rows, d int, pn *float64, groups int, labels *int32, best, second *float64)

//go:noescape
func dists64x8(x *float64, rows, d int, pn *float64, groups int, out *float64, ldo int)

//go:noescape
func nearest64x4(x *float64, rows, d int, pn *float64, groups int, labels *int32, best, second *float64)

//go:noescape
func dists64x4(x *float64, rows, d int, pn *float64, groups int, out *float64, ldo int)

//go:noescape
func accumRows(x *float64, rows, d int, labels *int32, w *float64, sums *float64)

//go:noescape
func accumRows32(x *float32, rows, d int, labels *int32, sums *float64)

//go:noescape
func nearest32x8(x *float32, rows, d int, pn *float32, groups int, labels *int32, best *float32)

// nearestAsm runs the widest nearest-centre kernel on the leading whole
// blocks of the n rows and returns how many rows it did.
func nearestAsm(x []float64, n int, pn *panel, labels []int32, best, second []float64) int {
	switch simd {
	case simdAVX512:
		if nb := n &^ 7; nb > 0 {
			nearest64x8(&x[0], nb, pn.d, &pn.c[0], pn.groups, &labels[0], &best[0], &second[0])
			return nb
		}
	case simdAVX2:
		if nb := n &^ 3; nb > 0 {
			nearest64x4(&x[0], nb, pn.d, &pn.c[0], pn.groups, &labels[0], &best[0], &second[0])
			return nb
		}
	}
	return 0
}

// nearestDotAsm is nearestAsm with the dot-product kernels, on pn.dot:
// best and second get the two smallest scores ‖c‖² − 2x·c.
func nearestDotAsm(x []float64, n int, pn *panel, labels []int32, best, second []float64) int {
	switch simd {
	case simdAVX512:
		if nb := n &^ 7; nb > 0 {
			nearestDot64x8(&x[0], nb, pn.d, &pn.dot[0], pn.groups, &labels[0], &best[0], &second[0])
			return nb
		}
	case simdAVX2:
		if nb := n &^ 3; nb > 0 {
			nearestDot64x4(&x[0], nb, pn.d, &pn.dot[0], pn.groups, &labels[0], &best[0], &second[0])
			return nb
		}
	}
	return 0
}

// distsAsm is nearestAsm for distRows.
func distsAsm(x []float64, n int, pn *panel, out []float64, ldo int) int {
	switch simd {
	case simdAVX512:
		if nb := n &^ 7; nb > 0 {
			dists64x8(&x[0], nb, pn.d, &pn.c[0], pn.groups, &out[0], ldo*8)
			return nb
		}
	case simdAVX2:
		if nb := n &^ 3; nb > 0 {
			dists64x4(&x[0], nb, pn.d, &pn.c[0], pn.groups, &out[0], ldo*8)
			return nb
		}
	}
	return 0
}

// nearest32Asm is nearestAsm for nearestRows32. Its label arithmetic is
// exact up to 2²⁴ centres; beyond that the reference runs.
func nearest32Asm(x []float32, n int, pn *panel, labels []int32, best []float32) int {
	if simd >= simdAVX2 && pn.k < 1<<24 {
		if nb := n &^ 7; nb > 0 {
			nearest32x8(&x[0], nb, pn.d, &pn.c32[0], pn.groups, &labels[0], &best[0])
			return nb
		}
	}
	return 0
}

// accumAsm adds the rows into their clusters' sums with the assembly loop
// and reports whether it ran.
func accumAsm(x []float64, d int, labels []int32, w, sums []float64) bool {
	if simd < simdAVX2 || len(labels) == 0 {
		return false
	}
	var wp *float64
	if w != nil {
		wp = &w[0]
	}
	accumRows(&x[0], len(labels), d, &labels[0], wp, &sums[0])
	return true
}

// accum32Asm is accumAsm for float32 rows.
func accum32Asm(x []float32, d int, labels []int32, sums []float64) bool {
	if simd < simdAVX2 || len(labels) == 0 {
		return false
	}
	accumRows32(&x[0], len(labels), d, &labels[0], &sums[0])
	return true
}
