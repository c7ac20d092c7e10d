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
	tab  []uint64
	refs []uint32
	n    int
	keys []Key
	long []string
}

// touch loads the table entry where the probe for (slot, oh) starts.
func (s *seenSet) touch(slot int, oh uint64) uint64 {
	if len(s.tab) == 0 {
		return 0
	}
	e := uint64(slot+1)<<32 | oh>>32
	return s.tab[spread(e)&uint64(len(s.tab)-1)]
}

// add adds the pair of slot and the order ID with key k and hash oh, and
// reports whether it was new. long holds the record's long IDs; with a
// column of order IDs (col not nil), row is the ID's row in it.
func (s *seenSet) add(slot int, k Key, oh uint64, long []string, col []string, row int64) bool {
	e := uint64(slot+1)<<32 | oh>>32
	m := spread(e)
	if len(s.tab) > 0 {
		mask := uint64(len(s.tab) - 1)
		for i := m & mask; ; i = (i + 1) & mask {
			t := s.tab[i]
			if t == 0 {
				break
			}
			if t == e && s.same(s.refs[i], k, long, col, row) {
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
		ref = uint32(len(s.keys))
		s.keys = append(s.keys, k)
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
	s.put(e, ref)
	s.n++
	return true
}

// same reports whether the ID referred to by ref is the one with key k.
func (s *seenSet) same(ref uint32, k Key, long []string, col []string, row int64) bool {
	if col != nil {
		return col[ref] == col[row]
	}
	sk := s.keys[ref]
	if !k.long() {
		return sk == k
	}
	return sk.long() && sk.lo == k.lo && s.long[sk.index()] == long[k.index()]
}

func (s *seenSet) put(e uint64, ref uint32) {
	mask := uint64(len(s.tab) - 1)
	i := spread(e) & mask
	for s.tab[i] != 0 {
		i = (i + 1) & mask
	}
	s.tab[i], s.refs[i] = e, ref
}

// each calls f for every pair, with the order ID, in table order.
func (s *seenSet) each(col []string, f func(slot int, id string)) {
	for i, t := range s.tab {
		if t == 0 {
			continue
		}
		ref := s.refs[i]
		var id string
		if col != nil {
			id = col[ref]
		} else if k := s.keys[ref]; k.long() {
			id = s.long[k.index()]
		} else {
			id = string(appendShort(nil, k))
		}
		f(int(t>>32)-1, id)
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
