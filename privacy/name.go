package privacy

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// compoundSurnames is the built-in set of two-rune Chinese surnames kept
// whole by [MaskName], in simplified and traditional forms. It follows the
// compound surnames of the 百家姓 (Hundred Family Surnames) and a few
// later ones (拓跋, 呼延, 独孤). Pairs whose first rune is itself a common
// surname and whose second rune is a common first rune of given names
// (段干, 乐正) are left out on purpose: a false match would reveal one rune
// of the given name, a missed one only hides a rune of the surname.
var compoundSurnames = map[string]bool{
	"欧阳": true, "歐陽": true, "太史": true, "端木": true, "上官": true,
	"司马": true, "司馬": true, "东方": true, "東方": true, "独孤": true,
	"獨孤": true, "南宫": true, "南宮": true, "万俟": true, "萬俟": true,
	"闻人": true, "聞人": true, "夏侯": true, "诸葛": true, "諸葛": true,
	"尉迟": true, "尉遲": true, "公羊": true, "赫连": true, "赫連": true,
	"澹台": true, "澹臺": true, "皇甫": true, "宗政": true, "濮阳": true,
	"濮陽": true, "公冶": true, "太叔": true, "申屠": true, "公孙": true,
	"公孫": true, "慕容": true, "仲孙": true, "仲孫": true, "钟离": true,
	"鍾離": true, "长孙": true, "長孫": true, "宇文": true, "司徒": true,
	"鲜于": true, "鮮于": true, "司空": true, "闾丘": true, "閭丘": true,
	"子车": true, "子車": true, "亓官": true, "司寇": true, "巫马": true,
	"巫馬": true, "公西": true, "颛孙": true, "顓孫": true, "壤驷": true,
	"壤駟": true, "公良": true, "漆雕": true, "宰父": true, "谷梁": true,
	"穀梁": true, "拓跋": true, "夹谷": true, "夾谷": true, "轩辕": true,
	"軒轅": true, "令狐": true, "百里": true, "呼延": true, "东郭": true,
	"東郭": true, "南门": true, "南門": true, "羊舌": true, "微生": true,
	"梁丘": true, "左丘": true, "东门": true, "東門": true, "西门": true,
	"西門": true, "第五": true, "淳于": true, "单于": true,
	"單于": true, "即墨": true, "达奚": true, "達奚": true, "褚师": true,
	"褚師": true,
}

// MaskName masks a personal name: the surname stays, every other letter
// becomes '*'.
//
//	张三          → 张*
//	王小明        → 王**
//	欧阳娜娜      → 欧阳**   (compound surname)
//	阿依古丽·买买提 → 阿***·***  (middle-dot names keep the first rune and the dots)
//	John Smith    → J*** S****
//	张            → *
//
// A name is split into letters and separators: white space, middle dots
// (· • ‧ ・ ･), hyphens, full stops and commas. Separators are kept as
// written and every hidden letter becomes one '*', so the output has as
// many runes as the input. Names whose first letter is Chinese, Japanese
// or Korean script keep that letter (the surname), or their first two
// when they start with a compound surname and have at least three
// letters and no middle dot; a name of a single letter is fully masked.
// Other names keep the first letter of each word of two or more letters.
// Invalid UTF-8 bytes are always hidden.
//
// The compound surnames are the two-rune surnames of the 百家姓 (Hundred
// Family Surnames) and a few later ones (拓跋, 呼延, 独孤), in simplified
// and traditional forms: 欧阳, 司马, 诸葛, 上官, 慕容 and so on.
func MaskName(s string) string {
	var buf [64]byte // most results fit: one allocation, for the string
	return string(nameMasker{}.appendMask(buf[:0], s))
}

// AppendMaskName appends the result of [MaskName] to dst. It does not
// allocate when dst has room.
func AppendMaskName(dst []byte, s string) []byte { return nameMasker{}.appendMask(dst, s) }

// nameMasker masks personal names. Its zero value is [MaskName].
type nameMasker struct {
	// Rune is the mask rune; 0 means defaultMaskRune.
	Rune rune
	// CompoundSurnames lists the two-rune surnames kept whole; nil means
	// the built-in compoundSurnames. An empty non-nil slice disables
	// compound surnames.
	CompoundSurnames []string
}

// isNameSeparator reports whether r separates the words of a name.
func isNameSeparator(r rune) bool {
	switch r {
	case '-', '.', ',', '·', '•', '‧', '・', '･', '‐', '‑', '．', '，', '－', '⋅', '∙':
		return true
	}
	return unicode.IsSpace(r)
}

func isCJK(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3, r >= 0x3040 && r <= 0x30FF:
		return true // common Han, Hangul syllables, kana
	}
	return (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// appendMask appends the masked form of s to dst.
func (m nameMasker) appendMask(dst []byte, s string) []byte {
	mask := maskRune(m.Rune)
	var (
		letters  int
		cjk, dot bool
		adjacent bool // the first two letters touch
		start    int  // byte offset of the first letter
		end      int  // byte offset just after the second letter
	)
	for k := 0; k < len(s); {
		r, size := utf8.DecodeRuneInString(s[k:])
		if isNameSeparator(r) {
			if !unicode.IsSpace(r) {
				dot = true
			}
		} else {
			switch letters {
			case 0:
				start, end = k, k+size
			case 1:
				adjacent = k == end
				end = k + size
			}
			if letters == 0 {
				cjk = isCJK(r)
			}
			letters++
		}
		k += size
	}
	if !cjk {
		return m.appendWords(dst, s, mask)
	}
	keep := 1
	if letters == 1 {
		keep = 0
	} else if letters > 2 && !dot && adjacent && m.isCompound(s[start:end]) {
		keep = 2
	}
	idx := 0
	for k := 0; k < len(s); {
		r, size := utf8.DecodeRuneInString(s[k:])
		k += size
		invalid := r == utf8.RuneError && size == 1
		if isNameSeparator(r) {
			dst = appendKept(dst, r)
			continue
		}
		if idx < keep && !invalid {
			dst = appendKept(dst, r)
		} else {
			dst = appendMask(dst, mask)
		}
		idx++
	}
	return dst
}

func (m nameMasker) isCompound(s string) bool {
	if m.CompoundSurnames == nil {
		return compoundSurnames[s]
	}
	return slices.Contains(m.CompoundSurnames, s)
}

// appendWords masks a non-CJK name word by word, keeping the first letter
// of each word of two or more letters.
func (m nameMasker) appendWords(dst []byte, s string, mask rune) []byte {
	for k := 0; k < len(s); {
		r, size := utf8.DecodeRuneInString(s[k:])
		if isNameSeparator(r) {
			dst = appendKept(dst, r)
			k += size
			continue
		}
		// A word runs to the next separator.
		end := k
		n := 0
		for end < len(s) {
			r2, size2 := utf8.DecodeRuneInString(s[end:])
			if isNameSeparator(r2) {
				break
			}
			end += size2
			n++
		}
		if n >= 2 && !(r == utf8.RuneError && size == 1) {
			dst = appendKept(dst, r)
			n--
		} else {
			// A one-letter word or an invalid first byte: hide it all.
			dst = appendMask(dst, mask)
			n--
		}
		for range n {
			dst = appendMask(dst, mask)
		}
		k = end
	}
	return dst
}
