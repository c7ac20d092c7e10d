package customer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// nameSimilarity returns how alike two personal names are, from 0 (nothing
// in common) to 1 (the same after NormalizeName). It is the
// Jaro-Winkler similarity (prefix scale 0.1, common prefix of up to four
// runes) of the normalised names, computed over runes, so 张伟 and 张玮
// score 0.70 and 欧阳娜娜 and 欧阳娜 0.94. For Latin names with several
// words it is the better of the names as written and with their words
// sorted, so "Wei Zhang" and "ZHANG Wei" score 1. It returns 0 when
// either name is empty after normalisation. It is symmetric and safe for
// concurrent use; it does not transliterate (张伟 and "Zhang Wei" score 0).
func nameSimilarity(a, b string) float64 {
	var ba, bb [64]byte
	na := appendNormName(ba[:0], a)
	nb := appendNormName(bb[:0], b)
	return similarNorm(na, nb)
}

// similarNorm is nameSimilarity on normalised names.
func similarNorm(na, nb []byte) float64 {
	if len(na) == 0 || len(nb) == 0 {
		return 0
	}
	if string(na) == string(nb) {
		return 1
	}
	var ra, rb [32]rune
	sim := jaroWinkler(appendRunes(ra[:0], na), appendRunes(rb[:0], nb))
	if sim < 1 && hasSpace(na) && hasSpace(nb) {
		sa, sb := sortWords(na), sortWords(nb)
		if sa == sb {
			return 1
		}
		sim = max(sim, jaroWinkler([]rune(sa), []rune(sb)))
	}
	return sim
}

func hasSpace(b []byte) bool { return slices.Contains(b, ' ') }

func appendRunes(dst []rune, b []byte) []rune {
	for len(b) > 0 {
		r, w := utf8.DecodeRune(b)
		dst = append(dst, r)
		b = b[w:]
	}
	return dst
}

func sortWords(b []byte) string {
	words := strings.Fields(string(b))
	slices.Sort(words)
	return strings.Join(words, " ")
}

// jaroWinkler returns the Jaro-Winkler similarity of a and b (Winkler
// 1990): the Jaro similarity
//
//	sim_j = (m/|a| + m/|b| + (m-t)/m) / 3
//
// where m counts the runes that match within a window of
// max(|a|,|b|)/2 - 1 positions and t is half the number of matched runes
// out of order, raised by l·0.1·(1-sim_j) for a common prefix of l ≤ 4
// runes.
func jaroWinkler(a, b []rune) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	window := max(len(b)/2-1, 0)
	var fa, fb [64]bool
	ma, mb := fa[:0], fb[:0]
	if len(a) <= len(fa) && len(b) <= len(fb) {
		ma, mb = fa[:len(a)], fb[:len(b)]
	} else {
		ma, mb = make([]bool, len(a)), make([]bool, len(b))
	}
	m := 0
	for i, r := range a {
		lo, hi := max(0, i-window), min(len(b), i+window+1)
		for j := lo; j < hi; j++ {
			if !mb[j] && b[j] == r {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	half := 0 // matched runes out of order
	j := 0
	for i := range a {
		if !ma[i] {
			continue
		}
		for !mb[j] {
			j++
		}
		if a[i] != b[j] {
			half++
		}
		j++
	}
	fm := float64(m)
	sim := (fm/float64(len(a)) + fm/float64(len(b)) + (fm-float64(half)/2)/fm) / 3
	prefix := 0
	for prefix < 4 && prefix < len(a) && a[prefix] == b[prefix] {
		prefix++
	}
	return sim + float64(prefix)*0.1*(1-sim)
}
