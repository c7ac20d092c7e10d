package textwidth

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate go run gen.go -in /usr/share/unicode/EastAsianWidth.txt

// span is an inclusive range of code points.
type span struct{ lo, hi rune }

// Width returns the number of display cells s takes: the sum of
// [RuneWidth] over its runes. An invalid UTF-8 byte counts as one cell
// (it shows as one replacement character).
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f { // printable ASCII, the common case
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n += RuneWidth(r)
	}
	return n
}

// RuneWidth returns the number of display cells r takes: 2 for East Asian
// wide and full-width characters, 0 for C0 and C1 controls, combining
// marks (Mn, Me) and format characters (Cf, such as the zero-width
// space and joiner), 1 otherwise. utf8.RuneError counts as 1.
func RuneWidth(r rune) int {
	switch {
	case r >= 0x20 && r < 0x7f:
		return 1
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return 0
	case r < 0x300:
		return 1 // Latin-1 and Latin extensions: no wide or combining runes
	case isWide(r):
		return 2
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	}
	return 1
}

// isWide reports whether r is in the table of wide and full-width ranges.
func isWide(r rune) bool {
	lo, hi := 0, len(wide)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < wide[m].lo:
			hi = m
		case r > wide[m].hi:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// PadRight returns s followed by enough spaces to fill n cells; s itself
// when it is n cells or wider.
func PadRight(s string, n int) string {
	if w := Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// PadLeft returns s preceded by enough spaces to fill n cells; s itself
// when it is n cells or wider.
func PadLeft(s string, n int) string {
	if w := Width(s); w < n {
		return strings.Repeat(" ", n-w) + s
	}
	return s
}
