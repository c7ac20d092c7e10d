package customer

import (
	"slices"
	"strings"
	"unicode/utf8"
)

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
	var ma, mb []bool
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
