package rfm

import (
	"hash/maphash"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/blocks"
)

// custIndex maps customer IDs to their position in an accumulator. It is
// a linear-probing table of uint64 slots, each holding a 32-bit tag from
// the ID's hash (which also decides where the slot goes) and the position
// plus one (0 marks an empty slot). So a probe rarely touches an ID
// string, and growing the table needs no hashing. The hash seed is random
// per index: it decides only where IDs sit in the table, never a result,
// and keeps crafted IDs from degrading the table. Only tag may be called
// concurrently with the other methods.
type custIndex struct {
	seed  maphash.Seed
	slots []uint64
	n     int
}

func newCustIndex() custIndex {
	return custIndex{seed: maphash.MakeSeed(), slots: make([]uint64, 1024)}
}

// tag returns the 32-bit tag of id.
func (x *custIndex) tag(id customer.ID) uint64 {
	return maphash.String(x.seed, string(id)) >> 32
}

// touch loads the slot where a probe for tag starts and returns it, so
// that a caller can bring the slots of several lookups into cache at once
// before doing them one by one.
func (x *custIndex) touch(tag uint64) uint64 {
	return x.slots[tag&uint64(len(x.slots)-1)]
}

// find returns the position of id, whose tag is tag, comparing with the
// IDs in ids.
func (x *custIndex) find(ids *blocks.List[customer.ID], id customer.ID, tag uint64) (int32, bool) {
	mask := uint64(len(x.slots) - 1)
	for i := tag & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return 0, false
		}
		if s>>32 == tag && *ids.At(int32(uint32(s) - 1)) == id {
			return int32(uint32(s) - 1), true
		}
	}
}

// insert adds position pos under tag; the ID must not be present.
func (x *custIndex) insert(tag uint64, pos int32) {
	if 2*(x.n+1) > len(x.slots) {
		old := x.slots
		x.slots = make([]uint64, 2*len(old))
		for _, s := range old {
			if s != 0 {
				x.put(s)
			}
		}
	}
	x.put(tag<<32 | uint64(uint32(pos)+1))
	x.n++
}

func (x *custIndex) put(slot uint64) {
	mask := uint64(len(x.slots) - 1)
	i := slot >> 32 & mask
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = slot
}
