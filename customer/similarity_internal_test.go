package customer

import (
	"math"
	"strconv"
	"testing"
	"unicode/utf8"
)

func TestNormalizeName(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"han unchanged", "张伟", "张伟"},
		{"han spaces", " 张 伟\u3000", "张伟"},
		{"middle dot", "阿依古丽·买买提", "阿依古丽买买提"},
		{"katakana dot", "阿依古丽・买买提", "阿依古丽买买提"},
		{"full-width latin in han", "Ｌｉ小龙", "li小龙"},
		{"latin case", "ZHANG  Wei", "zhang wei"},
		{"latin punctuation", "O'Brien, Mary-Ann", "obrien mary ann"},
		{"full-width latin", "Ｚｈａｎｇ　Ｗｅｉ", "zhang wei"},
		{"kelvin sign", "\u212Aim", "kim"},
		{"diacritics kept", "José", "josé"},
		{"invalid utf-8 dropped", "Wei\xffZhang", "weizhang"},
		{"empty", "", ""},
		{"only separators", " - , ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeName(tt.in); got != tt.want {
				t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNameSimilarity checks Jaro-Winkler values published by Winkler
// (1990) and reproduced in the literature (MARTHA/MARHTA 0.961,
// DWAYNE/DUANE 0.840, DIXON/DICKSONX 0.813), and rune-based values for
// Chinese names computed by hand:
//
//	张伟/张玮: m=2 window 0, m=1, jaro=(1/2+1/2+1)/3=2/3, l=1 → 2/3+0.1/3 = 0.7
//	王小明/王小名: m=2, jaro=(2/3+2/3+1)/3=7/9, l=2 → 7/9+0.2·2/9 = 0.8222
//	欧阳娜/欧阳娜娜: window 1, m=3, jaro=(1+3/4+1)/3=11/12, l=3 → 11/12+0.3/12 = 0.94167
func TestNameSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"MARTHA", "MARHTA", 0.961},
		{"DWAYNE", "DUANE", 0.840},
		{"DIXON", "DICKSONX", 0.813},
		{"martha", "MARHTA", 0.961},
		{"张伟", "张玮", 0.7},
		{"王小明", "王小名", 0.8222},
		{"欧阳娜", "欧阳娜娜", 0.9417},
		{"张伟", "张 伟", 1},
		{"Wei Zhang", "ZHANG Wei", 1},
		{"张伟", "李娜", 0},
		{"张伟", "Zhang Wei", 0},
		{"", "张伟", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		got := nameSimilarity(tt.a, tt.b)
		if math.Abs(got-tt.want) > 0.0005 {
			t.Errorf("nameSimilarity(%q, %q) = %.4f, want %.4f", tt.a, tt.b, got, tt.want)
		}
		if back := nameSimilarity(tt.b, tt.a); back != got {
			t.Errorf("nameSimilarity(%q, %q) = %v, not symmetric (%v)", tt.b, tt.a, back, got)
		}
	}
}

func FuzzNameSimilarity(f *testing.F) {
	for _, s := range [][2]string{
		{"张伟", "张玮"}, {"MARTHA", "MARHTA"}, {"Wei Zhang", "zhang wei"}, {"阿依古丽·买买提", "阿依古丽买买提"},
		{"", "x"}, {"\xff\xfe", "a"}, {"ǅ", "ǆ"}, {"İstanbul", "istanbul"}, {"a b c d e f", "f e d c b a"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		s := nameSimilarity(a, b)
		if !(s >= 0 && s <= 1) {
			t.Fatalf("nameSimilarity(%q, %q) = %v, outside [0, 1]", a, b, s)
		}
		if r := nameSimilarity(b, a); r != s {
			t.Fatalf("nameSimilarity not symmetric: %v and %v", s, r)
		}
		na := NormalizeName(a)
		if !utf8.ValidString(na) {
			t.Fatalf("NormalizeName(%q) = %q, invalid UTF-8", a, na)
		}
		if again := NormalizeName(na); again != na {
			t.Fatalf("NormalizeName not idempotent: %q -> %q -> %q", a, na, again)
		}
		if na != "" {
			if got := nameSimilarity(a, na); got != 1 {
				t.Fatalf("nameSimilarity(%q, its normal form %q) = %v, want 1", a, na, got)
			}
		}
		if got := nameSimilarity(na, NormalizeName(b)); got != s {
			t.Fatalf("similarity changed by normalising: %v, then %v", s, got)
		}
	})
}

// TestNameSimilarityExamples keeps the figures the matcher's docs quote.
func TestNameSimilarityExamples(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want string
	}{
		{"张伟", "张玮", "0.70"},
		{"王小明", "王小名", "0.82"},
		{"Wei ZHANG", "zhang wei", "1.00"},
		{"欧阳娜娜", "欧阳娜", "0.94"},
	} {
		if got := strconv.FormatFloat(nameSimilarity(tt.a, tt.b), 'f', 2, 64); got != tt.want {
			t.Errorf("nameSimilarity(%q, %q) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
}

func BenchmarkNameSimilarity(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		nameSimilarity("欧阳娜娜", "欧阳 娜")
	}
}
