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
		// Division codes abolished long ago stay valid in the numbers
		// issued under them: 110103 崇文区 (1980-2010), 132101 邯郸市 of
		// 邯郸地区 (1980-1983). Check characters computed by hand.
		{"abolished district", "110103195806151231", customer.IDNumber{
			Division: "110103", Province: "北京", BirthDate: date(1958, 6, 15), Gender: customer.Male}},
		{"abolished prefecture-level area", "132101196704010013", customer.IDNumber{
			Division: "132101", Province: "河北", BirthDate: date(1967, 4, 1), Gender: customer.Male}},
		{"city summary code", "110100199001010019", customer.IDNumber{
			Division: "110100", Province: "北京", BirthDate: date(1990, 1, 1), Gender: customer.Male}},
		{"born on the as-of date", "110105202406010021", customer.IDNumber{
			Division: "110105", Province: "北京", BirthDate: date(2024, 6, 1), Gender: customer.Female}},
	}
	asOf := date(2024, 6, 1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := customer.ParseIDNumber(tt.in, asOf)
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
		// 110120 and 441919 appear in no edition of GB/T 2260.
		{"division that never existed", "110120199001010014", customer.ErrRegion},
		{"county that never existed", "44191919900101001X", customer.ErrRegion},
		{"born after the as-of date", "110105202406020027", customer.ErrFuture},
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
	for _, s := range []string{"11010519491231002X", "440524188001010014", "11010519491231002x", "", "110105199002301231", "１１０１０５", "99010519900101123", "110120199001010014", "110103195806151231"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		info, err := customer.ParseIDNumber(s, time.Time{})
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
		// Judged as s was: with no as-of date, a birth date after today's
		// is not an error (testdata: a birth year 2949).
		if _, err := customer.ParseIDNumber(customer.NormalizeIDNumber(s), time.Time{}); err != nil {
			t.Fatalf("normalised form of valid %q is invalid: %v", s, err)
		}
	})
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// validateIDNumber is ParseIDNumber as of 2024-06-01, without the parts.
func validateIDNumber(s string) error {
	_, err := customer.ParseIDNumber(s, date(2024, 6, 1))
	return err
}

func TestParseIDNumberZeroAsOf(t *testing.T) {
	// Without an as-of date a birth date in 2099 is not judged.
	if _, err := customer.ParseIDNumber("110105209912310010", time.Time{}); err != nil {
		t.Fatalf("ParseIDNumber with zero asOf: %v", err)
	}
}

func TestConvertLegacyIDNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		// The 15-digit form of the GB 11643-1999 example number.
		{"110105491231002", "11010519491231002X"},
		// Check characters computed by hand: Σ digit×weight mod 11 →
		// 1 0 X 9 8 7 6 5 4 3 2. 13050319670401001: Σ = 182, 182 mod 11 = 6 → 6.
		{"130503670401001", "130503196704010016"},
		// 11010319580615123: Σ = 209, 209 mod 11 = 0 → 1 (崇文区, abolished 2010).
		{"110103580615123", "110103195806151231"},
		// 43010219850704051: Σ = 247, 247 mod 11 = 5 → 7.
		{"430102850704051", "430102198507040517"},
	}
	for _, tt := range tests {
		got, err := customer.ConvertLegacyIDNumber(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ConvertLegacyIDNumber(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			continue
		}
		if err := validateIDNumber(got); err != nil {
			t.Errorf("converted %q does not parse: %v", got, err)
		}
	}
}

func TestConvertLegacyIDNumberErrors(t *testing.T) {
	tests := []struct {
		name, in string
		reason   error
	}{
		{"empty", "", customer.ErrEmpty},
		{"18 characters", "11010519491231002X", customer.ErrLength},
		{"14 digits", "11010549123100", customer.ErrLength},
		{"letter", "11010549123100X", customer.ErrCharacter},
		{"full-width", "１１０１０５４９１２３１００２", customer.ErrCharacter},
		{"unknown province", "990105491231002", customer.ErrRegion},
		{"unknown division", "110120491231002", customer.ErrRegion},
		{"February 30", "110105490230002", customer.ErrBirthDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := customer.ConvertLegacyIDNumber(tt.in)
			if !errors.Is(err, customer.ErrInvalidIDNumber) || !errors.Is(err, tt.reason) {
				t.Fatalf("ConvertLegacyIDNumber(%q) = %v, want %v", tt.in, err, tt.reason)
			}
			if d := sixDigits.FindString(tt.in); d != "" && strings.Contains(err.Error(), d) {
				t.Errorf("error %q echoes the number", err)
			}
		})
	}
}

func FuzzConvertLegacyIDNumber(f *testing.F) {
	for _, s := range []string{"110105491231002", "130503670401001", "", "110120491231002", "110105490230002", "1101054912310021"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := customer.ConvertLegacyIDNumber(s)
		if err != nil {
			if !errors.Is(err, customer.ErrInvalidIDNumber) {
				t.Fatalf("error %v does not wrap ErrInvalidIDNumber", err)
			}
			if d := sixDigits.FindString(s); d != "" && strings.Contains(err.Error(), d) {
				t.Fatalf("error %q echoes the input", err)
			}
			return
		}
		if len(got) != 18 || got[:6] != s[:6] || got[6:8] != "19" || got[8:17] != s[6:] {
			t.Fatalf("ConvertLegacyIDNumber(%q) = %q: digits moved", s, got)
		}
		if _, err := customer.ParseIDNumber(got, time.Time{}); err != nil {
			t.Fatalf("ConvertLegacyIDNumber(%q) = %q does not parse: %v", s, got, err)
		}
	})
}
