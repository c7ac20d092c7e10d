package privacy

import (
	"strings"
	"testing"
)

// White-box tests of the masker types behind MaskName, MaskPhone and the
// others: their zero values are the exported functions, and their fields
// drive the other counts and mask runes through the same code.

// maskWith returns the masked form of s under m.
func maskWith(m interface{ appendMask([]byte, string) []byte }, s string) string {
	return string(m.appendMask(nil, s))
}

func TestPhoneMaskerConfig(t *testing.T) {
	tests := []struct {
		name string
		m    phoneMasker
		in   string
		want string
	}{
		{"mobile keep 3 and 2", phoneMasker{MobileLast: 2}, "13812345678", "138******78"},
		{"mobile keep none", phoneMasker{MobileFirst: -1, MobileLast: -1}, "13812345678", "***********"},
		{"landline keep none", phoneMasker{LandlineLast: -1}, "010-12345678", "010-********"},
		{"other cap 2", phoneMasker{OtherMax: 2}, "+1 202 555 0143", "+* *** *** **43"},
		{"mask rune", phoneMasker{Rune: '#'}, "13812345678", "138####5678"},
		{"greedy config still hides one", phoneMasker{MobileFirst: 11, MobileLast: 11}, "13812345678", "1381234567*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskWith(tt.m, tt.in); got != tt.want {
				t.Errorf("%+v.appendMask(%q) = %q, want %q", tt.m, tt.in, got, tt.want)
			}
		})
	}
}

func TestEmailMaskerConfig(t *testing.T) {
	tests := []struct {
		name string
		m    emailMasker
		in   string
		want string
	}{
		{"width 5", emailMasker{Width: 5}, "zhangsan@example.com", "z*****@example.com"},
		{"width negative means one", emailMasker{Width: -1}, "zhangsan@example.com", "z*@example.com"},
		{"rune", emailMasker{Rune: '•'}, "zhangsan@example.com", "z•••@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskWith(tt.m, tt.in); got != tt.want {
				t.Errorf("%+v.appendMask(%q) = %q, want %q", tt.m, tt.in, got, tt.want)
			}
		})
	}
}

func TestAddressMaskerConfig(t *testing.T) {
	tests := []struct {
		name string
		m    addressMasker
		in   string
		want string
	}{
		{"detail text", addressMasker{Detail: "(略)"}, "北京市海淀区中关村大街27号", "北京市**区(略)"},
		{"rune", addressMasker{Rune: '○'}, "北京市海淀区中关村大街27号", "北京市○○区****"},
		{"short district names only", addressMasker{MaxDistrict: 2}, "云南省昆明市石林彝族自治县鹿阜街道", "云南省昆明市****"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskWith(tt.m, tt.in); got != tt.want {
				t.Errorf("%+v.appendMask(%q) = %q, want %q", tt.m, tt.in, got, tt.want)
			}
		})
	}
}

func TestBankCardMaskerConfig(t *testing.T) {
	tests := []struct {
		name string
		m    bankCardMasker
		in   string
		want string
	}{
		{"last 4 only", bankCardMasker{First: -1}, "4111111111111111", "************1111"},
		{"first 4 last 4", bankCardMasker{First: 4}, "4111111111111111", "4111********1111"},
		{"other max none", bankCardMasker{OtherMax: -1}, "1234 5678", "**** ****"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskWith(tt.m, tt.in); got != tt.want {
				t.Errorf("%+v.appendMask(%q) = %q, want %q", tt.m, tt.in, got, tt.want)
			}
		})
	}
}

