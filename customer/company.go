package customer

import (
	"time"

	"github.com/shopspring/decimal"
)

// Company is a business customer. The zero value is an empty record; every
// field is optional except ID, which record validation requires.
//
// Company implements [fmt.Stringer] and [log/slog.LogValuer] with its
// contacts' personal data masked.
type Company struct {
	ID         ID
	Name       string
	CreditCode string // unified social credit code (GB 32100-2015)
	Industry   string // e.g. 工业, 零售业, 软件和信息技术服务业
	Employees  int    // headcount; 0 if unknown
	Revenue    decimal.Decimal
	// Revenue is the annual operating revenue in yuan; zero if unknown.

	Founded  time.Time // date of establishment; zero if unknown
	City     string
	Province string

	Contacts []Contact
	// DecisionCycleDays is the typical length of the customer's
	// procurement decision, in days; 0 if unknown.
	DecisionCycleDays int
	// Products lists the products or services the company has bought.
	Products []string

	CreatedAt time.Time
	UpdatedAt time.Time

	// Attributes holds host-defined fields, e.g. unknown CSV columns.
	Attributes map[string]string
}

// Contact is a person to talk to at a [Company].
type Contact struct {
	Name  string
	Title string
	Phone string
	Email string
}

// Age returns the company's age in completed years at asOf, and false when
// the founding date is unknown or after asOf.
func (c Company) Age(asOf time.Time) (int, bool) {
	return age(c.Founded, asOf)
}
