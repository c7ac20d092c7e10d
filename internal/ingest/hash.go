package ingest

import (
	"encoding/binary"
	"encoding/hex"
	"hash/maphash"
	"math/bits"
	"strconv"
)

// Hasher hashes IDs with a seed chosen at random when it is made, so
// that crafted IDs cannot degrade the tables; the seed decides only where
// IDs sit in the tables and which partition gets a customer, never a
// result. The zero Hasher is not usable; make one with [NewHasher]. A
// Hasher is safe for concurrent use.
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

// minDigits and maxDigits bound the lengths of the IDs of ASCII digits
// that a Key holds as a number: from the shortest that an inline pair
// (see pair) cannot hold to the longest whose value fits in 64 bits.
// Order numbers of 16 to 19 digits are common (large marketplaces issue
// them); without this each would be a long key, with its string kept
// and compared, and a pair three times the size.
const (
	minDigits = 13
	maxDigits = 19
)

// Key is an ID as two words, in one of four forms:
//
//   - An ID of 13 to 19 ASCII digits is a number: its value in lo,
//     digitKey in the top byte of hi and its length in the low byte.
//   - A UUID in its usual text form (36 characters, lower-case hex, the
//     variant of RFC 9562) is its 126 bits that are not the variant's,
//     with 01 in the top two bits of hi (see uuidKey).
//   - Any other ID of up to 15 bytes is inline, zero-padded, with its
//     length in the top byte of hi.
//   - A longer ID has its hash in lo and longKey plus an index in hi; the
//     ID itself is kept in a list the index points into.
//
// In the first three forms equal IDs have equal keys, and comparing two
// words replaces comparing strings. The zero Key is the empty ID.
type Key struct{ lo, hi uint64 }

// longKey marks the Key of an ID kept as a string (longer than
// maxInline, and neither digits nor a UUID); the low 56 bits of hi index
// the list that holds the ID.
const longKey = 0xFF << 56

// digitKey is the top byte of hi in the Key of an ID of digits: neither
// a length (at most maxInline) nor longKey's, nor, in a pair, refPair's
// top bits.
const digitKey = 0x80

// long reports whether k is the key of a long ID.
func (k Key) long() bool { return k.hi>>56 == 0xFF }

// digits reports whether k is the key of an ID of digits.
func (k Key) digits() bool { return k.hi>>56 == digitKey }

// uuid reports whether k is the key of a UUID.
func (k Key) uuid() bool { return k.hi>>62 == 1 }

// uuidLen is the length of a UUID's text: 32 hex digits and 4 dashes.
const uuidLen = 36

// textLen returns the length of the ID of k, which is not long.
func (k Key) textLen() int {
	switch {
	case k.digits():
		return int(uint8(k.hi))
	case k.uuid():
		return uuidLen
	}
	return int(k.hi >> 56)
}

// index returns the list index of a long key.
func (k Key) index() int { return int(k.hi &^ longKey) }

// withIndex returns the long key k pointing at index i.
func (k Key) withIndex(i int) Key { return Key{k.lo, longKey | uint64(i)} }

// keyOf returns the key of s when s fits in one (see Key), and false
// when it is long.
func keyOf(s string) (Key, bool) {
	n := len(s)
	if n < minDigits {
		return inline(s), true
	}
	if n <= maxDigits {
		if v, ok := digitValue(s); ok {
			return Key{v, digitKey<<56 | uint64(n)}, true
		}
	}
	if n <= maxInline {
		return inline(s), true
	}
	if n == uuidLen {
		return uuidKey(s)
	}
	return Key{}, false
}

// IntKey returns the key of the decimal text of v, strconv.FormatInt(v,
// 10), without making the text: for a host that holds IDs as integers,
// as a database's BIGINT key column has them. It returns false when that
// text is a long ID (a negative number of 15 digits or more), whose
// string the caller must then make and hash with [Hasher.Hash].
func IntKey(v int64) (Key, bool) {
	if v < 0 {
		// Rare enough for the general path, which allocates the text.
		return keyOf(strconv.FormatInt(v, 10))
	}
	u := uint64(v)
	n := decimalLen(u)
	switch {
	case n >= minDigits:
		return Key{u, digitKey<<56 | uint64(n)}, true
	case n <= 8:
		// The 8 digits, zero-padded, less the padding.
		return Key{digits8(u) >> (8 * (8 - n)), uint64(n) << 56}, true
	}
	// 9 to 12 digits: the first m, then 8 more; the text's bytes 0-7 go
	// in lo, its bytes 8 on in the low bits of hi (see inline).
	m := n - 8
	first, rest := digits8(u/1e8)>>(8*(8-m)), digits8(u%1e8)
	return Key{first | rest<<(8*m), rest>>(8*(8-m)) | uint64(n)<<56}, true
}

