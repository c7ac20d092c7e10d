package customer

import (
	"cmp"
	"hash/maphash"
	"math/bits"
	"slices"
)

// This file holds the index behind Dedup's blocking. Keys are digested to
// 128 bits with per-call random seeds, so the index holds no pointers
// (the garbage collector skips it) and sorts and groups keys without
// touching the records again. Equal keys always share a digest; two
// different keys share one with probability 2^-128, and then their
// records would merely be compared, never merged without the Matcher.
// Results therefore do not depend on the seeds.

// hkey is the digest of a Key.
type hkey struct{ hi, lo uint64 }

func (a hkey) compare(b hkey) int { return cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.lo, b.lo)) }

// keyHasher digests keys.
type keyHasher struct{ a, b maphash.Seed }

func newKeyHasher() keyHasher { return keyHasher{maphash.MakeSeed(), maphash.MakeSeed()} }

func (h keyHasher) sum(k Key) hkey {
	return hkey{
		hi: maphash.String(h.a, k.Text) ^ mix64(k.Num+0x9e3779b97f4a7c15),
		lo: maphash.String(h.b, k.Text) ^ mix64(k.Num^0xd1b54a32d192ed03),
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

// entry is one key of one node.
type entry struct {
	h    hkey
	node int32
}

// index holds one keyer's blocks: the live nodes that share each key.
// The keys of the first round sit in a sorted array; a key shared by
// several nodes, or touched by a merged node later, gets a block. Later
// rounds update it as nodes merge, so they only touch the blocks of
// merged nodes.
type index struct {
	sorted []entry // first-round keys by (digest, node)
	bucket []int32 // sorted[bucket[t]:bucket[t+1]] have hi>>shift == t
	shift  uint    // 64 minus the bucket bits
	m      map[hkey]int32
	blocks []block
	touch  []int32 // blocks touched in the current round
}

// block is a key that two or more nodes share (or have shared).
type block struct {
	members []int32 // node numbers, dead ones dropped lazily
	alive   int32
	round   int32 // the last round the block was touched
	capped  bool  // larger than maxBlock when last looked at
	wasCap  bool  // capped before this round: compare all its pairs
}

// newIndex sorts the entries of parts into the index and makes a block,
// touched in round, of each key two or more nodes share.
func newIndex(parts [][]entry, round int32) *index {
	ix := &index{m: make(map[hkey]int32)}
	n := 0
	for _, es := range parts {
		n += len(es)
	}
	b := min(max(bits.Len(uint(n)), 4), 16)
	ix.shift = uint(64 - b)
	ix.bucket = make([]int32, 1<<b+1)
	for _, es := range parts {
		for _, e := range es {
			ix.bucket[e.h.hi>>ix.shift+1]++
		}
	}
	for t := range 1 << b {
		ix.bucket[t+1] += ix.bucket[t]
	}
	next := slices.Clone(ix.bucket[:1<<b])
	ix.sorted = make([]entry, n)
	for i, es := range parts {
		for _, e := range es {
			t := e.h.hi >> ix.shift
			ix.sorted[next[t]] = e
			next[t]++
		}
		parts[i] = nil
	}
	for t := range 1 << b {
		slices.SortFunc(ix.sorted[ix.bucket[t]:ix.bucket[t+1]], func(x, y entry) int {
			return cmp.Or(x.h.compare(y.h), cmp.Compare(x.node, y.node))
		})
	}
	for i := 0; i < len(ix.sorted); {
		j := i + 1
		for j < len(ix.sorted) && ix.sorted[j].h == ix.sorted[i].h {
			j++
		}
		if j-i >= 2 {
			members := make([]int32, j-i)
			for k := range members {
				members[k] = ix.sorted[i+k].node
			}
			ix.blocks = append(ix.blocks, block{members: members, alive: int32(j - i)})
			ix.m[ix.sorted[i].h] = int32(len(ix.blocks) - 1)
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
	i, found := slices.BinarySearchFunc(s, h, func(e entry, h hkey) int { return e.h.compare(h) })
	if !found {
		return 0, false
	}
	return s[i].node, true
}

// add records that node v, which is alive, has key h.
func (ix *index) add(h hkey, v, round int32, alive []bool) {
	b, ok := ix.m[h]
	if !ok {
		members := []int32{v}
		live := int32(1)
		if u, ok := ix.single(h); ok {
			members = []int32{u, v}
			if alive[u] {
				live++
			}
		}
		ix.blocks = append(ix.blocks, block{members: members, alive: live})
		b = int32(len(ix.blocks) - 1)
		ix.m[h] = b
	} else {
		blk := &ix.blocks[b]
		blk.members = append(blk.members, v)
		blk.alive++
	}
	if ix.blocks[b].alive >= 2 {
		ix.touchBlock(b, round)
	}
}

// remove records that node v, which had key h, died.
func (ix *index) remove(h hkey, round int32) {
	if b, ok := ix.m[h]; ok {
		ix.blocks[b].alive--
		ix.touchBlock(b, round)
	}
}

func (ix *index) touchBlock(b, round int32) {
	if blk := &ix.blocks[b]; blk.round != round {
		blk.round = round
		ix.touch = append(ix.touch, b)
	}
}
