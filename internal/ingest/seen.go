package ingest

import (
	"encoding/binary"
	"math"
)

// Seen is a set of (customer slot, order ID) pairs: one structure for all
// the customers of a shard instead of a set per customer. An entry is
// slot+1 in the high 32 bits and 32 bits of the order ID's hash in the low
// ones, in one of many open-addressing tables chosen by a hash of the
// entry, so a probe touches one cache line, and a table that grows
// rehashes only its own share of the entries, in cache. Next to each
// entry, touched only when the entry matches, sits a reference to the
// order ID itself, which confirms the match exactly: two different IDs
// are never taken for one.
//
// The IDs are copied into a byte arena per table (about the ID's length
// plus one byte each), or, with [Seen.UseColumn], referred to by their
// position in the host's column of order IDs. [Seen.AddValue] keeps
// exact 64-bit values (days) instead of IDs. A Seen is not safe for
// concurrent use.
type Seen struct {
	parts  [seenParts]seenPart
	col    []string // the host's order IDs, when refs are positions in it
	values bool     // the set holds values, not IDs
	n      int
}

// seenParts is the number of tables of a Seen, a power of two.
const seenParts = 256

type seenPart struct {
	tab   []uint64 // (slot+1)<<32 | tag; 0 is empty
	refs  []uint32 // parallel to tab: where the ID is, or the value's high bits
	n     int
	arena []byte // the IDs: uvarint length, bytes
}

// Len returns the number of pairs in the set.
func (s *Seen) Len() int { return s.n }

// UseColumn makes s refer to order IDs by their position in ids instead
// of copying them: the pos passed to Add is then the ID's index in ids.
// It must be called before the first Add, and ids must stay unchanged
// while s is in use. It returns false, and leaves s copying, when ids is
// too long for 32-bit positions.
func (s *Seen) UseColumn(ids []string) bool {
	if uint64(len(ids)) > math.MaxUint32 {
		return false
	}
	s.col = ids
	return true
}

// entryOf returns the entry of slot and the hash h of an order ID, and
// where its probe starts: the table and the position in it.
func entryOf(slot int, h uint64) (e, m uint64) {
	e = uint64(slot+1)<<32 | h>>32
	return e, spread(e)
}

// Touch loads the table entry where the probe for (slot, h) starts and
// returns it, for overlapping the cache misses of many lookups.
func (s *Seen) Touch(slot int, h uint64) uint64 {
	_, m := entryOf(slot, h)
	p := &s.parts[m>>(64-8)]
	if len(p.tab) == 0 {
		return 0
	}
	return p.tab[m&uint64(len(p.tab)-1)]
}

// Has reports whether the set holds the pair of slot and the order ID
// id, whose hash is h.
func (s *Seen) Has(slot int, id string, h uint64) bool {
	e, m := entryOf(slot, h)
	p := &s.parts[m>>(64-8)]
	if len(p.tab) == 0 {
		return false
	}
	mask := uint64(len(p.tab) - 1)
	for i := m & mask; ; i = (i + 1) & mask {
		t := p.tab[i]
		if t == 0 {
			return false
		}
		if t == e && s.same(p, p.refs[i], id) {
			return true
		}
	}
}

// Add adds the pair of slot and the order ID id, whose hash is h, and
// reports whether it was new. pos is id's position in the column given
// to UseColumn, if any.
func (s *Seen) Add(slot int, id string, h uint64, pos int) bool {
	if s.Has(slot, id, h) {
		return false
	}
	e, m := entryOf(slot, h)
	p := &s.parts[m>>(64-8)]
	var ref uint32
	if s.col != nil {
		ref = uint32(pos)
	} else {
		ref = p.store(id)
	}
	p.insert(e, ref)
	s.n++
	return true
}

// same reports whether the ID referred to by ref is id.
func (s *Seen) same(p *seenPart, ref uint32, id string) bool {
	if s.col != nil {
		return s.col[ref] == id
	}
	n, k := binary.Uvarint(p.arena[ref:])
	b := p.arena[int(ref)+k:]
	return n == uint64(len(id)) && string(b[:n]) == id
}

// store copies id into the arena and returns its offset.
func (p *seenPart) store(id string) uint32 {
	off := len(p.arena)
	if uint64(off)+uint64(len(id))+binary.MaxVarintLen64 > math.MaxUint32 {
		// A table's arena holds up to 4 GiB of IDs, 1 TiB in all.
		panic("ingest: order ID arena full")
	}
	p.arena = binary.AppendUvarint(p.arena, uint64(len(id)))
	p.arena = append(p.arena, id...)
	return uint32(off)
}

// AddValue adds the pair of slot and the value v and reports whether it
// was new. A Seen holds IDs or values, never both.
func (s *Seen) AddValue(slot int, v uint64) bool {
	s.values = true
	e := uint64(slot+1)<<32 | v&(1<<32-1)
	m := spread(e)
	p := &s.parts[m>>(64-8)]
	hi := uint32(v >> 32)
	if len(p.tab) > 0 {
		mask := uint64(len(p.tab) - 1)
		for i := m & mask; ; i = (i + 1) & mask {
			t := p.tab[i]
			if t == 0 {
				break
			}
			if t == e && p.refs[i] == hi {
				return false
			}
		}
	}
	p.insert(e, hi)
	s.n++
	return true
}

// insert adds entry e with reference ref, growing the table to keep it
// at most three quarters full.
func (p *seenPart) insert(e uint64, ref uint32) {
	if 4*(p.n+1) > 3*len(p.tab) {
		oldTab, oldRefs := p.tab, p.refs
		size := max(16, 2*len(oldTab))
		p.tab, p.refs = make([]uint64, size), make([]uint32, size)
		for i, o := range oldTab {
			if o != 0 {
				p.put(o, oldRefs[i])
			}
		}
	}
	p.put(e, ref)
	p.n++
}

func (p *seenPart) put(e uint64, ref uint32) {
	mask := uint64(len(p.tab) - 1)
	i := spread(e) & mask
	for p.tab[i] != 0 {
		i = (i + 1) & mask
	}
	p.tab[i], p.refs[i] = e, ref
}

// Each calls f for every pair of the set, with the order ID (for a set
// of IDs) or the value (for a set of values), in an order that depends
// only on the pairs added and the order they were added in.
func (s *Seen) Each(f func(slot int, id string, v uint64)) {
	for pi := range s.parts {
		p := &s.parts[pi]
		for i, t := range p.tab {
			if t == 0 {
				continue
			}
			slot := int(t>>32) - 1
			ref := p.refs[i]
			switch {
			case s.col != nil:
				f(slot, s.col[ref], 0)
			case s.values:
				f(slot, "", uint64(ref)<<32|t&(1<<32-1))
			default:
				n, k := binary.Uvarint(p.arena[ref:])
				f(slot, string(p.arena[int(ref)+k:int(ref)+k+int(n)]), 0)
			}
		}
	}
}
