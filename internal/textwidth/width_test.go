package textwidth_test

import (
	"testing"

	"github.com/clientele-go/clientele/internal/textwidth"
)

func TestWidth(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want int
	}{
		{"empty", "", 0},
		{"ascii", "Champions", 9},
		{"han", "重要价值客户", 12},
		{"mixed", "R=5 重要 ok", 11},
		{"full-width letters and digits", "ＡＢＣ１２３", 12},
		{"full-width yen and comma", "￥１，２９９", 12},
		{"half-width katakana", "ｶﾀｶﾅ", 4},
		{"hangul", "한국", 4},
		{"cjk punctuation", "「你好」。", 10},
		{"ideographic space", "\u3000", 2},
		{"ambiguous counts as narrow", "R×F 3°", 6},
		{"yen sign", "¥1,299.00", 9},
		{"combining acute", "e\u0301", 1},
		{"zero-width joiner and space", "a\u200db\u200b", 2},
		{"emoji", "😀", 2},
		{"control", "a\x01b", 2},
		{"extension b ideograph", "\U00020000", 2},
		{"invalid utf-8", "a\xffb", 3},
		{"masked name", "欧阳**", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textwidth.Width(tt.s); got != tt.want {
				t.Errorf("Width(%q) = %d, want %d", tt.s, got, tt.want)
			}
		})
	}
}

func TestRuneWidth(t *testing.T) {
	tests := []struct {
		r    rune
		want int
	}{
		{'a', 1}, {'\t', 0}, {0x85, 0}, {'é', 1}, {'中', 2}, {'。', 2},
		{0x1100, 2}, // Hangul choseong: W
		{0x115F, 2},
		{0x1160, 1}, // Hangul jungseong filler: N
		{0x3400, 2}, // CJK extension A
		{0x4DBF, 2},
		{0x9FFF, 2}, // unassigned in CJK Unified Ideographs: W by default
		{0xFF01, 2}, // full-width exclamation mark: F
		{0xFF61, 1}, // half-width ideographic full stop: H
		{0x0301, 0}, // combining acute accent: Mn
		{0x20DD, 0}, // combining enclosing circle: Me
		{0xFEFF, 0}, // zero-width no-break space: Cf
		{0x3FFFD, 2},
		{0x40000, 1},
	}
	for _, tt := range tests {
		if got := textwidth.RuneWidth(tt.r); got != tt.want {
			t.Errorf("RuneWidth(%U) = %d, want %d", tt.r, got, tt.want)
		}
	}
}

func TestPad(t *testing.T) {
	tests := []struct {
		s           string
		n           int
		right, left string
	}{
		{"ab", 4, "ab  ", "  ab"},
		{"中文", 6, "中文  ", "  中文"},
		{"中文", 4, "中文", "中文"},
		{"中文", 3, "中文", "中文"},
		{"", 2, "  ", "  "},
	}
	for _, tt := range tests {
		if got := textwidth.PadRight(tt.s, tt.n); got != tt.right {
			t.Errorf("PadRight(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.right)
		}
		if got := textwidth.PadLeft(tt.s, tt.n); got != tt.left {
			t.Errorf("PadLeft(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.left)
		}
	}
}
