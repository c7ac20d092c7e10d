package ingest

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

func BenchmarkSeenAdd(b *testing.B) {
	const n = 5_000_000
	r := rand.New(rand.NewPCG(1, 1))
	ids := make([]string, n)
	slots := make([]int, n)
	for i := range ids {
		ids[i] = "SO" + strconv.Itoa(1_000_000_000+i)
		slots[i] = r.IntN(500_000)
	}
	h := NewHasher()
	hs := make([]uint64, n)
	for i := range hs {
		hs[i], _ = h.Hash(ids[i])
	}
	for b.Loop() {
		var s Seen
		for i := range ids {
			s.Add(slots[i], ids[i], hs[i], 0)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/add")
}
