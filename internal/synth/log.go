package synth

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

// Log describes an order log as an order system exports it, the shape
// the ingestion benchmarks are measured on: rows in date order, so one
// customer's orders are scattered through the log among everyone
// else's; customer and order IDs that share no memory (each its own
// allocation, as when read from a CSV file); a realistic repeat-purchase
// distribution; refunds; and a share of rows replayed later in the log,
// as happens when a feed is sent twice. The zero value describes 1,000
// customers over three years without replayed rows.
//
// Each customer's number of purchases is lognormal (median 1.5, mean
// about 10, at most 2,000): half buy once, 60% at most twice, 8% two
// dozen times or more and 1.5% a hundred times or more. A customer's
// first purchase is uniform over the history; the later ones are spread
// uniformly up to the end, or, for the 60% who churn, up to a lifetime
// drawn from an exponential distribution with a mean of a year. Prices
// are lognormal (median about 55 yuan, whole 0.10 yuan). About 3% of
// purchases are refunded, in full, 1 to 14 days later, under an order
// ID of their own.
type Log struct {
	// Customers is the number of customers. 0 means 1,000.
	Customers int
	// Seed seeds every random choice.
	Seed uint64
	// AsOf is the end of the history. Zero means DefaultAsOf.
	AsOf time.Time
	// Years is the length of the history. 0 means 3.
	Years int
	// Duplicates is the share of rows that appear a second time, the
	// same in every field, up to 20,000 rows later. 0 means none.
	Duplicates float64
	// MarketplaceIDs gives the orders 19-digit IDs, as large Chinese
	// marketplaces issue them (Taobao's have 18 or 19 digits), instead
	// of SO and ten digits.
	MarketplaceIDs bool
	// UUIDCustomers gives the customers random (version 4) UUIDs in
	// lower-case text, as many systems issue them, instead of C and
	// eight digits.
	UUIDCustomers bool
}

// logRow is one order of a Log before it is turned into text.
type logRow struct {
	at    int64 // Unix seconds
	cents int64 // amount in fen; negative for a refund
	cust  int32 // customer number
	seq   int32 // order number in date order (a replayed row keeps it)
}

func (l Log) withDefaults() Log {
	if l.Customers <= 0 {
		l.Customers = 1000
	}
	if l.AsOf.IsZero() {
		l.AsOf = DefaultAsOf
	}
	if l.Years <= 0 {
		l.Years = 3
	}
	l.Duplicates = clamp01(l.Duplicates)
	return l
}

// Streams of the Log generator, after those of Config's.
const (
	streamLogCustomer uint64 = 0x40 + iota
	streamLogDuplicate
)

// rows generates the log's rows in file order.
func (l Log) rows() []logRow {
	l = l.withDefaults()
	end := l.AsOf.Unix()
	start := l.AsOf.AddDate(-l.Years, 0, 0).Unix()
	var rows []logRow
	for c := range l.Customers {
		r := rng(l.Seed, c, streamLogCustomer)
		n := int(math.Round(math.Exp(0.4 + 1.95*r.NormFloat64())))
		n = min(max(n, 1), 2000)
		first := start + r.Int64N(end-start)
		last := end
		if r.Float64() < 0.6 {
			life := int64(r.ExpFloat64() * 365 * 86400)
			last = min(end, first+life)
		}
		for k := range n {
			at := first
			if k > 0 {
				at = first + r.Int64N(last-first+1)
			}
			price := math.Exp(4 + 0.9*r.NormFloat64())
			cents := max(10, int64(math.Round(price*10))*10)
			rows = append(rows, logRow{at: at, cents: cents, cust: int32(c)})
			if r.IntN(33) == 0 {
				ret := at + 86400*(1+r.Int64N(14))
				if ret <= end {
					rows = append(rows, logRow{at: ret, cents: -cents, cust: int32(c)})
				}
			}
		}
	}
	slices.SortFunc(rows, func(a, b logRow) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		if c := cmp.Compare(a.cust, b.cust); c != 0 {
			return c
		}
		return cmp.Compare(a.cents, b.cents)
	})
	for i := range rows {
		rows[i].seq = int32(i)
	}
	if l.Duplicates == 0 {
		return rows
	}
	// Replay a share of the rows: each copy goes 1 to 20,000 rows after
	// its original.
	type replay struct{ after, row int }
	var replays []replay
	r := rng(l.Seed, 0, streamLogDuplicate)
	for i := range rows {
		if r.Float64() < l.Duplicates {
			replays = append(replays, replay{after: min(len(rows)-1, i+1+r.IntN(20000)), row: i})
		}
	}
	slices.SortStableFunc(replays, func(a, b replay) int { return cmp.Compare(a.after, b.after) })
	out := make([]logRow, 0, len(rows)+len(replays))
	k := 0
	for i := range rows {
		out = append(out, rows[i])
		for k < len(replays) && replays[k].after == i {
			out = append(out, rows[replays[k].row])
			k++
		}
	}
	return out
}

