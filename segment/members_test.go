package segment_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestMembersJoin(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	people := []customer.Person{{ID: "P1"}, {ID: "P2"}, {ID: "P3"}}
	companies := []customer.Company{{ID: "C1"}}
	sums := []customer.Summary{
		{CustomerID: "C1", Orders: 1, AsOf: asOf},
		{CustomerID: "X9", Orders: 4, AsOf: asOf}, // nobody's
		{CustomerID: "P2", Orders: 2, AsOf: asOf},
	}
	scores := []rfm.Scores{{CustomerID: "P1", R: 5, F: 1, M: 2}, {CustomerID: "", R: 1, F: 1, M: 1}, {CustomerID: "C1", R: 2, F: 2, M: 2}}
	results := []tagging.Result{
		{ID: "P3", Tags: tagging.SetOf(tagging.Tag{Group: "spend", Value: "low"}),
			Manual: []tagging.Assignment{{Tag: tagging.Tag{Group: "vip", Value: "gold"}, Source: "sales", AsOf: asOf}}},
		{ID: "P1", Tags: tagging.SetOf(tagging.Tag{Group: "spend", Value: "high"})},
		{ID: "Z1"},
	}
	ms := segment.Members{AsOf: asOf, People: people, Companies: companies, Summaries: sums, Scores: scores, Tags: results}
	members, un, err := ms.Join()
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID      customer.ID
		Company bool
		Summary *customer.Summary
		RFM     *rfm.Scores
		Tags    string
		AsOf    time.Time
	}
	var got []row
	for _, m := range members {
		got = append(got, row{m.ID(), m.IsCompany(), m.Summary, m.RFM, m.Tags.String(), m.AsOf})
	}
	want := []row{
		{"P1", false, nil, &scores[0], "spend=high", asOf},
		{"P2", false, &sums[2], nil, "", asOf},
		{"P3", false, nil, nil, "spend=low vip=gold", asOf}, // manual tags laid over
		{"C1", true, &sums[0], &scores[2], "", asOf},
	}
	// Pointers must point into the inputs, not at copies.
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b *customer.Summary) bool { return a == b }),
		cmp.Comparer(func(a, b *rfm.Scores) bool { return a == b })); diff != "" {
		t.Errorf("Join() members mismatch (-want +got):\n%s", diff)
	}
	if members[0].Person != &people[0] || members[3].Company != &companies[0] {
		t.Error("Join() copied the records")
	}
	if len(members[2].Manual) != 1 {
		t.Errorf("Join() Manual = %v, want the result's", members[2].Manual)
	}
	wantUn := segment.Unmatched{
		Summaries: []customer.ID{"X9"}, Scores: []customer.ID{""}, Tags: []customer.ID{"Z1"},
		NoSummary: 2, NoScores: 2, NoTags: 2,
	}
	if diff := cmp.Diff(wantUn, un); diff != "" {
		t.Errorf("Join() unmatched mismatch (-want +got):\n%s", diff)
	}

	// Nothing but people: every side is missing, and counted.
	members, un, err = segment.Members{People: people}.Join()
	if err != nil || len(members) != 3 {
		t.Fatalf("Join(people only) = %d members, %v", len(members), err)
	}
	if diff := cmp.Diff(segment.Unmatched{NoSummary: 3, NoScores: 3, NoTags: 3}, un, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Join(people only) unmatched mismatch (-want +got):\n%s", diff)
	}
	// Without AsOf a member is dated by its summary, and one without a
	// summary has no date: Run counts it as invalid.
	members, _, _ = segment.Members{People: people, Summaries: sums}.Join()
	if !members[1].Date().Equal(asOf) || !members[0].Date().IsZero() {
		t.Errorf("dates without AsOf: %v, %v", members[1].Date(), members[0].Date())
	}
}

func TestMembersJoinErrors(t *testing.T) {
	people := []customer.Person{{ID: "P1"}, {ID: "P2"}}
	tests := []struct {
		name string
		ms   segment.Members
	}{
		{"repeated person", segment.Members{People: []customer.Person{{ID: "P1"}, {ID: "P1"}}}},
		{"person and company share an ID", segment.Members{People: people, Companies: []customer.Company{{ID: "P2"}}}},
		{"empty person ID", segment.Members{People: []customer.Person{{ID: "P1"}, {}}}},
		{"empty company ID", segment.Members{Companies: []customer.Company{{}}}},
		{"repeated summary", segment.Members{People: people, Summaries: []customer.Summary{{CustomerID: "P1"}, {CustomerID: "P1"}}}},
		{"repeated unmatched summary", segment.Members{People: people, Summaries: []customer.Summary{{CustomerID: "X"}, {CustomerID: "X"}}}},
		{"repeated scores", segment.Members{People: people, Scores: []rfm.Scores{{CustomerID: "P2"}, {CustomerID: "P2"}}}},
		{"repeated tags", segment.Members{People: people, Tags: []tagging.Result{{ID: "P1"}, {ID: "P1"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			members, _, err := tt.ms.Join()
			if !errors.Is(err, segment.ErrDuplicateID) || members != nil {
				t.Errorf("Join() = %d members, %v; want none and ErrDuplicateID", len(members), err)
			}
		})
	}
}

// TestMembersJoinMatchesHandBuilt joins a synthetic data set and checks
// that the members are those the tests build by hand, map by map.
func TestMembersJoinMatchesHandBuilt(t *testing.T) {
	cfg := synth.Config{People: 400, Companies: 40, Seed: 5}
	want := synthMembers(t, cfg)
	people, companies := synth.People(cfg), synth.Companies(cfg)
	sums, _, err := customer.Summarize(t.Context(), synth.Orders(cfg), synth.DefaultAsOf, customer.SummaryOptions{TrustOrderIDs: true})
	if err != nil {
		t.Fatal(err)
	}
	taggers, err := tagging.Builtin(tagging.BuiltinConfig{})
	if err != nil {
		t.Fatal(err)
	}
	var results []tagging.Result
	for _, profiles := range []func(yield func(tagging.Profile) bool){
		tagging.Profiles(people, sums, synth.DefaultAsOf), tagging.Profiles(companies, sums, synth.DefaultAsOf),
	} {
		for r, err := range tagging.Apply(t.Context(), profiles, taggers, tagging.Options{}) {
			if err != nil {
				t.Fatal(err)
			}
			results = append(results, r)
		}
	}
	got, un, err := segment.Members{AsOf: synth.DefaultAsOf, People: people, Companies: companies, Summaries: sums, Tags: results}.Join()
	if err != nil {
		t.Fatal(err)
	}
	if len(un.Summaries) != 0 || len(un.Tags) != 0 || un.NoTags != 0 {
		t.Errorf("unmatched: %+v", un)
	}
	if len(got) != len(want) {
		t.Fatalf("%d members, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := &got[i], &want[i]
		if g.ID() != w.ID() || !cmp.Equal(g.Summary, w.Summary) || !slices.Equal(g.Tags.Tags(), w.Tags.Tags()) || !g.AsOf.Equal(w.AsOf) {
			t.Fatalf("member %d: got %s %v %v, want %s %v %v", i, g.ID(), g.Summary != nil, g.Tags, w.ID(), w.Summary != nil, w.Tags)
		}
	}
}