func TestIDNumberMaskerConfig(t *testing.T) {
	tests := []struct {
		name string
		m    idNumberMasker
		in   string
		want string
	}{
		{"keep 3 and 1", idNumberMasker{First: 3, Last: 1}, "11010519491231002X", "110**************X"},
		{"keep none", idNumberMasker{First: -1, Last: -1}, "11010519491231002X", "******************"},
		{"15 digits caps last at 3", idNumberMasker{Last: 6}, "110105491231002", "1101********002"},
		{"other max 1", idNumberMasker{OtherMax: 1}, "E12345678", "********8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskWith(tt.m, tt.in); got != tt.want {
				t.Errorf("%+v.appendMask(%q) = %q, want %q", tt.m, tt.in, got, tt.want)
			}
		})
	}
}

func TestNameMaskerConfig(t *testing.T) {
	tests := []struct {
		name string
		m    nameMasker
		in   string
		want string
	}{
		{"mask rune", nameMasker{Rune: '×'}, "王小明", "王××"},
		{"compound list disabled", nameMasker{CompoundSurnames: []string{}}, "欧阳娜娜", "欧***"},
		{"custom compound", nameMasker{CompoundSurnames: []string{"张李"}}, "张李小明", "张李**"},
		{"invalid mask rune falls back", nameMasker{Rune: -5}, "王小明", "王**"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskWith(tt.m, tt.in); got != tt.want {
				t.Errorf("%+v.appendMask(%q) = %q, want %q", tt.m, tt.in, got, tt.want)
			}
		})
	}
}

func TestMiddleMaskerDefaults(t *testing.T) {
	tests := []struct {
		name string
		m    middleMasker
		in   string
		want string
	}{
		{"zero value keeps one each side", middleMasker{}, "abcdef", "a****f"},
		{"negative keeps none", middleMasker{First: -1, Last: -1}, "abc", "***"},
		{"rune", middleMasker{Rune: '#', First: 2}, "abcdef", "ab###f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskWith(tt.m, tt.in); got != tt.want {
				t.Errorf("%+v.appendMask(%q) = %q, want %q", tt.m, tt.in, got, tt.want)
			}
		})
	}
}

func TestCompoundSurnames(t *testing.T) {
	for _, want := range []string{"欧阳", "歐陽", "司马", "诸葛", "上官", "慕容"} {
		if !compoundSurnames[want] {
			t.Errorf("compoundSurnames lacks %q", want)
		}
	}
}

// slotSeeds are the seed inputs of FuzzSlotFastPath: the masker fuzz
// seeds of fuzz_mask_test.go.
var slotSeeds = []string{
	"", "张三", "欧阳娜娜", "阿依古丽·买买提", "John Smith", "13812345678", "+86 138-1234-5678",
	"0086 13812345678", "010-12345678", "(0755) 8888 8888", "+1 202 555 0143",
	"zhangsan@example.com", "a@example.com", `"a@b"@example.com`, "11010519491231002X",
	"110105491231002", "E12345678", "6222 0212 3456 7890", "北京市海淀区中关村大街27号",
	"吉林省延边朝鲜族自治州延吉市公园路", "\xff\xfe", "138****5678", "*", "１３８１２３４５６７８",
}

// FuzzSlotFastPath checks that the ASCII fast path (an ASCII mask rune
// over ASCII input) hides exactly the runes the general path hides (a
// non-ASCII mask rune), for the phone, ID and card maskers.
func FuzzSlotFastPath(f *testing.F) {
	for _, s := range slotSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if strings.ContainsAny(in, "*•") {
			return
		}
		pairs := []struct {
			name string
			fast func(string) string
			slow interface{ appendMask([]byte, string) []byte }
		}{
			{"phone", MaskPhone, phoneMasker{Rune: '•'}},
			{"id", MaskIDNumber, idNumberMasker{Rune: '•'}},
			{"card", MaskBankCard, bankCardMasker{Rune: '•'}},
		}
		for _, p := range pairs {
			if fast, slow := p.fast(in), strings.ReplaceAll(maskWith(p.slow, in), "•", "*"); fast != slow {
				t.Fatalf("%s(%q): fast path %q, general path %q", p.name, in, fast, slow)
			}
		}
	})
}
