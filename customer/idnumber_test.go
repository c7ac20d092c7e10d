package customer_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/google/go-cmp/cmp"
)

func TestParseIDNumber(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want customer.IDNumber
	}{
		// The two examples printed in GB 11643-1999.
		{"standard example female", "11010519491231002X", customer.IDNumber{
			Division: "110105", Province: "北京", BirthDate: date(1949, 12, 31), Gender: customer.Female}},
		{"standard example male", "440524188001010014", customer.IDNumber{
			Division: "440524", Province: "广东", BirthDate: date(1880, 1, 1), Gender: customer.Male}},
		{"lower-case x", "11010519491231002x", customer.IDNumber{
			Division: "110105", Province: "北京", BirthDate: date(1949, 12, 31), Gender: customer.Female}},
		// Check characters below computed by hand with the MOD 11-2 weights.
		{"check X", "33010619900101123X", customer.IDNumber{
			Division: "330106", Province: "浙江", BirthDate: date(1990, 1, 1), Gender: customer.Male}},
		{"leap day", "440301198002290023", customer.IDNumber{
			Division: "440301", Province: "广东", BirthDate: date(1980, 2, 29), Gender: customer.Female}},
		{"leap day 2000", "110105200002290021", customer.IDNumber{
			Division: "110105", Province: "北京", BirthDate: date(2000, 2, 29), Gender: customer.Female}},
		{"Taiwan residence permit", "830000199001010012", customer.IDNumber{
			Division: "830000", Province: "台湾", BirthDate: date(1990, 1, 1), Gender: customer.Male}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := customer.ParseIDNumber(tt.in)
			if err != nil {
				t.Fatalf("ParseIDNumber: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseIDNumber mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateIDNumberErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		reason error
	}{
		{"empty", "", customer.ErrEmpty},
		{"17 characters", "11010519491231002", customer.ErrLength},
		{"19 characters", "11010519491231002X1", customer.ErrLength},
		{"15-digit legacy", "110105491231002", customer.ErrLength},
		{"wrong check character", "110105194912310021", customer.ErrCheckCharacter},
		{"check X where digit due", "33010619900101124X", customer.ErrCheckCharacter},
		{"letter in body", "1101051949123100AX", customer.ErrCharacter},
		{"full-width digits", "１１０１０５１９４９１２３１００２X", customer.ErrCharacter},
		{"invalid UTF-8", "11010519491231\xff02X", customer.ErrCharacter},
		{"unknown province", "990105199001011236", customer.ErrRegion},
		{"February 30", "110105199002301231", customer.ErrBirthDate},
		{"February 29 in 1981", "440301198102290020", customer.ErrBirthDate},
		{"surrounding space", " 11010519491231002X", customer.ErrLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validateIDNumber(tt.in)
			if !errors.Is(err, customer.ErrInvalidIDNumber) || !errors.Is(err, tt.reason) {
				t.Fatalf("ParseIDNumber(%q) = %v, want %v and %v", tt.in, err, customer.ErrInvalidIDNumber, tt.reason)
			}
			if len(tt.in) >= 6 && strings.Contains(err.Error(), tt.in[:6]) {
				t.Errorf("error %q echoes the number", err)
			}
		})
	}
}

func TestNormalizeIDNumber(t *testing.T) {
	got := customer.NormalizeIDNumber(" １１０１０５１９４９１２３１００２ｘ\u3000")
	if got != "11010519491231002X" {
		t.Fatalf("NormalizeIDNumber = %q", got)
	}
	if err := validateIDNumber(got); err != nil {
		t.Fatal(err)
	}
}

var sixDigits = regexp.MustCompile(`[0-9]{6,}`)

func FuzzParseIDNumber(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "440524188001010014", "11010519491231002x", "", "110105199002301231", "１１０１０５", "99010519900101123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		info, err := customer.ParseIDNumber(s)
		if err != nil {
			if !errors.Is(err, customer.ErrInvalidIDNumber) {
				t.Fatalf("error %v does not wrap ErrInvalidIDNumber", err)
			}
			if d := sixDigits.FindString(s); d != "" && strings.Contains(err.Error(), d) {
				t.Fatalf("error %q echoes the input", err)
			}
			return
		}
		if len(s) != 18 || info.Division != s[:6] || info.BirthDate.Format("20060102") != s[6:14] {
			t.Fatalf("ParseIDNumber(%q) = %+v: parts disagree with input", s, info)
		}
		if want := customer.NormalizeIDNumber(s); validateIDNumber(want) != nil {
			t.Fatalf("normalised form of valid %q is invalid", s)
		}
	})
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// validateIDNumber is ParseIDNumber without the parts.
func validateIDNumber(s string) error {
	_, err := customer.ParseIDNumber(s)
	return err
}
