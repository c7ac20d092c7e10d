package ingest

// seenSet is the set of (customer slot, order ID) pairs of one
// partition; together the partitions' sets are the engine's one structure
// for duplicate detection, instead of a set per customer. It is many
// small open-addressing tables of 16-byte entries, chosen by a hash of
// the entry. An order ID of up to 12 bytes sits inline in its entry, next
// to the slot, so a probe reads one cache line and compares the IDs
// themselves: the match is exact, and growing a table rehashes entries
// without touching anything else. A longer ID's entry holds the slot, 32
// bits of the ID's hash and a reference to the ID, kept in keys (and
// long), which confirms a match.
type seenSet struct {
	subs [seenSubs]seenSub
	keys chunks[Key] // the longer IDs' keys, appended in chunks
	long []string
}

// seenSubs is the number of tables of a seenSet.
const seenSubs = 64

// maxSeenSlot bounds the slots a seenSet can hold: 2^24-2 customers per
// partition, 4 billion in all.
const maxSeenSlot = 1<<24 - 2

type seenSub struct {
	tab []seenEntry
	n   int
}

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
	if e.hi>>60 == 0xF {
		return spread(e.hi ^ h.s0)
	}
	return mix(e.lo^h.s0, e.hi^h.s1)
}

func (s *seenSet) sub(m uint64) *seenSub { return &s.subs[m>>(64-6)] }

// touch loads the table entry where the probe for (slot, k, oh) starts.
func (s *seenSet) touch(h *Hasher, slot int, k Key, oh uint64) uint64 {
	m := h.where(entryFor(slot, k, oh))
	t := s.sub(m)
	if len(t.tab) == 0 {
		return 0
	}
	return t.tab[m&uint64(len(t.tab)-1)].hi
}

// has reports whether the pair (slot, order ID with key k and hash oh)
// is in the set; long holds the record's long IDs.
func (s *seenSet) has(h *Hasher, slot int, k Key, oh uint64, long []string) bool {
	e := entryFor(slot, k, oh)
	m := h.where(e)
	t := s.sub(m)
	if len(t.tab) == 0 {
		return false
	}
	mask := uint64(len(t.tab) - 1)
	for i := m & mask; ; i = (i + 1) & mask {
		v := &t.tab[i]
		switch {
		case v.hi == 0:
			return false
		case v.hi != e.hi:
		case e.hi>>60 != 0xF:
			if v.lo == e.lo {
				return true
			}
		case Same(k, long, s.keys.at(int(v.lo)), s.long):
			return true
		}
	}
}

// add adds the pair (slot, order ID with key k and hash oh) and reports
// whether it was new; long holds the record's long IDs.
func (s *seenSet) add(h *Hasher, slot int, k Key, oh uint64, long []string) bool {
	if slot > maxSeenSlot {
		panic("ingest: more than 2^24-2 customers in a partition")
	}
	if s.has(h, slot, k, oh, long) {
		return false
	}
	e := entryFor(slot, k, oh)
	if e.hi>>60 == 0xF {
		if k.long() {
			s.long = append(s.long, long[k.index()])
			k = k.withIndex(len(s.long) - 1)
		}
		e.lo = uint64(s.keys.n)
		s.keys.push(&k)
	}
	m := h.where(e)
	t := s.sub(m)
	if 8*(t.n+1) > 7*len(t.tab) {
		old := t.tab
		t.tab = make([]seenEntry, max(8, 2*len(old)))
		for _, o := range old {
			if o.hi != 0 {
				t.put(h.where(o), o)
			}
		}
	}
	t.put(m, e)
	t.n++
	return true
}

func (t *seenSub) put(m uint64, e seenEntry) {
	mask := uint64(len(t.tab) - 1)
	i := m & mask
	for t.tab[i].hi != 0 {
		i = (i + 1) & mask
	}
	t.tab[i] = e
}

// each calls f for every pair, with the order ID, in table order.
func (s *seenSet) each(f func(slot int, id string)) {
	for si := range s.subs {
		for _, e := range s.subs[si].tab {
			if e.hi == 0 {
				continue
			}
			slot := int(e.hi>>32&(1<<24-1)) - 1
			if e.hi>>60 == 0xF {
				f(slot, s.keys.at(int(e.lo)).Text(s.long))
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
