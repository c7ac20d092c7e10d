package customer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key is a blocking key: [Dedup] compares two records only when one of
// its keyers gives both the same Key. Keys are comparable and used
// directly as map keys. A keyer puts a number (a phone number's digits)
// in Num, text in Text, or both; the zero Key is a valid key like any
// other, so keyers append nothing for a record they have no key for.
// Keys of different keyers never collide: Dedup keeps each keyer's keys
// apart, so keyers need not tag their keys.
//
// Key values hold personal data; never log them.
type Key struct {
	Num  uint64 // a number, e.g. a phone number's 11 digits
	Text string // text, e.g. a normalised e-mail address
}

// Keyer derives the blocking keys of a record ([Person] or [Company]).
// The built-in keyers come from [PhoneKey], [EmailKey], [IDNumberKey],
// [DeviceKey], [PhoneDeviceKey], [PhoneSuffixKey] and
// [PhoneSuffixCityKey] for persons and [CreditCodeKey],
// [CompanyNameKey] and [ContactPhoneKey] for companies; a host writes
// its own as a struct literal. The zero Keyer has no Keys func, which
// Dedup reports as a configuration error.
type Keyer[T any] struct {
	// Name names the keyer in DedupStats.Capped and in log records; ""
	// means "keys[i]", i being its index in the options' Keys.
	Name string
	// Keys appends the keys of r to dst and returns the extended slice,
	// without keeping dst or r and without modifying r; it returns dst
	// unchanged when r has no key. It may be called concurrently for
	// different records and must be deterministic: the same record always
	// yields the same keys. Duplicate keys of one record are ignored.
	Keys func(dst []Key, r *T) []Key

	err error // a configuration error of a built-in keyer, for Dedup
}

// defaultPersonKeys returns the keys Dedup uses when DedupOptions.Keys
// is nil.
func defaultPersonKeys() []Keyer[Person] {
	return []Keyer[Person]{PhoneKey(), EmailKey(), IDNumberKey(), DeviceKey(), PhoneSuffixKey(0)}
}

// defaultCompanyKeys returns the keys DedupCompanies uses when
// CompanyDedupOptions.Keys is nil.
func defaultCompanyKeys() []Keyer[Company] {
	return []Keyer[Company]{CreditCodeKey(false), CompanyNameKey()}
}

// PhoneKey returns the keyer "phone": a person's key is the 11 digits of
// a valid mobile number ([NormalizePhone]), whatever the format it was
// written in. Invalid phones give no key. It is one of the defaults.
func PhoneKey() Keyer[Person] {
	return Keyer[Person]{Name: "phone", Keys: func(dst []Key, p *Person) []Key {
		if n, ok := phoneNumber(p.Phone); ok {
			dst = append(dst, Key{Num: n})
		}
		return dst
	}}
}

// PhoneSuffixKey returns the keyer "phone_suffix+name": a person's key is
// the last digits of the phone number (0 means 4; at most 10) together
// with the name as [NormalizeName] gives it, so that a block holds few
// people. It takes the suffix of a valid mobile number and also of a
// masked one, as marketplaces export them (138****5678, +86 138 **** 5678,
// 138xxxx5678), which is how such records find their full-number
// counterparts. A record whose phone is neither, or is masked within the
// suffix, or whose name is empty, gets no key. PhoneSuffixKey(0) is one
// of the defaults. Digits outside 0..10 give a keyer that Dedup rejects
// with an error wrapping [ErrConfig].
func PhoneSuffixKey(digits int) Keyer[Person] {
	return phoneSuffixKey("phone_suffix+name", digits, func(p *Person) string { return NormalizeName(p.Name) })
}

// PhoneSuffixCityKey returns the keyer "phone_suffix+city", which is
// [PhoneSuffixKey] with the city (trimmed, case-folded, without a final
// 市) in place of the name. It also finds masked numbers whose name was
// mistyped, but its blocks grow with the size of the city, so it is not
// a default.
func PhoneSuffixCityKey(digits int) Keyer[Person] {
	return phoneSuffixKey("phone_suffix+city", digits, func(p *Person) string { return normCity(p.City) })
}

func phoneSuffixKey(name string, digits int, other func(*Person) string) Keyer[Person] {
	k := Keyer[Person]{Name: name}
	if digits < 0 || digits > 10 {
		k.err = fmt.Errorf("%w: %s: digits is %d, want 0 (4) to 10", ErrConfig, name, digits)
		return k
	}
	if digits == 0 {
		digits = 4
	}
	k.Keys = func(dst []Key, p *Person) []Key {
		o := other(p)
		if o == "" {
			return dst
		}
		ph, ok := parsePhone(p.Phone)
		if !ok {
			return dst
		}
		var n uint64
		for _, d := range ph.slots[11-digits:] {
			if d == 0 {
				return dst
			}
			n = n*10 + uint64(d-'0')
		}
		return append(dst, Key{Num: n, Text: o})
	}
	return k
}

// EmailKey returns the keyer "email": a person's key is a valid e-mail
// address, trimmed and lower-cased ([NormalizeEmail]). Invalid addresses
// give no key. It is one of the defaults.
func EmailKey() Keyer[Person] {
	return Keyer[Person]{Name: "email", Keys: func(dst []Key, p *Person) []Key {
		if e, ok := validEmail(p.Email); ok {
			dst = append(dst, Key{Text: e})
		}
		return dst
	}}
}

// IDNumberKey returns the keyer "id_number": a person's key is a valid
// resident ID number ([NormalizeIDNumber], then [ParseIDNumber]).
// Invalid numbers give no key. It is one of the defaults.
func IDNumberKey() Keyer[Person] {
	return Keyer[Person]{Name: "id_number", Keys: func(dst []Key, p *Person) []Key {
		if id, ok := validIDNumber(p.IDNumber); ok {
			dst = append(dst, Key{Text: id})
		}
		return dst
	}}
}

