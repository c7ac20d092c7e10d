package rfm

import (
	"cmp"
	"math"
	"slices"
)

// countStats returns what orderStats would for xs made of whole numbers
// in a range not much wider than len(xs), such as days and counts, by
// counting them in one pass instead of selecting; it returns nil for
// other xs.
func countStats(xs []float64, pos []int) []float64 {
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		if x != math.Trunc(x) {
			return nil
		}
		lo, hi = min(lo, x), max(hi, x)
	}
	if !(hi-lo <= float64(4*len(xs)+1024)) {
		return nil
	}
	counts := make([]int, int(hi-lo)+1)
	for _, x := range xs {
		counts[int(x-lo)]++
	}
	order := make([]int, len(pos))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(pos[a], pos[b]) })
	out := make([]float64, len(pos))
	v, below := 0, counts[0] // below: how many values are <= lo+v
	for _, i := range order {
		for below <= pos[i] {
			v++
			below += counts[v]
		}
		out[i] = lo + float64(v)
	}
	return out
}

// orderStats returns the values that would be at the given 0-based
// positions of xs if it were sorted, reordering xs in place. It selects
// them with a three-way quickselect that narrows to each position in
// turn, in O(len(xs) * log(len(pos))) expected time, and falls back to
// sorting a range that partitions badly, so it never goes quadratic.
func orderStats[T cmp.Ordered](xs []T, pos []int) []T {
	out := make([]T, len(pos))
	want := slices.Clone(pos)
	slices.Sort(want)
	want = slices.Compact(want)
	selectInto(xs, 0, want, 2*bitsLen(len(xs))+8)
	for i, p := range pos {
		out[i] = xs[p]
	}
	return out
}

func bitsLen(n int) int {
	l := 0
	for n > 0 {
		l++
		n >>= 1
	}
	return l
}

// selectInto rearranges xs (which starts at absolute position off) so
// that every wanted absolute position holds its sorted value.
func selectInto[T cmp.Ordered](xs []T, off int, want []int, depth int) {
	for len(want) > 0 {
		if len(xs) <= 16 || depth == 0 {
			slices.Sort(xs)
			return
		}
		depth--
		p := pivot(xs)
		// Three-way partition: [< p | == p | > p].
		lt, i, gt := 0, 0, len(xs)
		for i < gt {
			switch x := xs[i]; {
			case x < p:
				xs[lt], xs[i] = xs[i], xs[lt]
				lt++
				i++
			case x > p:
				gt--
				xs[gt], xs[i] = xs[i], xs[gt]
			default:
				i++
			}
		}
		// Positions below off+lt recurse left; those in [lt, gt) are
		// done; the rest continue right in this loop.
		k := 0
		for k < len(want) && want[k] < off+lt {
			k++
		}
		if k > 0 {
			selectInto(xs[:lt], off, want[:k], depth)
		}
		for k < len(want) && want[k] < off+gt {
			k++
		}
		want = want[k:]
		xs = xs[gt:]
		off += gt
	}
}

// pivot returns the median of three medians of three, spread over xs.
func pivot[T cmp.Ordered](xs []T) T {
	n := len(xs)
	s := n / 8
	m := n / 2
	return median3(
		median3(xs[0], xs[s], xs[2*s]),
		median3(xs[m-s], xs[m], xs[m+s]),
		median3(xs[n-1-2*s], xs[n-1-s], xs[n-1]))
}

func median3[T cmp.Ordered](a, b, c T) T {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	if a > b {
		b = a
	}
	return b
}
