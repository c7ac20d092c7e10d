package customer

import (
	"unicode"
	"unicode/utf8"
)

// NormalizeCompanyName returns the form of a company name used for keys:
// full-width characters folded to ASCII, letters case-folded, and spaces,
// brackets and punctuation removed, so "阿里巴巴（中国）有限公司" and
// "阿里巴巴(中国)有限公司", or "ACME Co., Ltd." and "acme co ltd", agree.
// Legal forms are kept (有限公司 and 股份有限公司 differ). It is
// idempotent and returns s itself when s is already normal.
func NormalizeCompanyName(s string) string {
	var buf [96]byte
	out := buf[:0]
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		w = 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && w == 1 {
				continue
			}
			r = foldWidth(r)
		}
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) {
			continue
		}
		out = utf8.AppendRune(out, foldCase(r))
	}
	if string(out) == s {
		return s
	}
	return string(out)
}

// NormalizeName returns the form of a personal name used for dedup keys
// and name similarity. It folds full-width characters to ASCII, trims the
// name and then:
//
//   - for a name with Han characters (张伟, 阿依古丽·买买提), removes every
//     space and middle dot (·, •, ‧, ・), so "张 伟" and "张伟" agree;
//   - otherwise (Zhang Wei, ZHANG  Wei), case-folds letters, drops
//     apostrophes and treats runs of spaces, hyphens, commas, periods and
//     underscores as one space, so "O'Brien, Mary-Ann" becomes
//     "obrien mary ann".
//
// Latin letters inside a Han name are case-folded too. Diacritics are
// kept (José and Jose differ). Invalid UTF-8 bytes are dropped. The
// result is idempotent: NormalizeName(NormalizeName(s)) ==
// NormalizeName(s). It returns s itself, without allocating, when s is
// already normal.
func NormalizeName(s string) string {
	var buf [64]byte
	out := appendNormName(buf[:0], s)
	if string(out) == s {
		return s
	}
	return string(out)
}

// appendNormName appends the normal form of name s (see NormalizeName).
func appendNormName(dst []byte, s string) []byte {
	han := false
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff || r >= utf8.RuneSelf && unicode.Is(unicode.Han, r) {
			han = true
			break
		}
	}
	start := len(dst)
	space := false // a separator is pending
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		w = 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && w == 1 {
				continue
			}
			r = foldWidth(r)
		}
		switch {
		case unicode.IsSpace(r) || isNameDot(r):
			if !han {
				space = true
			}
			continue
		case !han && (r == '-' || r == ',' || r == '.' || r == '_'):
			space = true
			continue
		case r == '\'' || r == '\u2019' || r == '\u2018' || r == '`':
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = utf8.AppendRune(dst, foldCase(r))
	}
	return dst
}

// isNameDot reports the middle dots that separate the parts of
// transliterated names (阿依古丽·买买提).
func isNameDot(r rune) bool {
	switch r {
	case '\u00b7', '\u2022', '\u2027', '\u30fb', '\uff65', '\u2219', '\u22c5':
		return true
	}
	return false
}

// foldCase maps r to a canonical case: lower case of its upper case, so
// that K (Kelvin sign), K and k, or ſ, S and s, agree.
func foldCase(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= 0x3000 && r < 0xA000 || r >= 0xAC00 && r < 0xD7A4:
		return r // CJK, kana and Hangul have no case
	}
	return unicode.ToLower(unicode.ToUpper(r))
}
