package customer

import (
	"fmt"
	"strings"
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

	err error // a configuration error of a built-in keyer, which Dedup wraps in ErrConfig
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
		k.err = fmt.Errorf("%s: digits is %d, want 0 (4) to 10", name, digits)
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
// address in the form [NormalizeEmail] gives (trimmed, lower-cased, the
// domain in IDNA A-labels, so 例子.中国 and xn--fsqu00a.xn--fiqs8s give one
// key). Invalid addresses give no key. It is one of the defaults.
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
