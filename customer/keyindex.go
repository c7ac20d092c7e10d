package customer

import (
	"cmp"
	"hash/maphash"
	"math/bits"
	"slices"
)

// This file holds the index behind Dedup's blocking. Keys are digested to
// 96 bits with per-call random seeds, so the index holds no pointers (the
// garbage collector skips it), takes 16 bytes per key, and sorts and
// groups keys without touching the records again. Equal keys always share
// a digest; two different keys share one with probability 2^-96 (about
// 10^-17 for a million keys of one keyer), and then their records would
// merely be compared, never merged without the Matcher. Results therefore
// do not depend on the seeds.

// hkey is the digest of a Key.
type hkey struct {
	hi uint64
	lo uint32
}

func (a hkey) compare(b hkey) int { return cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.lo, b.lo)) }

// keyHasher digests keys.
type keyHasher struct{ a, b maphash.Seed }

func newKeyHasher() keyHasher { return keyHasher{maphash.MakeSeed(), maphash.MakeSeed()} }

func (h keyHasher) sum(k Key) hkey {
	return hkey{
		hi: maphash.String(h.a, k.Text) ^ mix64(k.Num+0x9e3779b97f4a7c15),
		lo: uint32(maphash.String(h.b, k.Text) ^ mix64(k.Num^0xd1b54a32d192ed03)),
	}
}

// mix64 is the SplitMix64 finaliser, a bijection on 64 bits.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// entry is one key of one node, in 16 bytes.
type entry struct {
	hi   uint64
	lo   uint32
	node int32
}

func newEntry(h hkey, node int32) entry { return entry{h.hi, h.lo, node} }

func (e *entry) key() hkey { return hkey{e.hi, e.lo} }

// index holds one keyer's blocks: the live nodes that share each key.
// The keys of the first round sit in a sorted array; a key shared by
// several nodes, or touched by a merged node later, gets a block. Later
// rounds update it as nodes merge, so they only touch the blocks of
// merged nodes.
type index struct {
	sorted []entry        // first-round keys by (digest, node)
	bucket []int32        // sorted[bucket[t]:bucket[t+1]] have hi>>shift == t
	shift  uint           // 64 minus the bucket bits
	m      map[hkey]int32 // >= 0: a block; < 0: -(v+1) for the only node v with the key
	blocks []block
	touch  []int32 // blocks touched in the current round
}

// block is a key that two or more nodes share (or have shared).
type block struct {
	members []int32 // node numbers; dead ones are dropped when the block is next looked at
	alive   int32   // live members when last looked at
	round   int32   // the last round the block was touched
	capped  bool    // larger than maxBlock when last looked at
	wasCap  bool    // capped before this round: compare all its pairs
}

// newIndex sorts es in place into an index and makes a block, touched in
// round, of each key two or more nodes share. The index keeps es.
func newIndex(es []entry, round int32) *index {
	ix := &index{m: make(map[hkey]int32), sorted: es}
	b := min(max(bits.Len(uint(len(es))), 4), 16)
	ix.shift = uint(64 - b)
	ix.bucket = make([]int32, 1<<b+1)
	for _, e := range es {
		ix.bucket[e.hi>>ix.shift+1]++
	}
	for t := range 1 << b {
		ix.bucket[t+1] += ix.bucket[t]
	}
	// In-place bucket permutation (American flag sort), then each bucket
	// sorted by (digest, node).
	next := slices.Clone(ix.bucket[:1<<b])
	for t := range 1 << b {
		end := ix.bucket[t+1]
		for next[t] < end {
			e := es[next[t]]
			u := e.hi >> ix.shift
			if u == uint64(t) {
				next[t]++
				continue
			}
			es[next[t]], es[next[u]] = es[next[u]], e
			next[u]++
		}
	}
	for t := range 1 << b {
		slices.SortFunc(es[ix.bucket[t]:ix.bucket[t+1]], func(x, y entry) int {
			return cmp.Or(cmp.Compare(x.hi, y.hi), cmp.Compare(x.lo, y.lo), cmp.Compare(x.node, y.node))
		})
	}
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].hi == es[i].hi && es[j].lo == es[i].lo {
			j++
		}
		if j-i >= 2 {
			members := make([]int32, j-i)
			for k := range members {
				members[k] = es[i+k].node
			}
			ix.blocks = append(ix.blocks, block{members: members, alive: int32(j - i)})
			ix.m[es[i].key()] = int32(len(ix.blocks) - 1)
			ix.touchBlock(int32(len(ix.blocks)-1), round)
		}
		i = j
	}
	return ix
}

// single returns the node that alone had key h in the first round.
func (ix *index) single(h hkey) (int32, bool) {
	t := h.hi >> ix.shift
	s := ix.sorted[ix.bucket[t]:ix.bucket[t+1]]
	i, found := slices.BinarySearchFunc(s, h, func(e entry, h hkey) int { return e.key().compare(h) })
	if !found {
		return 0, false
	}
	return s[i].node, true
}

// add records that node v, which is alive, has key h. Nodes that die are
// not removed from the index: blocks drop them when next looked at.
func (ix *index) add(h hkey, v, round int32, alive []bool) {
	x, ok := ix.m[h]
	if ok && x >= 0 {
		blk := &ix.blocks[x]
		blk.members = append(blk.members, v)
		ix.touchBlock(x, round)
		return
	}
	u := int32(-1) // another node with the key
	if ok {
		u = -x - 1
	} else if w, found := ix.single(h); found {
		u = w
	}
	if u < 0 || !alive[u] {
		ix.m[h] = -v - 1
		return
	}
	ix.blocks = append(ix.blocks, block{members: []int32{u, v}, alive: 2})
	b := int32(len(ix.blocks) - 1)
	ix.m[h] = b
	ix.touchBlock(b, round)
}

func (ix *index) touchBlock(b, round int32) {
	if blk := &ix.blocks[b]; blk.round != round {
		blk.round = round
		ix.touch = append(ix.touch, b)
	}
}
