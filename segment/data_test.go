package segment_test

import (
	"context"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
)

// synthMembers builds the members of a synth data set: every person and
// company, its summary (nil without orders) and its tags from tagging's
// built-in taggers. Orders are streamed (grouped by customer) and
// summarised with trusted order IDs.
func synthMembers(tb testing.TB, cfg synth.Config) []segment.Member {
	tb.Helper()
	members, err := buildMembers(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return members
}

func buildMembers(cfg synth.Config) ([]segment.Member, error) {
	ctx := context.Background()
	people, companies := synth.People(cfg), synth.Companies(cfg)
	asOf := cfg.AsOf
	if asOf.IsZero() {
		asOf = synth.DefaultAsOf
	}
	sums, _, err := customer.Summarize(ctx, synth.Orders(cfg), asOf, customer.SummaryOptions{TrustOrderIDs: true})
	if err != nil {
		return nil, err
	}
	byID := make(map[customer.ID]*customer.Summary, len(sums))
	for i := range sums {
		byID[sums[i].CustomerID] = &sums[i]
	}
	members := make([]segment.Member, 0, len(people)+len(companies))
	for i := range people {
		members = append(members, segment.Member{Profile: tagging.Profile{Person: &people[i], Summary: byID[people[i].ID], AsOf: asOf}})
	}
	for i := range companies {
		members = append(members, segment.Member{Profile: tagging.Profile{Company: &companies[i], Summary: byID[companies[i].ID], AsOf: asOf}})
	}
	taggers, err := tagging.Builtin(tagging.BuiltinConfig{})
	if err != nil {
		return nil, err
	}
	profiles := func(yield func(tagging.Profile) bool) {
		for i := range members {
			if !yield(members[i].Profile) {
				return
			}
		}
	}
	for r, err := range tagging.Apply(ctx, profiles, taggers, tagging.Options{}) {
		if err != nil {
			return nil, err
		}
		members[r.Index].Tags = r.Tags
	}
	return slices.Clip(members), nil
}
