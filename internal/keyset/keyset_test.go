package keyset_test

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/clientele-go/clientele/internal/keyset"
)

// TestSetsMatchMaps runs random adds on many sets, small and large, and
// checks every answer against a map per set.
func TestSetsMatchMaps(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s keyset.Sets
	const nsets = 50
	heads := make([]int32, nsets)
	for i := range heads {
		heads[i] = keyset.Empty
	}
	ref := make([]map[uint64]bool, nsets)
	for i := range ref {
		ref[i] = map[uint64]bool{}
	}
	for range 20000 {
		i := r.IntN(nsets)
		// Set i draws from a range that grows with i, so some sets stay
		// in chunks and others move to tables; 0 is a valid key.
		key := r.Uint64N(uint64(2 + i*i))
		want := !ref[i][key]
		ref[i][key] = true
		if got := s.Add(&heads[i], key); got != want {
			t.Fatalf("set %d: Add(%d) = %v, want %v", i, key, got, want)
		}
		probe := r.Uint64N(uint64(2 + i*i))
		if got := s.Has(heads[i], probe); got != ref[i][probe] {
			t.Fatalf("set %d: Has(%d) = %v, want %v", i, probe, got, ref[i][probe])
		}
	}
	for i := range nsets {
		var got []uint64
		s.Each(heads[i], func(k uint64) { got = append(got, k) })
		slices.Sort(got)
		var want []uint64
		for k := range ref[i] {
			want = append(want, k)
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("set %d: Each gave %d keys, want %d", i, len(got), len(want))
		}
	}
	if s.Has(keyset.Empty, 0) {
		t.Fatal("the empty set has 0")
	}
}

// TestEachOrderIsDeterministic checks that the same adds give the same
// Each order, as reproducible merges need.
func TestEachOrderIsDeterministic(t *testing.T) {
	run := func() []uint64 {
		var s keyset.Sets
		h := keyset.Empty
		for k := range uint64(500) {
			s.Add(&h, k*7919%1000)
		}
		var out []uint64
		s.Each(h, func(k uint64) { out = append(out, k) })
		return out
	}
	if a, b := run(), run(); !slices.Equal(a, b) {
		t.Fatal("Each order differs between identical runs")
	}
}

func TestFingerprintDistinct(t *testing.T) {
	seen := make(map[uint64]string, 1<<20)
	for i := range 1 << 20 {
		for _, s := range []string{strconv.Itoa(i), "O" + strconv.Itoa(i) + "-3", strconv.Itoa(i) + "R"} {
			f := keyset.Fingerprint(s)
			if prev, dup := seen[f]; dup && prev != s {
				t.Fatalf("Fingerprint(%q) = Fingerprint(%q)", s, prev)
			}
			seen[f] = s
		}
	}
	if keyset.Fingerprint("") == keyset.Fingerprint("\x00") {
		t.Fatal("empty string and NUL collide")
	}
}

func BenchmarkAdd(b *testing.B) {
	var s keyset.Sets
	heads := make([]int32, 100_000)
	for i := range heads {
		heads[i] = keyset.Empty
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.Add(&heads[i%len(heads)], uint64(i))
		i++
	}
}
