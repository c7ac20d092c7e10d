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

// TestCompoundSurnamesKeptWhole checks that MaskName keeps the common
// compound surnames whole, in both scripts.
func TestCompoundSurnamesKeptWhole(t *testing.T) {
	for _, surname := range []string{"欧阳", "歐陽", "司马", "诸葛", "上官", "慕容"} {
		if got, want := privacy.MaskName(surname+"娜娜"), surname+"**"; got != want {
			t.Errorf("MaskName(%s娜娜) = %q, want %q", surname, got, want)
		}
	}
}