// digits8 returns the 8 decimal digits of v < 10^8, zero-padded, as
// ASCII bytes in a word, the first digit in the low byte: a text's first
// 8 bytes as inline and load64 read them. It works on the digits in
// lanes of one word: two halves of 4 digits, four pairs, eight digits;
// each division by a constant is a multiplication and a shift that keep
// every lane's quotient in its lane (exact for the lanes' ranges).
func digits8(v uint64) uint64 {
	x := v/10000 | v%10000<<32                 // two lanes of 4 digits, the first half low
	q := x * 10486 >> 20 & 0x0000007F_0000007F // each lane / 100
	x = (x-q*100)<<16 | q                      // four lanes of 2 digits
	q = x * 103 >> 10 & 0x000F_000F_000F_000F  // each lane / 10
	x = (x-q*10)<<8 | q                        // eight lanes of a digit
	return x | 0x30303030_30303030
}

// decimalLen returns the number of decimal digits of u, at least 1.
func decimalLen(u uint64) int {
	n := bits.Len64(u) * 1233 >> 12 // floor(log10(2^bits)): the count or one less
	if u >= pow10[n] {
		n++
	}
	return max(n, 1)
}

// pow10[i] is 10^i.
var pow10 = func() (t [20]uint64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = 10 * t[i-1]
	}
	return t
}()

// uuidKey returns the key of s when s is a UUID as hosts usually write
// one, 8-4-4-4-12 lower-case hex digits whose 17th digit is 8, 9, a or b
// (RFC 9562's variant, which every version from 1 to 8 has), and false
// otherwise. Those two variant bits are known, so the other 126 fit in
// a Key with 01 on top of hi: neither a length nor a marker of the other
// forms (whose top bytes are at most 15, 0x80 and 0xFF).
//
// A customer ID such as a UUID was a long key: each record's lookup
// compared its string with the stored one, a cache miss apiece, and
// rfm.Compute took 3.0-3.1 s on the realistic log with UUID customer IDs
// against 1.6-2.0 s with its own.
func uuidKey(s string) (Key, bool) {
	if s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return Key{}, false
	}
	// hi64 is the UUID's first 64 bits, lo64 the rest.
	hi64, b1 := hexWord(s[0:8], s[9:13], s[14:18])
	lo64, b2 := hexWord(s[19:23], s[24:36], "")
	if b1|b2 > 0xF || lo64>>62 != 0b10 {
		return Key{}, false
	}
	return Key{lo64<<2 | hi64>>62, 1<<62 | hi64&(1<<62-1)}, true
}

// hexWord returns the value of the lower-case hex digits of a, b and c,
// in that order (16 of them), and the OR of every digit's value in
// hexValue, which is above 0xF when one is not such a digit.
func hexWord(a, b, c string) (uint64, uint8) {
	var v uint64
	var bad uint8
	for _, p := range [3]string{a, b, c} {
		for i := 0; i < len(p); i++ {
			d := hexValue[p[i]]
			bad |= d
			v = v<<4 | uint64(d&0xF)
		}
	}
	return v, bad
}

// hexValue maps a lower-case hex digit to its value and any other byte
// to 0xFF.
var hexValue = func() (t [256]uint8) {
	for i := range t {
		t[i] = 0xFF
	}
	for i := range 10 {
		t['0'+i] = uint8(i)
	}
	for i := range 6 {
		t['a'+i] = uint8(10 + i)
	}
	return t
}()

// appendUUID appends the text of the UUID key k to b.
func appendUUID(b []byte, k Key) []byte {
	var u [16]byte
	binary.BigEndian.PutUint64(u[:8], k.hi&(1<<62-1)|(k.lo&3)<<62)
	binary.BigEndian.PutUint64(u[8:], k.lo>>2|0b10<<62)
	b = hex.AppendEncode(b, u[0:4]) // 8-4-4-4-12 lower-case hex digits
	for _, g := range [][]byte{u[4:6], u[6:8], u[8:10], u[10:16]} {
		b = hex.AppendEncode(append(b, '-'), g)
	}
	return b
}

