package ingest

// seenSet is the set of (customer slot, order ID) pairs of one
// partition; together the partitions' sets are the engine's one structure
// for duplicate detection, instead of a set per customer. An entry is
// slot+1 in the high 32 bits and the high 32 bits of the order ID's hash
// in the low ones, in an open-addressing table where the probe starts at
// a hash of the entry, so growing needs no hashing. Next to each entry,
// read only when the entry matches, is a reference to the order ID
// itself: its key in keys (long IDs in long), or its row in the host's
// column of order IDs. A match is confirmed by comparing the IDs, so two
// different IDs are never taken for one.
type seenSet struct {
	subs [seenSubs]seenSub
	keys chunks[Key] // appended in chunks, so growing copies nothing
	long []string
}

// seenSubs is the number of tables of a seenSet, chosen by the top bits
// of the entry's hash: each stays small, so growing one rehashes a few
// kilobytes in cache.
const seenSubs = 64

type seenSub struct {
	tab  []uint64
	refs []uint32
	n    int
}

// sub returns the table of entry e, whose hash is m.
func (s *seenSet) sub(m uint64) *seenSub { return &s.subs[m>>(64-6)] }

// touch loads the table entry where the probe for (slot, oh) starts.
func (s *seenSet) touch(slot int, oh uint64) uint64 {
	e := uint64(slot+1)<<32 | oh>>32
	m := spread(e)
	t := s.sub(m)
	if len(t.tab) == 0 {
		return 0
	}
	return t.tab[m&uint64(len(t.tab)-1)]
}

// add adds the pair of slot and the order ID with key k and hash oh, and
// reports whether it was new. long holds the record's long IDs; with a
// column of order IDs (col not nil), row is the ID's row in it.
func (s *seenSet) add(slot int, k Key, oh uint64, long []string, col []string, row int64) bool {
	e := uint64(slot+1)<<32 | oh>>32
	m := spread(e)
	t := s.sub(m)
	if len(t.tab) > 0 {
		mask := uint64(len(t.tab) - 1)
		for i := m & mask; ; i = (i + 1) & mask {
			v := t.tab[i]
			if v == 0 {
				break
			}
			if v == e && s.same(t.refs[i], k, long, col, row) {
				return false
			}
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
		ref = uint32(s.keys.n)
		s.keys.push(&k)
	}
	t.insert(e, m, ref)
	return true
}

// has reports whether the pair of slot and the order ID with key k and
// hash oh is in the set; long holds the long ID.
func (s *seenSet) has(slot int, k Key, oh uint64, long []string) bool {
	e := uint64(slot+1)<<32 | oh>>32
	m := spread(e)
	t := s.sub(m)
	if len(t.tab) == 0 {
		return false
	}
	mask := uint64(len(t.tab) - 1)
	for i := m & mask; ; i = (i + 1) & mask {
		v := t.tab[i]
		if v == 0 {
			return false
		}
		if v == e && s.same(t.refs[i], k, long, nil, 0) {
			return true
		}
	}
}

// insert adds entry e, whose hash is m, with reference ref, growing the
// table to keep it at most three quarters full.
func (t *seenSub) insert(e, m uint64, ref uint32) {
	if 4*(t.n+1) > 3*len(t.tab) {
		oldTab, oldRefs := t.tab, t.refs
		size := max(16, 2*len(oldTab))
		t.tab, t.refs = make([]uint64, size), make([]uint32, size)
		for i, o := range oldTab {
			if o != 0 {
				t.put(o, spread(o), oldRefs[i])
			}
		}
	}
	t.put(e, m, ref)
	t.n++
}

func (t *seenSub) put(e, m uint64, ref uint32) {
	mask := uint64(len(t.tab) - 1)
	i := m & mask
	for t.tab[i] != 0 {
		i = (i + 1) & mask
	}
	t.tab[i], t.refs[i] = e, ref
}

// same reports whether the ID referred to by ref is the one with key k.
func (s *seenSet) same(ref uint32, k Key, long []string, col []string, row int64) bool {
	if col != nil {
		return col[ref] == col[row]
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
		t := &s.subs[si]
		for i, v := range t.tab {
			if v == 0 {
				continue
			}
			ref := t.refs[i]
			var id string
			if col != nil {
				id = col[ref]
			} else if k := s.keys.at(int(ref)); k.long() {
				id = s.long[k.index()]
			} else {
				id = string(appendShort(nil, k))
			}
			f(int(v>>32)-1, id)
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
