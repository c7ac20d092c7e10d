package segment_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// smallMembers are six members whose profiles are worked out by hand in
// TestRunProfiles.
func smallMembers() []segment.Member {
	m0 := fixturePerson() // 27, 杭州 新一线, female, AOV 250, 4 purchases (3 online, 1 offline)
	m1 := segment.Member{ // 40, 潍坊 二线, AOV 100, 2 purchases in stores
		Profile: tagging.Profile{
			Person: &customer.Person{ID: "P40", Gender: customer.Male, BirthDate: time.Date(1986, 1, 1, 0, 0, 0, 0, time.UTC), City: "潍坊"},
			Summary: &customer.Summary{CustomerID: "P40", AsOf: asOf, Orders: 2, Net: dec("200"), AvgOrderValue: dec("100"),
				Categories: []customer.CategoryStat{{Category: "home", Orders: 2, Spend: dec("200")}},
				Channels:   []customer.ChannelStat{{Channel: customer.ChannelOffline, Orders: 2, Spend: dec("200")}}},
			AsOf: asOf,
		},
		Tags: tagging.SetOf(tagging.Tag{Group: "spend", Value: "mid"}),
	}
	m2 := segment.Member{ // no birth date, a city outside the ranking, no orders
		Profile: tagging.Profile{Person: &customer.Person{ID: "P0", City: "火星"}, AsOf: asOf},
	}
	m3 := fixtureCompany() // 工业, 6000 employees, 苏州 新一线, no orders
	m4 := segment.Member{} // invalid: neither person nor company
	m5 := segment.Member{  // 22, 上海 一线, male, one online purchase of 75.50
		Profile: tagging.Profile{
			Person: &customer.Person{ID: "P22", Gender: customer.Male, BirthDate: time.Date(2004, 2, 29, 0, 0, 0, 0, time.UTC), City: "上海市"},
			Summary: &customer.Summary{CustomerID: "P22", AsOf: asOf, Orders: 1, Net: dec("75.5"), AvgOrderValue: dec("75.50"),
				Categories: []customer.CategoryStat{{Category: "beauty", Orders: 1, Spend: dec("75.5")}},
				Channels:   []customer.ChannelStat{{Channel: customer.ChannelApp, Orders: 1, Spend: dec("75.5")}}},
			AsOf: asOf,
		},
		Tags: tagging.SetOf(tagging.Tag{Group: "spend", Value: "low"}),
	}
	return []segment.Member{m0, m1, m2, m3, m4, m5}
}

func smallTable(catchAll bool) segment.Table {
	t := segment.Table{Rules: []segment.Rule{
		{Segment: segment.Segment{ID: "young", Name: "年轻", Strategy: segment.Strategy{Product: "new lines"}}, When: []string{"age < 30"}},
		rule("company", "employees > 0"),
	}}
	if catchAll {
		t.CatchAll = segment.Segment{ID: "other"}
	}
	return t
}

