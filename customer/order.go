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

// IsRefund reports whether the order is a refund (negative amount).
func (o Order) IsRefund() bool { return o.Amount.Sign() < 0 }

// Channel is the sales channel of an order. Hosts may use their own
// values; the constants below are the ones the library classifies.
type Channel string

// Known channels.
const (
	ChannelOnline      Channel = "online"       // web shop or marketplace
	ChannelApp         Channel = "app"          // the brand's mobile app
	ChannelMiniProgram Channel = "mini_program" // WeChat or Alipay mini program
	ChannelOffline     Channel = "offline"      // physical store, POS
	ChannelPhone       Channel = "phone"        // call centre or telesales
	ChannelPartner     Channel = "partner"      // distributor or partner
)

// Online reports whether c is one of the online channels: online, app or
// mini_program.
func (c Channel) Online() bool {
	return c == ChannelOnline || c == ChannelApp || c == ChannelMiniProgram
}

// Offline reports whether c is the offline channel (a store).
func (c Channel) Offline() bool { return c == ChannelOffline }
