package customer

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key is a blocking key: [Dedup] compares two records only when one of
// its key builders gives both the same Key. Keys are comparable and used
// directly as map keys. A builder puts a number (a phone number's digits)
// in Num, text in Text, or both; the zero Key is a valid key like any
// other, so builders append nothing for a record they have no key for.
// Keys of different builders never collide: Dedup keeps each builder's
// keys apart, so builders need not tag their keys.
//
// Key values hold personal data; never log them.
type Key struct {
	Num  uint64 // a number, e.g. a phone number's 11 digits
	Text string // text, e.g. a normalised e-mail address
}

// Keyer derives the blocking keys of a record ([Person] or [Company]).
//
// Keys appends the keys of r to dst and returns the extended slice,
// without keeping dst or r and without modifying r; it returns dst
// unchanged when r has no key. It may be called concurrently for
// different records and must be deterministic: the same record always
// yields the same keys. Duplicate keys of one record are ignored.
// A Keyer that also has a Name() string method is reported by that name
// in [DedupStats]; one with a Validate() error method is checked before
// use.
type Keyer[T any] interface {
	Keys(dst []Key, r *T) []Key
}

// KeyerFunc adapts a function to the [Keyer] interface.
type KeyerFunc[T any] func(dst []Key, r *T) []Key

// Keys calls f(dst, r).
func (f KeyerFunc[T]) Keys(dst []Key, r *T) []Key { return f(dst, r) }

// DefaultPersonKeys returns the person keys [Dedup] uses when
// DedupOptions.Keys is nil: [PhoneKey], [EmailKey], [IDNumberKey],
// [DeviceKey] and [PhoneSuffixKey] with the name. A phone suffix with the
// city (PhoneSuffixKey{With: WithCity}) also finds masked numbers whose
// name was mistyped, but its blocks grow with the size of the city, so it
// is not a default.
func DefaultPersonKeys() []Keyer[Person] {
	return []Keyer[Person]{
		PhoneKey{}, EmailKey{}, IDNumberKey{}, DeviceKey{},
		PhoneSuffixKey{With: WithName},
	}
}

// DefaultCompanyKeys returns the company keys [DedupCompanies] uses when
// CompanyDedupOptions.Keys is nil: [CreditCodeKey] and [CompanyNameKey].
func DefaultCompanyKeys() []Keyer[Company] {
	return []Keyer[Company]{CreditCodeKey{}, CompanyNameKey{}}
}

// PhoneKey keys a person by the 11 digits of a valid mobile number
// ([NormalizePhone]), whatever the format it was written in. Invalid
// phones give no key.
type PhoneKey struct{}

// Name returns "phone".
func (PhoneKey) Name() string { return "phone" }

// Keys implements [Keyer].
func (PhoneKey) Keys(dst []Key, p *Person) []Key {
	if n, ok := phoneNumber(p.Phone); ok {
		dst = append(dst, Key{Num: n})
	}
	return dst
}

// KeyField names the field that [PhoneSuffixKey] pairs with the phone
// suffix.
type KeyField uint8

// Fields a phone suffix can be combined with.
const (
	WithName KeyField = iota // the name, as NormalizeName gives it
	WithCity                 // the city, trimmed, case-folded, without a final 市
)

// PhoneSuffixKey keys a person by the last Digits digits of the phone
// number together with the name or the city, so that a block holds few
// people. It takes the suffix of a valid mobile number and also of a
// masked one, as marketplaces export them (138****5678, +86 138 **** 5678,
// 138xxxx5678), which is how such records find their full-number
// counterparts. A record whose phone is neither, or is masked within the
// suffix, or whose name (city) is empty, gets no key.
type PhoneSuffixKey struct {
	// Digits is the length of the suffix: 0 means 4; at most 10.
	Digits int
	// With is the field the suffix is combined with; the zero value is
	// WithName.
	With KeyField
}

// Name returns "phone_suffix+name" or "phone_suffix+city".
func (k PhoneSuffixKey) Name() string {
	if k.With == WithCity {
		return "phone_suffix+city"
	}
	return "phone_suffix+name"
}

// Validate reports a Digits outside 0..10 or an unknown With.
func (k PhoneSuffixKey) Validate() error {
	if k.Digits < 0 || k.Digits > 10 {
		return errors.New("customer: PhoneSuffixKey.Digits must be 0 (4) to 10")
	}
	if k.With > WithCity {
		return errors.New("customer: PhoneSuffixKey.With is unknown")
	}
	return nil
}

