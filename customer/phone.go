package customer

import (
	"unicode/utf8"
)

// NormalizePhone returns the 11 digits of a mainland China personal mobile
// number.
//
// It accepts the number with a +86, 0086 or 86 country prefix and with
// spaces, dashes, dots, slashes and brackets anywhere, in ASCII or in their
// full-width forms (＋８６ １３８－…), which are common in data typed on
// Chinese keyboards. After those are removed the number must be 11 digits
// in a range allocated to personal mobiles ([PhoneMobile] or
// [PhoneVirtual], see [ClassifyPhone]): data-only and IoT ranges (140-144,
// 146, 148, 149) and unallocated ones (154, 160, 161 other than 1610, 163,
// 164, 168, 169, 174 other than 1740[0-5], 179, 194, …) are rejected, and
// so are landlines, short codes and foreign numbers.
//
// Errors wrap [ErrInvalidPhone] and a reason ([ErrEmpty], [ErrCharacter],
// [ErrLength], [ErrInvalidUTF8] or [ErrInvalidValue] for a wrong prefix or
// range); they never contain the number itself. NormalizePhone allocates
// only the returned string, and nothing when s is normalised already: it
// returns s then.
func NormalizePhone(s string) (string, error) {
	if len(s) == 11 && isDigits(s) {
		if t := phoneRange(s); t == PhoneMobile || t == PhoneVirtual {
			return s, nil // already the 11 digits: no copy
		}
	}
	var buf [32]byte
	n, err := phoneDigits(s, &buf)
	if err != nil {
		return "", err
	}
	switch phoneRange(buf[:n]) {
	case PhoneMobile, PhoneVirtual:
		return string(buf[:n]), nil
	case PhoneIoT:
		return "", errPhoneIoT
	}
	return "", errPhoneUnallocated
}

// ClassifyPhone reports which kind of range the mainland mobile number s
// belongs to. It accepts what [NormalizePhone] accepts, and numbers in
// the data-only and IoT ranges, which it reports as [PhoneIoT] while
// NormalizePhone rejects them. Numbers in ranges allocated to nobody
// (154, 1741, 179, 194, …) are errors, like malformed ones; errors are
// those of NormalizePhone. ClassifyPhone does not allocate.
//
// The ranges follow libphonenumber's metadata for China ([PhoneType] names
// the version); numbers ported between operators keep their range, so the
// result says how a number was allocated, not who serves it today.
func ClassifyPhone(s string) (PhoneType, error) {
	var buf [32]byte
	n, err := phoneDigits(s, &buf)
	if err != nil {
		return 0, err
	}
	if t := phoneRange(buf[:n]); t != 0 {
		return t, nil
	}
	return 0, errPhoneUnallocated
}

// phoneDigits writes the 11 digits of a valid mobile number into buf and
// returns their count (always 11 on success). It does not allocate.
func phoneDigits(s string, buf *[32]byte) (int, error) {
	if s == "" {
		return 0, errPhoneEmpty
	}
	digits := buf[:0]
	plus := false
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		w = 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && w == 1 {
				return 0, errPhoneInvalidUTF8
			}
			r = foldWidth(r)
		}
		switch {
		case r >= '0' && r <= '9':
			if len(digits) == cap(digits) {
				return 0, errPhoneTooManyDigits
			}
			digits = append(digits, byte(r))
		case r == '+':
			if plus || len(digits) > 0 {
				return 0, errPhoneMisplaced
			}
			plus = true
		case isPhoneSeparator(r):
		default:
			return 0, errPhoneCharacter
		}
	}
	d := digits
	switch {
	case plus && len(d) == 13 && d[0] == '8' && d[1] == '6':
		d = d[2:]
	case plus:
		return 0, errPhoneNotA86Number
	case len(d) == 15 && string(d[:4]) == "0086":
		d = d[4:]
	case len(d) == 13 && d[0] == '8' && d[1] == '6':
		d = d[2:]
	}
	if len(d) != 11 {
		return 0, errPhoneWant11Digits
	}
	if d[0] != '1' || d[1] < '3' {
		return 0, errPhoneNotAMobilePrefix
	}
	n := copy(buf[:], d)
	return n, nil
}

func isPhoneSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '.', '/', '(', ')', '[', ']', '\u00a0', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return true
	}
	return false
}

