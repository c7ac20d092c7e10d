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

// Channel is the sales channel of an order. Hosts may use their own
// values. [Summary] counts purchases in ChannelOnline, ChannelApp and
// ChannelMiniProgram as online and in ChannelOffline as in a store.
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

// online reports whether c is one of the online channels: online, app or
// mini_program.
func (c Channel) online() bool {
	return c == ChannelOnline || c == ChannelApp || c == ChannelMiniProgram
}

// offline reports whether c is the offline channel (a store).
func (c Channel) offline() bool { return c == ChannelOffline }
