package ingest

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
