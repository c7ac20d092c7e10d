package ingest

import "strings"

// Part is one partition of the customers: those whose ID hash falls in
// it, each in a dense slot 0, 1, 2, ... in the order of its first order,
// with its key and state S next to each other, the (customer, order ID)
// pairs seen, and X, whatever else the caller keeps per partition. A
// partition holds about a 256th of the data, so its tables stay in
// cache while it is worked on. A Part is not safe for concurrent use; the
// engine works on one partition on one goroutine at a time.
type Part[S, X any] struct {
	tab    []uint64 // tag<<32 | slot+1; 0 is empty
	ents   Blocks[entry[S]]
	first  Blocks[int64] // per slot, the position of the customer's first order
	long   []string      // the long IDs, indexed by their keys
	orders orderSet
	index  int    // the partition's number
	dups   int    // orders skipped as duplicates
	sink   uint64 // keeps the touching loads
	// X is the caller's state for the partition.
	X X
}

// entry is a slot's key and state.
type entry[S any] struct {
	k Key
	s S
}

// Len returns the number of customers.
func (p *Part[S, X]) Len() int { return p.ents.Len() }

// State returns the state of slot i. The pointer is valid until a new
// customer is added.
func (p *Part[S, X]) State(i int) *S { return &p.ents.At(i).s }

// First returns the position of the first order of slot i.
func (p *Part[S, X]) First(i int) int64 { return *p.first.At(i) }

// ID returns the ID of slot i. It allocates.
func (p *Part[S, X]) ID(i int) string {
	k := p.ents.At(i).k
	if k.long() {
		return p.long[k.index()]
	}
	return string(appendShort(nil, k))
}

// IDTable holds the short IDs of a partition's slots in one string, for
// handing the IDs out without an allocation each: 4 bytes per slot
// besides the IDs, where a []string takes 16.
type IDTable struct {
	text string
	off  []uint32 // where slot i's short ID starts in text
}

// Len returns the number of slots t holds.
func (t *IDTable) Len() int { return len(t.off) }

// IDTable returns the table of the IDs of all slots, in one allocation
// of their bytes (long IDs stay where they are).
func (p *Part[S, X]) IDTable() IDTable {
	n := p.ents.Len()
	t := IDTable{off: make([]uint32, n)}
	size := 0
	for i := range n {
		t.off[i] = uint32(size)
		if k := p.ents.At(i).k; !k.long() {
			size += k.textLen()
		}
	}
	// A strings.Builder does not copy its bytes into the string.
	var sb strings.Builder
	sb.Grow(size)
	var buf [16]byte
	for i := range n {
		if k := p.ents.At(i).k; !k.long() {
			sb.Write(appendShort(buf[:0], k))
		}
	}
	t.text = sb.String()
	return t
}

// IDAt returns the ID of slot i from t, p's IDTable.
func (p *Part[S, X]) IDAt(t *IDTable, i int) string {
	k := p.ents.At(i).k
	if k.long() {
		return p.long[k.index()]
	}
	o := t.off[i]
	return t.text[o : o+uint32(k.textLen())]
}

// touch loads the table entry where the probe for hash h starts.
func (p *Part[S, X]) touch(h uint64) uint64 {
	if len(p.tab) == 0 {
		return 0
	}
	return p.tab[spread(uint64(uint32(h)))&uint64(len(p.tab)-1)]
}

// candidate returns the slot of the first entry on the probe for hash h
// whose tag matches, or -1, without comparing keys: the step, after
// touch, that loads the candidate's key before find compares it.
func (p *Part[S, X]) candidate(h uint64) int {
	if len(p.tab) == 0 {
		return -1
	}
	tag := uint64(uint32(h))
	mask := uint64(len(p.tab) - 1)
	for i := spread(tag) & mask; ; i = (i + 1) & mask {
		e := p.tab[i]
		if e == 0 {
			return -1
		}
		if e>>32 == tag {
			return int(uint32(e) - 1)
		}
	}
}

// find returns the slot of the customer with key k and hash h; long
// holds the record's long IDs. It returns -1 when there is none.
func (p *Part[S, X]) find(k Key, h uint64, long []string) int {
	if len(p.tab) == 0 {
		return -1
	}
	tag := uint64(uint32(h))
	mask := uint64(len(p.tab) - 1)
	for i := spread(tag) & mask; ; i = (i + 1) & mask {
		e := p.tab[i]
		if e == 0 {
			return -1
		}
		if e>>32 == tag {
			j := int(uint32(e) - 1)
			if Same(k, long, p.ents.At(j).k, p.long) {
				return j
			}
		}
	}
}

// get returns the slot of the customer with key k and hash h, adding it
// with the zero state and first position pos when it is new.
func (p *Part[S, X]) get(k Key, h uint64, long []string, pos int64) int {
	if j := p.find(k, h, long); j >= 0 {
		return j
	}
	slot := p.ents.Len()
	if uint64(slot) >= 1<<32-2 {
		// 4 billion customers in a partition, 4 trillion in all.
		panic("ingest: partition full")
	}
	if k.long() {
		p.long = append(p.long, long[k.index()])
		k = k.withIndex(len(p.long) - 1)
	}
	p.ents.Append(entry[S]{k: k})
	p.first.Append(pos)
	tag := uint64(uint32(h))
	if 2*(slot+1) > len(p.tab) {
		p.tab = grownTable(p.tab)
	}
	place(p.tab, tag<<32|uint64(slot+1))
	return slot
}
