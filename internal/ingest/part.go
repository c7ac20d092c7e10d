package ingest

// Part is one partition of the customers: those whose ID hash falls in
// it, each in a dense slot 0, 1, 2, ... in the order of its first order,
// with its key and state S next to each other, the (customer, order ID)
// pairs seen, and X, whatever else the caller keeps per partition. A
// partition holds about a thousandth of the data, so its tables stay in
// cache while it is worked on. A Part is not safe for concurrent use; the
// engine works on one partition on one goroutine at a time.
type Part[S, X any] struct {
	tab    []uint64 // tag<<32 | slot+1; 0 is empty
	ents   Blocks[entry[S]]
	first  Blocks[int64] // per slot, the position of the customer's first order
	long   []string      // the long IDs, indexed by their keys
	orders orderSet
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

// Dups returns the number of orders skipped as duplicates.
func (p *Part[S, X]) Dups() int { return p.dups }

// ID returns the ID of slot i. It allocates.
func (p *Part[S, X]) ID(i int) string {
	k := p.ents.At(i).k
	if k.long() {
		return p.long[k.index()]
	}
	return string(appendShort(nil, k))
}

// IDs returns the IDs of all slots, sharing one allocation.
func (p *Part[S, X]) IDs() []string {
	var b []byte
	n := p.ents.Len()
	for i := range n {
		if k := p.ents.At(i).k; !k.long() {
			b = appendShort(b, k)
		}
	}
	all := string(b)
	out := make([]string, n)
	off := 0
	for i := range n {
		k := p.ents.At(i).k
		if k.long() {
			out[i] = p.long[k.index()]
			continue
		}
		n := int(k.hi >> 56)
		out[i] = all[off : off+n]
		off += n
	}
	return out
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
	if slot >= 1<<32-2 {
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
		old := p.tab
		p.tab = make([]uint64, max(16, 2*len(old)))
		for _, o := range old {
			if o != 0 {
				p.put(o)
			}
		}
	}
	p.put(tag<<32 | uint64(slot+1))
	return slot
}

func (p *Part[S, X]) put(e uint64) {
	mask := uint64(len(p.tab) - 1)
	i := spread(e>>32) & mask
	for p.tab[i] != 0 {
		i = (i + 1) & mask
	}
	p.tab[i] = e
}
