package synth_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
)

func TestGenerateDeterministic(t *testing.T) {
	cfg := synth.Config{People: 300, Seed: 7, Defects: 0.1, DuplicateOrders: 0.01}
	a, b := synth.Generate(cfg), synth.Generate(cfg)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("Generate is not deterministic (-first +second):\n%s", diff)
	}
	c := synth.Generate(synth.Config{People: 300, Seed: 8})
	if cmp.Equal(a.People, c.People) {
		t.Fatal("different seeds gave the same people")
	}
}

func TestGenerateValid(t *testing.T) {
	ds := synth.Generate(synth.Config{People: 2000, Seed: 1})
	if len(ds.People) != 2000 || len(ds.Companies) != 100 {
		t.Fatalf("got %d people, %d companies", len(ds.People), len(ds.Companies))
	}
	v := customer.Validator{AsOf: ds.AsOf}
	ids := make(map[customer.ID]bool)
	phones := make(map[string]bool)
	for i := range ds.People {
		p := &ds.People[i]
		if err := v.ValidatePerson(p); err != nil {
			t.Fatalf("person %s: %v", p.ID, err)
		}
		n, _ := customer.NormalizePhone(p.Phone)
		if phones[n] {
			t.Fatalf("person %s: phone shared with another person", p.ID)
		}
		phones[n] = true
		ids[p.ID] = true
	}
	for i := range ds.Companies {
		c := &ds.Companies[i]
		if err := v.ValidateCompany(c); err != nil {
			t.Fatalf("company %s: %v", c.ID, err)
		}
		ids[c.ID] = true
	}
	if !slices.IsSortedFunc(ds.Orders, func(a, b customer.Order) int { return a.At.Compare(b.At) }) {
		t.Fatal("orders are not in time order")
	}
	for i := range ds.Orders {
		o := &ds.Orders[i]
		if err := v.ValidateOrder(o); err != nil {
			t.Fatalf("order %s: %v", o.ID, err)
		}
		if !ids[o.CustomerID] {
			t.Fatalf("order %s for unknown customer %s", o.ID, o.CustomerID)
		}
	}
}

func TestGenerateBehaviour(t *testing.T) {
	cfg := synth.Config{People: 5000, Companies: -1, Seed: 3}
	ds := synth.Generate(cfg)
	sums, skipped, err := customer.Summarize(t.Context(), slices.Values(ds.Orders), ds.AsOf, customer.SummaryOptions{})
	if err != nil || skipped.Total() != 0 {
		t.Fatalf("Summarize: %v, skipped %+v", err, skipped)
	}
	var purchases, oneTime, refunds, discounted, online int
	for _, s := range sums {
		purchases += s.Orders
		refunds += s.Refunds
		discounted += s.Discounted
		online += s.Online
		if s.Orders == 1 {
			oneTime++
		}
	}
	buyers := len(sums)
	mean := float64(purchases) / float64(cfg.People)
	// The buyer mix promises: ~4% prospects, ~42% one-time buyers, a loyal
	// core, refunds near 3%, and the configured mean of 10 orders.
	checks := []struct {
		name     string
		got      float64
		low, max float64
	}{
		{"mean purchases per person", mean, 9, 11},
		{"share of persons buying", float64(buyers) / float64(cfg.People), 0.94, 0.98},
		{"share of one-time buyers among buyers", float64(oneTime) / float64(buyers), 0.38, 0.50},
		{"refunds per purchase", float64(refunds) / float64(purchases), 0.02, 0.04},
		{"discounted share", float64(discounted) / float64(purchases), 0.15, 0.5},
		{"online share", float64(online) / float64(purchases), 0.35, 0.65},
	}
	for _, c := range checks {
		if c.got < c.low || c.got > c.max {
			t.Errorf("%s = %.3f, want in [%.2f, %.2f]", c.name, c.got, c.low, c.max)
		}
	}
}

func TestDefectsAreCaught(t *testing.T) {
	ds := synth.Generate(synth.Config{People: 3000, Seed: 5, Defects: 0.05})
	if len(ds.Defects) < 100 {
		t.Fatalf("only %d defects injected", len(ds.Defects))
	}
	v := customer.Validator{AsOf: ds.AsOf}
	flagged := make(map[customer.ID]bool)
	for i := range ds.People {
		if v.ValidatePerson(&ds.People[i]) != nil {
			flagged[ds.People[i].ID] = true
		}
	}
	for i := range ds.Companies {
		if err := v.ValidateCompany(&ds.Companies[i]); err != nil {
			var fe *customer.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("company error %v is not a FieldError", err)
			}
			flagged[ds.Companies[i].ID] = true
		}
	}
	for id, what := range ds.Defects {
		if !flagged[id] {
			t.Errorf("defect %q in %s not caught", what, id)
		}
	}
	for id := range flagged {
		if _, ok := ds.Defects[id]; !ok {
			t.Errorf("record %s flagged without an injected defect", id)
		}
	}
}

func TestOrdersStreamMatchesGenerate(t *testing.T) {
	cfg := synth.Config{People: 200, Seed: 9, DuplicateOrders: 0.05}
	streamed := slices.Collect(synth.Orders(cfg))
	ds := synth.Generate(cfg)
	key := func(a, b customer.Order) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		if a.ID < b.ID {
			return -1
		} else if a.ID > b.ID {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(streamed, key)
	got := slices.Clone(ds.Orders)
	slices.SortStableFunc(got, key)
	if diff := cmp.Diff(streamed, got); diff != "" {
		t.Fatalf("Orders and Generate disagree (-stream +generate):\n%s", diff)
	}
	_, skipped, _ := customer.Summarize(t.Context(), slices.Values(streamed), ds.AsOf, customer.SummaryOptions{})
	if skipped.Duplicate == 0 {
		t.Fatal("DuplicateOrders injected no duplicates")
	}
}

func BenchmarkOrders(b *testing.B) {
	cfg := synth.Config{People: 10_000, Seed: 1}
	b.ReportAllocs()
	for b.Loop() {
		for range synth.Orders(cfg) {
		}
	}
}
