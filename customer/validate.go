package customer

import (
	"errors"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/clientele-go/clientele/privacy"
)

// Validator checks whole records and reports every problem at once. The
// zero value checks formats only: no as-of date (so no future-date
// checks), strict credit codes and no review rules. A Validator is safe
// for concurrent use if its Rules are.
type Validator struct {
	// AsOf is the date against which dates are judged: birth dates,
	// creation dates and order dates after it are errors. Zero disables
	// those checks.
	AsOf time.Time
	// LenientCreditCodes accepts credit codes with a wrong check
	// character; see [ParseCreditCode].
	LenientCreditCodes bool
	// Rules are the cross-field checks that Review runs, for example
	// "a 20-year-old buying elderly milk powder" ([AgeCategoryRule]).
	// A rule returns a finding and true when it finds something, and
	// false otherwise. s is nil when no order summary is available.
	// Rules may be called concurrently for different records and must
	// not modify p or s or keep them after they return.
	Rules []func(p *Person, s *Summary, asOf time.Time) (Finding, bool)
}

// ValidatePerson checks every field of p and returns nil or an
// [errors.Join] of one [*FieldError] per problem:
//
//   - id: must not be empty;
//   - every string field: valid UTF-8;
//   - phone: a mainland mobile number ([NormalizePhone]), if set;
//   - email: [ValidateEmail] after [NormalizeEmail], if set;
//   - id_number: [ParseIDNumber] after [NormalizeIDNumber] with AsOf (so
//     its birth date must not be after AsOf), if set; it must agree with
//     BirthDate and Gender when those are set (ErrMismatch);
//   - birth_date: not before 1800 and not after AsOf;
//   - created_at not after AsOf; updated_at not before created_at.
//
// Empty optional fields are not errors; [Completeness] measures them.
// ValidatePerson does not modify p.
func (v Validator) ValidatePerson(p *Person) error {
	var errs []error
	add := func(field, masked string, err error) {
		errs = append(errs, &FieldError{ID: p.ID, Field: field, Value: masked, Err: err})
	}
	if p.ID == "" {
		add("id", "", invalid(ErrInvalidValue, ErrEmpty, ""))
	}
	checkUTF8(add,
		namedValue{"id", string(p.ID)}, namedValue{"name", p.Name}, namedValue{"city", p.City}, namedValue{"province", p.Province},
		namedValue{"occupation", p.Occupation}, namedValue{"income_band", p.IncomeBand},
		namedValue{"acquisition_channel", p.AcquisitionChannel}, namedValue{"source", p.Source},
	)
	checkListUTF8(add, "interests", p.Interests)
	checkListUTF8(add, "device_ids", p.DeviceIDs)
	if p.Phone != "" {
		if _, err := NormalizePhone(p.Phone); err != nil {
			add("phone", privacy.MaskPhone(p.Phone), err)
		}
	}
	if p.Email != "" {
		if err := ValidateEmail(NormalizeEmail(p.Email)); err != nil {
			add("email", privacy.MaskEmail(p.Email), err)
		}
	}
	if p.IDNumber != "" {
		info, err := ParseIDNumber(NormalizeIDNumber(p.IDNumber), v.AsOf)
		switch {
		case err != nil:
			add("id_number", privacy.MaskIDNumber(p.IDNumber), err)
		default:
			if !p.BirthDate.IsZero() && !sameDate(p.BirthDate, info.BirthDate) {
				add("birth_date", "", invalid(ErrInvalidDate, ErrMismatch, "differs from the ID number"))
			}
			if p.Gender != GenderUnknown && p.Gender != info.Gender {
				add("gender", "", invalid(ErrInvalidValue, ErrMismatch, "differs from the ID number"))
			}
		}
	}
	if !p.BirthDate.IsZero() {
		switch {
		case p.BirthDate.Year() < minBirthYear:
			add("birth_date", "", invalid(ErrInvalidDate, ErrBirthDate, "before 1800"))
		case v.future(p.BirthDate):
			add("birth_date", "", invalid(ErrInvalidDate, ErrFuture, ""))
		}
	}
	v.checkStamps(add, p.CreatedAt, p.UpdatedAt)
	return errors.Join(errs...)
}

