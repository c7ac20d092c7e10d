package tagging

import (
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/customer"
)

// Profile is what taggers read: one customer (a person or a company),
// their buying behaviour and the tags the host assigned by hand. Package
// segment consumes the same type.
//
// Profile holds pointers so that building one copies nothing: a host
// points it at the records and summaries it already has, and a Profile is
// cheap to pass by value (as [Apply]'s input sequence does). Nothing in
// this package modifies what the pointers point to, and taggers must not
// either (see [Tagger]). The zero value is not a valid profile; see
// [Profile.Validate].
type Profile struct {
	// Person is the customer when it is an individual; nil for a company.
	Person *customer.Person
	// Company is the customer when it is a business; nil for a person.
	Company *customer.Company
	// Summary is the customer's buying behaviour up to the as-of date
	// (see customer.Summarize). nil means the customer has no orders: a
	// prospect. Taggers treat a Summary with Orders == 0 (refunds only)
	// like a customer without purchases.
	Summary *customer.Summary
	// AsOf is the date the tags hold for. Zero means Summary.AsOf; a
	// profile without a Summary must set it.
	AsOf time.Time
	// Manual holds the tags the host assigned by hand. They are kept apart
	// from the computed tags, passed through to the Result as they are and
	// never overwritten by a run. nil means none.
	Manual []Assignment
}

// Profiles returns the profiles of customers, persons or companies, in
// their order, each joined by customer ID with its summary (typically
// customer.Summarize's output; nil for a customer without one, a
// prospect) and dated asOf. It is the usual input of [Apply]:
//
//	sums, _, err := customer.Summarize(ctx, orders, asOf, customer.SummaryOptions{})
//	for r, err := range tagging.Apply(ctx, tagging.Profiles(people, sums, asOf), taggers, tagging.Options{}) {
//
// A zero asOf means each summary's date; the profiles of customers
// without a summary then have no date and fail [Profile.Validate].
// Summaries of customers not in customers are not used (package segment's
// Members joins and counts them); if several summaries share an ID, the
// first is used. The profiles point into customers and summaries, which
// must not change while they are used. Each iteration indexes summaries
// anew, so the sequence can be ranged over again.
func Profiles[C customer.Person | customer.Company](customers []C, summaries []customer.Summary, asOf time.Time) iter.Seq[Profile] {
	return func(yield func(Profile) bool) {
		byID := make(map[customer.ID]*customer.Summary, len(summaries))
		for i := range summaries {
			if _, dup := byID[summaries[i].CustomerID]; !dup {
				byID[summaries[i].CustomerID] = &summaries[i]
			}
		}
		for i := range customers {
			p := Profile{AsOf: asOf}
			switch c := any(&customers[i]).(type) {
			case *customer.Person:
				p.Person, p.Summary = c, byID[c.ID]
			case *customer.Company:
				p.Company, p.Summary = c, byID[c.ID]
			}
			if !yield(p) {
				return
			}
		}
	}
}

// ID returns the customer's ID: the person's, else the company's, else
// the summary's.
func (p *Profile) ID() customer.ID {
	switch {
	case p.Person != nil:
		return p.Person.ID
	case p.Company != nil:
		return p.Company.ID
	case p.Summary != nil:
		return p.Summary.CustomerID
	}
	return ""
}

// IsCompany reports whether the profile is a business customer.
func (p *Profile) IsCompany() bool { return p.Person == nil && p.Company != nil }

// Date returns the as-of date of the profile: AsOf, or Summary.AsOf when
// AsOf is zero. It is zero for an invalid profile.
func (p *Profile) Date() time.Time {
	if p.AsOf.IsZero() && p.Summary != nil {
		return p.Summary.AsOf
	}
	return p.AsOf
}

// Validate reports whether p can be tagged: exactly one of Person and
// Company is set and has an ID; a Summary, if any, belongs to the same
// customer (or has an empty CustomerID) and, if both it and AsOf carry a
// date, they fall on the same calendar day; the profile has an as-of date;
// and every manual tag is a valid [Assignment]. It does not check manual
// tag groups, which only a [Pipeline] knows. The error is a
// [*ProfileError] (Index -1) wrapping [ErrInvalidProfile] or
// [ErrInvalidTag].
func (p *Profile) Validate() error {
	if field, err := p.check(); err != nil {
		return &ProfileError{Index: -1, ID: p.ID(), Field: field, Err: err}
	}
	return nil
}

// check is Validate without the error wrapper, so that Apply can fill in
// the index. It does not allocate for a valid profile.
func (p *Profile) check() (field string, err error) {
	switch {
	case p.Person == nil && p.Company == nil:
		return "person", fmt.Errorf("%w: neither person nor company set", ErrInvalidProfile)
	case p.Person != nil && p.Company != nil:
		return "company", fmt.Errorf("%w: both person and company set", ErrInvalidProfile)
	}
	id := p.ID()
	if id == "" {
		return "id", fmt.Errorf("%w: empty customer ID", ErrInvalidProfile)
	}
	if s := p.Summary; s != nil {
		if s.CustomerID != "" && s.CustomerID != id {
			return "summary.customer_id", fmt.Errorf("%w: summary of customer %q", ErrInvalidProfile, clip(string(s.CustomerID)))
		}
		if !s.AsOf.IsZero() && !p.AsOf.IsZero() && !s.AsOf.Equal(p.AsOf) && customer.CalendarDays(s.AsOf, p.AsOf) != 0 {
			return "as_of", fmt.Errorf("%w: as-of date %s differs from the summary's %s",
				ErrInvalidProfile, p.AsOf.Format(time.DateOnly), s.AsOf.In(p.AsOf.Location()).Format(time.DateOnly))
		}
	}
	if p.Date().IsZero() {
		return "as_of", fmt.Errorf("%w: no as-of date", ErrInvalidProfile)
	}
	for i := range p.Manual {
		if err := p.Manual[i].Validate(); err != nil {
			return "manual[" + strconv.Itoa(i) + "]", err
		}
	}
	return "", nil
}
