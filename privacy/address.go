package privacy

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaskAddress masks a mainland postal address: the province and city
// stay, the district name is hidden but its suffix kept, and all detail
// after it becomes a fixed "****":
//
//	北京市海淀区中关村大街27号           → 北京市**区****
//	广东省深圳市南山区科技园南区8栋      → 广东省深圳市**区****
//	中关村大街27号                       → ****
//
// An address is read as up to four parts, each optional and each possibly
// preceded by white space, which is kept:
//
//  1. a province-level division, by full or short name (北京市, 广东省,
//     广东, 新疆维吾尔自治区); a short name directly followed by 市 is read
//     as a city instead (吉林市);
//  2. for provinces that have cities, a prefecture-level city by its short
//     name from a built-in table of the 337 prefecture-level divisions,
//     with its 市 suffix or its 自治州/地区/盟 designation when written
//     (深圳市, 延边朝鲜族自治州);
//  3. a district-level division: a name of 1 to 9 runes followed by one of
//     the suffixes 自治县 自治旗 新区 林区 特区 矿区 区 县 市 旗; the name
//     is hidden rune by rune, the suffix kept;
//  4. the detail (street, number, building): replaced by "****".
//
// Parts 1 and 2 are kept as written. An address whose start matches no
// known province or city keeps nothing of its start: a district, if one
// is found, is masked and everything else is detail. Invalid UTF-8 is
// never kept. Masking is idempotent.
//
// The detail is replaced by a fixed-width mask, so its length never shows:
// this is one of the documented fixed-width cases where the output rune
// count differs from the input's.
func MaskAddress(s string) string {
	var buf [64]byte // most results fit: one allocation, for the string
	return string(addressMasker{}.appendMask(buf[:0], s))
}

// AppendMaskAddress appends the result of [MaskAddress] to dst. It does not
// allocate when dst has room.
func AppendMaskAddress(dst []byte, s string) []byte { return addressMasker{}.appendMask(dst, s) }

// addressMasker masks mainland postal addresses. Its zero value is
// [MaskAddress].
type addressMasker struct {
	// Rune is the mask rune for the district name; 0 means
	// defaultMaskRune.
	Rune rune
	// Detail replaces everything after the district; "" means "****".
	Detail string
	// MaxDistrict is the longest district name, in runes and without the
	// suffix, that is recognised; 0 means 9.
	MaxDistrict int
}

// districtSuffixes are the designations of district-level divisions,
// longest first.
var districtSuffixes = []string{"自治县", "自治旗", "新区", "林区", "特区", "矿区", "区", "县", "市", "旗"}

// appendMask appends the masked form of s to dst.
func (m addressMasker) appendMask(dst []byte, s string) []byte {
	mask := maskRune(m.Rune)
	detail := m.Detail
	if detail == "" {
		detail = "****"
	}
	maxDistrict := m.MaxDistrict
	if maxDistrict <= 0 {
		maxDistrict = 9
	}
	pos := skipSpace(s, 0)
	keep := pos // s[:keep] is kept as written
	if n, city := matchProvince(s[pos:]); n > 0 {
		pos += n
		keep = pos
		if city {
			if c := matchCity(s, skipSpace(s, pos)); c > 0 {
				pos = c
				keep = pos
			}
		} else {
			// A municipality sometimes repeats itself (上海市上海市) or
			// names its 市辖区 level; both stay.
			p := skipSpace(s, pos)
			if n, hasCities := matchProvince(s[p:]); n > 0 && !hasCities {
				pos = p + n
				keep = pos
			} else if strings.HasPrefix(s[p:], "市辖区") {
				pos = p + len("市辖区")
				keep = pos
			}
		}
	} else if c := matchCity(s, pos); c > 0 {
		pos = c
		keep = pos
	}
	dst = append(dst, s[:keep]...)

	p := skipSpace(s, pos)
	if nameEnd, end := matchDistrict(s, p, maxDistrict); end > 0 {
		dst = append(dst, s[pos:p]...)
		for k := p; k < nameEnd; {
			_, size := utf8.DecodeRuneInString(s[k:])
			k += size
			dst = appendMask(dst, mask)
		}
		dst = append(dst, s[nameEnd:end]...)
		pos = end
	}
	if rest := s[pos:]; strings.TrimSpace(rest) != "" {
		dst = append(dst, detail...)
	} else {
		dst = appendValid(dst, rest)
	}
	return dst
}

