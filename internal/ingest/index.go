package ingest

// Index interns customer IDs into dense slots 0, 1, 2, ... in the order
// in which they were first added, and holds a state S per slot next to
// the ID's Key, so that finding a customer and updating its state touch
// the same cache line. It is a set of open-addressing tables of uint64
// entries, each holding 32 bits of the ID's hash and the slot plus one,
// chosen by the low bits of the hash: a probe rarely needs the ID itself,
// and a table that grows rehashes only its own small share of the
// entries, in cache. An Index is not safe for concurrent use.
type Index[S any] struct {
	parts [indexParts]part
	ents  []entry[S]
	ids   []string // per slot, the ID as first added
	first []int64  // per slot, the position given when it was added
}

// indexParts is the number of tables of an Index, a power of two.
const indexParts = 64

// entry is a slot's Key and state.
type entry[S any] struct {
	k Key
	s S
}

// part is one open-addressing table of an Index: entries are
// tag<<32 | slot+1, 0 is empty, and a tag's probe starts at spread(tag).
type part struct {
	tab []uint64
	n   int
}

// Len returns the number of slots.
func (x *Index[S]) Len() int { return len(x.ents) }

// ID returns the ID of slot i as first added.
func (x *Index[S]) ID(i int) string { return x.ids[i] }

// First returns the position given when slot i was added.
func (x *Index[S]) First(i int) int64 { return x.first[i] }

// State returns the state of slot i. The pointer is valid until the next
// call to Get.
func (x *Index[S]) State(i int) *S { return &x.ents[i].s }

// Touch loads the table entry where a probe for hash h starts and
// returns it, so that a caller can bring the entries of many lookups into
// cache in one loop of independent loads before doing them.
func (x *Index[S]) Touch(h uint64) uint64 {
	p := &x.parts[h&(indexParts-1)]
	if len(p.tab) == 0 {
		return 0
	}
	return p.tab[spread(h>>32)&uint64(len(p.tab)-1)]
}

// Candidate returns the slot of the first entry on the probe for hash h
// whose tag matches, or -1, without comparing IDs, and loads that slot's
// key: the second step, after Touch, of overlapping the cache misses of
// many lookups.
func (x *Index[S]) Candidate(h uint64) int {
	p := &x.parts[h&(indexParts-1)]
	if len(p.tab) == 0 {
		return -1
	}
	tag := h >> 32
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

// TouchState loads slot's key and returns a word of it.
func (x *Index[S]) TouchState(slot int) uint64 { return x.ents[slot].k.lo }

// Find returns the slot of the ID id, whose hash and Key come from
// Hasher.Hash, and false when it has none.
func (x *Index[S]) Find(id string, h uint64, k Key) (int, bool) {
	p := &x.parts[h&(indexParts-1)]
	if len(p.tab) == 0 {
		return 0, false
	}
	tag := h >> 32
	mask := uint64(len(p.tab) - 1)
	for i := spread(tag) & mask; ; i = (i + 1) & mask {
		e := p.tab[i]
		if e == 0 {
			return 0, false
		}
		if e>>32 == tag {
			j := int(uint32(e) - 1)
			if x.ents[j].k == k && (k.hi != longKey || x.ids[j] == id) {
				return j, true
			}
		}
	}
}

// Get returns the slot of the ID id, whose hash and Key come from
// Hasher.Hash, and its state, adding it with the zero state and position
// pos when it is new (isNew).
func (x *Index[S]) Get(id string, h uint64, k Key, pos int64) (slot int, s *S, isNew bool) {
	if j, ok := x.Find(id, h, k); ok {
		return j, &x.ents[j].s, false
	}
	slot = len(x.ents)
	if uint64(slot) >= 1<<32-1 {
		// 4 billion customers in one shard would need hundreds of GB.
		panic("ingest: more than 2^32-2 customers in one shard")
	}
	x.ents = append(x.ents, entry[S]{k: k})
	x.ids = append(x.ids, id)
	x.first = append(x.first, pos)
	x.parts[h&(indexParts-1)].insert(h>>32<<32 | uint64(slot+1))
	return slot, &x.ents[slot].s, true
}

// insert adds entry e, whose tag is e>>32, growing the table to keep it
// at most half full.
func (p *part) insert(e uint64) {
	if 2*(p.n+1) > len(p.tab) {
		old := p.tab
		p.tab = make([]uint64, max(16, 2*len(old)))
		for _, o := range old {
			if o != 0 {
				p.put(o)
			}
		}
	}
	p.put(e)
	p.n++
}

func (p *part) put(e uint64) {
	mask := uint64(len(p.tab) - 1)
	i := spread(e>>32) & mask
	for p.tab[i] != 0 {
		i = (i + 1) & mask
	}
	p.tab[i] = e
}