// Keys implements [Keyer].
func (k PhoneSuffixKey) Keys(dst []Key, p *Person) []Key {
	digits := k.Digits
	if digits == 0 {
		digits = 4
	}
	if digits > 10 || k.With > WithCity {
		return dst
	}
	var other string
	if k.With == WithCity {
		other = normCity(p.City)
	} else {
		other = NormalizeName(p.Name)
	}
	if other == "" {
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
	return append(dst, Key{Num: n, Text: other})
}

// EmailKey keys a person by a valid e-mail address, trimmed and
// lower-cased ([NormalizeEmail]). Invalid addresses give no key.
type EmailKey struct{}

// Name returns "email".
func (EmailKey) Name() string { return "email" }

// Keys implements [Keyer].
func (EmailKey) Keys(dst []Key, p *Person) []Key {
	if e, ok := validEmail(p.Email); ok {
		dst = append(dst, Key{Text: e})
	}
	return dst
}

// IDNumberKey keys a person by a valid resident ID number
// ([NormalizeIDNumber], then [ValidateIDNumber]). Invalid numbers give no
// key.
type IDNumberKey struct{}

// Name returns "id_number".
func (IDNumberKey) Name() string { return "id_number" }

// Keys implements [Keyer].
func (IDNumberKey) Keys(dst []Key, p *Person) []Key {
	if id, ok := validIDNumber(p.IDNumber); ok {
		dst = append(dst, Key{Text: id})
	}
	return dst
}

// DeviceKey keys a person by each device ID, trimmed and otherwise as
// written (device IDs are case-sensitive). IDs made only of zeros,
// dashes and spaces, which devices report when tracking is off
// (00000000-0000-0000-0000-000000000000), give no key.
type DeviceKey struct{}

// Name returns "device_id".
func (DeviceKey) Name() string { return "device_id" }

// Keys implements [Keyer].
func (DeviceKey) Keys(dst []Key, p *Person) []Key {
	for _, d := range p.DeviceIDs {
		if d, ok := deviceID(d); ok {
			dst = append(dst, Key{Text: d})
		}
	}
	return dst
}

// PhoneDeviceKey keys a person by a valid mobile number together with
// each device ID, as [PhoneKey] and [DeviceKey] do. It is stricter than
// either: useful when a number is shared (a family, a store's default
// number) and its block is too large to compare.
type PhoneDeviceKey struct{}

// Name returns "phone+device_id".
func (PhoneDeviceKey) Name() string { return "phone+device_id" }

// Keys implements [Keyer].
func (PhoneDeviceKey) Keys(dst []Key, p *Person) []Key {
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
}

// CreditCodeKey keys a company by a valid unified social credit code
// ([NormalizeCreditCode], then [ParseCreditCode] with the options below).
type CreditCodeKey struct {
	// Lenient accepts codes with a wrong GB 32100 check character; see
	// CreditCodeOptions.
	Lenient bool
}

// Name returns "credit_code".
func (CreditCodeKey) Name() string { return "credit_code" }

// Keys implements [Keyer].
func (k CreditCodeKey) Keys(dst []Key, c *Company) []Key {
	if code, ok := validCreditCode(c.CreditCode, CreditCodeOptions{Lenient: k.Lenient}); ok {
		dst = append(dst, Key{Text: code})
	}
	return dst
}

// CompanyNameKey keys a company by its name as [NormalizeCompanyName]
// gives it.
type CompanyNameKey struct{}

// Name returns "company_name".
func (CompanyNameKey) Name() string { return "company_name" }

// Keys implements [Keyer].
func (CompanyNameKey) Keys(dst []Key, c *Company) []Key {
	if n := NormalizeCompanyName(c.Name); n != "" {
		dst = append(dst, Key{Text: n})
	}
	return dst
}

// ContactPhoneKey keys a company by the valid mobile numbers of its
// contacts. It is not among the defaults: one agent's number can stand
// for many companies.
type ContactPhoneKey struct{}

// Name returns "contact_phone".
func (ContactPhoneKey) Name() string { return "contact_phone" }

// Keys implements [Keyer].
func (ContactPhoneKey) Keys(dst []Key, c *Company) []Key {
	for i := range c.Contacts {
		if n, ok := phoneNumber(c.Contacts[i].Phone); ok {
			dst = append(dst, Key{Num: n})
		}
	}
	return dst
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
func validCreditCode(s string, opts CreditCodeOptions) (string, bool) {
	if s == "" {
		return "", false
	}
	c := NormalizeCreditCode(s)
	if _, err := ParseCreditCode(c, opts); err != nil {
		return "", false
	}
	return c, true
}

// deviceID trims a device ID and rejects empty and all-zero ones.
func deviceID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.Trim(s, "0- ") == "" {
		return "", false
	}
	return s, true
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
