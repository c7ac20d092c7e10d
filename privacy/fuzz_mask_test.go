package privacy_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/clientele-go/clientele/privacy"
)

// maskSeeds are seed inputs shared by the masker fuzz targets.
var maskSeeds = []string{
	"", "张三", "欧阳娜娜", "阿依古丽·买买提", "John Smith", "13812345678", "+86 138-1234-5678",
	"0086 13812345678", "010-12345678", "(0755) 8888 8888", "+1 202 555 0143",
	"zhangsan@example.com", "a@example.com", `"a@b"@example.com`, "11010519491231002X",
	"110105491231002", "E12345678", "6222 0212 3456 7890", "北京市海淀区中关村大街27号",
	"吉林省延边朝鲜族自治州延吉市公园路", "\xff\xfe", "138****5678", "*", "１３８１２３４５６７８",
}

// checkCommon checks the properties every masker has: valid UTF-8 out,
// idempotence, and the append form agreeing with the string form.
func checkCommon(t *testing.T, name string, mask func(string) string, appendFn func([]byte, string) []byte, in string) string {
	t.Helper()
	got := mask(in)
	if !utf8.ValidString(got) {
		t.Fatalf("%s(%q) = %q: not valid UTF-8", name, in, got)
	}
	if again := mask(got); again != got {
		t.Fatalf("%s not idempotent: %q → %q → %q", name, in, got, again)
	}
	if app := string(appendFn([]byte("x"), in)); app != "x"+got {
		t.Fatalf("Append form of %s(%q) = %q, want %q", name, in, app, "x"+got)
	}
	return got
}

// checkAligned checks an output that keeps the input's rune count: every
// rune is the input's rune at the same place or the mask, and an invalid
// input byte never shows. Slots are the input runes for which isSlot holds,
// mask runes and invalid bytes; it returns how many slots still show an
// original rune, and how many slots there are.
func checkAligned(t *testing.T, name, in, got string, isSlot func(rune) bool) (visible, slots int) {
	t.Helper()
	if utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
		t.Fatalf("%s(%q) = %q: %d runes, want %d", name, in, got, utf8.RuneCountInString(got), utf8.RuneCountInString(in))
	}
	k := 0
	for _, g := range got {
		r, size := utf8.DecodeRuneInString(in[k:])
		k += size
		invalid := r == utf8.RuneError && size == 1
		switch {
		case invalid && g != '*' && g != utf8.RuneError:
			t.Fatalf("%s(%q) = %q: invalid byte became %q", name, in, got, g)
		case !invalid && g != r && g != '*':
			t.Fatalf("%s(%q) = %q: rune %q became %q", name, in, got, r, g)
		}
		if isSlot(r) || r == '*' || invalid {
			slots++
			if g == r && r != '*' && !invalid {
				visible++
			}
		}
	}
	return visible, slots
}

func isDigit(r rune) bool { return unicode.IsDigit(r) }

func FuzzMaskName(f *testing.F) {
	for _, s := range maskSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := checkCommon(t, "MaskName", privacy.MaskName, privacy.AppendMaskName, in)
		isLetter := func(r rune) bool {
			return !unicode.IsSpace(r) && !strings.ContainsRune("-.,·•‧・･‐‑．，－⋅∙", r)
		}
		visible, letters := checkAligned(t, "MaskName", in, got, isLetter)
		firstLetter := strings.TrimLeftFunc(in, func(r rune) bool { return !isLetter(r) })
		r, _ := utf8.DecodeRuneInString(firstLetter)
		cjk := unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana)
		if cjk && visible > 2 {
			t.Fatalf("MaskName(%q) = %q shows %d letters of a CJK name, want at most 2", in, got, visible)
		}
		if letters == 1 && visible != 0 {
			t.Fatalf("MaskName(%q) = %q shows a one-letter name", in, got)
		}
		if letters >= 2 && visible >= letters {
			t.Fatalf("MaskName(%q) = %q hides nothing", in, got)
		}
	})
}

func FuzzMaskPhone(f *testing.F) {
	for _, s := range maskSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := checkCommon(t, "MaskPhone", privacy.MaskPhone, privacy.AppendMaskPhone, in)
		visible, digits := checkAligned(t, "MaskPhone", in, got, isDigit)
		// Other numbers: at most a third, never more than four. Mainland
		// mobile and landline numbers show a prefix of at most 4 digits,
		// at most 4 more for a trunk 0 and area code (or 3 of a mobile),
		// and at most 4 trailing digits, and hide at least 4.
		if visible > min(digits/3, 4) && (visible > 12 || digits-visible < 4) {
			t.Fatalf("MaskPhone(%q) = %q shows %d of %d digits", in, got, visible, digits)
		}
	})
}

