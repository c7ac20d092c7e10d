package ingest

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

func TestKeys(t *testing.T) {
	h := NewHasher()
	for n := range 40 {
		s := strings.Repeat("x", n/2) + strings.Repeat("é", (n+1)/4)
		hs, k := h.Hash(s)
		if got := k.Text([]string{s}); got != s {
			t.Errorf("Key(%q).Text = %q", s, got)
		}
		if k.Long() != (len(s) > maxInline) || h.KeyHash(k) != hs {
			t.Errorf("Key(%q): long %v, KeyHash %x, hash %x", s, k.Long(), h.KeyHash(k), hs)
		}
	}
	// Equal short IDs have equal keys; a prefix is a different key.
	_, a := h.Hash("abc")
	_, b := h.Hash("abc\x00")
	if a == b {
		t.Error(`"abc" and "abc\x00" have the same key`)
	}
}

// TestSeenConfirms forces different order IDs of one customer onto the
// same hash and expects them told apart by the IDs themselves, inline and
// by reference, across growth.
func TestSeenConfirms(t *testing.T) {
	h := NewHasher()
	var s seenSet
	long1, long2 := "an order ID longer than twelve bytes, 1", "an order ID longer than twelve bytes, 2"
	ids := []string{"O1", "O2", "thirteen byte", "thirteen bytf", long1, long2, "O1", long1, "thirteen byte"}
	want := []bool{true, true, true, true, true, true, false, false, false}
	for i, id := range ids {
		_, k := h.Hash(id)
		if k.Long() {
			k = Key{42, longKey} // the same hash for both long IDs
		}
		if got := s.add(&h, 7, k, 0xABCD<<32, []string{id}); got != want[i] {
			t.Errorf("add(%q) = %v, want %v", id, got, want[i])
		}
	}
	// Another customer may use the same IDs.
	_, k := h.Hash("O1")
	if !s.add(&h, 8, k, 0xABCD<<32, nil) {
		t.Error("the same ID under another customer is a duplicate")
	}
	// Many more, through several growths, all still found.
	for i := range 5000 {
		id := "X" + strconv.Itoa(i)
		if i%3 == 0 {
			id += " padded past twelve bytes"
		}
		oh, k := h.Hash(id)
		if !s.add(&h, i%50, k, oh, []string{id}) {
			t.Fatalf("add(%q) = false, want true", id)
		}
	}
	for i := range 5000 {
		id := "X" + strconv.Itoa(i)
		if i%3 == 0 {
			id += " padded past twelve bytes"
		}
		oh, k := h.Hash(id)
		if !s.has(&h, i%50, k, oh, []string{id}) || s.has(&h, i%50+1, k, oh, []string{id}) {
			t.Fatalf("has(%q) wrong after growth", id)
		}
	}
	n := 0
	s.each(func(slot int, id string) { n++ })
	if n != 5000+7 {
		t.Errorf("each saw %d pairs, want %d", n, 5007)
	}
}

// TestPartTellsLongIDsApart gives two long customer IDs the same hash.
func TestPartTellsLongIDsApart(t *testing.T) {
	var p Part[int, struct{}]
	a, b := "customer ID number one, long", "customer ID number two, long"
	k := Key{99, longKey}
	sa := p.get(k, 5, []string{a}, 0)
	sb := p.get(k, 5, []string{b}, 1)
	if sa == sb || p.get(k, 5, []string{a}, 2) != sa || p.ID(sb) != b {
		t.Errorf("slots %d, %d; ID(%d) = %q", sa, sb, sb, p.ID(sb))
	}
}

// toy is a state for the engine tests: the orders used and their sum.
type toy struct{ n, sum int64 }

type toyRow struct {
	cust, oid string
	v         int64
}

// runToy feeds rows through an engine and returns each customer's
// state in the order Emit gives, and the duplicates.
func runToy(rows []toyRow, workers, wave int, dedup bool) ([]string, int) {
	e := New(NewHasher(), Config{Workers: workers, Dedup: dedup, Wave: wave},
		func(p *Part[toy, struct{}], recs []Rec[int64], slots []int32, _ []string) {
			for i := range recs {
				if slots[i] >= 0 {
					s := p.State(int(slots[i]))
					s.n++
					s.sum = s.sum*31 + recs[i].P // order-sensitive
				}
			}
		})
	defer e.Close()
	for i, r := range rows {
		h, k := e.Hasher().Hash(r.cust)
		rec := Rec[int64]{Key: k, OKey: e.OrderKey(r.oid), Pos: int64(i), P: r.v}
		e.Push(h, &rec, r.cust, r.oid)
	}
	e.Flush()
	out := make([]string, e.Customers())
	e.Emit(func(*toy) bool { return true }, func(p *Part[toy, struct{}], slot, i int) {
		s := p.State(slot)
		out[i] = fmt.Sprintf("%s:%d:%d", p.ID(slot), s.n, s.sum)
	})
	return out, e.Dups()
}

// TestEngineAgainstReference compares the engine, with tiny waves and
// several workers, with a plain one-pass map.
func TestEngineAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 30 {
		n := 1 + r.IntN(3000)
		rows := make([]toyRow, n)
		for i := range rows {
			c := strconv.Itoa(r.IntN(1 + n/5))
			if r.IntN(10) == 0 {
				c += " with a long tail to pass fifteen bytes"
			}
			oid := strconv.Itoa(r.IntN(n))
			if r.IntN(8) == 0 {
				oid = ""
			}
			rows[i] = toyRow{cust: c, oid: oid, v: r.Int64N(100)}
		}
		// Reference.
		var order []string
		state := map[string]*toy{}
		seen := map[[2]string]bool{}
		dups := 0
		for _, row := range rows {
			if row.oid != "" {
				if seen[[2]string{row.cust, row.oid}] {
					dups++
					continue
				}
				seen[[2]string{row.cust, row.oid}] = true
			}
			s := state[row.cust]
			if s == nil {
				s = &toy{}
				state[row.cust] = s
				order = append(order, row.cust)
			}
			s.n++
			s.sum = s.sum*31 + row.v
		}
		want := make([]string, len(order))
		for i, c := range order {
			want[i] = fmt.Sprintf("%s:%d:%d", c, state[c].n, state[c].sum)
		}
		for _, w := range []int{1, 2, 3} {
			wave := []int{1, 7, 100, 0}[r.IntN(4)]
			got, gotDups := runToy(rows, w, wave, true)
			if diff := cmp.Diff(want, got); diff != "" || gotDups != dups {
				t.Fatalf("trial %d, workers %d, wave %d: dups %d, want %d (-want +got):\n%s", trial, w, wave, gotDups, dups, diff)
			}
		}
	}
}

// TestPageSize pins a seen page at 4 KiB, a size class of its own.
func TestPageSize(t *testing.T) {
	if n := unsafe.Sizeof(seenPage{}); n != 4096 {
		t.Errorf("seenPage is %d bytes, want 4096", n)
	}
}
