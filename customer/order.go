package customer

import (
	"time"

	"github.com/shopspring/decimal"
)

// Order is one purchase or refund. The zero value is an empty order.
type Order struct {
	ID         string
	CustomerID ID
	At         time.Time
	// Amount is the money paid, in yuan. A negative amount is a refund;
	// zero is a free order and still counts as a purchase.
	Amount   decimal.Decimal
	Category string // product category, host-defined
	SKU      string
	Channel  Channel
	// Discounted reports that a discount or coupon was used.
	Discounted bool

	// Attributes holds host-defined fields, e.g. unknown CSV columns.
	Attributes map[string]string
}
