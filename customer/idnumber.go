package customer

import (
	"strings"
	"time"
)

// idWeights are the GB 11643 (ISO 7064 MOD 11-2) weights of characters
// 1..17: 2^(18-i) mod 11.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheck maps the weighted sum mod 11 to the check character.
const idCheck = "10X98765432"

// minBirthYear is the earliest birth year an ID number may carry. The
// standard's own example number is from 1880.
const minBirthYear = 1800

// IDNumber is what an 18-character resident ID number (GB 11643-1999)
// says about its holder.
type IDNumber struct {
	Division  string    // 6-digit address code (GB/T 2260 county of registration)
	Province  string    // short province name, e.g. 北京
	BirthDate time.Time // midnight UTC
	Gender    Gender    // from the parity of the sequence code: odd male, even female
}

// ParseIDNumber reports whether s is a valid 18-character resident ID
// number per GB 11643-1999 and returns what it encodes. A valid number
// has 17 digits and a check character (0-9 or X, either case) matching
// the ISO 7064 MOD 11-2 checksum; a known two-digit province code (the 31
// mainland codes, 71 台湾, 81 香港, 82 澳门, and 83 for Taiwan residents'
// residence permits); a six-digit division code that appears in some
// edition of the national code list (GB/T 2260) from 1980 to 2025 —
// codes abolished since are accepted, because people keep numbers issued
// under them, but codes that never existed are not; and a real calendar
// birth date from 1800 on (19490230 fails) that is not after asOf. A zero
// asOf disables that last check; the library never reads the clock.
//
// 15-digit numbers of the 1989 standard are rejected: convert them with
// [ConvertLegacyIDNumber]. Full-width digits and surrounding spaces are
// rejected too: clean input with [NormalizeIDNumber].
//
// Errors wrap [ErrInvalidIDNumber] and a reason ([ErrEmpty], [ErrLength],
// [ErrCharacter], [ErrCheckCharacter], [ErrRegion], [ErrBirthDate],
// [ErrFuture]); they never contain the number. ParseIDNumber does not
// allocate.
func ParseIDNumber(s string, asOf time.Time) (IDNumber, error) {
	if s == "" {
		return IDNumber{}, errIDEmpty
	}
	if !isASCII(s) {
		return IDNumber{}, errIDNonASCIICharactersSee
	}
	if len(s) != 18 {
		if len(s) == 15 && isDigits(s) {
			return IDNumber{}, errID15DigitNumbersGB
		}
		return IDNumber{}, errIDWant18Characters
	}
	sum := 0
	for i := range 17 {
		c := s[i]
		if c < '0' || c > '9' {
			return IDNumber{}, errIDCharacters117Must
		}
		sum += int(c-'0') * idWeights[i]
	}
	last := s[17]
	if last == 'x' {
		last = 'X'
	}
	if !('0' <= last && last <= '9' || last == 'X') {
		return IDNumber{}, errIDCheckCharacterMustBe
	}
	if idCheck[sum%11] != last {
		return IDNumber{}, errIDCheckCharacter
	}
	prov := provinceName(s[0], s[1])
	if prov == "" {
		return IDNumber{}, errIDRegion
	}
	if !knownDivisionValue(uint(atoi(s[:6]))) {
		return IDNumber{}, errIDDivision
	}
	birth, ok := parseYYYYMMDD(s[6:14])
	if !ok || atoi(s[6:10]) < minBirthYear {
		return IDNumber{}, errIDBirthDate
	}
	if !asOf.IsZero() && birth.After(asOf) {
		return IDNumber{}, errIDFutureBirth
	}
	g := Female
	if (s[16]-'0')%2 == 1 {
		g = Male
	}
	return IDNumber{Division: s[:6], Province: prov, BirthDate: birth, Gender: g}, nil
}

