package tagging_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func tg(group, value string) tagging.Tag { return tagging.Tag{Group: group, Value: value} }

func TestTagValidate(t *testing.T) {
	tests := []struct {
		name string
		tag  tagging.Tag
		ok   bool
	}{
		{"ok", tg("spend", "high"), true},
		{"chinese", tg("人群", "宝妈"), true},
		{"zero", tagging.Tag{}, false},
		{"no group", tg("", "high"), false},
		{"no value", tg("spend", ""), false},
		{"bad utf-8", tg("spend", "\xff"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.tag.Validate()
			if (err == nil) != tt.ok {
				t.Fatalf("Validate(%v) = %v, want ok=%v", tt.tag, err, tt.ok)
			}
			if err != nil && !errors.Is(err, tagging.ErrInvalidTag) {
				t.Errorf("Validate(%v) = %v, want an error wrapping ErrInvalidTag", tt.tag, err)
			}
		})
	}
	if got, want := tg("spend", "high").String(), "spend=high"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestSet(t *testing.T) {
	s := tagging.SetOf(tg("need", "quality"), tg("spend", "high"), tg("need", "eco"), tg("spend", "high"), tg("activity", "low"))
	want := []tagging.Tag{tg("activity", "low"), tg("need", "eco"), tg("need", "quality"), tg("spend", "high")}
	if diff := cmp.Diff(want, s.Tags()); diff != "" {
		t.Errorf("SetOf() mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, slices.Collect(s.All())); diff != "" {
		t.Errorf("All() mismatch (-want +got):\n%s", diff)
	}
	if s.Len() != 4 {
		t.Errorf("Len() = %d, want 4", s.Len())
	}
	for _, c := range []struct {
		tag  tagging.Tag
		want bool
	}{{tg("need", "eco"), true}, {tg("spend", "high"), true}, {tg("spend", "low"), false}, {tg("zzz", "x"), false}, {tg("", ""), false}} {
		if got := s.Has(c.tag); got != c.want {
			t.Errorf("Has(%v) = %v, want %v", c.tag, got, c.want)
		}
	}
	if v, ok := s.Value("spend"); v != "high" || !ok {
		t.Errorf(`Value("spend") = %q, %v, want "high", true`, v, ok)
	}
	if v, ok := s.Value("need"); v != "eco" || !ok {
		t.Errorf(`Value("need") = %q, %v, want "eco", true (first by name)`, v, ok)
	}
	if v, ok := s.Value("lifecycle"); v != "" || ok {
		t.Errorf(`Value("lifecycle") = %q, %v, want "", false`, v, ok)
	}
	if diff := cmp.Diff([]tagging.Tag{tg("need", "eco"), tg("need", "quality")}, s.Group("need").Tags()); diff != "" {
		t.Errorf("Group(need) mismatch (-want +got):\n%s", diff)
	}
	if g := s.Group("nope"); g.Len() != 0 {
		t.Errorf("Group(nope).Len() = %d, want 0", g.Len())
	}
	if got, want := s.String(), "activity=low need=eco,quality spend=high"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	var zero tagging.Set
	if zero.Len() != 0 || zero.Has(tg("a", "b")) || zero.String() != "" || zero.Tags() != nil {
		t.Errorf("zero Set is not empty: %v", zero)
	}
	// Tags returns a copy.
	got := s.Tags()
	got[0].Value = "changed"
	if !s.Has(tg("activity", "low")) {
		t.Error("changing the result of Tags changed the set")
	}
}

func TestAssignmentValidate(t *testing.T) {
	at := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		a    tagging.Assignment
		ok   bool
	}{
		{"ok", tagging.Assignment{Tag: tg("vip", "yes"), Source: "sales:zhang", AsOf: at}, true},
		{"no source", tagging.Assignment{Tag: tg("vip", "yes"), AsOf: at}, false},
		{"no date", tagging.Assignment{Tag: tg("vip", "yes"), Source: "sales"}, false},
		{"no value", tagging.Assignment{Tag: tg("vip", ""), Source: "sales", AsOf: at}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.a.Validate()
			if (err == nil) != tt.ok || (err != nil && !errors.Is(err, tagging.ErrInvalidTag)) {
				t.Errorf("Validate() = %v, want ok=%v or ErrInvalidTag", err, tt.ok)
			}
		})
	}
}

var sortTags = cmpopts.SortSlices(func(a, b tagging.Tag) bool {
	if a.Group != b.Group {
		return a.Group < b.Group
	}
	return a.Value < b.Value
})