// DeviceKey returns the keyer "device_id": a person's keys are the device
// IDs, trimmed and otherwise as written (device IDs are case-sensitive).
// IDs made only of zeros, dashes and spaces, which devices report when
// tracking is off (00000000-0000-0000-0000-000000000000), give no key. It
// is one of the defaults.
func DeviceKey() Keyer[Person] {
	return Keyer[Person]{Name: "device_id", Keys: func(dst []Key, p *Person) []Key {
		for _, d := range p.DeviceIDs {
			if d, ok := deviceID(d); ok {
				dst = append(dst, Key{Text: d})
			}
		}
		return dst
	}}
}

// PhoneDeviceKey returns the keyer "phone+device_id": a person's keys are
// a valid mobile number together with each device ID, as [PhoneKey] and
// [DeviceKey] read them. It is stricter than either: useful when a number
// is shared (a family, a store's default number) and its block is too
// large to compare.
func PhoneDeviceKey() Keyer[Person] {
	return Keyer[Person]{Name: "phone+device_id", Keys: func(dst []Key, p *Person) []Key {
		n, ok := phoneNumber(p.Phone)
		if !ok {
			return dst
		}
		for _, d := range p.DeviceIDs {
			if d, ok := deviceID(d); ok {
				dst = append(dst, Key{Num: n, Text: d})
			}
		}
		return dst
	}}
}

// CreditCodeKey returns the keyer "credit_code": a company's key is a
// valid unified social credit code ([NormalizeCreditCode], then
// [ParseCreditCode], lenient or not). CreditCodeKey(false) is one of the
// defaults.
func CreditCodeKey(lenient bool) Keyer[Company] {
	return Keyer[Company]{Name: "credit_code", Keys: func(dst []Key, c *Company) []Key {
		if code, ok := validCreditCode(c.CreditCode, lenient); ok {
			dst = append(dst, Key{Text: code})
		}
		return dst
	}}
}

// CompanyNameKey returns the keyer "company_name": a company's key is its
// name as [NormalizeCompanyName] gives it. It is one of the defaults.
func CompanyNameKey() Keyer[Company] {
	return Keyer[Company]{Name: "company_name", Keys: func(dst []Key, c *Company) []Key {
		if n := NormalizeCompanyName(c.Name); n != "" {
			dst = append(dst, Key{Text: n})
		}
		return dst
	}}
}

// ContactPhoneKey returns the keyer "contact_phone": a company's keys are
// the valid mobile numbers of its contacts. It is not among the defaults:
// one agent's number can stand for many companies.
func ContactPhoneKey() Keyer[Company] {
	return Keyer[Company]{Name: "contact_phone", Keys: func(dst []Key, c *Company) []Key {
		for i := range c.Contacts {
			if n, ok := phoneNumber(c.Contacts[i].Phone); ok {
				dst = append(dst, Key{Num: n})
			}
		}
		return dst
	}}
}

// deviceID trims a device ID and rejects empty and all-zero ones.
func deviceID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.Trim(s, "0- ") == "" {
		return "", false
	}
	return s, true
}

// NormalizeCompanyName returns the form of a company name used for keys:
// full-width characters folded to ASCII, letters case-folded, and spaces,
// brackets and punctuation removed, so "阿里巴巴（中国）有限公司" and
// "阿里巴巴(中国)有限公司", or "ACME Co., Ltd." and "acme co ltd", agree.
// Legal forms are kept (有限公司 and 股份有限公司 differ). It is
// idempotent and returns s itself when s is already normal.
func NormalizeCompanyName(s string) string {
	var buf [96]byte
	out := buf[:0]
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		w = 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && w == 1 {
				continue
			}
			r = foldWidth(r)
		}
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) {
			continue
		}
		out = utf8.AppendRune(out, foldCase(r))
	}
	if string(out) == s {
		return s
	}
	return string(out)
}

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
// number must show at least 4 digits, hide at least one, and start with
// 1 and have 3-9 as its second digit where those are shown. Unlike
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
	if len(d) != 11 || d[0] != 0 && d[0] != '1' || d[1] != 0 && d[1] < '3' {
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

// validEmail returns the normalised form of a valid e-mail address.
func validEmail(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	e := NormalizeEmail(s)
	if ValidateEmail(e) != nil {
		return "", false
	}
	return e, true
}

// validIDNumber returns the normalised form of a valid resident ID number.
func validIDNumber(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	id := NormalizeIDNumber(s)
	if _, err := ParseIDNumber(id); err != nil {
		return "", false
	}
	return id, true
}

// validCreditCode returns the normalised form of a valid credit code.
func validCreditCode(s string, lenient bool) (string, bool) {
	if s == "" {
		return "", false
	}
	c := NormalizeCreditCode(s)
	if _, err := ParseCreditCode(c, lenient); err != nil {
		return "", false
	}
	return c, true
}

// normCity trims a city name, folds width and case and drops a final 市,
// so 杭州, 杭州市 and " 杭州市 " agree. It returns s, or a part of it,
// without allocating when no folding is needed.
func normCity(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	for _, r := range s {
		if foldCase(foldWidth(r)) != r {
			var b strings.Builder
			for _, r := range s {
				b.WriteRune(foldCase(foldWidth(r)))
			}
			s = strings.TrimFunc(b.String(), unicode.IsSpace)
			break
		}
	}
	for strings.HasSuffix(s, "市") {
		s = strings.TrimFunc(strings.TrimSuffix(s, "市"), unicode.IsSpace)
	}
	return s
}
