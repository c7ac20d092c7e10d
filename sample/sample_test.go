package sample_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/sample"
	gocmp "github.com/google/go-cmp/cmp"
)

func TestGenerateDefaults(t *testing.T) {
	d := sample.Generate(sample.Config{People: 200, Seed: 3})
	wantAsOf := time.Date(2026, 6, 30, 23, 59, 59, 0, time.FixedZone("CST", 8*3600))
	if !d.AsOf.Equal(wantAsOf) {
		t.Errorf("AsOf = %v, want %v", d.AsOf, wantAsOf)
	}
	if len(d.People) != 200 || len(d.Companies) != 10 {
		t.Errorf("%d people and %d companies, want 200 and 10 (People/20)", len(d.People), len(d.Companies))
	}
	if d.Duplicates != nil {
		t.Errorf("Duplicates = %v, want nil without DuplicatePeople", d.Duplicates)
	}
	v := customer.Validator{AsOf: d.AsOf}
	for i := range d.People {
		if err := v.ValidatePerson(&d.People[i]); err != nil {
			t.Errorf("person %d without defects: %v", i, err)
		}
	}
	for i := range d.Companies {
		if err := v.ValidateCompany(&d.Companies[i]); err != nil {
			t.Errorf("company %d without defects: %v", i, err)
		}
	}
	known := map[customer.ID]bool{}
	for _, p := range d.People {
		known[p.ID] = true
	}
	for _, c := range d.Companies {
		known[c.ID] = true
	}
	if len(d.Orders) < 200 {
		t.Fatalf("%d orders, want about 10 per person", len(d.Orders))
	}
	for i, o := range d.Orders {
		if !known[o.CustomerID] || o.At.After(d.AsOf) || o.At.Before(d.AsOf.AddDate(-3, 0, -1)) {
			t.Fatalf("order %d (%s of %s at %v) is not a sample customer's in the three years to AsOf", i, o.ID, o.CustomerID, o.At)
		}
		if i > 0 && o.At.Before(d.Orders[i-1].At) {
			t.Fatalf("order %d is earlier than order %d", i, i-1)
		}
	}
}

func TestCompaniesNegative(t *testing.T) {
	d := sample.Generate(sample.Config{People: 50, Companies: -1})
	if len(d.Companies) != 0 {
		t.Errorf("%d companies, want none", len(d.Companies))
	}
	for _, o := range d.Orders {
		if !strings.HasPrefix(string(o.CustomerID), "P") {
			t.Fatalf("order %s of %s: want persons' orders only", o.ID, o.CustomerID)
		}
	}
}

// TestDeterministic checks that a Config always gives the same data and
// that another Seed gives other data.
func TestDeterministic(t *testing.T) {
	cfg := sample.Config{People: 100, Seed: 9, Defects: 0.1, DuplicateOrders: 0.05, DuplicatePeople: 0.2}
	a, b := sample.Generate(cfg), sample.Generate(cfg)
	if diff := gocmp.Diff(a, b); diff != "" {
		t.Errorf("Generate twice differs (-first +second):\n%s", diff)
	}
	cfg.Seed++
	if c := sample.Generate(cfg); c.People[0].Name == a.People[0].Name && c.People[1].Name == a.People[1].Name && len(c.Orders) == len(a.Orders) {
		t.Error("another Seed gave the same data")
	}
}

// TestOrdersMatchGenerate checks that the stream holds Generate's orders.
func TestOrdersMatchGenerate(t *testing.T) {
	for _, cfg := range []sample.Config{
		{People: 150, Seed: 1, DuplicateOrders: 0.02},
		{People: 150, Seed: 2, DuplicatePeople: 0.3},
	} {
		streamed := slices.Collect(sample.Orders(cfg))
		generated := sample.Generate(cfg).Orders
		byKey := func(a, b customer.Order) int {
			return cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(string(a.CustomerID), string(b.CustomerID)))
		}
		slices.SortStableFunc(streamed, byKey)
		slices.SortStableFunc(generated, byKey)
		if diff := gocmp.Diff(generated, streamed); diff != "" {
			t.Errorf("%+v: Orders differs from Generate's orders (-generate +orders):\n%s", cfg, diff)
		}
	}
}

func TestDuplicatePeople(t *testing.T) {
	d := sample.Generate(sample.Config{People: 400, Seed: 5, DuplicatePeople: 0.2})
	// 20% of all records: 400 originals and 100 duplicates.
	if len(d.People) != 500 || len(d.Duplicates) != 100 {
		t.Fatalf("%d people with %d duplicates, want 500 with 100", len(d.People), len(d.Duplicates))
	}
	ids := map[customer.ID]bool{}
	for _, p := range d.People {
		ids[p.ID] = true
	}
	booked := map[customer.ID]bool{}
	for _, o := range d.Orders {
		booked[o.CustomerID] = true
	}
	dupOrders := 0
	for dup, orig := range d.Duplicates {
		if !ids[dup] || !ids[orig] || d.Duplicates[orig] != "" {
			t.Errorf("Duplicates[%s] = %s: want two sample persons, the second an original", dup, orig)
		}
		if booked[dup] {
			dupOrders++
		}
	}
	if dupOrders == 0 {
		t.Error("no duplicate booked an order")
	}
}
