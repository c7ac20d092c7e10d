package ingest

// seenSet is the set of (customer slot, order ID) pairs of one
// partition; together the partitions' sets are the engine's one structure
// for duplicate detection, instead of a set per customer. It is many
// small open-addressing tables of 8-byte entries, chosen by a hash of
// (slot, order-ID hash) that also gives the probe's start. An entry holds
// the slot (24 bits), 8 more bits of that hash, and a reference to the
// order ID itself: its key in keys (long IDs in long), or its row in the
// host's column of order IDs. A probe thus reads one cache line, and a
// match of slot and hash bits is confirmed by comparing the IDs, so two
// different IDs are never taken for one. Growing a table recomputes the
// hashes from the referenced IDs, so entries need no more bits.
type seenSet struct {
	subs    [seenSubs]seenSub
	keys    chunks[Key] // appended in chunks, so growing copies nothing
	long    []string
	scratch []uint64 // for grow
}

// seenSubs is the number of tables of a seenSet.
const seenSubs = 64

// maxSeenSlot bounds the slots a seenSet can hold: 2^24-1 customers per
// partition, 4 billion in all.
const maxSeenSlot = 1<<24 - 2

type seenSub struct {
	tab []uint64 // slot+1 <<40 | tag <<32 | ref; 0 is empty
	n   int
}

// seenHash returns the hash of the pair (slot, order-ID hash oh): the
// top 6 bits pick the table, the low bits the probe's start, bits 32-39
// are the tag kept in the entry.
func seenHash(slot int, oh uint64) uint64 { return spread(uint64(slot+1)<<32 ^ oh) }

func (s *seenSet) sub(m uint64) *seenSub { return &s.subs[m>>(64-6)] }

// touch loads the table entry where the probe for (slot, oh) starts.
func (s *seenSet) touch(slot int, oh uint64) uint64 {
	m := seenHash(slot, oh)
	t := s.sub(m)
	if len(t.tab) == 0 {
		return 0
	}
	return t.tab[m&uint64(len(t.tab)-1)]
}

// find reports whether the pair of slot and the order ID with key k is
// in the set, and where its probe ended.
func (s *seenSet) find(t *seenSub, m uint64, slot int, k Key, long []string, col []string, row int64) (found bool, i uint64) {
	want := uint64(slot+1)<<40 | (m>>32&0xFF)<<32
	mask := uint64(len(t.tab) - 1)
	for i = m & mask; ; i = (i + 1) & mask {
		v := t.tab[i]
		if v == 0 {
			return false, i
		}
		if v&^(1<<32-1) == want && s.same(uint32(v), k, long, col, row) {
			return true, i
		}
	}
}

// add adds the pair of slot and the order ID with key k and hash oh, and
// reports whether it was new. long holds the record's long IDs; with a
// column of order IDs (col not nil), row is the ID's row in it.
func (s *seenSet) add(h *Hasher, slot int, k Key, oh uint64, long []string, col []string, row int64) bool {
	if slot > maxSeenSlot {
		panic("ingest: more than 2^24-2 customers in a partition")
	}
	m := seenHash(slot, oh)
	t := s.sub(m)
	if len(t.tab) > 0 {
		if found, _ := s.find(t, m, slot, k, long, col, row); found {
			return false
		}
	}
	var ref uint32
	if col != nil {
		ref = uint32(row)
	} else {
		if k.long() {
			s.long = append(s.long, long[k.index()])
			k = k.withIndex(len(s.long) - 1)
		}
		if s.keys.n == 1<<32-1 {
			panic("ingest: more than 2^32-1 order IDs in a partition")
		}
		ref = uint32(s.keys.n)
		s.keys.push(&k)
	}
	if 4*(t.n+1) > 3*len(t.tab) {
		s.grow(h, t, col)
	}
	t.put(m, uint64(slot+1)<<40|(m>>32&0xFF)<<32|uint64(ref))
	t.n++
	return true
}

// has reports whether the pair of slot and the order ID with key k and
// hash oh is in the set; long holds the long ID.
func (s *seenSet) has(slot int, k Key, oh uint64, long []string, col []string) bool {
	m := seenHash(slot, oh)
	t := s.sub(m)
	if len(t.tab) == 0 {
		return false
	}
	found, _ := s.find(t, m, slot, k, long, col, -1)
	return found
}

// grow doubles t, recomputing each entry's hash from its order ID: first
// all the hashes, in a loop of independent loads whose cache misses
// overlap, then the entries.
func (s *seenSet) grow(h *Hasher, t *seenSub, col []string) {
	old := t.tab
	t.tab = make([]uint64, max(16, 2*len(old)))
	hs := s.scratch[:0]
	for _, v := range old {
		if v == 0 {
			continue
		}
		if col != nil {
			oh, _ := h.Hash(col[uint32(v)])
			hs = append(hs, oh)
		} else {
			hs = append(hs, h.KeyHash(s.keys.at(int(uint32(v)))))
		}
	}
	j := 0
	for _, v := range old {
		if v != 0 {
			t.put(seenHash(int(v>>40)-1, hs[j]), v)
			j++
		}
	}
	s.scratch = hs
}

func (t *seenSub) put(m, v uint64) {
	mask := uint64(len(t.tab) - 1)
	i := m & mask
	for t.tab[i] != 0 {
		i = (i + 1) & mask
	}
	t.tab[i] = v
}

// same reports whether the ID referred to by ref is the one with key k.
// row < 0 means the ID is not in the column: compare with k.
func (s *seenSet) same(ref uint32, k Key, long []string, col []string, row int64) bool {
	if col != nil {
		if row >= 0 {
			return col[ref] == col[row]
		}
		return col[ref] == k.Text(long)
	}
	sk := s.keys.at(int(ref))
	if !k.long() {
		return sk == k
	}
	return sk.long() && sk.lo == k.lo && s.long[sk.index()] == long[k.index()]
}

// each calls f for every pair, with the order ID, in table order.
func (s *seenSet) each(col []string, f func(slot int, id string)) {
	for si := range s.subs {
		for _, v := range s.subs[si].tab {
			if v == 0 {
				continue
			}
			ref := uint32(v)
			var id string
			if col != nil {
				id = col[ref]
			} else {
				id = s.keys.at(int(ref)).Text(s.long)
			}
			f(int(v>>40)-1, id)
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
