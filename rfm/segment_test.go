package rfm_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
)

// allScores returns every combination of scores 1..n.
func allScores(n int) []rfm.Scores {
	var out []rfm.Scores
	for r := 1; r <= n; r++ {
		for f := 1; f <= n; f++ {
			for m := 1; m <= n; m++ {
				out = append(out, rfm.Scores{R: r, F: f, M: m})
			}
		}
	}
	return out
}

// countSegments assigns every combination and counts them per name, also
// checking that Assign agrees with Segment one by one.
func countSegments(t *testing.T, table rfm.SegmentTable) map[string]int {
	t.Helper()
	all := allScores(table.Bins)
	idx, err := table.Assign(all)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for i, s := range all {
		name := table.Name(idx[i])
		if name != table.Name(table.Match(s)) {
			t.Errorf("%+v: Assign gives %q, Segment %q", s, name, table.Name(table.Match(s)))
		}
		counts[name]++
	}
	return counts
}

// TestStandardSegmentsExhaustive assigns all 125 combinations. The
// expected counts were worked out by hand, rule by rule, removing the
// combinations an earlier rule takes: Champions 1; Potential Loyalist
// 3*3*4 - 1 = 35; Loyal Customers 27 less R3-4 F3-4 M2-4 (12) = 15;
// Promising 18 less F3 (6, Potential Loyalist) and F2 M3-4 (4, Loyal) =
// 8; New Customers 15 (R4: F1 M1-2, F2 M1, F3 M1; R5: F1-2 all, F3 M1);
// Can't Lose Them 6 (R1 all 4, R2 M5 2); At Risk 7 (R2: F2 M5, F5 M4-5;
// R1: F2 and F5 with M4-5); Need Attention 4 (R2 F5 M3; R1 F3-5 M3);
// About To Sleep 10 (R2: F1 M1-4, F2-3 M1; R3: F3 M1, F2 M1, F1 M1-2);
// Lost 25 less 11 = 14; and 10 match nothing (R2: F1 M5, F4 M1, F5 M1-2;
// R3-5: F4 M1, F5 M1).
func TestStandardSegmentsExhaustive(t *testing.T) {
	want := map[string]int{
		"Champions": 1, "Potential Loyalist": 35, "Loyal Customers": 15, "Promising": 8,
		"New Customers": 15, "Can't Lose Them": 6, "At Risk": 7, "Need Attention": 4,
		"About To Sleep": 10, "Lost": 14, "Others": 10,
	}
	if diff := cmp.Diff(want, countSegments(t, rfm.StandardSegments())); diff != "" {
		t.Errorf("segment counts mismatch (-want +got):\n%s", diff)
	}
	table := rfm.StandardSegments()
	for _, c := range []struct {
		s    rfm.Scores
		want string
	}{
		{rfm.Scores{R: 5, F: 5, M: 5}, "Champions"},
		{rfm.Scores{R: 5, F: 5, M: 4}, "Potential Loyalist"},
		{rfm.Scores{R: 2, F: 2, M: 2}, "Loyal Customers"},
		{rfm.Scores{R: 4, F: 1, M: 5}, "Promising"},
		{rfm.Scores{R: 5, F: 1, M: 1}, "New Customers"},
		{rfm.Scores{R: 1, F: 4, M: 5}, "Can't Lose Them"},
		{rfm.Scores{R: 1, F: 5, M: 5}, "At Risk"},
		{rfm.Scores{R: 1, F: 5, M: 3}, "Need Attention"},
		{rfm.Scores{R: 3, F: 1, M: 1}, "About To Sleep"},
		{rfm.Scores{R: 1, F: 1, M: 1}, "Lost"},
		{rfm.Scores{R: 5, F: 5, M: 1}, "Others"},
		{rfm.Scores{R: 2, F: 1, M: 5}, "Others"},
		{rfm.Scores{R: 0, F: 9, M: 9}, "Others"}, // out of range: no rule matches
	} {
		if got := table.Name(table.Match(c.s)); got != c.want {
			t.Errorf("Segment(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}

// TestGridSegmentsExhaustive: the ten R×F cells tile the 5×5 grid, so
// every combination matches exactly one rule (never the fallback), and
// monetary does not matter.
func TestGridSegmentsExhaustive(t *testing.T) {
	// Expected cell names, row R = 5 down to 1, columns F = 1..5.
	grid := [5][5]string{
		{"New Customers", "Potential Loyalists", "Potential Loyalists", "Champions", "Champions"},
		{"Promising", "Potential Loyalists", "Potential Loyalists", "Loyal", "Loyal"},
		{"About to Sleep", "About to Sleep", "Need Attention", "Loyal", "Loyal"},
		{"Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose"},
		{"Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose"},
	}
	table := rfm.GridSegments()
	for _, s := range allScores(5) {
		matches := 0
		for _, r := range table.Rules {
			if (rfm.SegmentTable{Rules: []rfm.SegmentRule{r}}).Match(s) == 0 {
				matches++
			}
		}
		if matches != 1 {
			t.Errorf("%+v matches %d rules, want exactly 1", s, matches)
		}
		if got, want := table.Name(table.Match(s)), grid[5-s.R][s.F-1]; got != want {
			t.Errorf("Segment(%+v) = %q, want %q", s, got, want)
		}
	}
}

// TestValueSegmentsExhaustive: the eight classes of the mean-split model
// cover the 2×2×2 combinations one each, high being 2.
func TestValueSegmentsExhaustive(t *testing.T) {
	want := map[rfm.Scores][2]string{
		{R: 2, F: 2, M: 2}: {"Important value", "重要价值客户"},
		{R: 2, F: 1, M: 2}: {"Important growth", "重要发展客户"},
		{R: 1, F: 2, M: 2}: {"Important retention", "重要保持客户"},
		{R: 1, F: 1, M: 2}: {"Important win-back", "重要挽留客户"},
		{R: 2, F: 2, M: 1}: {"General value", "一般价值客户"},
		{R: 2, F: 1, M: 1}: {"General growth", "一般发展客户"},
		{R: 1, F: 2, M: 1}: {"General retention", "一般保持客户"},
		{R: 1, F: 1, M: 1}: {"General win-back", "一般挽留客户"},
	}
	table := rfm.ValueSegments()
	all := allScores(2)
	idx, err := table.Assign(all)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for i, s := range all {
		if idx[i] < 0 {
			t.Fatalf("%+v falls to the fallback", s)
		}
		r := table.Rules[idx[i]]
		if got := [2]string{r.Name, r.Label}; got != want[s] {
			t.Errorf("%+v: got %v, want %v", s, got, want[s])
		}
		seen[idx[i]] = true
	}
	if len(seen) != 8 {
		t.Errorf("%d distinct classes, want 8", len(seen))
	}
}

// TestValueModelRecencyDirection runs the whole path for the eight-class
// model on three customers and checks the common mistake is not made: a
// customer who bought more recently than average (fewer days) is "R
// high".
func TestValueModelRecencyDirection(t *testing.T) {
	values := []rfm.Values{
		{CustomerID: "recent-big", Recency: 1, Frequency: 9, Monetary: dec("900")},
		{CustomerID: "stale-big", Recency: 300, Frequency: 9, Monetary: dec("900")},
		{CustomerID: "recent-small", Recency: 2, Frequency: 1, Monetary: dec("1")},
	}
	scores, err := rfm.MeanSplit{}.Score(values)
	if err != nil {
		t.Fatal(err)
	}
	table := rfm.ValueSegments()
	var got []string
	for _, s := range scores {
		got = append(got, table.Name(table.Match(s)))
	}
	want := []string{"Important value", "Important retention", "General growth"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("segments mismatch (-want +got):\n%s", diff)
	}
}

func TestTableValidate(t *testing.T) {
	tests := []struct {
		name  string
		table rfm.SegmentTable
		ok    bool
	}{
		{"standard", rfm.StandardSegments(), true},
		{"grid", rfm.GridSegments(), true},
		{"value", rfm.ValueSegments(), true},
		{"empty", rfm.SegmentTable{}, true},
		{"no name", rfm.SegmentTable{Rules: []rfm.SegmentRule{{R: rfm.Range{1, 2}}}}, false},
		{"reversed", rfm.SegmentTable{Rules: []rfm.SegmentRule{{Name: "x", F: rfm.Range{3, 2}}}}, false},
		{"above bins", rfm.SegmentTable{Bins: 3, Rules: []rfm.SegmentRule{{Name: "x", M: rfm.Range{1, 4}}}}, false},
		{"zero min", rfm.SegmentTable{Rules: []rfm.SegmentRule{{Name: "x", M: rfm.Range{0, 4}}}}, false},
		{"negative bins", rfm.SegmentTable{Bins: -1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.table.Validate()
			if (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, rfm.ErrConfig) {
				t.Errorf("Validate() = %v, want ErrConfig", err)
			}
			if _, aerr := tt.table.Assign([]rfm.Scores{{R: 1, F: 1, M: 1}}); (aerr == nil) != tt.ok {
				t.Errorf("Assign error = %v, want ok %v", aerr, tt.ok)
			}
		})
	}
}

// TestCustomTable: a host table with a fallback name of its own, on
// scores outside the table's range too.
func TestCustomTable(t *testing.T) {
	table := rfm.SegmentTable{
		Bins:     3,
		Rules:    []rfm.SegmentRule{{Name: "高价值", R: rfm.Range{3, 3}, M: rfm.Range{2, 3}}, {Name: "沉睡", R: rfm.Range{1, 1}}},
		Fallback: "一般",
	}
	scores := []rfm.Scores{{R: 3, F: 1, M: 3}, {R: 1, F: 3, M: 3}, {R: 2, F: 2, M: 2}, {R: 3, F: 1, M: 1}, {R: 9, F: 9, M: 9}}
	idx, err := table.Assign(scores)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{0, 1, -1, -1, -1}, idx); diff != "" {
		t.Errorf("Assign mismatch (-want +got):\n%s", diff)
	}
	if got := table.Name(-1); got != "一般" {
		t.Errorf("Name(-1) = %q", got)
	}
}
