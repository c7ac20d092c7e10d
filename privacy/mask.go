package privacy

import (
	"unicode"
	"unicode/utf8"
)

// defaultMaskRune is the rune every masker writes in place of a hidden
// rune.
const defaultMaskRune = '*'

// maskRune returns r, or defaultMaskRune when r is zero or not a valid
// rune. The unexported masker types take a mask rune so that tests can
// drive the non-ASCII path; the exported functions always use '*'.
func maskRune(r rune) rune {
	if r <= 0 || !utf8.ValidRune(r) {
		return defaultMaskRune
	}
	return r
}

// keepCount turns a configured count into an effective one: 0 means def,
// a negative value means none.
func keepCount(n, def int) int {
	switch {
	case n == 0:
		return def
	case n < 0:
		return 0
	}
	return n
}

// appendKept appends a rune that is shown as written. An invalid byte
// (reported by utf8 as RuneError with size 1) is written as U+FFFD so the
// output is always valid UTF-8.
func appendKept(dst []byte, r rune) []byte {
	if uint32(r) < utf8.RuneSelf {
		return append(dst, byte(r))
	}
	return appendRune(dst, r)
}

// appendRune is utf8.AppendRune kept out of line, so appendKept inlines.
//
//go:noinline
func appendRune(dst []byte, r rune) []byte { return utf8.AppendRune(dst, r) }

// appendMask appends the mask rune.
func appendMask(dst []byte, mask rune) []byte {
	return appendKept(dst, mask)
}

// digitValue returns the value 0-9 of a decimal digit rune (any Unicode Nd
// digit, so full-width ０-９ count too), or -1 when r is not one.
func digitValue(r rune) int {
	if r < utf8.RuneSelf {
		if r >= '0' && r <= '9' {
			return int(r - '0')
		}
		return -1
	}
	return digitValueSlow(r)
}

// digitValueSlow is digitValue for non-ASCII runes.
func digitValueSlow(r rune) int {
	if !unicode.IsDigit(r) {
		return -1
	}
	// Unicode decimal digits come in contiguous runs of ten starting at
	// zero; find the start of the run.
	start := r
	for start > 0 && unicode.IsDigit(start-1) {
		start--
	}
	return int(r-start) % 10
}

// MaskMiddle masks the middle of s, keeping up to first runes at the start
// and last runes at the end, one '*' per hidden rune. Negative counts mean
// zero. When first+last would show the whole string, last and then first
// are reduced so that at least one rune is hidden; a one-rune string
// becomes "*". The rune count of the result equals that of s (each invalid
// UTF-8 byte counts as one rune and is always hidden).
//
// MaskMiddle is the general helper for values that have no masker of
// their own (company names, notes, plates); the struct tag mask:"middle"
// keeps one rune at each end and mask:"full" hides every rune.
func MaskMiddle(s string, first, last int) string {
	var buf [64]byte // most results fit: one allocation, for the string
	return string(AppendMaskMiddle(buf[:0], s, first, last))
}

// AppendMaskMiddle appends the result of [MaskMiddle] to dst. It does not
// allocate when dst has room.
func AppendMaskMiddle(dst []byte, s string, first, last int) []byte {
	return appendMiddle(dst, s, defaultMaskRune, max(first, 0), max(last, 0))
}

// middleMasker hides the middle of a string. Its zero value keeps the
// first and the last rune: "abcdef" → "a****f".
type middleMasker struct {
	// Rune is the mask rune; 0 means defaultMaskRune.
	Rune rune
	// First is the number of leading runes kept; 0 means 1, a negative
	// value keeps none.
	First int
	// Last is the number of trailing runes kept; 0 means 1, a negative
	// value keeps none.
	Last int
}

// appendMask appends the masked form of s to dst.
func (m middleMasker) appendMask(dst []byte, s string) []byte {
	return appendMiddle(dst, s, maskRune(m.Rune), keepCount(m.First, 1), keepCount(m.Last, 1))
}

// appendMiddle appends s with all but first leading and last trailing
// runes replaced by mask; first and last are not negative.
func appendMiddle(dst []byte, s string, mask rune, first, last int) []byte {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return dst
	}
	if first+last >= n {
		last = max(0, n-1-first)
		first = min(first, n-1)
	}
	i := 0
	for k := 0; k < len(s); {
		r, size := utf8.DecodeRuneInString(s[k:])
		k += size
		if (i < first || i >= n-last) && !(r == utf8.RuneError && size == 1) {
			dst = appendKept(dst, r)
		} else {
			dst = appendMask(dst, mask)
		}
		i++
	}
	return dst
}

// appendMaskFull appends one '*' per rune of s: the struct tag mask:"full"
// and [ActionMask] on a field without a mask tag.
func appendMaskFull(dst []byte, s string) []byte {
	return appendMiddle(dst, s, defaultMaskRune, 0, 0)
}

// slotKind says which runes a slot masker hides.
type slotKind uint8

const (
	digitSlots slotKind = 1 // decimal digits of any script
	alnumSlots slotKind = 3 // letters and digits of any script
)

// asciiClass classifies ASCII bytes for slotKind: bit 1 digits, bit 2
// letters. A read-only table.
var asciiClass = func() (t [utf8.RuneSelf]slotKind) {
	for c := range utf8.RuneSelf {
		switch {
		case c >= '0' && c <= '9':
			t[c] = 1
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			t[c] = 2
		}
	}
	return t
}()

// isSlot reports whether r is a slot: the mask rune or a rune of the
// kind.
func (k slotKind) isSlot(r, mask rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiClass[r]&k != 0 || r == mask
	}
	return k.isSlotSlow(r, mask)
}

// isSlotSlow is isSlot for non-ASCII runes.
func (k slotKind) isSlotSlow(r, mask rune) bool {
	if r == mask || unicode.IsDigit(r) {
		return true
	}
	return k == alnumSlots && unicode.IsLetter(r)
}

// appendSlots copies s to dst, hiding every slot rune (as decided by
// kind) whose slot index is outside [0, first) and [n-last, n), where n is
// the number of slots. At least one slot is always hidden. Non-slot runes are kept as written; invalid bytes
// become U+FFFD, or the mask when they are slots.
func appendSlots(dst []byte, s string, mask rune, kind slotKind, n, first, last int) []byte {
	if first+last >= n {
		// Always hide at least one slot, whatever the configuration.
		last = max(0, n-1-first)
		first = min(first, n-1)
	}
	if mask < utf8.RuneSelf && isASCII(s) {
		// Fast path: one byte per rune, no decoding.
		m := byte(mask)
		idx := 0
		for k := range len(s) {
			c := s[k]
			if kind.isSlot(rune(c), mask) {
				if idx >= first && idx < n-last {
					c = m
				}
				idx++
			}
			dst = append(dst, c)
		}
		return dst
	}
	idx := 0
	for k := 0; k < len(s); {
		r, size := rune(s[k]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[k:])
		}
		k += size
		invalid := r == utf8.RuneError && size == 1
		if !kind.isSlot(r, mask) && !invalid {
			dst = appendKept(dst, r)
			continue
		}
		if !invalid && (idx < first || idx >= n-last) {
			dst = appendKept(dst, r)
		} else {
			dst = appendMask(dst, mask)
		}
		idx++
	}
	return dst
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// otherKeep is the number of digits kept by the fallback rule shared by
// the phone, ID and card maskers: at most a third of n, never more than
// limit.
func otherKeep(n, limit int) int {
	return min(n/3, limit)
}
