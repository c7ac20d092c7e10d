package ingest

// orderSet is the set of (customer slot, order ID) pairs of one
// partition, for duplicate detection; together the partitions' sets are
// the engine's one structure for it, instead of a set per customer.
//
// The pairs are kept as a log, in the order they were added, and a
// Bloom filter of them sits in front. A record whose pair the filter has
// surely not seen, nearly every record, is new: its pair goes to the end
// of the log and its bits into the filter, which is small enough (8 to
// 32 bits a pair) to stay in cache while its partition is worked on. A
// record whose pair the filter may have seen (a duplicate, or about 1%
// of new pairs: 127k of 10.5M on the realistic order log) is a suspect:
// the engine holds it until Flush and then decides exactly, with an index
// of the log's pairs that share a suspect's hash, built in cache.
// A hash table of every pair, probed per record, made a cache miss per
// record and cost a third of the run on the realistic order log.
type orderSet struct {
	pairs Blocks[pair] // in the order added
	refs  Blocks[Key]  // the keys of the IDs referenced by pairs
	long  []string     // the long IDs, indexed by refs
	bloom []uint64     // one word per pair hash: 3 bits of it set per pair
	nb    int          // pairs and suspects in the filter
	// index, once HasOrder or AddOrder needs it, indexes the first
	// indexed pairs of the log.
	index   *pairIndex
	indexed int
}

// pair is a (slot, order ID) pair in two words. An ID of up to 12 bytes
// sits inline: its bytes 0-7 in lo; bytes 8-11, slot+1 and the length
// in hi (bits 0-31, 32-55 and 56-63). An ID of 13 to 19 digits sits
// inline as its Key does: its value in lo; its length, slot+1 and
// digitKey in hi. Any other one is referenced: lo holds its hash, hi
// refPair in the top 4 bits, slot+1 and the index of its key in refs
// (bits 0-31). So most pairs take 16 bytes, and a pair's hash comes
// from the pair alone.
type pair struct{ lo, hi uint64 }

// refPair marks a referenced pair in the top bits of hi.
const refPair = 0xF << 60

// maxPairSlot bounds the slots a partition's pairs can name: 2^24-2
// customers per partition, 4 billion in all.
const maxPairSlot = 1<<24 - 2

// ref reports whether the pair references its ID instead of holding it.
func (p pair) ref() bool { return p.hi>>60 == refPair>>60 }

// slot returns the pair's customer slot.
func (p pair) slot() int { return int(p.hi>>32&(1<<24-1)) - 1 }

// probe returns the pair (slot, k) as it is kept, but for the index of
// a referenced ID: enough to hash and compare it.
func (h *Hasher) probe(slot int, k Key) pair {
	if slot > maxPairSlot {
		panic("ingest: more than 2^24-2 customers in a partition")
	}
	if n := k.hi >> 56; n <= 12 || n == digitKey {
		// Inline (bytes 8-11 in the low bits of hi), or digits (the
		// length there).
		return pair{k.lo, k.hi&(1<<32-1) | uint64(slot+1)<<32 | n<<56}
	}
	return pair{h.KeyHash(k), refPair | uint64(slot+1)<<32}
}

// pairHash returns the hash of pair p, without the index of a
// referenced ID.
func (h *Hasher) pairHash(p pair) uint64 {
	hi := p.hi
	if p.ref() {
		hi &^= 1<<32 - 1
	}
	return mix(p.lo^h.s0, hi^h.s1)
}

// Len returns the number of pairs.
func (o *orderSet) Len() int { return o.pairs.Len() }

// bloomMin is the smallest filter, in words (512 bytes).
const bloomMin = 64

// bloomBits returns the 3 bits of a pair with hash ph in its word, from
// the top 18 bits, while the word is picked by the low 32.
func bloomBits(ph uint64) uint64 {
	return 1<<(ph>>58) | 1<<(ph>>52&63) | 1<<(ph>>46&63)
}

// word returns the filter word of the pair with hash ph.
func (o *orderSet) word(ph uint64) *uint64 {
	return &o.bloom[uint64(uint32(ph))*uint64(len(o.bloom))>>32]
}

// mark adds the pair with hash ph to the filter and reports whether it
// may have been there already.
func (o *orderSet) mark(ph uint64) bool {
	w := o.word(ph)
	b := bloomBits(ph)
	seen := *w&b == b
	*w |= b
	o.nb++
	return seen
}

// fits reports whether the filter keeps 8 bits a pair with n more.
func (o *orderSet) fits(n int) bool { return (o.nb+n)*8 <= len(o.bloom)*64 }

// add appends pr, the probe of the pair (slot, k), to the log and
// returns its index; k is kept (see Keep) on o.long.
func (o *orderSet) add(pr pair, k Key) int {
	if uint64(o.pairs.Len()) >= 1<<32-1 {
		// 4 billion pairs in a partition, a trillion in all: the index
		// and the references hold 32 bits.
		panic("ingest: more than 2^32-1 order IDs in a partition")
	}
	if pr.ref() {
		pr.hi |= uint64(o.refs.Append(k))
	}
	return o.pairs.Append(pr)
}

