package customer_test

import (
	"errors"
	"regexp"
	"strconv"
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

// TestPhoneRanges checks the allocation table against libphonenumber's
// CN mobile pattern (resources/PhoneNumberMetadata.xml at 8d5e4f1f,
// v9.0.39): 1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8},
// whose own example number is 13123456789, and the ranges issue 19 names.
func TestPhoneRanges(t *testing.T) {
	libphonenumber := regexp.MustCompile(`^(?:1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8})$`)
	iot := map[string]bool{"140": true, "141": true, "142": true, "143": true, "144": true, "146": true, "148": true, "149": true}
	virtual := map[string]bool{"162": true, "165": true, "167": true, "170": true, "171": true}
	for p := 130; p <= 199; p++ {
		for _, rest := range []string{"00000000", "05000000", "06000000", "10000000", "99999999"} {
			n := strconv.Itoa(p) + rest
			want := customer.PhoneType(0)
			switch {
			case virtual[n[:3]] && libphonenumber.MatchString(n):
				want = customer.PhoneVirtual
			case libphonenumber.MatchString(n):
				want = customer.PhoneMobile
			case iot[n[:3]]:
				want = customer.PhoneIoT
			}
			got, err := customer.ClassifyPhone(n)
			if got != want || (err == nil) != (want != 0) {
				t.Errorf("ClassifyPhone(%s) = %v, %v; want %v", n, got, err, want)
			}
			_, err = customer.NormalizePhone(n)
			if personal := want == customer.PhoneMobile || want == customer.PhoneVirtual; (err == nil) != personal {
				t.Errorf("NormalizePhone(%s) error %v, want personal=%v", n, err, personal)
			}
		}
	}
}

func TestNormalizePhoneRanges(t *testing.T) {
	rejected := []string{
		"14012345678", "14112345678", "14212345678", "14312345678", "14412345678", "14612345678", "14812345678", "14912345678",
		"15412345678", "16012345678", "16112345678", "16312345678", "16412345678", "16812345678", "16912345678",
		"17412345678", "17406123456", "17410123456", "17912345678", "19412345678",
	}
	for _, s := range rejected {
		_, err := customer.NormalizePhone(s)
		if !errors.Is(err, customer.ErrInvalidPhone) || !errors.Is(err, customer.ErrInvalidValue) {
			t.Errorf("NormalizePhone(%s) = %v, want an invalid range", s, err)
		}
		if strings.Contains(err.Error(), s[3:]) {
			t.Errorf("error %q echoes the number", err)
		}
	}
	accepted := map[string]customer.PhoneType{
		"13123456789":       customer.PhoneMobile, // libphonenumber's example number
		"+86 174 0012 3456": customer.PhoneMobile, // satellite 1740[0-5]
		"17405123456":       customer.PhoneMobile,
		"16101234567":       customer.PhoneMobile,
		"14512345678":       customer.PhoneMobile,
		"19212345678":       customer.PhoneMobile,
		"16212345678":       customer.PhoneVirtual,
		"16512345678":       customer.PhoneVirtual,
		"16712345678":       customer.PhoneVirtual,
		"17012345678":       customer.PhoneVirtual,
		"171-1234-5678":     customer.PhoneVirtual,
	}
	for s, want := range accepted {
		if _, err := customer.NormalizePhone(s); err != nil {
			t.Errorf("NormalizePhone(%q) = %v", s, err)
		}
		if got, err := customer.ClassifyPhone(s); got != want || err != nil {
			t.Errorf("ClassifyPhone(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if got, err := customer.ClassifyPhone("+86 146 1234 5678"); got != customer.PhoneIoT || err != nil {
		t.Errorf("ClassifyPhone(IoT) = %v, %v", got, err)
	}
	if _, err := customer.ClassifyPhone("010-12345678"); !errors.Is(err, customer.ErrInvalidPhone) {
		t.Errorf("ClassifyPhone(landline) = %v", err)
	}
}

func FuzzClassifyPhone(f *testing.F) {
	for _, s := range []string{"13123456789", "14612345678", "17405123456", "17406123456", "16101234567", "16112345678", "+86 170 1234 5678", "", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		typ, err := customer.ClassifyPhone(s)
		n, nerr := customer.NormalizePhone(s)
		if err != nil {
			if !errors.Is(err, customer.ErrInvalidPhone) || typ != 0 || nerr == nil {
				t.Fatalf("ClassifyPhone(%q) = %v, %v; NormalizePhone %q, %v", s, typ, err, n, nerr)
			}
			return
		}
		if personal := typ == customer.PhoneMobile || typ == customer.PhoneVirtual; personal != (nerr == nil) {
			t.Fatalf("ClassifyPhone(%q) = %v but NormalizePhone error %v", s, typ, nerr)
		}
		if typ.String() == "" {
			t.Fatalf("ClassifyPhone(%q) = %d has no name", s, typ)
		}
	})
}

// TestNormalizePhoneCleanInputDoesNotAllocate: a normalised number comes
// back as it is, without a copy.
func TestNormalizePhoneCleanInputDoesNotAllocate(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts")
	}
	const in = "13812345678"
	var got string
	if n := testing.AllocsPerRun(100, func() { got, _ = customer.NormalizePhone(in) }); n != 0 || got != in {
		t.Errorf("NormalizePhone(%q) = %q with %v allocations, want it unchanged with none", in, got, n)
	}
}
