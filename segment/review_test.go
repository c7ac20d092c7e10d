package segment_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// bySegmentField segments persons by their Occupation field, which the
// review test sets to the segment ID.
var bySegmentField = segment.SegmenterFunc(func(m *segment.Member, dst []string) []string {
	return append(dst, m.Person.Occupation)
})

func periodMember(id customer.ID, seg string, orders int, net string) segment.Member {
	m := segment.Member{Profile: tagging.Profile{Person: &customer.Person{ID: id, Occupation: seg}, AsOf: asOf}}
	if orders > 0 {
		m.Summary = &customer.Summary{CustomerID: id, AsOf: asOf, Orders: orders, Net: dec(net)}
	}
	return m
}

func period(t *testing.T, members ...segment.Member) segment.Period {
	t.Helper()
	res, err := segment.Run(t.Context(), members, bySegmentField, segment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return segment.Period{Members: members, Result: res}
}

func TestCompare(t *testing.T) {
	a := periodMember("A", "young", 2, "300")
	a.Person.Name, a.Person.Phone = "甲", "13800000000"
	before := period(t,
		a,
		periodMember("B", "young", 0, ""),
		periodMember("C", "other", 1, "50"),
		periodMember("D", "young", 1, "100"),
	)
	after := period(t,
		periodMember("A", "other", 1, "200"),
		periodMember("B", "young", 3, "330"),
		periodMember("C", "other", 0, ""),
		periodMember("E", "young", 1, "100"),
	)
	rev, err := segment.Compare(before, after, segment.ReviewOptions{Costs: map[string]decimal.Decimal{"young": dec("100")}})
	if err != nil {
		t.Fatal(err)
	}
	want := []segment.SegmentReview{
		{
			Segment: segment.Segment{ID: "other"}, Members: 1, Retained: 1, Buyers: 1,
			AOVBefore: dec("50"), AOVAfter: decimal.Decimal{}, AOVChange: dec("-50"), AOVChangeRate: -1,
			Revenue: decimal.Decimal{}, Completeness: 0.1, // occupation only: 1 of 10
		},
		{
			Segment: segment.Segment{ID: "young"}, Members: 3, Retained: 2, Buyers: 2, Converted: 2, Repurchased: 1,
			ConversionRate: 2.0 / 3, RepurchaseRate: 0.5,
			// 400 / 3 purchases before; 530 / 4 after.
			AOVBefore: dec("133.33"), AOVAfter: dec("132.50"), AOVChange: dec("-0.83"), AOVChangeRate: -0.83 / 133.33,
			// (530 − 100) / 100.
			Revenue: dec("530"), Cost: dec("100"), ROI: dec("4.3"), HasROI: true,
			Completeness: (0.5 + 0.1 + 0.1) / 3, // A has name and phone too: 5 of 10
		},
	}
	if diff := cmp.Diff(want, rev.Segments, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("segments mismatch (-want +got):\n%s", diff)
	}
	wantMig := segment.Migration{
		From: []string{"other", "young", "(none)", "(absent)"},
		To:   []string{"other", "young", "(none)", "(absent)"},
		Counts: [][]int{
			{1, 0, 0, 0}, // C stays
			{1, 1, 0, 1}, // A leaves for other, B stays, D is gone
			{0, 0, 0, 0},
			{0, 1, 0, 0}, // E is new
		},
		Stayed: 2, Moved: 1, Stability: 2.0 / 3,
	}
	if diff := cmp.Diff(wantMig, rev.Migration, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("migration mismatch (-want +got):\n%s", diff)
	}
	if q := rev.Before; q.Persons.Records != 4 || q.Companies.Records != 0 || !approx(q.Score, 0.2) || q.MeetsTarget {
		t.Errorf("before quality: %+v", q)
	}
	if q := rev.After; q.Persons.Records != 4 || !approx(q.Score, 0.1) || q.MeetsTarget {
		t.Errorf("after quality: %+v", q)
	}
}

func approx(a, b float64) bool { return a-b < 1e-12 && b-a < 1e-12 }

func TestCompareErrors(t *testing.T) {
	p := period(t, periodMember("A", "x", 1, "1"), periodMember("B", "x", 0, ""))
	short := segment.Period{Members: p.Members[:1], Result: p.Result}
	if _, err := segment.Compare(short, p, segment.ReviewOptions{}); !errors.Is(err, segment.ErrMismatch) {
		t.Errorf("mismatched result: %v", err)
	}
	if _, err := segment.Compare(p, segment.Period{}, segment.ReviewOptions{}); !errors.Is(err, segment.ErrMismatch) {
		t.Errorf("no result: %v", err)
	}
	dup := period(t, periodMember("A", "x", 1, "1"), periodMember("A", "x", 0, ""))
	if _, err := segment.Compare(p, dup, segment.ReviewOptions{}); !errors.Is(err, segment.ErrDuplicateID) {
		t.Errorf("duplicate ID: %v", err)
	}
	for _, costs := range []map[string]decimal.Decimal{{"y": dec("1")}, {"x": dec("-1")}} {
		if _, err := segment.Compare(p, p, segment.ReviewOptions{Costs: costs}); !errors.Is(err, segment.ErrConfig) {
			t.Errorf("costs %v: %v", costs, err)
		}
	}
	bad := segment.ReviewOptions{Completeness: customer.Completeness{Person: []customer.FieldWeight{{Field: "nope", Weight: 1}}}}
	if _, err := segment.Compare(p, p, bad); !errors.Is(err, customer.ErrConfig) {
		t.Errorf("bad completeness weights: %v", err)
	}
}

func TestBetween(t *testing.T) {
	day := func(d int) customer.Order {
		return customer.Order{ID: string(rune('a' + d)), At: time.Date(2026, 1, d, 12, 0, 0, 0, time.UTC)}
	}
	orders := []customer.Order{day(1), day(2), day(3), day(4)}
	var got []string
	for o := range segment.Between(slices.Values(orders), orders[1].At, orders[3].At) {
		got = append(got, o.ID)
	}
	if diff := cmp.Diff([]string{"c", "d"}, got); diff != "" {
		t.Errorf("Between mismatch (-want +got):\n%s", diff)
	}
}
