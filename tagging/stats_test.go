package tagging_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fourProfiles are the hand-counted profiles of the Stats tests.
var fourProfiles = []tagging.Set{
	tagging.SetOf(tg("spend", "high"), tg("activity", "low"), tg("need", "eco"), tg("need", "quality")),
	tagging.SetOf(tg("spend", "high"), tg("activity", "high")),
	tagging.SetOf(tg("spend", "low"), tg("need", "eco")),
	{},
}

func newStats(sets []tagging.Set) *tagging.Stats {
	st := &tagging.Stats{
		Groups: []tagging.Group{{Name: "spend", Values: []string{"high", "mid", "low"}}},
		Cross:  []tagging.Pair{{Row: "spend", Col: "activity"}, {Row: "need", Col: "spend"}},
	}
	for _, s := range sets {
		st.AddSet(s)
	}
	return st
}

func TestStatsCounts(t *testing.T) {
	st := newStats(fourProfiles)
	if st.Profiles() != 4 || st.Count(tg("need", "eco")) != 2 || st.Count(tg("spend", "mid")) != 0 {
		t.Errorf("Profiles() = %d, Count(need=eco) = %d, Count(spend=mid) = %d; want 4, 2, 0",
			st.Profiles(), st.Count(tg("need", "eco")), st.Count(tg("spend", "mid")))
	}
	c := func(g, v string, n int, share float64) tagging.Count {
		return tagging.Count{Tag: tg(g, v), Profiles: n, Share: share}
	}
	// Declared groups first, values in declared order; then by name.
	wantCounts := []tagging.Count{
		c("spend", "high", 2, 0.5), c("spend", "mid", 0, 0), c("spend", "low", 1, 0.25),
		c("activity", "high", 1, 0.25), c("activity", "low", 1, 0.25),
		c("need", "eco", 2, 0.5), c("need", "quality", 1, 0.25),
	}
	if diff := cmp.Diff(wantCounts, st.Counts()); diff != "" {
		t.Errorf("Counts() mismatch (-want +got):\n%s", diff)
	}
	shares := map[string][]tagging.Count{
		"spend": {c("spend", "high", 2, 0.5), c("spend", "mid", 0, 0), c("spend", "low", 1, 0.25), c("spend", "", 1, 0.25)},
		// Multi-valued: shares add up to more than 1.
		"need": {c("need", "eco", 2, 0.5), c("need", "quality", 1, 0.25), c("need", "", 2, 0.5)},
		"none": {c("none", "", 4, 1)},
	}
	for g, want := range shares {
		if diff := cmp.Diff(want, st.Shares(g)); diff != "" {
			t.Errorf("Shares(%s) mismatch (-want +got):\n%s", g, diff)
		}
	}
	var zero tagging.Stats
	if zero.Profiles() != 0 || len(zero.Counts()) != 0 || len(zero.Shares("spend")) != 0 {
		t.Errorf("zero Stats not empty")
	}
}

func TestStatsCrossTab(t *testing.T) {
	st := newStats(fourProfiles)
	tests := []struct {
		row, col string
		want     *tagging.CrossTab
	}{
		{"spend", "activity", &tagging.CrossTab{Row: "spend", Col: "activity",
			Rows: []string{"high", "mid", "low", ""}, Cols: []string{"high", "low", ""},
			Counts: [][]int{{1, 1, 0}, {0, 0, 0}, {0, 0, 1}, {0, 0, 1}}}},
		{"activity", "spend", &tagging.CrossTab{Row: "activity", Col: "spend",
			Rows: []string{"high", "low", ""}, Cols: []string{"high", "mid", "low", ""},
			Counts: [][]int{{1, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 1, 1}}}},
		// A profile with two needs counts once for each.
		{"need", "spend", &tagging.CrossTab{Row: "need", Col: "spend",
			Rows: []string{"eco", "quality", ""}, Cols: []string{"high", "mid", "low", ""},
			Counts: [][]int{{1, 0, 1, 0}, {1, 0, 0, 0}, {1, 0, 0, 1}}}},
	}
	for _, tt := range tests {
		got, err := st.CrossTab(tt.row, tt.col)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("CrossTab(%s, %s) mismatch (-want +got):\n%s", tt.row, tt.col, diff)
		}
	}
	if _, err := st.CrossTab("activity", "need"); !errors.Is(err, tagging.ErrConfig) {
		t.Errorf("CrossTab(untracked) = %v, want ErrConfig (pair not tracked)", err)
	}
	tab, _ := st.CrossTab("spend", "activity")
	want := `spend \ activity  high  low  (none)  total
high                 1    1       0      2
mid                  0    0       0      0
low                  0    0       1      1
(none)               0    0       1      1
total                1    1       2      4
`
	if got := tab.String(); got != want {
		t.Errorf("Table.String() =\n%s\nwant\n%s", got, want)
	}
}