// foldWidth maps full-width ASCII variants (U+FF01..U+FF5E) and the
// ideographic space to their ASCII forms; other runes are returned as is.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + '!'
	case r == 0x3000:
		return ' '
	}
	return r
}

// Errors are built once, so validation allocates nothing, even on failure.
var (
	errPhoneEmpty            = invalid(ErrInvalidPhone, ErrEmpty, "")
	errPhoneInvalidUTF8      = invalid(ErrInvalidPhone, ErrInvalidUTF8, "")
	errPhoneTooManyDigits    = invalid(ErrInvalidPhone, ErrLength, "too many digits")
	errPhoneMisplaced        = invalid(ErrInvalidPhone, ErrCharacter, "misplaced +")
	errPhoneCharacter        = invalid(ErrInvalidPhone, ErrCharacter, "")
	errPhoneNotA86Number     = invalid(ErrInvalidPhone, ErrInvalidValue, "not a +86 number")
	errPhoneWant11Digits     = invalid(ErrInvalidPhone, ErrLength, "want 11 digits")
	errPhoneNotAMobilePrefix = invalid(ErrInvalidPhone, ErrInvalidValue, "not a mobile prefix")
	errPhoneIoT              = invalid(ErrInvalidPhone, ErrInvalidValue, "data-only or IoT range, not a personal mobile; see ClassifyPhone")
	errPhoneUnallocated      = invalid(ErrInvalidPhone, ErrInvalidValue, "unallocated mobile range")
)

// phoneNumber returns the 11 digits of a valid mobile number as a number.
func phoneNumber(s string) (uint64, bool) {
	p, ok := parsePhone(s)
	if !ok || p.masked {
		return 0, false
	}
	var v uint64
	for _, d := range p.slots {
		v = v*10 + uint64(d-'0')
	}
	return v, true
}

// phone is a mobile number, complete or masked.
type phone struct {
	slots  [11]byte // '0'-'9', or 0 where masked
	masked bool     // some digits are hidden
}

// visible returns the number of digits shown.
func (p *phone) visible() int {
	n := 0
	for _, d := range p.slots {
		if d != 0 {
			n++
		}
	}
	return n
}

// parsePhone reads a valid mobile number or a masked one: 11 digit slots
// after an optional +86, 86 or 0086 prefix and separators as
// [NormalizePhone] allows them, where masked slots are written *, x, X,
// ×, ● or • (full-width forms too). A complete number is valid exactly
// when NormalizePhone accepts it (FuzzParsePhone checks this). A masked
// number must show at least 4 digits, hide at least one, start with 1 and
// have 3-9 as its second digit where those are shown, and lie in a
// personal mobile range as far as its shown digits tell. Unlike
// NormalizePhone it does not allocate, even on failure.
func parsePhone(s string) (phone, bool) {
	var slots [16]byte
	n, hidden := 0, 0
	plus := false
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		w = 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && w == 1 {
				return phone{}, false
			}
			r = foldWidth(r)
		}
		var v byte
		switch {
		case r >= '0' && r <= '9':
			v = byte(r)
		case r == '*' || r == 'x' || r == 'X' || r == '\u00d7' || r == '\u25cf' || r == '\u2022':
			hidden++
		case r == '+':
			if plus || n > 0 {
				return phone{}, false
			}
			plus = true
			continue
		case isPhoneSeparator(r):
			continue
		default:
			return phone{}, false
		}
		if n == len(slots) {
			return phone{}, false
		}
		slots[n] = v
		n++
	}
	d := slots[:n]
	switch {
	case plus && n == 13 && d[0] == '8' && d[1] == '6':
		d = d[2:]
	case plus:
		return phone{}, false
	case n == 15 && string(d[:4]) == "0086":
		d = d[4:]
	case n == 13 && d[0] == '8' && d[1] == '6':
		d = d[2:]
	}
	if len(d) != 11 || d[0] != 0 && d[0] != '1' || d[1] != 0 && d[1] < '3' || !personalRange(d) {
		return phone{}, false
	}
	var p phone
	copy(p.slots[:], d)
	hidden = 0
	for _, c := range p.slots {
		if c == 0 {
			hidden++
		}
	}
	switch {
	case hidden == 0:
		return p, true
	case 11-hidden < 4:
		return phone{}, false
	}
	p.masked = true
	return p, true
}
