package tagging_test

import (
	"context"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

// asOf is the as-of date of every synthetic data set.
var asOf = synth.DefaultAsOf

// synthProfiles builds profiles for people persons and companies
// companies from internal/synth with seed 1: the records, and summaries
// from customer.Summarize over their orders (streamed, grouped by
// customer). Customers without orders get a nil Summary.
func synthProfiles(tb testing.TB, people, companies int) []tagging.Profile {
	tb.Helper()
	ps, err := buildProfiles(people, companies)
	if err != nil {
		tb.Fatal(err)
	}
	return ps
}

func buildProfiles(people, companies int) ([]tagging.Profile, error) {
	cfg := synth.Config{People: people, Companies: companies, Seed: 1}
	sums, _, err := customer.Summarize(context.Background(), synth.Orders(cfg), asOf, customer.SummaryOptions{TrustOrderIDs: true})
	if err != nil {
		return nil, err
	}
	byID := make(map[customer.ID]*customer.Summary, len(sums))
	for i := range sums {
		byID[sums[i].CustomerID] = &sums[i]
	}
	ps := synth.People(cfg)
	cs := synth.Companies(cfg)
	out := make([]tagging.Profile, 0, len(ps)+len(cs))
	for i := range ps {
		out = append(out, tagging.Profile{Person: &ps[i], Summary: byID[ps[i].ID], AsOf: asOf})
	}
	for i := range cs {
		out = append(out, tagging.Profile{Company: &cs[i], Summary: byID[cs[i].ID], AsOf: asOf})
	}
	return out, nil
}

// bench1M holds the million benchmark profiles, built once per test
// binary: 950,000 persons and 50,000 companies (about 10 million orders).
var bench1M = sync.OnceValues(func() ([]tagging.Profile, error) {
	return buildProfiles(950_000, 50_000)
})

// allBuiltin returns every built-in tagger with every rule switched on:
// premium categories, a premium AOV and a keyword table.
func allBuiltin(tb testing.TB) []tagging.Tagger {
	tb.Helper()
	ts, err := tagging.Builtin(tagging.BuiltinConfig{Needs: needsAll()})
	if err != nil {
		tb.Fatal(err)
	}
	return ts
}

func needsAll() tagging.Needs {
	return tagging.Needs{
		PremiumCategories: []string{"luxury", "consulting"},
		PremiumAOV:        dec("1200"),
		Keywords: []tagging.Keyword{
			{Match: "eco", Value: "eco-friendly"},
			{Match: "after-sales", Value: "service"},
			{Match: "tech", Value: "tech"},
		},
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
