package privacy

import "unicode/utf8"

// MaskBankCard masks a payment card number: a 15- to 19-digit number
// keeps its first 6 digits (the issuer identification number) and last 4,
// the most PCI DSS allows to display:
//
//	6222 0212 3456 7890 → 6222 02** **** 7890
//	1234 5678           → **** **78           (other: at most a third, ≤ 4)
//
// Only digits are hidden; the output has as many runes as the input.
//
// Digits (any script) and '*' are digit slots; anything else is kept as
// written, except invalid UTF-8 bytes, which are hidden slots. A number of
// 15 to 19 slots keeps 6 leading and 4 trailing digits, which leaves at
// least five hidden. Any other length is not a card number MaskBankCard
// can vouch for: it keeps at most a third of its digits and never more
// than 4, at the end. The Luhn check digit is not verified, so a mistyped
// number is masked as safely as a valid one.
func MaskBankCard(s string) string {
	var buf [64]byte // most results fit: one allocation, for the string
	return string(bankCardMasker{}.appendMask(buf[:0], s))
}

// AppendMaskBankCard appends the result of [MaskBankCard] to dst. It does
// not allocate when dst has room.
func AppendMaskBankCard(dst []byte, s string) []byte { return bankCardMasker{}.appendMask(dst, s) }

// bankCardMasker masks payment card numbers. Its zero value is
// [MaskBankCard].
type bankCardMasker struct {
	// Rune is the mask rune; 0 means defaultMaskRune. It must not be a
	// digit.
	Rune rune
	// First is the number of leading digits kept; 0 means 6, a negative
	// value keeps none.
	First int
	// Last is the number of trailing digits kept; 0 means 4, a negative
	// value keeps none.
	Last int
	// OtherMax caps the digits kept in numbers of other lengths; 0 means
	// 4, a negative value keeps none.
	OtherMax int
}

// appendMask appends the masked form of s to dst.
func (m bankCardMasker) appendMask(dst []byte, s string) []byte {
	mask := maskRune(m.Rune)
	n := 0
	for k := 0; k < len(s); {
		r, size := rune(s[k]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[k:])
		}
		k += size
		if digitSlots.isSlot(r, mask) || r == utf8.RuneError && size == 1 {
			n++
		}
	}
	first, last := 0, otherKeep(n, keepCount(m.OtherMax, 4))
	if n >= 15 && n <= 19 {
		first, last = keepCount(m.First, 6), keepCount(m.Last, 4)
	}
	return appendSlots(dst, s, mask, digitSlots, n, first, last)
}
