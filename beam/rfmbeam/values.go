package rfmbeam

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/clientele-go/clientele/beam/internal/wire"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
)

// Customer is one customer's result of [CombineFn].
type Customer struct {
	// Values are the customer's RFM values, valid when HasValues is set;
	// Values.CustomerID is always set.
	Values    rfm.Values
	HasValues bool
	// First is the Pos of the customer's first used order (one not
	// skipped as invalid, future or outside the window), -1 when none.
	// Sorting customers by First gives rfm.Compute's order.
	First int64
	// Skipped counts the customer's orders left out, by reason, and
	// NoPurchase is 1 when its used orders were all refunds.
	Skipped rfm.Skipped
}

// Orders is the accumulator of [CombineFn]: one customer's orders seen so
// far, in no particular order.
type Orders struct {
	Orders []Order
}

// CombineFn computes one customer's RFM values from its orders, for
// beam.CombinePerKey over KV<string, Order> keyed by customer ID (see
// [ComputeValues]). Create it with [NewCombineFn]; its fields are
// exported only so that Beam can serialise it.
//
// Its accumulator keeps the customer's orders rather than rfm's folded
// state, because that state cannot be merged exactly across bundles:
// which copy of a repeated order ID counts depends on which came first in
// the input, and rfm.Accumulator.Merge refuses shards that share an order
// ID. ExtractOutput sorts the orders by Pos and feeds them to one
// rfm.Accumulator, so the result is exactly rfm.Compute's for that
// customer, whatever the bundling, the merge order or the runner. The
// cost is that the shuffle carries every order (about 60 bytes each plus
// the IDs); the per-customer work and memory are those of rfm itself.
type CombineFn struct {
	AsOf     string      // the as-of time, RFC 3339 with nanoseconds
	Location string      // the IANA name of its location; "" for a fixed offset
	Options  rfm.Options // Workers is ignored: each customer is small

	acc     *rfm.Accumulator         // reused by ExtractOutput
	ids     map[customer.ID]struct{} // customers fed to acc
	buyers  int                      // customers with values in acc
	skipped rfm.Skipped              // acc's counts after the last customer
}

// NewCombineFn returns the CombineFn for the as-of time asOf and opts.
// Days are counted in asOf's location, as rfm does; a location with a
// name (other than UTC) is loaded by name on the workers, so their
// binaries need the time zone database (import time/tzdata). It returns
// an error wrapping rfm.ErrConfig when asOf is zero or in time.Local
// (which differs between machines) or opts are invalid.
func NewCombineFn(asOf time.Time, opts rfm.Options) (*CombineFn, error) {
	if _, err := rfm.NewAccumulator(asOf, opts); err != nil {
		return nil, err
	}
	f := &CombineFn{AsOf: asOf.Format(time.RFC3339Nano), Options: opts}
	switch loc := asOf.Location(); {
	case loc == time.Local:
		return nil, fmt.Errorf("%w: the as-of time is in time.Local, which differs between machines; use a named location", rfm.ErrConfig)
	case loc != time.UTC && loc.String() != "":
		f.Location = loc.String()
	}
	f.Options.Workers = 1
	return f, nil
}

// asOf returns the as-of time.
func (f *CombineFn) asOf() (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, f.AsOf)
	if err != nil {
		return time.Time{}, fmt.Errorf("rfmbeam: CombineFn.AsOf: %w", err)
	}
	if f.Location != "" {
		loc, err := time.LoadLocation(f.Location)
		if err != nil {
			return time.Time{}, fmt.Errorf("rfmbeam: CombineFn.Location: %w", err)
		}
		t = t.In(loc)
	}
	return t, nil
}

// CreateAccumulator returns an empty accumulator.
func (f *CombineFn) CreateAccumulator() *Orders { return &Orders{} }

// AddInput adds o to a.
func (f *CombineFn) AddInput(a *Orders, o Order) *Orders {
	a.Orders = append(a.Orders, o)
	return a
}

// MergeAccumulators adds b's orders to a.
func (f *CombineFn) MergeAccumulators(a, b *Orders) *Orders {
	a.Orders = append(a.Orders, b.Orders...)
	return a
}