// ConvertLegacyIDNumber converts a 15-digit resident ID number of GB
// 11643-1989 (six-digit division code, birth date as YYMMDD, three-digit
// sequence code, no check character) to the 18-character form of GB
// 11643-1999: it inserts the century 19 before the birth date, as the
// 1989 numbers carry no century and were issued to people born in the
// 1900s, and appends the MOD 11-2 check character. So 110105491231002
// becomes 11010519491231002X.
//
// The input must be 15 ASCII digits with a division code known to
// [ParseIDNumber] and a real calendar date; clean it with
// [NormalizeIDNumber] first. Errors wrap [ErrInvalidIDNumber] and a
// reason ([ErrEmpty], [ErrLength], [ErrCharacter], [ErrRegion],
// [ErrBirthDate]) and never contain the number.
func ConvertLegacyIDNumber(s string) (string, error) {
	switch {
	case s == "":
		return "", errIDEmpty
	case !isASCII(s):
		return "", errIDNonASCIICharactersSee
	case len(s) != 15:
		return "", errIDWant15Digits
	case !isDigits(s):
		return "", errIDLegacyCharacters
	}
	if provinceName(s[0], s[1]) == "" {
		return "", errIDRegion
	}
	if !knownDivisionValue(uint(atoi(s[:6]))) {
		return "", errIDDivision
	}
	var b [18]byte
	copy(b[:6], s[:6])
	b[6], b[7] = '1', '9'
	copy(b[8:17], s[6:])
	if _, ok := parseYYYYMMDD(string(b[6:14])); !ok {
		return "", errIDBirthDate
	}
	sum := 0
	for i := range 17 {
		sum += int(b[i]-'0') * idWeights[i]
	}
	b[17] = idCheck[sum%11]
	return string(b[:]), nil
}

// NormalizeIDNumber trims white space, folds full-width characters to ASCII
// and upper-cases a trailing x. It does not validate.
func NormalizeIDNumber(s string) string {
	return strings.ToUpper(foldString(s))
}

// foldString trims surrounding white space (ASCII, full-width and
// ideographic) and maps full-width ASCII variants to ASCII.
func foldString(s string) string {
	if !isASCII(s) {
		var b strings.Builder
		b.Grow(len(s))
		for _, r := range s {
			b.WriteRune(foldWidth(r))
		}
		s = b.String()
	}
	return strings.TrimSpace(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseYYYYMMDD parses an 8-digit date and reports whether it is a real
// calendar date.
func parseYYYYMMDD(s string) (time.Time, bool) {
	if len(s) != 8 || !isDigits(s) {
		return time.Time{}, false
	}
	y := atoi(s[:4])
	m := atoi(s[4:6])
	d := atoi(s[6:8])
	if m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return time.Time{}, false // Feb 30, Apr 31, Feb 29 of a common year
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// daysIn returns the number of days of month m (1-12) of year y in the
// proleptic Gregorian calendar of package time.
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// Errors are built once, so validation allocates nothing, even on failure.
var (
	errIDEmpty                 = invalid(ErrInvalidIDNumber, ErrEmpty, "")
	errIDNonASCIICharactersSee = invalid(ErrInvalidIDNumber, ErrCharacter, "non-ASCII characters; see NormalizeIDNumber")
	errID15DigitNumbersGB      = invalid(ErrInvalidIDNumber, ErrLength, "15-digit number (GB 11643-1989); see ConvertLegacyIDNumber")
	errIDWant15Digits          = invalid(ErrInvalidIDNumber, ErrLength, "want 15 digits")
	errIDLegacyCharacters      = invalid(ErrInvalidIDNumber, ErrCharacter, "want 15 digits")
	errIDWant18Characters      = invalid(ErrInvalidIDNumber, ErrLength, "want 18 characters")
	errIDCharacters117Must     = invalid(ErrInvalidIDNumber, ErrCharacter, "characters 1-17 must be digits")
	errIDCheckCharacterMustBe  = invalid(ErrInvalidIDNumber, ErrCharacter, "check character must be a digit or X")
	errIDCheckCharacter        = invalid(ErrInvalidIDNumber, ErrCheckCharacter, "")
	errIDRegion                = invalid(ErrInvalidIDNumber, ErrRegion, "")
	errIDDivision              = invalid(ErrInvalidIDNumber, ErrRegion, "division code in no edition of GB/T 2260")
	errIDFutureBirth           = invalid(ErrInvalidIDNumber, ErrFuture, "birth date after the as-of date")
	errIDBirthDate             = invalid(ErrInvalidIDNumber, ErrBirthDate, "")
)

// validIDNumber returns the normalised form of a valid resident ID number.
func validIDNumber(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	id := NormalizeIDNumber(s)
	if _, err := ParseIDNumber(id, time.Time{}); err != nil {
		return "", false
	}
	return id, true
}