// same reports whether pair i of the log is pr, the probe of (slot, k),
// k's long ID on side.
func (o *orderSet) same(i int, pr pair, k Key, side []string) bool {
	q := *o.pairs.At(i)
	if !pr.ref() {
		return q == pr
	}
	return q.lo == pr.lo && q.hi&^(1<<32-1) == pr.hi && Same(k, side, *o.refs.At(int(uint32(q.hi))), o.long)
}

// pairIndex is an exact index of an orderSet's log: an open-addressing
// table of 32 bits of each pair's hash and its place in the log. It is
// built when needed: per Flush, in cache and for the time of one
// partition, or kept for HasOrder and AddOrder.
type pairIndex struct {
	tab []uint64 // tag<<32 | log index+1; 0 is empty
	n   int
}

// reset empties x and makes room for n entries at half load, keeping
// its table when it is large enough.
func (x *pairIndex) reset(n int) {
	x.tab, x.n = emptyTable(x.tab, n), 0
}

// emptyTable returns an empty open-addressing table with room for n
// entries at half load (a power of two, at least 16), tab's memory if
// it is large enough.
func emptyTable(tab []uint64, n int) []uint64 {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(tab) < size {
		return make([]uint64, size)
	}
	tab = tab[:size]
	clear(tab)
	return tab
}

// put adds log index i of a pair with hash ph, which is not there yet.
func (x *pairIndex) put(ph uint64, i int) {
	if 2*(x.n+1) > len(x.tab) {
		x.tab = grownTable(x.tab)
	}
	place(x.tab, ph>>32<<32|uint64(i+1))
	x.n++
}

// place puts e, a tag<<32 | index+1 entry, in the open-addressing table
// tab, which has room, at the first free place of its tag's probe: the
// tables of a partition's customers and of a pair log share the layout.
func place(tab []uint64, e uint64) {
	mask := uint64(len(tab) - 1)
	j := spread(e>>32) & mask
	for tab[j] != 0 {
		j = (j + 1) & mask
	}
	tab[j] = e
}

// grownTable returns a table twice as large as tab (at least 16) with
// tab's entries placed again.
func grownTable(tab []uint64) []uint64 {
	grown := make([]uint64, max(16, 2*len(tab)))
	for _, e := range tab {
		if e != 0 {
			place(grown, e)
		}
	}
	return grown
}

// find returns the log index of pr, the probe of (slot, k) with hash
// ph, in o, or -1.
func (x *pairIndex) find(o *orderSet, ph uint64, pr pair, k Key, side []string) int {
	if len(x.tab) == 0 {
		return -1
	}
	mask := uint64(len(x.tab) - 1)
	tag := ph >> 32
	for j := spread(tag) & mask; ; j = (j + 1) & mask {
		e := x.tab[j]
		if e == 0 {
			return -1
		}
		if e>>32 == tag {
			if i := int(uint32(e)) - 1; o.same(i, pr, k, side) {
				return i
			}
		}
	}
}

// indexTo adds the log's pairs from index from on to x.
func (o *orderSet) indexTo(h *Hasher, x *pairIndex, from int) {
	for i := from; i < o.pairs.Len(); i++ {
		x.put(h.pairHash(*o.pairs.At(i)), i)
	}
}

// lookup returns a kept index of the log, brought up to date.
func (o *orderSet) lookup(h *Hasher) *pairIndex {
	if o.index == nil {
		o.index = new(pairIndex)
		o.index.reset(o.pairs.Len())
	}
	o.indexTo(h, o.index, o.indexed)
	o.indexed = o.pairs.Len()
	return o.index
}

// has reports whether the pair (slot, k) is in the set.
func (o *orderSet) has(h *Hasher, slot int, k Key, side []string) bool {
	if len(o.bloom) == 0 {
		return false
	}
	pr := h.probe(slot, k)
	ph := h.pairHash(pr)
	if w := *o.word(ph); w&bloomBits(ph) != bloomBits(ph) {
		return false
	}
	return o.lookup(h).find(o, ph, pr, k, side) >= 0
}

// each calls f for every pair, in the order added.
func (o *orderSet) each(f func(slot int, id string)) {
	for i := range o.pairs.Len() {
		p := *o.pairs.At(i)
		if p.ref() {
			f(p.slot(), o.refs.At(int(uint32(p.hi))).Text(o.long))
			continue
		}
		f(p.slot(), Key{p.lo, p.hi&(1<<32-1) | p.hi>>56<<56}.Text(nil))
	}
}

// hashSet is a set of 64-bit hashes, for a filter: a hash and the same
// hash with its low bit flipped are one member. Reset it before use.
type hashSet struct{ tab []uint64 }

// reset empties s and makes room for n hashes at half load.
func (s *hashSet) reset(n int) { s.tab = emptyTable(s.tab, n) }

// add adds h; s must have room.
func (s *hashSet) add(h uint64) {
	h |= 1 // 0 is empty
	mask := uint64(len(s.tab) - 1)
	for j := h >> 32 & mask; ; j = (j + 1) & mask {
		switch s.tab[j] {
		case 0:
			s.tab[j] = h
			return
		case h:
			return
		}
	}
}

// has reports whether h is in s.
func (s *hashSet) has(h uint64) bool {
	h |= 1
	mask := uint64(len(s.tab) - 1)
	for j := h >> 32 & mask; ; j = (j + 1) & mask {
		switch s.tab[j] {
		case 0:
			return false
		case h:
			return true
		}
	}
}
