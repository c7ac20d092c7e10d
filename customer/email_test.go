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
		{"王@例子.中国", customer.ErrCharacter},
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
	if got := customer.NormalizeEmail("  ZhangSan@Example.COM\u3000"); got != "zhangsan@example.com" {
		t.Fatalf("NormalizeEmail = %q", got)
	}
}

func FuzzValidateEmail(f *testing.F) {
	for _, s := range []string{"zhangsan@example.com", "a@b", "王@例子.中国", "", "a@b\xff.cn", "a..b@c.cn"} {
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
		if n := customer.NormalizeEmail(s); customer.ValidateEmail(n) != nil {
			t.Fatalf("normalised form %q of valid %q is invalid", n, s)
		}
	})
}