// digitValue returns the value of s as a decimal number when s is all
// ASCII digits; s has at most maxDigits, so the value fits.
func digitValue(s string) (uint64, bool) {
	var v uint64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + uint64(d)
	}
	return v, true
}

// Hash returns the hash of s and its key; a long key gets index 0, for
// a lookup whose ID is alone in its list.
func (h *Hasher) Hash(s string) (uint64, Key) {
	if k, ok := keyOf(s); ok {
		return h.short(k), k
	}
	x := maphash.String(h.seed, s)
	return x, Key{x, longKey}
}

// HashInt is Hash for the ID whose text is the decimal text of v (see
// IntKey). It returns that text only when it is a long ID, for Push and
// the side list; otherwise it makes no string.
func (h *Hasher) HashInt(v int64) (uint64, Key, string) {
	if k, ok := IntKey(v); ok {
		return h.short(k), k, ""
	}
	s := strconv.FormatInt(v, 10)
	x, k := h.Hash(s)
	return x, k, s
}

// KeyHash returns the hash of the ID whose key is k, without the ID.
func (h *Hasher) KeyHash(k Key) uint64 {
	if k.long() {
		return k.lo
	}
	return h.short(k)
}

func (h *Hasher) short(k Key) uint64 { return mix(k.lo^h.s0, k.hi^h.s1) }

// inline returns the key of s, which has at most maxInline bytes: its
// bytes little-endian in lo and the low 56 bits of hi, zero-padded, and
// its length in the top byte of hi. It reads s with two loads, which may
// overlap, instead of copying it to a buffer first: a third of the cost
// of reading an order's customer ID.
func inline(s string) Key {
	n := len(s)
	var lo, hi uint64
	switch {
	case n > 8:
		lo = load64(s, 0)
		hi = load64(s, n-8) >> ((16 - n) * 8) // bytes 8..n-1
	case n == 8:
		lo = load64(s, 0)
	case n >= 4:
		lo = uint64(load32(s, 0)) | uint64(load32(s, n-4))<<((n-4)*8)
	default:
		for i := range n {
			lo |= uint64(s[i]) << (8 * i)
		}
	}
	return Key{lo, hi | uint64(n)<<56}
}

// load64 returns the 8 bytes of s from i, little-endian (one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 returns the 4 bytes of s from i, little-endian (one load).
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// appendShort appends the ID of the key k, which is not long, to b.
func appendShort(b []byte, k Key) []byte {
	if k.uuid() {
		return appendUUID(b, k)
	}
	if k.digits() {
		// The value, zero-padded on the left to the ID's length.
		var w [maxDigits]byte
		n := k.textLen()
		v := k.lo
		for i := n - 1; i >= 0; i-- {
			w[i] = byte('0' + v%10)
			v /= 10
		}
		return append(b, w[:n]...)
	}
	var w [16]byte
	binary.LittleEndian.PutUint64(w[:8], k.lo)
	binary.LittleEndian.PutUint64(w[8:], k.hi)
	return append(b, w[:k.hi>>56]...)
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

// Same reports whether the keys a and b are of the same ID; aSide and
// bSide hold their long IDs.
func Same(a Key, aSide []string, b Key, bSide []string) bool {
	if !a.long() {
		return a == b
	}
	return b.long() && a.lo == b.lo && aSide[a.index()] == bSide[b.index()]
}

// Keep returns k for keeping beyond a wave: a long ID is copied from
// side to the end of *to, and the key points there.
func Keep(k Key, side []string, to *[]string) Key {
	if !k.long() {
		return k
	}
	*to = append(*to, side[k.index()])
	return k.withIndex(len(*to) - 1)
}

// KeepSide returns i, an index in side or -1 for none, for keeping
// beyond a wave: side[i] is copied to the end of *to, and the result
// points there.
func KeepSide(i int32, side []string, to *[]string) int32 {
	if i < 0 {
		return i
	}
	*to = append(*to, side[i])
	return int32(len(*to) - 1)
}

// Text returns the ID of k; side holds its long ID. A short ID costs an
// allocation.
func (k Key) Text(side []string) string {
	if k.long() {
		return side[k.index()]
	}
	return string(appendShort(nil, k))
}

// Long reports whether k is the key of an ID kept as a string: longer
// than 15 bytes, and neither 16 to 19 digits nor a UUID.
func (k Key) Long() bool { return k.long() }