func TestRunProfiles(t *testing.T) {
	rs, err := smallTable(true).Compile()
	if err != nil {
		t.Fatal(err)
	}
	res, err := segment.Run(t.Context(), smallMembers(), rs, segment.Options{Workers: 1, Top: 3})
	if err != nil {
		t.Fatal(err)
	}
	count := func(v string, n, of int) segment.Count {
		return segment.Count{Value: v, Count: n, Share: float64(n) / float64(of)}
	}
	zero := decimal.Decimal{}
	want := []segment.Portrait{
		{
			Segment: segment.Segment{ID: "young", Name: "年轻", Strategy: segment.Strategy{Product: "new lines"}},
			Size:    2, Share: 2.0 / 5, Persons: 2, Buyers: 2,
			Ages:    []segment.Count{count("18-24", 1, 2), count("25-29", 1, 2)},
			Genders: []segment.Count{count("male", 1, 2), count("female", 1, 2)},
			Tiers:   []segment.Count{count("一线", 1, 2), count("新一线", 1, 2)},
			Cities:  []segment.Count{count("上海", 1, 2), count("杭州", 1, 2)},
			// (250 + 75.50) / 2 = 162.75, mean and median alike.
			AOV:       segment.MoneyStat{N: 2, Mean: dec("162.75"), Median: dec("162.75")},
			Frequency: segment.Stat{N: 2, Mean: 2.5, Median: 2.5},
			Tags:      []segment.Count{count("need=quality", 1, 2), count("spend=low", 1, 2), count("spend=mid", 1, 2)},
			// Top 3 of 600 + 400 + 75.5 = 1075.5.
			Categories: []segment.Amount{
				{Value: "apparel", Amount: dec("600"), Share: 600 / 1075.5},
				{Value: "books", Amount: dec("400"), Share: 400 / 1075.5},
				{Value: "beauty", Amount: dec("75.5"), Share: 75.5 / 1075.5},
			},
			Channels: []segment.Count{count("online", 3, 5), count("app", 1, 5), count("offline", 1, 5)},
		},
		{
			Segment: segment.Segment{ID: "company"},
			Size:    1, Share: 1.0 / 5, Companies: 1,
			Tiers:      []segment.Count{count("新一线", 1, 1)},
			Cities:     []segment.Count{count("苏州", 1, 1)},
			Industries: []segment.Count{count("工业", 1, 1)},
			Sizes:      []segment.Count{count("大型", 1, 1)},
			AOV:        segment.MoneyStat{Mean: zero, Median: zero},
			Frequency:  segment.Stat{N: 1},
		},
		{
			Segment: segment.Segment{ID: "other"},
			Size:    2, Share: 2.0 / 5, Persons: 2, Buyers: 1,
			Ages:       []segment.Count{count("40-49", 1, 2), count("未知", 1, 2)},
			Genders:    []segment.Count{count("male", 1, 2), count("未知", 1, 2)},
			Tiers:      []segment.Count{count("二线", 1, 2), count("未知", 1, 2)},
			Cities:     []segment.Count{count("未知", 1, 2), count("潍坊", 1, 2)}, // ties by name
			AOV:        segment.MoneyStat{N: 1, Mean: dec("100"), Median: dec("100")},
			Frequency:  segment.Stat{N: 2, Mean: 1, Median: 1}, // purchases 2 and 0
			Tags:       []segment.Count{count("spend=mid", 1, 2)},
			Categories: []segment.Amount{{Value: "home", Amount: dec("200"), Share: 1}},
			Channels:   []segment.Count{count("offline", 2, 2)},
		},
	}
	if diff := cmp.Diff(want, res.Portraits, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("Profiles mismatch (-want +got):\n%s", diff)
	}
	if res.Members != 6 || res.Valid != 5 || !cmp.Equal(res.Invalid, []int{4}) || len(res.Unassigned) != 0 {
		t.Errorf("counts: members %d, valid %d, invalid %v, unassigned %v", res.Members, res.Valid, res.Invalid, res.Unassigned)
	}
	if res.UnknownCities != 1 || res.MissingBirthDates != 1 {
		t.Errorf("unknown cities %d, missing birth dates %d; want 1 and 1", res.UnknownCities, res.MissingBirthDates)
	}
	for i, want := range []int{0, 2, 2, 1, -1, 0} {
		got, ok := res.Primary(i)
		if got != want || ok != (want >= 0) {
			t.Errorf("Primary(%d) = %d, %v; want %d", i, got, ok, want)
		}
	}
	if res.Index("other") != 2 || res.Index("nope") != -1 {
		t.Error("Index")
	}
}

func TestRunGuardRails(t *testing.T) {
	rs, err := smallTable(false).Compile()
	if err != nil {
		t.Fatal(err)
	}
	res, err := segment.Run(t.Context(), smallMembers(), rs, segment.Options{MinSize: 2, MinShare: -1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]customer.ID{"P40", "P0"}, res.Unassigned); diff != "" {
		t.Errorf("Unassigned mismatch (-want +got):\n%s", diff)
	}
	want := []segment.Warning{
		{Kind: "small-segment", Segment: "company", Rule: -1, Size: 1, Share: 0.2,
			Message: "segment company has 1 members (20.0%), below the minimum of 2 members"},
		{Kind: "unassigned", Rule: -1, Size: 2, Share: 0.4,
			Message: "2 members (40.0%) are in no segment; add a catch-all or review the rules"},
	}
	if diff := cmp.Diff(want, res.Warnings); diff != "" {
		t.Errorf("Warnings mismatch (-want +got):\n%s", diff)
	}

	// A rule combining too many dimensions that also comes out small is
	// reported both ways.
	rs, err = segment.Table{Rules: []segment.Rule{rule("fine", "age < 30", "tier = 一线", "aov < 100")}, CatchAll: segment.Segment{ID: "rest"}}.Compile()
	if err != nil {
		t.Fatal(err)
	}
	res, err = segment.Run(t.Context(), smallMembers(), rs, segment.Options{MinShare: 0.25})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, w := range res.Warnings {
		kinds = append(kinds, w.Kind+" "+w.Segment)
	}
	if diff := cmp.Diff([]string{"many-dimensions fine", "small-segment fine"}, kinds); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
}

