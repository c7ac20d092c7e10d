package sample

import (
	"iter"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
)

// Config describes a sample. The zero value describes 1,000 persons and 50
// companies with three years of orders up to 2026-06-30, about ten
// purchases per person, without defects or duplicates.
type Config struct {
	// People is the number of persons, not counting duplicates. 0 means
	// 1,000.
	People int
	// Companies is the number of companies. 0 means People/20, at least 1;
	// a negative value means none.
	Companies int
	// Seed seeds every random choice. Each Seed gives another sample.
	Seed uint64
	// AsOf is the end of the three-year order history: no order is later.
	// Zero means 2026-06-30 23:59:59 China Standard Time (UTC+8).
	AsOf time.Time
	// Defects is the share of person and company records, in [0, 1],
	// given one realistic data defect: a phone number with a digit lost or
	// a landline in it, an ID number with a wrong check character or an
	// impossible birth date, a birth date in the future, a malformed
	// e-mail address, an update before the creation, a lower-case or
	// wrongly checked credit code, a negative headcount. 0 means none.
	Defects float64
	// DuplicateOrders is the share of orders, in [0, 1], delivered a
	// second time with the same order ID, as when a feed is replayed.
	// 0 means none.
	DuplicateOrders float64
	// DuplicatePeople is the share of person records that are another
	// person keyed in again by another channel: the phone in another
	// format, a typo in the name, a service-desk record with a single
	// identifier, a new device, a marketplace record with the phone
	// masked. Each duplicate books some of its person's orders (the
	// channel's own). 0 means none; values above 0.9 count as 0.9.
	DuplicatePeople float64
}

// Data is a generated sample.
type Data struct {
	// AsOf is the end of the order history (Config.AsOf or its default).
	AsOf time.Time
	// People are the persons, in ID order (P0000000, P0000001, …), or
	// shuffled among their duplicates (D0000000, …) when
	// Config.DuplicatePeople is set.
	People []customer.Person
	// Companies are the companies, in ID order (C000000, …).
	Companies []customer.Company
	// Orders holds the orders of persons and companies in time order;
	// orders at the same second keep the order of [Orders].
	Orders []customer.Order
	// Duplicates maps the ID of each duplicate person to the ID of the
	// person it duplicates: the truth a dedup can be scored against. nil
	// without Config.DuplicatePeople.
	Duplicates map[customer.ID]customer.ID
}

// Generate returns the sample cfg describes, holding every order in
// memory (about 10 orders per person with the defaults); use [Orders] to
// stream the orders of a large sample. Every call with the same cfg
// returns equal data, in new slices the caller owns. It is safe for
// concurrent use.
func Generate(cfg Config) Data {
	sc := cfg.synth()
	if cfg.DuplicatePeople <= 0 {
		ds := synth.Generate(sc)
		return Data{AsOf: ds.AsOf, People: ds.People, Companies: ds.Companies, Orders: ds.Orders}
	}
	d := synth.PeopleWithDupes(sc, cfg.DuplicatePeople)
	orders := slices.Collect(d.Orders(sc))
	slices.SortStableFunc(orders, func(a, b customer.Order) int { return a.At.Compare(b.At) })
	return Data{
		AsOf:       cfg.asOf(),
		People:     d.People,
		Companies:  synth.Companies(sc),
		Orders:     orders,
		Duplicates: d.Original,
	}
}

// Orders streams the orders of the sample cfg describes: the same orders
// as Generate's, grouped by person (duplicates with their person) and
// then by company, in time order within each group. It holds one customer's orders in
// memory at a time (and, with Config.DuplicatePeople, the persons), so it
// can stream hundreds of millions of orders. Every range over it yields
// the same sequence; it is safe for concurrent use.
func Orders(cfg Config) iter.Seq[customer.Order] {
	sc := cfg.synth()
	if cfg.DuplicatePeople <= 0 {
		return synth.Orders(sc)
	}
	return func(yield func(customer.Order) bool) {
		for o := range synth.PeopleWithDupes(sc, cfg.DuplicatePeople).Orders(sc) {
			if !yield(o) {
				return
			}
		}
	}
}

// synth returns the generator's configuration for c.
func (c Config) synth() synth.Config {
	return synth.Config{
		People:          c.People,
		Companies:       c.Companies,
		Seed:            c.Seed,
		AsOf:            c.AsOf,
		Defects:         c.Defects,
		DuplicateOrders: c.DuplicateOrders,
	}
}

// asOf returns c.AsOf or its default.
func (c Config) asOf() time.Time {
	if c.AsOf.IsZero() {
		return synth.DefaultAsOf
	}
	return c.AsOf
}
