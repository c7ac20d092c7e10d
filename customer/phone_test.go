package customer_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"13812345678", "13812345678"},
		{"+86 138 1234 5678", "13812345678"},
		{"+86-138-1234-5678", "13812345678"},
		{"0086 13812345678", "13812345678"},
		{"86 13812345678", "13812345678"},
		{"8613812345678", "13812345678"},
		{"(+86) 138.1234.5678", "13812345678"},
		{"138-1234-5678", "13812345678"},
		{"＋８６ １３８－１２３４－５６７８", "13812345678"},
		{"199 0000 0000", "19900000000"},
		{"[86]15012345678", "15012345678"},
	}
	for _, tt := range tests {
		got, err := customer.NormalizePhone(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNormalizePhoneErrors(t *testing.T) {
	tests := []struct {
		name, in string
		reason   error
	}{
		{"empty", "", customer.ErrEmpty},
		{"separators only", " - . ", customer.ErrLength},
		{"10 digits", "1381234567", customer.ErrLength},
		{"12 digits", "138123456789", customer.ErrLength},
		{"landline", "010-12345678", customer.ErrInvalidValue},
		{"landline with area code 0571", "0571-87654321", customer.ErrLength},
		{"landline 11 digits", "02012345678", customer.ErrInvalidValue},
		{"prefix 12", "12812345678", customer.ErrInvalidValue},
		{"foreign", "+1 415 555 0100", customer.ErrInvalidValue},
		{"letters", "138abcd5678", customer.ErrCharacter},
		{"plus inside", "138+12345678", customer.ErrCharacter},
		{"invalid UTF-8", "138\xff12345678", customer.ErrInvalidUTF8},
		{"extension", "13812345678 ext 9", customer.ErrCharacter},
		{"very long", strings.Repeat("1", 100), customer.ErrLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := customer.NormalizePhone(tt.in)
			if !errors.Is(err, customer.ErrInvalidPhone) || !errors.Is(err, tt.reason) {
				t.Fatalf("NormalizePhone(%q) = %v, want %v", tt.in, err, tt.reason)
			}
		})
	}
}

var mobile = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"13812345678", "+86 138 1234 5678", "0086-13812345678", "", "＋８６１３８１２３４５６７８", "010-12345678", "\xff"} {
		f.Add(s)
	}
	digits := regexp.MustCompile(`[0-9]{7,}`)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := customer.NormalizePhone(s)
		if err != nil {
			if !errors.Is(err, customer.ErrInvalidPhone) {
				t.Fatalf("error %v does not wrap ErrInvalidPhone", err)
			}
			if d := digits.FindString(s); d != "" && strings.Contains(err.Error(), d) {
				t.Fatalf("error %q echoes digits of the input", err)
			}
			return
		}
		if !mobile.MatchString(got) {
			t.Fatalf("NormalizePhone(%q) = %q, not a mobile number", s, got)
		}
		if again, err := customer.NormalizePhone(got); err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, got, again, err)
		}
	})
}
