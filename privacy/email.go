package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaskEmail masks an e-mail address: the first rune of the local part,
// "***", then the domain as written.
//
//	zhangsan@example.com → z***@example.com
//	a@example.com        → ***@example.com
//
// The local part is everything before the last '@' (after leading white
// space, which is kept), or the whole string when there is no '@'. A local
// part of two or more runes shows its first rune followed by "***"; a
// local part of one rune, one that starts with '*' or an invalid byte, or
// one made only of '*' shows "***" and nothing else, so a masked address
// masks to itself. An empty local part stays empty. The domain is kept as
// written (invalid UTF-8 bytes in it become U+FFFD).
//
// The local part is replaced by a fixed-width mask, so its length never
// shows: this is one of the documented fixed-width cases where the output
// rune count differs from the input's.
func MaskEmail(s string) string {
	var buf [64]byte // most results fit: one allocation, for the string
	return string(emailMasker{}.appendMask(buf[:0], s))
}

// AppendMaskEmail appends the result of [MaskEmail] to dst. It does not
// allocate when dst has room.
func AppendMaskEmail(dst []byte, s string) []byte { return emailMasker{}.appendMask(dst, s) }

// emailMasker masks e-mail addresses. Its zero value is [MaskEmail].
type emailMasker struct {
	// Rune is the mask rune; 0 means defaultMaskRune.
	Rune rune
	// Width is the number of mask runes that replace the rest of the local
	// part; 0 means 3. A negative value means 1.
	Width int
}

// appendMask appends the masked form of s to dst.
func (m emailMasker) appendMask(dst []byte, s string) []byte {
	mask := maskRune(m.Rune)
	width := m.Width
	switch {
	case width == 0:
		width = 3
	case width < 0:
		width = 1
	}
	lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	dst = append(dst, s[:lead]...)
	s = s[lead:]
	local, domain := s, ""
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		local, domain = s[:at], s[at:]
	}
	if local != "" {
		r, size := utf8.DecodeRuneInString(local)
		showFirst := size < len(local) && r != mask && !(r == utf8.RuneError && size == 1)
		if showFirst {
			dst = appendKept(dst, r)
		}
		for range width {
			dst = appendMask(dst, mask)
		}
	}
	for k := 0; k < len(domain); {
		r, size := utf8.DecodeRuneInString(domain[k:])
		k += size
		dst = appendKept(dst, r)
	}
	return dst
}
