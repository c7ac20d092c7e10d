package ingest_test

import (
	"fmt"

	"github.com/clientele-go/clientele/internal/ingest"
)

// Example pushes orders through an Engine that counts each customer's
// orders and sums their amounts in cents, skipping a replayed order, and
// emits the customers in the order of their first record.
func Example() {
	type state struct{ orders, cents int64 }
	e := ingest.New(ingest.NewHasher(), ingest.Config{Workers: 1, Dedup: true},
		func(p *ingest.Part[state, struct{}], recs []ingest.Rec[int64], slots []int32, _ []string) {
			for i := range recs {
				if slots[i] >= 0 { // -1: a duplicate, or a suspect held until Flush
					s := p.State(int(slots[i]))
					s.orders++
					s.cents += recs[i].P
				}
			}
		}, nil)
	defer e.Close()

	orders := []struct {
		cust, oid string
		cents     int64
	}{
		{"alice", "O1", 1999},
		{"bob", "O2", 500},
		{"alice", "O3", 250},
		{"alice", "O1", 1999}, // replayed
	}
	for i, o := range orders {
		h, k := e.Hasher().Hash(o.cust)
		rec := ingest.Rec[int64]{Key: k, OKey: e.OrderKey(o.oid), Pos: int64(i), P: o.cents}
		e.Push(h, &rec, o.cust, o.oid)
	}
	e.Flush()

	out := make([]string, e.Customers())
	e.Emit(func(*ingest.Part[state, struct{}], *state) bool { return true }, func(p *ingest.Part[state, struct{}], slot, i int) {
		s := p.State(slot)
		out[i] = fmt.Sprintf("%s orders=%d amount=%d.%02d", p.ID(slot), s.orders, s.cents/100, s.cents%100)
	})
	for _, line := range out {
		fmt.Println(line)
	}
	fmt.Println("duplicates:", e.Dups())
	// Output:
	// alice orders=2 amount=22.49
	// bob orders=1 amount=5.00
	// duplicates: 1
}
