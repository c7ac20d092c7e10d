package privacy_test

import (
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

func TestMaskName(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"two runes", "张三", "张*"},
		{"three runes", "王小明", "王**"},
		{"compound surname", "欧阳娜娜", "欧阳**"},
		{"compound surname three runes", "司马光", "司马*"},
		{"traditional compound surname", "歐陽修", "歐陽*"},
		{"compound pair but only two runes", "欧阳", "欧*"},
		{"one rune", "张", "*"},
		{"middle dot keeps first rune and dots", "阿依古丽·买买提", "阿***·***"},
		{"middle dot bullet variant", "阿依古丽•买买提", "阿***•***"},
		{"middle dot not a compound", "欧阳·娜", "欧*·*"},
		{"latin two words", "John Smith", "J*** S****"},
		{"latin hyphen", "Mary-Jane Watson", "M***-J*** W*****"},
		{"latin apostrophe is inside the word", "Sean O'Brien", "S*** O******"},
		{"latin single-letter word hidden", "John F Kennedy", "J*** * K******"},
		{"latin initials with full stops", "J.R.R. Tolkien", "*.*.*. T******"},
		{"latin one letter", "J", "*"},
		{"korean", "김민수", "김**"},
		{"spaces kept", " 张三 ", " 张* "},
		{"space inside chinese name", "欧阳 娜娜", "欧阳 **"},
		{"empty", "", ""},
		{"separators only", " · - ", " · - "},
		{"invalid utf-8 hidden", "张\xff三", "张**"},
		{"invalid first byte hidden", "\xff三", "**"},
		{"already masked", "欧阳**", "欧阳**"},
		{"digits are letters here", "张3", "张*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := privacy.MaskName(tt.in); got != tt.want {
				t.Errorf("MaskName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNameMaskerConfig(t *testing.T) {
	tests := []struct {
		name string
		m    privacy.NameMasker
		in   string
		want string
	}{
		{"mask rune", privacy.NameMasker{Rune: '×'}, "王小明", "王××"},
		{"compound list disabled", privacy.NameMasker{CompoundSurnames: []string{}}, "欧阳娜娜", "欧***"},
		{"custom compound", privacy.NameMasker{CompoundSurnames: []string{"张李"}}, "张李小明", "张李**"},
		{"invalid mask rune falls back", privacy.NameMasker{Rune: -5}, "王小明", "王**"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.Mask(tt.in); got != tt.want {
				t.Errorf("%+v.Mask(%q) = %q, want %q", tt.m, tt.in, got, tt.want)
			}
		})
	}
}

func TestCompoundSurnames(t *testing.T) {
	list := privacy.CompoundSurnames()
	for _, want := range []string{"欧阳", "歐陽", "司马", "诸葛", "上官", "慕容"} {
		found := false
		for _, s := range list {
			found = found || s == want
		}
		if !found {
			t.Errorf("CompoundSurnames() lacks %q", want)
		}
	}
	list[0] = "changed"
	if privacy.CompoundSurnames()[0] == "changed" {
		t.Error("CompoundSurnames returned shared storage")
	}
}
