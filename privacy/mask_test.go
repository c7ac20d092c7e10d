package privacy_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clientele-go/clientele/privacy"
)

func TestMaskMiddle(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		first, last int
		want        string
	}{
		{"ascii", "abcdef", 1, 1, "a****f"},
		{"runes", "中华人民共和国", 2, 1, "中华****国"},
		{"keep none", "abc", 0, 0, "***"},
		{"negative means none", "abc", -3, -1, "***"},
		{"too short keeps less", "ab", 1, 1, "a*"},
		{"too short first only", "abc", 5, 5, "ab*"},
		{"one rune", "a", 1, 1, "*"},
		{"empty", "", 1, 1, ""},
		{"invalid byte never kept", "\xffbc", 1, 1, "**c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := privacy.MaskMiddle(tt.in, tt.first, tt.last); got != tt.want {
				t.Errorf("MaskMiddle(%q, %d, %d) = %q, want %q", tt.in, tt.first, tt.last, got, tt.want)
			}
			if got := string(privacy.AppendMaskMiddle([]byte("x"), tt.in, tt.first, tt.last)); got != "x"+tt.want {
				t.Errorf("AppendMaskMiddle(x, %q, %d, %d) = %q, want %q", tt.in, tt.first, tt.last, got, "x"+tt.want)
			}
		})
	}
}

// maskers lists every built-in masker with whether its output keeps the
// input's rune count (the others are the documented fixed-width cases).
var maskers = []struct {
	name      string
	mask      func(string) string
	appendFn  func([]byte, string) []byte
	sameRunes bool
}{
	{"MaskName", privacy.MaskName, privacy.AppendMaskName, true},
	{"MaskPhone", privacy.MaskPhone, privacy.AppendMaskPhone, true},
	{"MaskEmail", privacy.MaskEmail, privacy.AppendMaskEmail, false},
	{"MaskIDNumber", privacy.MaskIDNumber, privacy.AppendMaskIDNumber, true},
	{"MaskBankCard", privacy.MaskBankCard, privacy.AppendMaskBankCard, true},
	{"MaskAddress", privacy.MaskAddress, privacy.AppendMaskAddress, false},
	{"MaskMiddle", func(s string) string { return privacy.MaskMiddle(s, 1, 1) },
		func(dst []byte, s string) []byte { return privacy.AppendMaskMiddle(dst, s, 1, 1) }, true},
}

// TestMaskersBadInput runs every masker over the bad inputs the issue
// lists: invalid UTF-8, empty strings, separators only and 1 MB input.
func TestMaskersBadInput(t *testing.T) {
	big := strings.Repeat("13812345678 张三 zhangsan@example.com 北京市海淀区 ", 1<<20/64)
	inputs := map[string]string{
		"empty":          "",
		"invalid utf-8":  "\xff\xfe\xc3\x28\xe2\x82",
		"separators":     " - ( ) · ",
		"1 MB":           big,
		"1 MB of digits": strings.Repeat("9", 1<<20),
		"truncated rune": "138\xe4\xb8",
	}
	for _, m := range maskers {
		for name, in := range inputs {
			t.Run(m.name+"/"+name, func(t *testing.T) {
				got := m.mask(in)
				if !utf8.ValidString(got) {
					t.Errorf("%s(%.20q...) is not valid UTF-8", m.name, in)
				}
				if m.sameRunes && utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
					t.Errorf("%s(%.20q...) has %d runes, want %d", m.name, in,
						utf8.RuneCountInString(got), utf8.RuneCountInString(in))
				}
				if again := m.mask(got); again != got {
					t.Errorf("%s is not idempotent on %.20q...: %.40q then %.40q", m.name, in, got, again)
				}
				if app := m.appendFn([]byte("prefix"), in); string(app) != "prefix"+got {
					t.Errorf("Append form of %s differs from %s", m.name, m.name)
				}
			})
		}
	}
	if got := privacy.MaskPhone(strings.Repeat("9", 1<<20)); strings.Count(got, "9") != 4 {
		t.Errorf("MaskPhone(1 MB of digits) shows %d digits, want 4", strings.Count(got, "9"))
	}
}

// TestAppendMaskNoAlloc checks the append forms do not allocate when the
// buffer has room.
func TestAppendMaskNoAlloc(t *testing.T) {
	inputs := []string{"欧阳娜娜", "+86 138-1234-5678", "zhangsan@example.com", "11010519491231002X",
		"6222 0212 3456 7890", "北京市海淀区中关村大街27号", "abcdef"}
	buf := make([]byte, 0, 256)
	for i, m := range maskers {
		in := inputs[i]
		allocs := testing.AllocsPerRun(100, func() { buf = m.appendFn(buf[:0], in) })
		if allocs != 0 {
			t.Errorf("%s append form: %v allocs per run, want 0", m.name, allocs)
		}
	}
}

// TestMainlandRegressions pins the cases where common Go maskers get
// mainland data wrong (issue 4): a two-rune name must not grow a rune, a
// compound surname must stay whole, an ID must hide the whole birth date
// and the county, and a landline must not be left bare.
func TestMainlandRegressions(t *testing.T) {
	if got := privacy.MaskName("张三"); got != "张*" {
		t.Errorf("MaskName(张三) = %q, want 张* (not 张**)", got)
	}
	if got := privacy.MaskName("欧阳娜娜"); got != "欧阳**" {
		t.Errorf("MaskName(欧阳娜娜) = %q, want 欧阳** (not 欧**娜)", got)
	}
	id := "11010519491231002X"
	got := privacy.MaskIDNumber(id)
	if got[4:14] != strings.Repeat("*", 10) {
		t.Errorf("MaskIDNumber(%s) = %s: county (05) and birth date (19491231) must be hidden", id, got)
	}
	for _, landline := range []string{"010-12345678", "(0755) 8888 8888", "+86 21 6123 4567"} {
		masked := privacy.MaskPhone(landline)
		if strings.Count(masked, "*") < 5 {
			t.Errorf("MaskPhone(%q) = %q: landline left (nearly) bare", landline, masked)
		}
	}
}
