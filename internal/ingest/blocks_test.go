package ingest

import "testing"

// TestBlocksNext fills a list through Next and Append alike, across the
// doubling first block and several full blocks, empties it and fills it
// again (Next then hands out slots that hold the first filling's
// values), and checks every element against what was set.
func TestBlocksNext(t *testing.T) {
	var b Blocks[[3]int64]
	for round := range 2 {
		const n = 3*BlockLen + 17
		for i := range n {
			v := [3]int64{int64(i), int64(round), -int64(i)}
			if i%5 == 0 {
				if got := b.Append(v); got != i {
					t.Fatalf("round %d: Append returned index %d, want %d", round, got, i)
				}
				continue
			}
			*b.Next() = v
		}
		if b.Len() != n {
			t.Fatalf("round %d: Len = %d, want %d", round, b.Len(), n)
		}
		for i := range n {
			if got, want := *b.At(i), [3]int64{int64(i), int64(round), -int64(i)}; got != want {
				t.Fatalf("round %d: element %d = %v, want %v", round, i, got, want)
			}
		}
		b.Reset()
	}
}