func TestStatsString(t *testing.T) {
	want := `group     value    profiles  share
spend     high            2  50.0%
spend     mid             0   0.0%
spend     low             1  25.0%
spend     (none)          1  25.0%
activity  high            1  25.0%
activity  low             1  25.0%
activity  (none)          2  50.0%
need      eco             2  50.0%
need      quality         1  25.0%
need      (none)          2  50.0%
all                       4
`
	st := newStats(fourProfiles)
	if got := st.Report(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
	want = `group  value    profiles   share
need   eco             2   50.0%
need   quality         1   25.0%
need   (none)          2   50.0%
none   (none)          4  100.0%
all                    4
`
	if got := st.Report("need", "none"); got != want {
		t.Errorf("Report(need, none) =\n%s\nwant\n%s", got, want)
	}
}

// TestStatsMerge splits the profiles over two Stats and merges them.
func TestStatsMerge(t *testing.T) {
	whole := newStats(fourProfiles)
	a, b := newStats(fourProfiles[:1]), newStats(fourProfiles[1:])
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(whole.Counts(), a.Counts()); diff != "" {
		t.Errorf("merged Counts mismatch (-want +got):\n%s", diff)
	}
	for _, p := range whole.Cross {
		w, _ := whole.CrossTab(p.Row, p.Col)
		g, _ := a.CrossTab(p.Row, p.Col)
		if diff := cmp.Diff(w, g); diff != "" {
			t.Errorf("merged CrossTab(%v) mismatch (-want +got):\n%s", p, diff)
		}
	}
	var empty tagging.Stats
	empty.Cross = whole.Cross
	if err := empty.Merge(whole); err != nil || empty.Profiles() != 4 {
		t.Errorf("Merge into zero Stats: %v, %d profiles", err, empty.Profiles())
	}
	if err := (&tagging.Stats{}).Merge(whole); !errors.Is(err, tagging.ErrConfig) {
		t.Errorf("Merge with other Cross = %v, want ErrConfig", err)
	}
}

// TestStatsAdd counts results from a pipeline, conflicts included.
func TestStatsAdd(t *testing.T) {
	pl, err := tagging.NewPipeline([]tagging.Tagger{give("a", tg("spend", "low")), give("b", tg("spend", "high"))}, tagging.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var st tagging.Stats
	for range 3 {
		r, err := pl.Run(person(nil))
		if err != nil {
			t.Fatal(err)
		}
		st.Add(r)
	}
	if st.Conflicts("spend") != 3 || st.Conflicts("need") != 0 {
		t.Errorf("Conflicts = %d, %d; want 3, 0", st.Conflicts("spend"), st.Conflicts("need"))
	}
	if diff := cmp.Diff([]tagging.Count{{Tag: tg("spend", "high"), Profiles: 3, Share: 1}}, st.Counts(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Counts mismatch (-want +got):\n%s", diff)
	}
}

// TestStatsChinese checks that reports and cross-tabs with Chinese values
// line up: a Han character takes two cells, so 高价值 pads like a
// six-letter word.
func TestStatsChinese(t *testing.T) {
	st := &tagging.Stats{Cross: []tagging.Pair{{Row: "消费", Col: "city"}}}
	for _, s := range []tagging.Set{
		tagging.SetOf(tg("消费", "高价值"), tg("city", "上海")),
		tagging.SetOf(tg("消费", "mid"), tg("city", "Suzhou")),
		tagging.SetOf(tg("消费", "高价值"), tg("city", "Suzhou")),
	} {
		st.AddSet(s)
	}
	want := `group  value   profiles  share
city   Suzhou         2  66.7%
city   上海           1  33.3%
消费   mid            1  33.3%
消费   高价值         2  66.7%
all                   3
`
	if got := st.Report(); got != want {
		t.Errorf("Report() =\n%s\nwant\n%s", got, want)
	}
	tab, err := st.CrossTab("消费", "city")
	if err != nil {
		t.Fatal(err)
	}
	want = `消费 \ city  Suzhou  上海  total
mid               1     0      1
高价值            1     1      2
total             2     1      3
`
	if got := tab.String(); got != want {
		t.Errorf("CrossTab.String() =\n%s\nwant\n%s", got, want)
	}
}
