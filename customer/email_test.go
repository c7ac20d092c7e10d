package customer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
)

func TestValidateEmail(t *testing.T) {
	valid := []string{
		"zhangsan@example.com",
		"li.si+crm@mail.example.cn",
		"a@b.co",
		"o'brien@example.org",
		"user_1@sub-domain.example.com",
		"wang@例子.中国",
		"x@xn--fsqu00a.xn--fiqs8s",
		"X@XN--FSQU00A.XN--FIQS8S",
		// RFC 6531 local parts.
		"王@例子.中国",
		"张三@例子.中国",
		"张三@xn--fsqu00a.xn--fiqs8s",
		"josé@example.com",
		"jose\u0301@example.com", // combining mark in the local part
		"δοκιμή@παράδειγμα.δοκιμή",
		"user@bücher.de",
		"user@xn--bcher-kva.de",
		"user@中华人民共和国国家标准行政区划代码统一社.cn",    // A-label of 61 bytes
		strings.Repeat("张", 21) + "@b.cn", // 63-byte local part
	}
	for _, s := range valid {
		if err := customer.ValidateEmail(s); err != nil {
			t.Errorf("ValidateEmail(%q) = %v, want nil", s, err)
		}
	}
	invalid := []struct {
		in     string
		reason error
	}{
		{"", customer.ErrEmpty},
		{"张三＠例子.中国", customer.ErrCharacter},          // full-width @
		{"ｚｈａｎｇ@example.com", customer.ErrCharacter}, // full-width local part
		{"zhang@ｅｘａｍｐｌｅ.com", customer.ErrCharacter}, // full-width domain
		{"😀@example.com", customer.ErrCharacter},
		{"a@e\u0301xample.com", customer.ErrCharacter}, // not composed
		{"a@\uF900.cn", customer.ErrCharacter},         // CJK compatibility ideograph
		{"a@例子。中国", customer.ErrInvalidValue},          // ideographic full stop: no dot
		{"a@xn--.cn", customer.ErrCharacter},
		{"a@xn--a.cn", customer.ErrInvalidValue},         // decodes to a control character
		{"a@xn--abc-.cn", customer.ErrCharacter},         // hyphen at the end
		{"a@xn--bcher-kvb.de", customer.ErrInvalidValue}, // decodes, but not to bücher
		{"a@xn--abc.de", customer.ErrInvalidValue},       // decodes to no letters
		// 21 distinct ideographs need a 64-byte A-label; 20 fit in 61.
		{"a@中华人民共和国国家标准行政区划代码统一社会.cn", customer.ErrLength},
		{strings.Repeat("张", 22) + "@b.cn", customer.ErrLength}, // 66 bytes
		{strings.Repeat("a", 60) + "@" + strings.Repeat("例子.", 38) + "cn", customer.ErrLength},
		{"a@b", customer.ErrInvalidValue},
		{"plainaddress", customer.ErrCharacter},
		{"a@@b.cn", customer.ErrCharacter},
		{"a@b@c.cn", customer.ErrCharacter},
		{"a b@c.cn", customer.ErrCharacter},
		{"a..b@c.cn", customer.ErrCharacter},
		{".a@c.cn", customer.ErrCharacter},
		{"a.@c.cn", customer.ErrCharacter},
		{"@c.cn", customer.ErrLength},
		{"a@-b.cn", customer.ErrCharacter},
		{"a@b-.cn", customer.ErrCharacter},
		{"a@b..cn", customer.ErrLength},
		{"a@b.c", customer.ErrInvalidValue},
		{"a@b.123", customer.ErrInvalidValue},
		{"a@b.cn ", customer.ErrCharacter},
		{"\"quoted\"@b.cn", customer.ErrCharacter},
		{"a@b\xff.cn", customer.ErrInvalidUTF8},
		{strings.Repeat("a", 65) + "@b.cn", customer.ErrLength},
		{"a@" + strings.Repeat("b", 64) + ".cn", customer.ErrLength},
		{strings.Repeat("a", 60) + "@" + strings.Repeat("b.", 100) + "cn", customer.ErrLength},
	}
	for _, tt := range invalid {
		err := customer.ValidateEmail(tt.in)
		if !errors.Is(err, customer.ErrInvalidEmail) || !errors.Is(err, tt.reason) {
			t.Errorf("ValidateEmail(%q) = %v, want %v", tt.in, err, tt.reason)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  ZhangSan@Example.COM\u3000", "zhangsan@example.com"},
		{"zhangsan@example.com", "zhangsan@example.com"},
		// IDNA: 例子.中国 is xn--fsqu00a.xn--fiqs8s (RFC 3492 Punycode).
		{"张三@例子.中国", "张三@xn--fsqu00a.xn--fiqs8s"},
		{"WANG@例子.中国", "wang@xn--fsqu00a.xn--fiqs8s"},
		{" 张三＠例子。中国\u3000", "张三@xn--fsqu00a.xn--fiqs8s"},
		{"ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "zhang@example.com"},
		{"User@Bücher.DE", "user@xn--bcher-kva.de"},
		{"a@xn--bcher-kva.de", "a@xn--bcher-kva.de"},
		{"no at sign 例子", "no at sign 例子"},
	}
	for _, tt := range tests {
		got := customer.NormalizeEmail(tt.in)
		if got != tt.want {
			t.Errorf("NormalizeEmail(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := customer.NormalizeEmail(got); again != got {
			t.Errorf("NormalizeEmail not idempotent: %q -> %q -> %q", tt.in, got, again)
		}
	}
}

func FuzzValidateEmail(f *testing.F) {
	for _, s := range []string{"zhangsan@example.com", "a@b", "王@例子.中国", "", "a@b\xff.cn", "a..b@c.cn", "张三@xn--fsqu00a.xn--fiqs8s", "a@xn--bcher-kvb.de", "ｚ＠ｅ．ｃｎ", "Ä@Ä.cn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := customer.ValidateEmail(s)
		if err != nil {
			if !errors.Is(err, customer.ErrInvalidEmail) {
				t.Fatalf("error %v does not wrap ErrInvalidEmail", err)
			}
			// Messages are fixed texts; the only one with an @ is about
			// the count of @ signs.
			if strings.Count(s, "@") == 1 && strings.Contains(err.Error(), "@") || len(s) >= 24 && strings.Contains(err.Error(), s) {
				t.Fatalf("error %q may echo the address", err)
			}
			return
		}
		if strings.Count(s, "@") != 1 || strings.ContainsAny(s, " \t\r\n") || !strings.Contains(s[strings.IndexByte(s, '@'):], ".") {
			t.Fatalf("ValidateEmail accepted %q", s)
		}
		n := customer.NormalizeEmail(s)
		if err := customer.ValidateEmail(n); err != nil && !(errors.Is(err, customer.ErrLength) && len(n) > len(s)) {
			// Lower-casing may lengthen a few letters (Ⱥ→ⱥ); nothing else
			// may make a valid address invalid.
			t.Fatalf("normalised form %q of valid %q is invalid: %v", n, s, err)
		}
		if again := customer.NormalizeEmail(n); again != n {
			t.Fatalf("NormalizeEmail not idempotent on valid %q: %q -> %q", s, n, again)
		}
	})
}
