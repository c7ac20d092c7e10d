package ingest

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
)

// Hasher hashes IDs with a seed chosen at random when it is made, so
// that crafted IDs cannot degrade the tables; the seed decides only where
// IDs sit in the tables and which shard gets a customer, never a result.
// The zero Hasher is not usable; make one with [NewHasher]. A Hasher is
// safe for concurrent use.
type Hasher struct {
	seed   maphash.Seed
	s0, s1 uint64
}

// NewHasher returns a Hasher with a random seed.
func NewHasher() Hasher {
	seed := maphash.MakeSeed()
	return Hasher{
		seed: seed,
		s0:   maphash.String(seed, "s0") | 1,
		s1:   maphash.String(seed, "s1") | 1,
	}
}

// maxInline is the longest ID kept inline in a Key.
const maxInline = 15

// Key is an ID as two words: up to 15 bytes inline, zero-padded, with
// the length in the top byte of hi; or, for a longer ID, its hash in lo
// and longKey in the top byte of hi, the ID itself being kept elsewhere.
// Equal short IDs have equal keys, so comparing two words replaces a
// string comparison, and the words sit next to the customer's state.
type Key struct{ lo, hi uint64 }

// longKey marks the Key of an ID longer than maxInline.
const longKey = 0xFF << 56

// Hash returns the hash of s and its Key.
func (h *Hasher) Hash(s string) (uint64, Key) {
	if len(s) <= maxInline {
		var b [16]byte
		copy(b[:], s)
		k := Key{binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:]) | uint64(len(s))<<56}
		return mix(k.lo^h.s0, k.hi^h.s1), k
	}
	x := maphash.String(h.seed, s)
	return x, Key{x, longKey}
}

// mix returns a well-spread 64-bit hash of two words (the folded 128-bit
// product, as in wyhash).
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// spread scrambles a word that may have regular bits.
func spread(k uint64) uint64 {
	return mix(k^0x9E3779B97F4A7C15, 0xD6E8FEB86659FD93)
}