func FuzzMaskEmail(f *testing.F) {
	for _, s := range maskSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := checkCommon(t, "MaskEmail", privacy.MaskEmail, privacy.AppendMaskEmail, in)
		s := strings.TrimLeftFunc(in, unicode.IsSpace)
		local, domain := s, ""
		if at := strings.LastIndexByte(s, '@'); at >= 0 {
			local, domain = s[:at], s[at:]
		}
		gotLocal := strings.TrimLeftFunc(got, unicode.IsSpace)
		validDomain := strings.Map(func(r rune) rune { return r }, domain) // U+FFFD per bad byte
		if !strings.HasSuffix(got, validDomain) {
			t.Fatalf("MaskEmail(%q) = %q: domain %q not kept", in, got, domain)
		}
		gotLocal = gotLocal[:len(gotLocal)-len(validDomain)]
		_, size := utf8.DecodeRuneInString(local)
		alreadyMasked := strings.Trim(local[size:], "*") == ""
		if utf8.RuneCountInString(local) >= 2 && !alreadyMasked && strings.Contains(gotLocal, local) {
			t.Fatalf("MaskEmail(%q) = %q contains the local part %q", in, got, local)
		}
		if n := utf8.RuneCountInString(gotLocal); local != "" && n != 3 && n != 4 {
			t.Fatalf("MaskEmail(%q) = %q: masked local part %q has %d runes, want 3 or 4", in, got, gotLocal, n)
		}
	})
}

func FuzzMaskIDNumber(f *testing.F) {
	for _, s := range maskSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := checkCommon(t, "MaskIDNumber", privacy.MaskIDNumber, privacy.AppendMaskIDNumber, in)
		isAlnum := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
		visible, slots := checkAligned(t, "MaskIDNumber", in, got, isAlnum)
		// Resident IDs show 4+4 of 18 or 4+3 of 15; the rest at most a
		// third, never more than four.
		if visible > min(slots/3, 4) && !(slots == 18 && visible <= 8) && !(slots == 15 && visible <= 7) {
			t.Fatalf("MaskIDNumber(%q) = %q shows %d of %d characters", in, got, visible, slots)
		}
	})
}

func FuzzMaskBankCard(f *testing.F) {
	for _, s := range maskSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := checkCommon(t, "MaskBankCard", privacy.MaskBankCard, privacy.AppendMaskBankCard, in)
		visible, digits := checkAligned(t, "MaskBankCard", in, got, isDigit)
		if visible > min(digits/3, 4) && !(digits >= 15 && digits <= 19 && visible <= 10) {
			t.Fatalf("MaskBankCard(%q) = %q shows %d of %d digits", in, got, visible, digits)
		}
	})
}

func FuzzMaskMiddle(f *testing.F) {
	for _, s := range maskSeeds {
		f.Add(s, 1, 1)
	}
	f.Fuzz(func(t *testing.T, in string, first, last int) {
		first, last = first%64, last%64
		mask := func(s string) string { return privacy.MaskMiddle(s, first, last) }
		appendFn := func(dst []byte, s string) []byte { return privacy.AppendMaskMiddle(dst, s, first, last) }
		got := checkCommon(t, "MaskMiddle", mask, appendFn, in)
		visible, n := checkAligned(t, "MaskMiddle", in, got, func(rune) bool { return true })
		if n > 0 && visible >= n && strings.Trim(in, "*") != "" {
			t.Fatalf("MaskMiddle(%q, %d, %d) = %q hides nothing", in, first, last, got)
		}
		if visible > max(first, 0)+max(last, 0) {
			t.Fatalf("MaskMiddle(%q, %d, %d) = %q shows %d runes", in, first, last, got, visible)
		}
	})
}

func FuzzMaskAddress(f *testing.F) {
	for _, s := range maskSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := checkCommon(t, "MaskAddress", privacy.MaskAddress, privacy.AppendMaskAddress, in)
		// The output is a kept prefix of the input, then masks, at most
		// one district suffix and the fixed detail (or trailing space).
		k := 0
		for k < len(in) && k < len(got) && in[k] == got[k] {
			k++
		}
		for k > 0 && k < len(got) && !utf8.RuneStart(got[k]) {
			k--
		}
		rest := strings.TrimLeft(got[k:], "*")
		for _, suf := range []string{"自治县", "自治旗", "新区", "林区", "特区", "矿区", "区", "县", "市", "旗"} {
			if r, ok := strings.CutPrefix(rest, suf); ok {
				rest = r
				break
			}
		}
		rest = strings.TrimPrefix(strings.TrimLeft(rest, "*"), "****")
		if strings.TrimSpace(rest) != "" && !strings.HasPrefix(in[k:], rest) {
			t.Fatalf("MaskAddress(%q) = %q: unexpected %q after the kept part", in, got, rest)
		}
		if kept := utf8.RuneCountInString(got[:k]); kept > 8+4+12+len(in)-len(strings.TrimLeftFunc(in, unicode.IsSpace)) &&
			!strings.Contains(got[:k], "*") {
			t.Fatalf("MaskAddress(%q) = %q keeps %d runes as written", in, got, kept)
		}
	})
}
