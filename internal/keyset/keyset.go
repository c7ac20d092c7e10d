// Package keyset keeps one small set of uint64 keys per record (for
// example the fingerprints of a customer's order IDs) in a shared arena,
// so that millions of small sets cost no allocation each and a large one
// still costs O(1) per key.
package keyset

import (
	"math/bits"

	"github.com/clientele-go/clientele/internal/blocks"
)

// Sets holds one small set of uint64 keys per customer: the
// fingerprints of a customer's order IDs, or the numbers of the days on
// which the customer bought. A customer's set is named by a head value
// kept with the customer: Empty, a chunk index (>= 0), or a table
// index encoded as -2-i.
//
// Up to chunkKeys*maxChunks keys live in a chain of fixed-size chunks in
// one arena, so the common case (a handful of orders per customer) costs
// no allocation per customer and, when orders arrive grouped by customer,
// stays in cache. A larger set moves to an open-addressing table of its
// own, so a customer with many orders costs O(1) per key, not O(n).
//
// Memory is about 11 bytes per key in chains and 11 to 21 in tables,
// which is the price of recognising duplicates exactly. A Sets is not safe for
// concurrent use.
type Sets struct {
	chunks blocks.List[keyChunk]
	tables []keyTable
}

// Empty is the head of an empty set; a record's head starts as Empty.
const Empty int32 = -1

const (
	chunkKeys = 6
	maxChunks = 8
)

// keyChunk is one link of a chain: 64 bytes, one cache line.
type keyChunk struct {
	keys [chunkKeys]uint64
	n    int32
	next int32 // the previous chunk of the same set, or Empty
}

// keyTable is a linear-probing set, at most three quarters full. Slot
// value 0 is empty, so key 0 is kept aside in zero.
type keyTable struct {
	slots []uint64
	n     int
	zero  bool
}

// Add adds key to the set whose head is *head and reports whether it was
// new.
func (s *Sets) Add(head *int32, key uint64) bool {
	h := *head
	if h <= -2 {
		return s.tables[-2-h].add(key)
	}
	total := 0
	for j := h; j >= 0; {
		c := s.chunks.At(j)
		for _, k := range c.keys[:c.n] {
			if k == key {
				return false
			}
		}
		total += int(c.n)
		j = c.next
	}
	if h >= 0 && s.chunks.At(h).n < chunkKeys {
		c := s.chunks.At(h)
		c.keys[c.n] = key
		c.n++
		return true
	}
	if total >= chunkKeys*maxChunks {
		t := keyTable{slots: make([]uint64, 128)} // a power of two with room to grow

		s.Each(h, func(k uint64) { t.add(k) })
		t.add(key)
		*head = -2 - int32(len(s.tables))
		s.tables = append(s.tables, t)
		return true
	}
	c := keyChunk{n: 1, next: h}
	c.keys[0] = key
	*head = s.chunks.Push(c)
	return true
}

// Has reports whether the set whose head is h holds key.
func (s *Sets) Has(h int32, key uint64) bool {
	if h <= -2 {
		return s.tables[-2-h].has(key)
	}
	for j := h; j >= 0; j = s.chunks.At(j).next {
		c := s.chunks.At(j)
		for _, k := range c.keys[:c.n] {
			if k == key {
				return true
			}
		}
	}
	return false
}

// Each calls f for every key of the set whose head is h, in an order
// that depends only on the order in which keys were added.
func (s *Sets) Each(h int32, f func(uint64)) {
	if h <= -2 {
		t := &s.tables[-2-h]
		if t.zero {
			f(0)
		}
		for _, k := range t.slots {
			if k != 0 {
				f(k)
			}
		}
		return
	}
	for j := h; j >= 0; j = s.chunks.At(j).next {
		c := s.chunks.At(j)
		for _, k := range c.keys[:c.n] {
			f(k)
		}
	}
}

func (t *keyTable) add(key uint64) bool {
	if key == 0 {
		if t.zero {
			return false
		}
		t.zero = true
		return true
	}
	if 4*(t.n+1) > 3*len(t.slots) { // at most three quarters full

		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := spreadKey(key) & mask; ; i = (i + 1) & mask {
		switch t.slots[i] {
		case key:
			return false
		case 0:
			t.slots[i] = key
			t.n++
			return true
		}
	}
}

func (t *keyTable) has(key uint64) bool {
	if key == 0 {
		return t.zero
	}
	mask := uint64(len(t.slots) - 1)
	for i := spreadKey(key) & mask; ; i = (i + 1) & mask {
		switch t.slots[i] {
		case key:
			return true
		case 0:
			return false
		}
	}
}

func (t *keyTable) grow() {
	old := t.slots
	t.slots = make([]uint64, 2*len(old))
	t.n = 0
	mask := uint64(len(t.slots) - 1)
	for _, k := range old {
		if k == 0 {
			continue
		}
		i := spreadKey(k) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = k
		t.n++
	}
}

// spreadKey scrambles a key so that keys with regular low bits (day numbers)
// spread over a table.
func spreadKey(k uint64) uint64 {
	hi, lo := bits.Mul64(k^0x9E3779B97F4A7C15, 0xD6E8FEB86659FD93)
	return hi ^ lo
}

// Fingerprint returns a 64-bit hash of s. It is a fixed function (the same
// in every process and on every platform), so duplicate detection, and
// with it every result, is reproducible. Two different order IDs of one
// customer share a fingerprint with probability about 2^-64 per pair.
func Fingerprint(s string) uint64 {
	const k1, k2, k3 = 0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3
	h := uint64(len(s)) ^ k3
	for len(s) >= 8 {
		v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		hi, lo := bits.Mul64(h^v, k1)
		h = hi ^ lo
		s = s[8:]
	}
	if len(s) > 0 {
		var v uint64
		for i := len(s) - 1; i >= 0; i-- {
			v = v<<8 | uint64(s[i])
		}
		hi, lo := bits.Mul64(h^v, k2)
		h = hi ^ lo
	}
	hi, lo := bits.Mul64(h^k3, k1)
	return hi ^ lo
}