func TestRunUnlistedSegments(t *testing.T) {
	// A SegmenterFunc lists nothing: segments come in ID order, whatever
	// the order they are met in.
	s := segment.SegmenterFunc(func(m *segment.Member, dst []string) []string {
		if m.IsCompany() {
			return append(dst, "b2b")
		}
		return append(dst, "b2c", "all")
	})
	st := segment.Strategy{Service: "key accounts"}
	res, err := segment.Run(t.Context(), smallMembers(), s, segment.Options{Workers: 3, Strategies: map[string]segment.Strategy{"b2b": st}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Segments[1].Strategy != st || res.Portraits[1].Segment.Strategy != st || res.Segments[0].Strategy != (segment.Strategy{}) {
		t.Errorf("strategies: %+v", res.Segments)
	}
	var ids []string
	for _, seg := range res.Segments {
		ids = append(ids, seg.ID)
	}
	if diff := cmp.Diff([]string{"all", "b2b", "b2c"}, ids); diff != "" {
		t.Errorf("segments mismatch (-want +got):\n%s", diff)
	}
	if got := res.Of(0); !cmp.Equal(got, []int32{2, 0}) {
		t.Errorf("Of(0) = %v, want [2 0] (b2c, all)", got)
	}
	if res.Portraits[0].Size != 4 || res.Portraits[1].Size != 1 {
		t.Errorf("sizes %d, %d", res.Portraits[0].Size, res.Portraits[1].Size)
	}
}

func TestRunErrors(t *testing.T) {
	rs, err := smallTable(true).Compile()
	if err != nil {
		t.Fatal(err)
	}
	members := smallMembers()
	for _, opts := range []segment.Options{
		{Workers: -1}, {MinSize: -1}, {MinShare: 1.5}, {Top: -2}, {AgeBands: []int{30, 20}}, {AgeBands: []int{}},
	} {
		if _, err := segment.Run(t.Context(), members, rs, opts); !errors.Is(err, segment.ErrConfig) {
			t.Errorf("Run with %+v: %v, want ErrConfig", opts, err)
		}
	}
	if _, err := segment.Run(t.Context(), members, nil, segment.Options{}); !errors.Is(err, segment.ErrConfig) {
		t.Errorf("nil segmenter: %v", err)
	}
	empty := segment.SegmenterFunc(func(m *segment.Member, dst []string) []string { return append(dst, "") })
	if _, err := segment.Run(t.Context(), members, empty, segment.Options{}); !errors.Is(err, segment.ErrConfig) {
		t.Errorf("empty segment ID: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := segment.Run(ctx, members, rs, segment.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	// No members is not an error.
	res, err := segment.Run(t.Context(), nil, rs, segment.Options{})
	if err != nil || res.Valid != 0 || len(res.Portraits) != 3 || res.Portraits[0].Size != 0 {
		t.Errorf("no members: %v, %+v", err, res)
	}
}

// TestRunWorkers checks that every worker count gives the identical
// result on synthetic data spanning several chunks.
func TestRunWorkers(t *testing.T) {
	members := synthMembers(t, synth.Config{People: 12_000, Seed: 5, Defects: 0.05})
	rs, err := tenRules().Compile()
	if err != nil {
		t.Fatal(err)
	}
	base, err := segment.Run(t.Context(), members, rs, segment.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if base.MissingBirthDates == 0 {
		t.Error("synth defects should leave some persons without a birth date")
	}
	for _, w := range []int{2, 3, 8} {
		got, err := segment.Run(t.Context(), members, rs, segment.Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(base, got, cmp.AllowUnexported(segment.Result{})); diff != "" {
			t.Errorf("Workers %d differs from Workers 1 (-want +got):\n%s", w, diff)
		}
	}
	// Every valid member is in exactly one segment (first match with a
	// catch-all), so sizes add up.
	total := 0
	for _, p := range base.Portraits {
		total += p.Size
	}
	if total != base.Valid || len(base.Unassigned) != 0 {
		t.Errorf("sizes add up to %d of %d valid, %d unassigned", total, base.Valid, len(base.Unassigned))
	}
}
