package ingest

// seenSet is the set of (customer slot, order ID) pairs of one
// partition; together the partitions' sets are the engine's one structure
// for duplicate detection, instead of a set per customer. It is an
// extendible hash table: a directory, indexed by the top bits of an
// entry's hash, of 4 KiB pages of 16-byte entries, each page an
// open-addressing table of its own. A full page splits in two by the next
// hash bit, so growing moves one page's entries, in cache, and leaves no
// old table behind.
//
// An order ID of up to 12 bytes sits inline in its entry, next to the
// slot, so a probe reads one cache line and compares the IDs themselves:
// the match is exact, and an entry's hash comes from the entry alone. A
// longer ID's entry holds the slot, 32 bits of the ID's hash and a
// reference to the ID, kept in keys (and long), which confirms a match.
type seenSet struct {
	dir   []*seenPage
	depth uint        // the directory has 2^depth entries
	keys  Blocks[Key] // the longer IDs' keys
	long  []string
}

// pageEntries is the number of entries of a page, and pageFull the number
// at which it splits. With its 16-byte header a page is 4 KiB. A page
// splits at three quarters full: linear probing in a page filled to 94%
// (240 entries) walked dozens of entries per new ID, and detection took
// a third more CPU on the realistic order log (1.14 against 0.85 s per
// 10.6M orders) for under 1% less peak heap.
const (
	pageEntries = 255
	pageFull    = 192
)

// seenPage is one page: the header shares the first cache line with the
// first entries, and every entry sits within one cache line.
type seenPage struct {
	n     int32
	depth uint32 // the page holds the entries whose hash starts with its depth bits
	_     uint64
	e     [pageEntries]seenEntry
}

// maxSeenSlot bounds the slots a seenSet can hold: 2^24-2 customers per
// partition, 4 billion in all.
const maxSeenSlot = 1<<24 - 2

// seenEntry is an inline entry: the ID's bytes 0-7 in lo; bytes 8-11,
// slot+1 and the ID's length in hi (bits 0-31, 32-55 and 56-59). Or a
// reference entry: the index in keys in lo; 32 bits of the ID's hash,
// slot+1 and refEntry in hi. An entry whose hi is 0 is empty.
type seenEntry struct{ lo, hi uint64 }

// refEntry marks a reference entry in the top bits of hi.
const refEntry = 0xF << 60

// maxInlineOrder is the longest order ID kept inline.
const maxInlineOrder = 12

// entryFor returns the entry of the pair (slot, order ID with key k and
// hash oh); for an ID longer than maxInlineOrder, lo is left for the
// reference.
func entryFor(slot int, k Key, oh uint64) seenEntry {
	n := k.hi >> 56
	if !k.long() && n <= maxInlineOrder {
		return seenEntry{k.lo, k.hi&(1<<32-1) | uint64(slot+1)<<32 | n<<56}
	}
	return seenEntry{0, refEntry | uint64(slot+1)<<32 | oh>>32}
}

// where returns the hash of entry e, from e alone: the top 6 bits pick
// the table, the low ones the probe's start.
func (h *Hasher) where(e seenEntry) uint64 {
	// The slot is left out, so that where an order ID goes is known
	// before its customer's slot is: the engine loads the entries of a
	// batch together with the customers' index entries.
	hi := e.hi &^ slotBits
	if hi>>60 == 0xF {
		return spread(hi ^ h.s0)
	}
	return mix(e.lo^h.s0, hi^h.s1)
}

// slotBits are the bits of an entry's hi that hold the slot.
const slotBits = (1<<24 - 1) << 32

// page returns the page of hash m.
func (s *seenSet) page(m uint64) *seenPage {
	if s.dir == nil {
		s.dir = []*seenPage{new(seenPage)}
	}
	return s.dir[m>>1>>(63-s.depth)]
}

// touch loads the entry where the probe for the order ID with key k and
// hash oh starts, whatever the customer.
func (s *seenSet) touch(h *Hasher, k Key, oh uint64) uint64 {
	if s.dir == nil {
		return 0
	}
	m := h.where(entryFor(0, k, oh))
	p := s.page(m)
	return p.e[m%pageEntries].hi ^ uint64(p.n)
}

// has reports whether the pair (slot, order ID with key k and hash oh)
// is in the set; long holds the record's long IDs.
func (s *seenSet) has(h *Hasher, slot int, k Key, oh uint64, long []string) bool {
	if s.dir == nil {
		return false
	}
	e := entryFor(slot, k, oh)
	found, _ := s.find(s.page(h.where(e)), h.where(e), e, k, long)
	return found
}

// find looks for entry e (key k) in page p from hash m, and returns
// whether it is there and where the probe ended.
func (s *seenSet) find(p *seenPage, m uint64, e seenEntry, k Key, long []string) (bool, *seenEntry) {
	for i := m % pageEntries; ; i = (i + 1) % pageEntries {
		v := &p.e[i]
		switch {
		case v.hi == 0:
			return false, v
		case v.hi != e.hi:
		case e.hi>>60 != 0xF:
			if v.lo == e.lo {
				return true, v
			}
		case Same(k, long, *s.keys.At(int(v.lo)), s.long):
			return true, v
		}
	}
}

