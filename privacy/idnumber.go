package privacy

import "unicode/utf8"

// MaskIDNumber masks an identity document number. A mainland resident ID
// (GB 11643) keeps its first 4 and last 4 characters, so neither the
// county code nor the birth date shows:
//
//	11010519491231002X → 1101**********002X
//	110105491231002    → 1101********002   (15-digit: first 4, last 3)
//	E12345678          → ******678         (other: at most a third, ≤ 4)
//
// The output has as many runes as the input.
//
// Letters, digits and '*' are character slots; anything else (spaces,
// '-', brackets) is kept as written, except invalid UTF-8 bytes, which are
// hidden slots. Eighteen slots of which the first 17 are digits (the very
// first one shown, not masked) and the last a digit or X/x form an
// 18-digit resident ID: it keeps 4 leading and 4 trailing slots. Fifteen
// digits form a first-generation resident ID (6-digit region, 6-digit
// birth date YYMMDD, 3-digit sequence): it keeps 4 leading slots and 3
// trailing ones, so no birth digit shows. Anything else (passports,
// permits, garbled input) keeps at most a third of its slots and never
// more than 4, at the end. The check is on shape only: check digits are
// not validated, so a mistyped ID is masked as safely as a valid one.
func MaskIDNumber(s string) string {
	var buf [64]byte // most results fit: one allocation, for the string
	return string(idNumberMasker{}.appendMask(buf[:0], s))
}

// AppendMaskIDNumber appends the result of [MaskIDNumber] to dst. It does
// not allocate when dst has room.
func AppendMaskIDNumber(dst []byte, s string) []byte { return idNumberMasker{}.appendMask(dst, s) }

// idNumberMasker masks identity document numbers. Its zero value is
// [MaskIDNumber].
type idNumberMasker struct {
	// Rune is the mask rune; 0 means defaultMaskRune. It must not be a
	// letter or digit.
	Rune rune
	// First is the number of leading characters of a resident ID that stay
	// visible; 0 means 4, a negative value keeps none.
	First int
	// Last is the number of trailing characters of an 18-digit resident ID
	// that stay visible; 0 means 4, a negative value keeps none.
	Last int
	// OtherMax caps the characters that stay visible in other numbers; 0
	// means 4, a negative value keeps none.
	OtherMax int
}

// appendMask appends the masked form of s to dst.
func (m idNumberMasker) appendMask(dst []byte, s string) []byte {
	mask := maskRune(m.Rune)
	n := 0
	digits := true // every slot so far is a digit or hidden
	lastX := false // the most recent slot is X or x
	// A resident ID must start with a visible digit: the fallback rule
	// always hides the first slot, so its output is never read as a
	// resident ID again, which keeps masking idempotent.
	lead := false
	for k := 0; k < len(s); {
		r, size := rune(s[k]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[k:])
		}
		k += size
		invalid := r == utf8.RuneError && size == 1
		if !invalid && !alnumSlots.isSlot(r, mask) {
			continue
		}
		if lastX {
			digits = false // an X before the end
		}
		lastX = r == 'X' || r == 'x'
		if !lastX && !invalid && r != mask && digitValue(r) < 0 {
			digits = false
		}
		if n == 0 {
			lead = !invalid && digitValue(r) >= 0
		}
		n++
	}
	var first, last int
	switch {
	case n == 18 && digits && lead:
		first, last = keepCount(m.First, 4), keepCount(m.Last, 4)
	case n == 15 && digits && lead && !lastX:
		first, last = keepCount(m.First, 4), min(keepCount(m.Last, 4), 3)
	default:
		first, last = 0, otherKeep(n, keepCount(m.OtherMax, 4))
	}
	return appendSlots(dst, s, mask, alnumSlots, n, first, last)
}
