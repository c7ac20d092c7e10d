package privacy

import "unicode/utf8"

// MaskPhone masks a telephone number:
//
//	13812345678        → 138****5678       (mainland mobile: first 3, last 4)
//	+86 138-1234-5678  → +86 138-****-5678 (prefix and separators as written)
//	010-12345678       → 010-******78      (landline: area code, last 2)
//	+1 202 555 0143    → +* *** *** *143   (other: at most a third, ≤ 4)
//
// Only digits are hidden; the output has as many runes as the input.
//
// Every decimal digit (any script, so full-width ０-９ too) and every '*'
// already present is a digit slot; everything else (spaces, '-', '(',
// '+', letters) is kept as written, except invalid UTF-8 bytes, which are
// hidden slots. The number is classified by its slots:
//
//   - A country prefix is +86 (a '+' before the first digit), 0086, or a
//     bare 86 followed by exactly eleven digits that form a mobile number.
//     The prefix is kept as written and is not part of the national number.
//   - Mainland mobile: the national number has 11 digits, starts with 1 and
//     its second digit is 3-9. It keeps 3 leading and 4 trailing digits.
//   - Mainland landline: an optional trunk 0 (required without a country
//     prefix), an area code (10 or 2x: two digits; 3x-9x: three digits)
//     and a 7- or 8-digit local number. It keeps the trunk 0, the area code
//     and 2 trailing digits.
//   - Anything else (foreign numbers, numbers with extensions, short or
//     garbled input) keeps at most a third of its digits and never more
//     than 4, at the end.
//
// Masking is idempotent: a masked number is classified the same way again.
func MaskPhone(s string) string {
	var buf [64]byte // most results fit: one allocation, for the string
	return string(phoneMasker{}.appendMask(buf[:0], s))
}

// AppendMaskPhone appends the result of [MaskPhone] to dst. It does not
// allocate when dst has room.
func AppendMaskPhone(dst []byte, s string) []byte { return phoneMasker{}.appendMask(dst, s) }

// phoneMasker masks telephone numbers. Its zero value is [MaskPhone]; the
// fields change the counts of its rules.
type phoneMasker struct {
	// Rune is the mask rune; 0 means defaultMaskRune. It must not be a
	// digit.
	Rune rune
	// MobileFirst is the number of leading digits of a mobile number that
	// stay visible; 0 means 3, a negative value keeps none.
	MobileFirst int
	// MobileLast is the number of trailing digits of a mobile number that
	// stay visible; 0 means 4, a negative value keeps none.
	MobileLast int
	// LandlineLast is the number of trailing digits of a landline number
	// that stay visible; 0 means 2, a negative value keeps none.
	LandlineLast int
	// OtherMax caps the digits that stay visible in other numbers; 0 means
	// 4, a negative value keeps none. At most a third of the digits show
	// whatever the cap.
	OtherMax int
}

// phoneHead is the number of leading slot values a phone classification
// looks at: a 4-digit prefix, a trunk 0 and a 2-digit area code start.
const phoneHead = 8

// appendMask appends the masked form of s to dst.
func (m phoneMasker) appendMask(dst []byte, s string) []byte {
	mask := maskRune(m.Rune)
	var head [phoneHead]int8 // slot values; -1 for a hidden slot
	n := 0
	plus := false // a '+' came before the first slot
	for k := 0; k < len(s); {
		r, size := rune(s[k]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[k:])
		}
		k += size
		v := digitValue(r)
		slot := v >= 0 || r == mask || (r == utf8.RuneError && size == 1)
		if !slot {
			if n == 0 && (r == '+' || r == '＋') {
				plus = true
			}
			continue
		}
		if n < phoneHead {
			head[n] = int8(v)
		}
		n++
	}
	first, last := m.classify(head, n, plus)
	return appendSlots(dst, s, mask, digitSlots, n, first, last)
}

// classify returns how many leading and trailing slots stay visible.
func (m phoneMasker) classify(head [phoneHead]int8, n int, plus bool) (first, last int) {
	at := func(i int) int8 {
		if i < 0 || i >= phoneHead || i >= n {
			return -1
		}
		return head[i]
	}
	mobileAt := func(p int) bool {
		return n-p == 11 && at(p) == 1 && at(p+1) >= 3
	}
	prefix := 0
	switch {
	case plus && at(0) == 8 && at(1) == 6:
		prefix = 2
	case !plus && at(0) == 0 && at(1) == 0 && at(2) == 8 && at(3) == 6:
		prefix = 4
	case !plus && at(0) == 8 && at(1) == 6 && mobileAt(2):
		prefix = 2
	}
	if mobileAt(prefix) {
		return prefix + keepCount(m.MobileFirst, 3), keepCount(m.MobileLast, 4)
	}
	// Landline: [0] area local, the trunk 0 required without a prefix.
	t := 0
	if at(prefix) == 0 {
		t = 1
	}
	if prefix > 0 || t == 1 {
		p := prefix + t
		area := 0
		switch a := at(p); {
		case a == 1 && at(p+1) == 0, a == 2:
			area = 2
		case a >= 3:
			area = 3
		}
		if local := n - p - area; area > 0 && (local == 7 || local == 8) {
			return p + area, min(keepCount(m.LandlineLast, 2), local-1)
		}
	}
	return 0, otherKeep(n, keepCount(m.OtherMax, 4))
}