// add adds the pair (slot, order ID with key k and hash oh) and reports
// whether it was new; long holds the record's long IDs.
func (s *seenSet) add(h *Hasher, slot int, k Key, oh uint64, long []string) bool {
	if slot > maxSeenSlot {
		panic("ingest: more than 2^24-2 customers in a partition")
	}
	e := entryFor(slot, k, oh)
	m := h.where(e)
	p := s.page(m)
	found, free := s.find(p, m, e, k, long)
	if found {
		return false
	}
	if e.hi>>60 == 0xF {
		if k.long() {
			s.long = append(s.long, long[k.index()])
			k = k.withIndex(len(s.long) - 1)
		}
		e.lo = uint64(s.keys.Append(k))
	}
	if p.n < pageFull {
		*free = e
		p.n++
		return true
	}
	s.split(h, p, m)
	p = s.page(m)
	p.put(m, e)
	return true
}

// put adds e, whose hash is m, to page p, which has room.
func (p *seenPage) put(m uint64, e seenEntry) {
	for i := m % pageEntries; ; i = (i + 1) % pageEntries {
		if v := &p.e[i]; v.hi == 0 {
			*v = e
			p.n++
			return
		}
	}
}

// split splits page p, which holds hash m, in two by the next bit of the
// entries' hashes, doubling the directory first when p is as deep.
func (s *seenSet) split(h *Hasher, p *seenPage, m uint64) {
	if uint(p.depth) == s.depth {
		if s.depth == 48 {
			// A page of entries sharing 48 hash bits: only a broken hash does that.
			panic("ingest: seen set hash degenerate")
		}
		dir := make([]*seenPage, 2*len(s.dir))
		for i, q := range s.dir {
			dir[2*i], dir[2*i+1] = q, q
		}
		s.dir, s.depth = dir, s.depth+1
	}
	old := p.e
	p.e = [pageEntries]seenEntry{}
	p.n = 0
	p.depth++
	q := &seenPage{depth: p.depth}
	bit := 64 - uint(p.depth) // the bit that tells the halves apart
	for _, o := range old {
		if o.hi == 0 {
			continue
		}
		om := h.where(o)
		if om>>bit&1 == 0 {
			p.put(om, o)
		} else {
			q.put(om, o)
		}
	}
	// The directory entries of p whose next bit is 1 now point to q.
	d := s.depth - uint(p.depth)
	first := (m >> 1 >> (63 - s.depth)) &^ (1<<(d+1) - 1)
	for i := first; i < first+1<<(d+1); i++ {
		if i>>d&1 == 1 {
			s.dir[i] = q
		}
	}
}

// each calls f for every pair, with the order ID, in directory order.
func (s *seenSet) each(f func(slot int, id string)) {
	for i, p := range s.dir {
		if i&(1<<(s.depth-uint(p.depth))-1) != 0 {
			continue // a page shows up 2^(depth-p.depth) times in a row
		}
		for _, e := range p.e {
			if e.hi == 0 {
				continue
			}
			slot := int(e.hi>>32&(1<<24-1)) - 1
			if e.hi>>60 == 0xF {
				f(slot, s.keys.At(int(e.lo)).Text(s.long))
				continue
			}
			f(slot, Key{e.lo, e.hi&(1<<32-1) | e.hi>>56<<56}.Text(nil))
		}
	}
}

// ValueSet is a set of (slot, value) pairs of one partition, such as a
// customer's purchase days. The zero ValueSet is empty. It is not safe
// for concurrent use.
type ValueSet struct {
	tab  []uint64 // (slot+1)<<32 | low 32 bits of the value
	refs []uint32 // the high 32 bits
	n    int
}

// Add adds the pair (slot, v) and reports whether it was new.
func (s *ValueSet) Add(slot int, v uint64) bool {
	e := uint64(slot+1)<<32 | v&(1<<32-1)
	hi := uint32(v >> 32)
	m := spread(e)
	if len(s.tab) > 0 {
		mask := uint64(len(s.tab) - 1)
		for i := m & mask; ; i = (i + 1) & mask {
			t := s.tab[i]
			if t == 0 {
				break
			}
			if t == e && s.refs[i] == hi {
				return false
			}
		}
	}
	if 4*(s.n+1) > 3*len(s.tab) {
		oldTab, oldRefs := s.tab, s.refs
		size := max(16, 2*len(oldTab))
		s.tab, s.refs = make([]uint64, size), make([]uint32, size)
		for i, o := range oldTab {
			if o != 0 {
				s.put(o, oldRefs[i])
			}
		}
	}
	s.put(e, hi)
	s.n++
	return true
}

func (s *ValueSet) put(e uint64, hi uint32) {
	mask := uint64(len(s.tab) - 1)
	i := spread(e) & mask
	for s.tab[i] != 0 {
		i = (i + 1) & mask
	}
	s.tab[i], s.refs[i] = e, hi
}

// Each calls f for every pair, in table order.
func (s *ValueSet) Each(f func(slot int, v uint64)) {
	for i, t := range s.tab {
		if t != 0 {
			f(int(t>>32)-1, uint64(s.refs[i])<<32|t&(1<<32-1))
		}
	}
}