// appendValid appends s with invalid bytes replaced by U+FFFD.
func appendValid(dst []byte, s string) []byte {
	for k := 0; k < len(s); {
		r, size := utf8.DecodeRuneInString(s[k:])
		k += size
		dst = appendKept(dst, r)
	}
	return dst
}

// skipSpace returns the offset of the first non-space rune of s at or
// after i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// nameIndex maps the first rune of a table's names to those names,
// longest first, so a lookup costs one small map access and a few prefix
// comparisons.
type nameIndex map[rune][]string

// indexNames builds a nameIndex over the keys of a name table.
func indexNames[V any](names map[string]V) nameIndex {
	idx := nameIndex{}
	for name := range names {
		r, _ := utf8.DecodeRuneInString(name)
		idx[r] = append(idx[r], name)
	}
	for _, list := range idx {
		slices.SortFunc(list, func(a, b string) int {
			if c := cmp.Compare(len(b), len(a)); c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
	}
	return idx
}

// Read-only indexes over the reference tables in addresstables.go.
var (
	provinceIndex = indexNames(provinceNames)
	cityIndex     = indexNames(cityNames)
)

// matchProvince returns the byte length of the longest province name at
// the start of s (0 for none) and whether that province has cities below
// it.
func matchProvince(s string) (n int, hasCities bool) {
	r, _ := utf8.DecodeRuneInString(s)
	for _, name := range provinceIndex[r] {
		if !strings.HasPrefix(s, name) {
			continue
		}
		muni := provinceNames[name]
		if !muni && strings.HasPrefix(s[len(name):], "市") {
			continue // 吉林市 is the city, not the province
		}
		return len(name), !muni
	}
	return 0, false
}

// matchCity returns the offset just after a prefecture-level city written
// at s[i:], or 0 when there is none.
func matchCity(s string, i int) int {
	r, _ := utf8.DecodeRuneInString(s[i:])
	for _, name := range cityIndex[r] {
		if !strings.HasPrefix(s[i:], name) {
			continue
		}
		end := i + len(name)
		rest := s[end:]
		if strings.HasPrefix(rest, "市") {
			return end + len("市")
		}
		// Prefectures carry a designation, sometimes after an ethnic
		// name: 延边朝鲜族自治州, 大兴安岭地区, 锡林郭勒盟.
		for j, r := range rest {
			if utf8.RuneCountInString(rest[:j]) > 10 || r == utf8.RuneError || unicode.IsSpace(r) {
				break
			}
			switch {
			case strings.HasPrefix(rest[j:], "自治州"):
				return end + j + len("自治州")
			case strings.HasPrefix(rest[j:], "地区"):
				return end + j + len("地区")
			case r == '盟':
				return end + j + len("盟")
			case r == '区' || r == '县' || r == '市' || r == '旗' || r == '州':
				if j == 0 {
					return 0 // 通化县 is a county, not the city 通化
				}
				return end
			}
		}
		return end
	}
	return 0
}

// matchDistrict looks for a district name at s[i:]: returns the offset
// where its suffix starts and the offset just after the suffix, or 0, 0.
func matchDistrict(s string, i, maxName int) (nameEnd, end int) {
	names := 0
	for k := i; k < len(s) && names <= maxName; {
		r, size := utf8.DecodeRuneInString(s[k:])
		if unicode.IsSpace(r) {
			return 0, 0
		}
		if names >= 1 && (r == '区' || r == '县' || r == '市' || r == '旗') {
			for _, suf := range districtSuffixes {
				start := k + size - len(suf)
				if start < i || s[start:k+size] != suf {
					continue
				}
				if n := utf8.RuneCountInString(s[i:start]); n >= 1 && n <= maxName {
					return start, k + size
				}
			}
		}
		names++
		k += size
	}
	return 0, 0
}
