package segment_test

import (
	"context"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/segment"
)

// millionMembers are a million synth persons (and 50,000 companies) with
// summaries and built-in tags, built once per test binary: the orders are
// streamed from synth.Orders, grouped by customer, never held at once.
var millionMembers = sync.OnceValues(func() ([]segment.Member, error) {
	return buildMembers(synth.Config{People: 1_000_000, Seed: 1})
})

// tenRules is a 10-rule table: the four personas and six behavioural
// rules, with a catch-all.
func tenRules() segment.Table {
	t := segment.Personas()
	t.Rules = append(t.Rules,
		segment.Rule{Segment: segment.Segment{ID: "vip"}, When: []string{"spend >= 20000", "tag = loyalty=loyal"}},
		segment.Rule{Segment: segment.Segment{ID: "lapsing"}, When: []string{"tag in lifecycle=at-risk, lifecycle=dormant"}},
		segment.Rule{Segment: segment.Segment{ID: "churned"}, When: []string{"recency > 365"}},
		segment.Rule{Segment: segment.Segment{ID: "deal-hunters"}, When: []string{"discount_share >= 0.5", "orders >= 3"}},
		segment.Rule{Segment: segment.Segment{ID: "new"}, When: []string{"tag = lifecycle=new"}},
		segment.Rule{Segment: segment.Segment{ID: "prospects"}, When: []string{"orders = 0"}},
	)
	return t
}

// BenchmarkRun segments a million persons and 50,000 companies with a
// 10-rule table and builds every profile.
func BenchmarkRun(b *testing.B) {
	members, err := millionMembers()
	if err != nil {
		b.Fatal(err)
	}
	rs, err := tenRules().Compile()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := segment.Run(context.Background(), members, rs, segment.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunSequential is BenchmarkRun on one goroutine: its ns/op is
// the CPU time of a run.
func BenchmarkRunSequential(b *testing.B) {
	members, err := millionMembers()
	if err != nil {
		b.Fatal(err)
	}
	rs, err := tenRules().Compile()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := segment.Run(context.Background(), members, rs, segment.Options{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssign assigns one member at a time with the 10-rule table;
// it does not allocate.
func BenchmarkAssign(b *testing.B) {
	members, err := buildMembers(synth.Config{People: 10_000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	rs, err := tenRules().Compile()
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]string, 0, 4)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		dst = rs.Assign(&members[i], dst[:0])
		i = (i + 1) % len(members)
	}
}