// ExtractOutput computes the customer's values. It returns an error when
// Options reject an order (RejectInvalid, RejectFuture), naming its Pos.
//
// An rfm.Accumulator costs some hundred kilobytes to create, far more
// than one customer's values, so the CombineFn feeds up to
// customersPerAccumulator customers in turn to one accumulator, kept in
// an unexported field of this instance (Beam does not call one instance
// concurrently), and reads each customer's values as the last ones and
// its skip counts as the difference: distinct customers do not interact
// in an accumulator (order IDs are per customer), so the result is that
// of a fresh accumulator. A customer ID met again starts a new one.
func (f *CombineFn) ExtractOutput(a *Orders) (Customer, error) {
	var id customer.ID
	if len(a.Orders) > 0 {
		id = a.Orders[0].CustomerID
	}
	if _, again := f.ids[id]; again || f.acc == nil || len(f.ids) == customersPerAccumulator {
		asOf, err := f.asOf()
		if err != nil {
			return Customer{}, err
		}
		if f.acc, err = rfm.NewAccumulator(asOf, f.Options); err != nil {
			return Customer{}, err
		}
		f.ids, f.buyers, f.skipped = map[customer.ID]struct{}{}, 0, rfm.Skipped{}
	}
	f.ids[id] = struct{}{} // a key seen again (a retried bundle, another window) starts afresh
	sorted := slices.Clone(a.Orders)
	slices.SortFunc(sorted, compareOrders)
	c := Customer{First: -1}
	if len(sorted) > 0 {
		c.Values.CustomerID = sorted[0].CustomerID
	}
	before := f.skipped
	for _, o := range sorted {
		if err := f.acc.Add(o.order()); err != nil {
			f.acc = nil // start afresh: the next customer must not see this one
			return Customer{}, fmt.Errorf("rfmbeam: order at position %d: %w", o.Pos, err)
		}
		after := f.acc.Skipped()
		used := after.Invalid == f.skipped.Invalid && after.Future == f.skipped.Future && after.Outside == f.skipped.Outside
		if used && c.First < 0 {
			c.First = o.Pos
		}
		f.skipped = after
	}
	f.skipped = f.acc.Skipped() // NoPurchase moves only when asked
	c.Skipped = rfm.Skipped{
		Invalid:    f.skipped.Invalid - before.Invalid,
		Future:     f.skipped.Future - before.Future,
		Outside:    f.skipped.Outside - before.Outside,
		Duplicate:  f.skipped.Duplicate - before.Duplicate,
		NoPurchase: f.skipped.NoPurchase - before.NoPurchase,
	}
	if vs := f.acc.Values(); len(vs) > f.buyers {
		v := vs[len(vs)-1]
		if len(vs) != f.buyers+1 || v.CustomerID != c.Values.CustomerID {
			f.acc = nil
			return Customer{}, fmt.Errorf("rfmbeam: one key holds several customers; key the orders by customer ID")
		}
		f.buyers = len(vs)
		c.Values, c.HasValues = v, true
	}
	return c, nil
}

// customersPerAccumulator bounds the customers fed to one rfm.Accumulator
// in ExtractOutput: reading the last customer's values copies all of
// them, so the cost per customer is about the accumulator's creation
// divided by this plus this times the size of a Values.
const customersPerAccumulator = 128

// compareOrders orders by Pos, and orders that share a Pos (which they
// should not) by their fields, so that the result never depends on the
// order of arrival.
func compareOrders(a, b Order) int {
	return cmp.Or(
		cmp.Compare(a.Pos, b.Pos),
		strings.Compare(string(a.CustomerID), string(b.CustomerID)),
		strings.Compare(a.ID, b.ID),
		a.At.Compare(b.At),
		a.Amount.Cmp(b.Amount),
	)
}

func encodeOrders(a *Orders) []byte {
	b := wire.AppendInt(nil, int64(len(a.Orders)))
	for _, o := range a.Orders {
		b = appendOrder(b, o)
	}
	return b
}