// ValidateCompany checks every field of c and returns nil or an
// [errors.Join] of one [*FieldError] per problem: id not empty; valid
// UTF-8; credit_code per [ParseCreditCode] (lenient when v.LenientCreditCodes), if set;
// employees, revenue and decision_cycle_days not negative; founded not
// after AsOf; each contact's phone and email as for a person
// (fields "contacts[i].phone", …); created_at and updated_at as for a
// person. It does not modify c.
func (v Validator) ValidateCompany(c *Company) error {
	var errs []error
	add := func(field, masked string, err error) {
		errs = append(errs, &FieldError{ID: c.ID, Field: field, Value: masked, Err: err})
	}
	if c.ID == "" {
		add("id", "", invalid(ErrInvalidValue, ErrEmpty, ""))
	}
	checkUTF8(add,
		namedValue{"id", string(c.ID)}, namedValue{"name", c.Name}, namedValue{"industry", c.Industry}, namedValue{"city", c.City}, namedValue{"province", c.Province},
	)
	checkListUTF8(add, "products", c.Products)
	if c.CreditCode != "" {
		if _, err := ParseCreditCode(c.CreditCode, v.LenientCreditCodes); err != nil {
			// Masked as an ID number: a sole trader's code names a
			// person, and a resident ID number in the wrong column has
			// the same length.
			add("credit_code", privacy.MaskIDNumber(c.CreditCode), err)
		}
	}
	if c.Employees < 0 {
		add("employees", "", invalid(ErrInvalidValue, ErrNegative, ""))
	}
	if c.Revenue.Sign() < 0 {
		add("revenue", "", invalid(ErrInvalidAmount, ErrNegative, ""))
	}
	if c.DecisionCycleDays < 0 {
		add("decision_cycle_days", "", invalid(ErrInvalidValue, ErrNegative, ""))
	}
	if v.future(c.Founded) {
		add("founded", "", invalid(ErrInvalidDate, ErrFuture, ""))
	}
	for i, ct := range c.Contacts {
		prefix := "contacts[" + strconv.Itoa(i) + "]."
		checkUTF8(add, namedValue{prefix + "name", ct.Name}, namedValue{prefix + "title", ct.Title})
		if ct.Phone != "" {
			if _, err := NormalizePhone(ct.Phone); err != nil {
				add(prefix+"phone", privacy.MaskPhone(ct.Phone), err)
			}
		}
		if ct.Email != "" {
			if err := ValidateEmail(NormalizeEmail(ct.Email)); err != nil {
				add(prefix+"email", privacy.MaskEmail(ct.Email), err)
			}
		}
	}
	v.checkStamps(add, c.CreatedAt, c.UpdatedAt)
	return errors.Join(errs...)
}

// ValidateOrder checks o and returns nil or an [errors.Join] of
// [*FieldError]s: id and customer_id not empty, valid UTF-8, at set and not
// after AsOf. A negative amount is a refund, not an error. FieldError.ID
// holds the order's customer ID.
func (v Validator) ValidateOrder(o *Order) error {
	var errs []error
	add := func(field, masked string, err error) {
		errs = append(errs, &FieldError{ID: o.CustomerID, Field: field, Value: masked, Err: err})
	}
	if o.ID == "" {
		add("id", "", invalid(ErrInvalidValue, ErrEmpty, ""))
	}
	if o.CustomerID == "" {
		add("customer_id", "", invalid(ErrInvalidValue, ErrEmpty, ""))
	}
	checkUTF8(add,
		namedValue{"id", o.ID}, namedValue{"customer_id", string(o.CustomerID)}, namedValue{"category", o.Category}, namedValue{"sku", o.SKU}, namedValue{"channel", string(o.Channel)},
	)
	switch {
	case o.At.IsZero():
		add("at", "", invalid(ErrInvalidDate, ErrEmpty, ""))
	case v.future(o.At):
		add("at", "", invalid(ErrInvalidDate, ErrFuture, ""))
	}
	return errors.Join(errs...)
}

func (v Validator) future(t time.Time) bool {
	return !v.AsOf.IsZero() && !t.IsZero() && t.After(v.AsOf)
}

func (v Validator) checkStamps(add func(field, masked string, err error), created, updated time.Time) {
	if v.future(created) {
		add("created_at", "", invalid(ErrInvalidDate, ErrFuture, ""))
	}
	if v.future(updated) {
		add("updated_at", "", invalid(ErrInvalidDate, ErrFuture, ""))
	}
	if !created.IsZero() && !updated.IsZero() && updated.Before(created) {
		add("updated_at", "", invalid(ErrInvalidDate, ErrMismatch, "before created_at"))
	}
}

// namedValue is a named string value of a record.
type namedValue struct{ name, value string }

// checkUTF8 reports fields with invalid UTF-8.
func checkUTF8(add func(field, masked string, err error), fields ...namedValue) {
	for _, f := range fields {
		if !utf8.ValidString(f.value) {
			add(f.name, "", invalid(ErrInvalidValue, ErrInvalidUTF8, ""))
		}
	}
}

func checkListUTF8(add func(field, masked string, err error), field string, values []string) {
	for i, s := range values {
		if !utf8.ValidString(s) {
			add(field+"["+strconv.Itoa(i)+"]", "", invalid(ErrInvalidValue, ErrInvalidUTF8, ""))
		}
	}
}

func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
