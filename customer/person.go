package customer

import (
	"time"
)

// ID identifies a customer (a person or a company) within the host's
// system. The library treats it as opaque.
type ID string

// Person is an individual customer. The zero value is an empty record;
// every field is optional except ID, which record validation requires.
// String fields hold the values as received; see [NormalizePhone],
// [NormalizeEmail] and [NormalizeIDNumber] for canonical forms.
//
// Person implements [fmt.Stringer] and [log/slog.LogValuer] with masked
// personal data, so logging a Person does not leak it.
type Person struct {
	ID        ID
	Name      string
	Gender    Gender
	BirthDate time.Time // zero if unknown; see Age
	IDNumber  string    // 18-character resident ID number (GB 11643)
	City      string    // e.g. 杭州 or 杭州市
	Province  string    // e.g. 浙江 or 浙江省
	Phone     string    // mobile number, any common format
	Email     string

	Occupation string
	IncomeBand string   // host-defined band, e.g. "10k-20k" (monthly yuan)
	Interests  []string // declared interests, e.g. "eco materials"

	AcquisitionChannel string   // where the customer was acquired, e.g. "mini_program", "store"
	Source             string   // campaign, partner or referrer that brought the customer
	DeviceIDs          []string // app or mini-program device identifiers

	CreatedAt time.Time
	UpdatedAt time.Time

	// Attributes holds host-defined fields, e.g. unknown CSV columns. A
	// nil map is empty.
	Attributes map[string]string
}

// Age returns the person's age in completed years at asOf, and false when
// the birth date is unknown or after asOf. Someone born on 29 February
// turns a year older on 1 March in non-leap years. asOf's date is taken
// in the birth date's location.
func (p Person) Age(asOf time.Time) (int, bool) {
	return age(p.BirthDate, asOf)
}

func age(birth, asOf time.Time) (int, bool) {
	if birth.IsZero() || asOf.IsZero() {
		return 0, false
	}
	asOf = asOf.In(birth.Location())
	by, bm, bd := birth.Date()
	ay, am, ad := asOf.Date()
	if ay < by || ay == by && (am < bm || am == bm && ad < bd) {
		return 0, false
	}
	years := ay - by
	if am < bm || am == bm && ad < bd {
		years--
	}
	return years, true
}