// LogCustomerID returns the ID of customer c of a Log: "C" and eight
// digits, spread so that IDs do not follow the order of first purchase.
func LogCustomerID(c int) customer.ID {
	return customer.ID(appendCustomerID(nil, c, false))
}

// appendCustomerID appends the ID of customer c: LogCustomerID's, or
// with uuid a version 4 UUID drawn from c alone.
func appendCustomerID(b []byte, c int, uuid bool) []byte {
	if !uuid {
		return strconv.AppendInt(append(b, 'C'), 10_000_000+int64(c)*73939133%90_000_000, 10)
	}
	r := rand.NewPCG(uint64(c), 0x5555)
	var u [16]byte
	binary.BigEndian.PutUint64(u[:8], r.Uint64())
	binary.BigEndian.PutUint64(u[8:], r.Uint64())
	u[6] = u[6]&0x0F | 0x40 // version 4
	u[8] = u[8]&0x3F | 0x80 // RFC 9562's variant
	b = hex.AppendEncode(b, u[0:4])
	for _, g := range [][]byte{u[4:6], u[6:8], u[8:10], u[10:16]} {
		b = hex.AppendEncode(append(b, '-'), g)
	}
	return b
}

// appendOrderID appends the order ID of the row numbered seq: SO and ten
// digits, or with marketplace 19 digits, spread so that they do not
// follow the rows (the multiplier has no factor in common with 9e18, so
// distinct rows keep distinct IDs).
func appendOrderID(b []byte, seq int32, marketplace bool) []byte {
	if marketplace {
		return strconv.AppendUint(b, 1e18+uint64(seq)*7_919_000_003%9e18, 10)
	}
	return strconv.AppendInt(append(b, "SO"...), 1_000_000_000+int64(seq), 10)
}

// Orders returns the orders of the log in file order. Every customer ID,
// order ID and amount is an allocation of its own, as when read from a
// file. Times are in CST, to the second.
func (l Log) Orders() []customer.Order {
	rows := l.rows()
	out := make([]customer.Order, len(rows))
	var buf []byte
	for i, w := range rows {
		buf = appendOrderID(buf[:0], w.seq, l.MarketplaceIDs)
		out[i] = customer.Order{
			ID:         string(buf),
			CustomerID: customer.ID(appendCustomerID(nil, int(w.cust), l.UUIDCustomers)),
			At:         time.Unix(w.at, 0).In(CST),
			Amount:     decimal.New(w.cents, -2),
		}
	}
	return out
}

// WriteCSV writes the log as a CSV file that customer.ReadOrders reads:
// columns id, customer_id, at (RFC 3339, CST) and amount (yuan with two
// decimals). It returns the number of rows written.
func (l Log) WriteCSV(w io.Writer) (int, error) {
	rows := l.rows()
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("id,customer_id,at,amount\n")
	var buf []byte
	for _, r := range rows {
		buf = appendOrderID(buf[:0], r.seq, l.MarketplaceIDs)
		buf = append(buf, ',')
		buf = appendCustomerID(buf, int(r.cust), l.UUIDCustomers)
		buf = append(buf, ',')
		buf = time.Unix(r.at, 0).In(CST).AppendFormat(buf, time.RFC3339)
		buf = append(buf, ',')
		buf = appendCents(buf, r.cents)
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return 0, err
		}
	}
	return len(rows), bw.Flush()
}

// appendCents appends c fen as yuan with two decimals.
func appendCents(b []byte, c int64) []byte {
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	b = strconv.AppendInt(b, c/100, 10)
	b = append(b, '.', byte('0'+c/10%10), byte('0'+c%10))
	return b
}