func decodeOrders(b []byte) (*Orders, error) {
	r := wire.NewReader(b)
	n := r.Int()
	if n < 0 || n > int64(len(b)) {
		return nil, wire.ErrCorrupt
	}
	a := &Orders{Orders: make([]Order, 0, n)}
	for range n {
		a.Orders = append(a.Orders, readOrder(r))
	}
	return a, r.Err()
}

func appendCustomer(b []byte, c Customer) []byte {
	b = appendValues(b, c.Values)
	has := int64(0)
	if c.HasValues {
		has = 1
	}
	b = wire.AppendInt(b, has)
	b = wire.AppendInt(b, c.First)
	for _, n := range []int{c.Skipped.Invalid, c.Skipped.Future, c.Skipped.Outside, c.Skipped.Duplicate, c.Skipped.NoPurchase} {
		b = wire.AppendInt(b, int64(n))
	}
	return b
}

func readCustomer(r *wire.Reader) Customer {
	c := Customer{Values: readValues(r)}
	c.HasValues = r.Int() == 1
	c.First = r.Int()
	s := &c.Skipped
	for _, p := range []*int{&s.Invalid, &s.Future, &s.Outside, &s.Duplicate, &s.NoPurchase} {
		*p = int(r.Int())
	}
	return c
}

func appendValues(b []byte, v rfm.Values) []byte {
	b = wire.AppendString(b, string(v.CustomerID))
	b = wire.AppendInt(b, int64(v.Recency))
	b = wire.AppendInt(b, int64(v.Frequency))
	return wire.AppendDecimal(b, v.Monetary)
}

func readValues(r *wire.Reader) rfm.Values {
	return rfm.Values{CustomerID: customer.ID(r.String()), Recency: int(r.Int()), Frequency: int(r.Int()), Monetary: r.Decimal()}
}

func encodeCustomer(c Customer) []byte { return appendCustomer(nil, c) }

func decodeCustomer(b []byte) (Customer, error) {
	r := wire.NewReader(b)
	c := readCustomer(r)
	return c, r.Err()
}

func init() {
	beam.RegisterCoder(reflect.TypeOf((*Orders)(nil)), encodeOrders, decodeOrders)
	beam.RegisterCoder(reflect.TypeOf((*Customer)(nil)).Elem(), encodeCustomer, decodeCustomer)
	beam.RegisterType(reflect.TypeOf((*rfm.Skipped)(nil)).Elem())
	register.Combiner3[*Orders, Order, Customer](&CombineFn{})
	register.Function1x2[Order, string, Order](keyByCustomer)
	register.Function1x1[Customer, rfm.Skipped](customerSkipped)
	register.Combiner1[rfm.Skipped](&skippedFn{})
}

// ComputeValues computes every customer's RFM values from orders (a
// PCollection<Order>) with fn, and returns a PCollection<Customer>, one
// per customer with at least one order: those without values too, so
// that their skipped orders are counted.
func ComputeValues(s beam.Scope, fn *CombineFn, orders beam.PCollection) beam.PCollection {
	s = s.Scope("rfmbeam.ComputeValues")
	keyed := beam.ParDo(s, keyByCustomer, orders)
	return beam.DropKey(s, beam.CombinePerKey(s, fn, keyed))
}

func keyByCustomer(o Order) (string, Order) { return string(o.CustomerID), o }

// TotalSkipped adds up the Skipped counts of customers (a
// PCollection<Customer>) into a PCollection<rfm.Skipped> of one element:
// the counts rfm.Compute returns for the same orders.
func TotalSkipped(s beam.Scope, customers beam.PCollection) beam.PCollection {
	s = s.Scope("rfmbeam.TotalSkipped")
	return beam.Combine(s, &skippedFn{}, beam.ParDo(s, customerSkipped, customers))
}

func customerSkipped(c Customer) rfm.Skipped { return c.Skipped }

type skippedFn struct{}

func (skippedFn) MergeAccumulators(a, b rfm.Skipped) rfm.Skipped {
	a.Invalid += b.Invalid
	a.Future += b.Future
	a.Outside += b.Outside
	a.Duplicate += b.Duplicate
	a.NoPurchase += b.NoPurchase
	return a
}
