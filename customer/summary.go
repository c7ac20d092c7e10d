package customer

import (
	"time"

	"github.com/shopspring/decimal"
)

// Summary describes one customer's buying behaviour up to an as-of date.
// Purchases are orders with a non-negative amount; refunds (negative
// amounts) reduce Net and the category and channel spend but are not
// purchases.
type Summary struct {
	CustomerID ID
	AsOf       time.Time

	Orders  int // purchases
	Refunds int // refund orders

	Gross    decimal.Decimal // sum of purchase amounts
	Refunded decimal.Decimal // sum of refunds, as a non-negative amount
	Net      decimal.Decimal // Gross - Refunded
	// AvgOrderValue is Net / Orders rounded half away from zero to 2
	// decimal places (fen), or zero when there are no purchases. It is zero
	// or negative when refunds outweigh purchases.
	AvgOrderValue decimal.Decimal

	// First and Last are the times of the first and last purchase, in
	// AsOf's location; zero when there are no purchases.
	First time.Time
	Last  time.Time

	// RecentOrders counts purchases in the activity window before AsOf
	// (SummaryOptions.ActivityWindow).
	RecentOrders int
	// PurchasesPerMonth is RecentOrders divided by the window's length in
	// months of 365.25/12 = 30.4375 days, where the window is shortened
	// to the customer's tenure (AsOf - First) when that is shorter, but
	// never to less than one month.
	PurchasesPerMonth float64

	Discounted int // purchases that used a discount or coupon
	Online     int // purchases in an online channel: online, app or mini_program
	Offline    int // purchases in a store: the offline channel

	// Categories holds one entry per category seen, by Spend descending,
	// then name.
	Categories []CategoryStat
	// Channels holds one entry per channel seen, by Orders descending,
	// then name.
	Channels []ChannelStat
}

// CategoryStat is a customer's activity in one product category.
type CategoryStat struct {
	Category string
	Orders   int             // purchases
	Spend    decimal.Decimal // purchases minus refunds
}

// ChannelStat is a customer's activity in one sales channel.
type ChannelStat struct {
	Channel Channel
	Orders  int             // purchases
	Spend   decimal.Decimal // purchases minus refunds
}

// DiscountShare returns the share of purchases that used a discount or
// coupon, in [0, 1]; 0 without purchases.
func (s Summary) DiscountShare() float64 { return share(s.Discounted, s.Orders) }

// OnlineShare returns the share of purchases made online, in [0, 1]; 0
// without purchases.
func (s Summary) OnlineShare() float64 { return share(s.Online, s.Orders) }

// OfflineShare returns the share of purchases made in stores, in [0, 1];
// 0 without purchases.
func (s Summary) OfflineShare() float64 { return share(s.Offline, s.Orders) }

// DaysSinceLast returns the number of calendar days from the last purchase
// to AsOf, both dates taken in AsOf's location, and false when there are
// no purchases.
func (s Summary) DaysSinceLast() (int, bool) {
	if s.Last.IsZero() {
		return 0, false
	}
	return CalendarDays(s.Last, s.AsOf), true
}

// CalendarDays returns the number of calendar days from the date of from
// to the date of to, both dates taken in to's location. It is negative
// when from is on a later date.
func CalendarDays(from, to time.Time) int {
	loc := to.Location()
	fy, fm, fd := from.In(loc).Date()
	ty, tm, td := to.Date()
	a := time.Date(fy, fm, fd, 0, 0, 0, 0, time.UTC)
	b := time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours()) / 24
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}
