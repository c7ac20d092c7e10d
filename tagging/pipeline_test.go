package tagging_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// gives is a named tagger that gives fixed tags and may declare groups.
type gives struct {
	name   string
	tags   []tagging.Tag
	groups []tagging.Group
	err    error
}

func (g gives) Name() string { return g.name }
func (g gives) Tag(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
	return append(dst, g.tags...), g.err
}

// declares is gives plus a Grouper.
type declares struct{ gives }

func (d declares) Groups() []tagging.Group { return d.groups }

func give(name string, tags ...tagging.Tag) gives { return gives{name: name, tags: tags} }

func TestPipelineConflicts(t *testing.T) {
	a := give("a", tg("spend", "low"), tg("need", "eco"))
	b := give("b", tg("spend", "high"), tg("need", "eco"))
	c := give("c", tg("spend", "low"))
	needs := tagging.Group{Name: "need", Multi: true}
	tests := []struct {
		name      string
		taggers   []tagging.Tagger
		firstWins bool
		want      []tagging.Tag
		sources   map[tagging.Tag]string
		conflicts []tagging.Conflict
	}{
		{
			name:    "last wins",
			taggers: []tagging.Tagger{a, b},
			want:    []tagging.Tag{tg("need", "eco"), tg("spend", "high")},
			// need is undeclared, so exclusive: the last giver counts.
			sources: map[tagging.Tag]string{tg("spend", "high"): "b", tg("need", "eco"): "b"},
			conflicts: []tagging.Conflict{{Group: "spend", Kept: tagging.Candidate{Value: "high", Source: "b"},
				Dropped: []tagging.Candidate{{Value: "low", Source: "a"}}}},
		},
		{
			name:      "first wins",
			taggers:   []tagging.Tagger{a, b},
			firstWins: true,
			want:      []tagging.Tag{tg("need", "eco"), tg("spend", "low")},
			sources:   map[tagging.Tag]string{tg("spend", "low"): "a", tg("need", "eco"): "a"},
			conflicts: []tagging.Conflict{{Group: "spend", Kept: tagging.Candidate{Value: "low", Source: "a"},
				Dropped: []tagging.Candidate{{Value: "high", Source: "b"}}}},
		},
		{
			name:    "last wins, kept value also given earlier",
			taggers: []tagging.Tagger{a, b, c},
			want:    []tagging.Tag{tg("need", "eco"), tg("spend", "low")},
			sources: map[tagging.Tag]string{tg("spend", "low"): "c"},
			conflicts: []tagging.Conflict{{Group: "spend", Kept: tagging.Candidate{Value: "low", Source: "c"},
				Dropped: []tagging.Candidate{{Value: "high", Source: "b"}}}},
		},
		{
			name:    "same value twice is no conflict",
			taggers: []tagging.Tagger{a, c},
			want:    []tagging.Tag{tg("need", "eco"), tg("spend", "low")},
			sources: map[tagging.Tag]string{tg("spend", "low"): "c"},
		},
		{
			name:    "multi-valued group keeps all",
			taggers: []tagging.Tagger{give("x", tg("need", "quality"), tg("need", "eco")), declares{gives{name: "y", tags: []tagging.Tag{tg("need", "eco"), tg("need", "service")}, groups: []tagging.Group{needs}}}},
			want:    []tagging.Tag{tg("need", "eco"), tg("need", "quality"), tg("need", "service")},
			sources: map[tagging.Tag]string{tg("need", "eco"): "x", tg("need", "service"): "y"},
		},
		{
			name:    "unnamed taggers",
			taggers: []tagging.Tagger{tagging.TaggerFunc(a.Tag), tagging.TaggerFunc(b.Tag)},
			want:    []tagging.Tag{tg("need", "eco"), tg("spend", "high")},
			sources: map[tagging.Tag]string{tg("spend", "high"): "tagger[1]"},
			conflicts: []tagging.Conflict{{Group: "spend", Kept: tagging.Candidate{Value: "high", Source: "tagger[1]"},
				Dropped: []tagging.Candidate{{Value: "low", Source: "tagger[0]"}}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, err := tagging.NewPipeline(tt.taggers, tagging.Options{FirstWins: tt.firstWins})
			if err != nil {
				t.Fatal(err)
			}
			r, err := pl.Run(person(nil))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, r.Tags.Tags()); diff != "" {
				t.Errorf("Tags mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.conflicts, r.Conflicts); diff != "" {
				t.Errorf("Conflicts mismatch (-want +got):\n%s", diff)
			}
			for tag, want := range tt.sources {
				if got, ok := r.Source(tag); got != want || !ok {
					t.Errorf("Source(%v) = %q, %v, want %q", tag, got, ok, want)
				}
			}
			if _, ok := r.Source(tg("spend", "mid")); ok {
				t.Error("Source of a tag not given reports ok")
			}
			// Tag gives the same set, resolved, after what dst holds.
			prefix := []tagging.Tag{tg("zz", "kept")}
			got, err := pl.Tag(person(nil), prefix)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(append(prefix, tt.want...), got); diff != "" {
				t.Errorf("Tag mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPipelineGroups checks how group declarations combine: a tagger's
// multi-valued declaration wins over another's exclusive one, and
// Options.Groups overrides both.
func TestPipelineGroups(t *testing.T) {
	excl := declares{gives{name: "excl", tags: []tagging.Tag{tg("g", "a")}, groups: []tagging.Group{{Name: "g", Values: []string{"a"}}}}}
	multi := declares{gives{name: "multi", tags: []tagging.Tag{tg("g", "b")}, groups: []tagging.Group{{Name: "g", Multi: true, Values: []string{"b", "a"}}}}}
	tests := []struct {
		name   string
		opts   tagging.Options
		want   []tagging.Tag
		values []string
	}{
		{"multi wins", tagging.Options{}, []tagging.Tag{tg("g", "a"), tg("g", "b")}, []string{"a"}},
		{"options override", tagging.Options{Groups: []tagging.Group{{Name: "g"}}}, []tagging.Tag{tg("g", "b")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, err := tagging.NewPipeline([]tagging.Tagger{excl, multi}, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			r, _ := pl.Run(person(nil))
			if diff := cmp.Diff(tt.want, r.Tags.Tags()); diff != "" {
				t.Errorf("Tags mismatch (-want +got):\n%s", diff)
			}
			g, _ := pl.Group("g")
			if diff := cmp.Diff(tt.values, g.Values, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Values mismatch (-want +got):\n%s", diff)
			}
		})
	}
	pl, _ := tagging.NewPipeline(nil, tagging.Options{})
	if g, ok := pl.Group("undeclared"); ok || g.Name != "undeclared" || g.Multi {
		t.Errorf("Group(undeclared) = %+v, %v", g, ok)
	}
}

func TestNewPipelineErrors(t *testing.T) {
	tests := []struct {
		name    string
		taggers []tagging.Tagger
		opts    tagging.Options
		want    error
	}{
		{"nil tagger", []tagging.Tagger{nil}, tagging.Options{}, tagging.ErrConfig},
		{"negative workers", nil, tagging.Options{Workers: -1}, tagging.ErrConfig},
		{"negative total", nil, tagging.Options{Total: -1}, tagging.ErrConfig},
		// An unknown conflict policy can no longer be written: Options.FirstWins is a bool.
		{"unnamed group", nil, tagging.Options{Groups: []tagging.Group{{}}}, tagging.ErrConfig},
		{"group twice", nil, tagging.Options{Groups: []tagging.Group{{Name: "a"}, {Name: "a", Multi: true}}}, tagging.ErrConfig},
		{"tagger declares an unnamed group", []tagging.Tagger{declares{gives{groups: []tagging.Group{{}}}}}, tagging.Options{}, tagging.ErrConfig},
		{"invalid rule", []tagging.Tagger{tagging.Conditional{Then: tg("tier", "")}}, tagging.Options{}, tagging.ErrConfig},
		{"invalid thresholds", []tagging.Tagger{tagging.Thresholds{Group: "x"}}, tagging.Options{}, tagging.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, err := tagging.NewPipeline(tt.taggers, tt.opts)
			if !errors.Is(err, tt.want) || pl != nil {
				t.Errorf("NewPipeline() = %v, %v; want nil and an error wrapping %v", pl, err, tt.want)
			}
		})
	}
}

// TestPipelineTaggerFailures checks that a failing tagger is reported
// with its name, its tags are dropped, and the others still run.
func TestPipelineTaggerFailures(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		bad     tagging.Tagger
		wantErr error
	}{
		{"error", gives{name: "bad", tags: []tagging.Tag{tg("x", "partial")}, err: boom}, boom},
		{"panic", tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
			return append(dst, tg("x", string(p.Summary.CustomerID))), nil // nil Summary
		}), tagging.ErrTagger},
		{"host panic", tagging.TaggerFunc(func(*tagging.Profile, []tagging.Tag) ([]tagging.Tag, error) {
			panic("13800138000") // must not reach the error text
		}), tagging.ErrTagger},
		{"drops tags", tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
			return dst[:0], nil
		}), tagging.ErrTagger},
		{"empty value", give("bad", tg("x", "")), tagging.ErrTagger},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, err := tagging.NewPipeline([]tagging.Tagger{give("first", tg("a", "1")), tt.bad, give("last", tg("b", "2"))}, tagging.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := pl.Run(person(nil))
			var pe *tagging.ProfileError
			if !errors.Is(err, tt.wantErr) || !errors.As(err, &pe) {
				t.Fatalf("Run() error = %v, want a *ProfileError wrapping %v", err, tt.wantErr)
			}
			if pe.ID != "P1" || pe.Tagger == "" || pe.Field != "" {
				t.Errorf("ProfileError = %+v, want ID P1 and the tagger's name", pe)
			}
			if msg := err.Error(); strings.Contains(msg, "13800138000") {
				t.Errorf("error %q contains the panic value", msg)
			}
			if diff := cmp.Diff([]tagging.Tag{tg("a", "1"), tg("b", "2")}, r.Tags.Tags()); diff != "" {
				t.Errorf("Tags mismatch (-want +got):\n%s", diff)
			}
			// As a Tagger, the pipeline fails as a whole and leaves dst alone.
			prefix := []tagging.Tag{tg("p", "q")}
			got, err := pl.Tag(person(nil), prefix)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Tag() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(prefix, got); diff != "" {
				t.Errorf("Tag() after failure mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPipelineManual checks manual tags: passed through untouched, never
// overwritten, and an unknown group reported without losing anything.
func TestPipelineManual(t *testing.T) {
	taggers := allBuiltin(t)
	pl, err := tagging.NewPipeline(taggers, tagging.Options{Groups: []tagging.Group{{Name: "vip"}}})
	if err != nil {
		t.Fatal(err)
	}
	manual := []tagging.Assignment{
		{Tag: tg(tagging.GroupSpend, "low"), Source: "sales:li", AsOf: daysAgo(10)},
		{Tag: tg("vip", "gold"), Source: "sales:zhang", AsOf: daysAgo(3)},
		{Tag: tg("vip", "silver"), Source: "sales:zhang", AsOf: daysAgo(30)},
		{Tag: tg(tagging.GroupNeed, "gift-wrapping"), Source: "service", AsOf: daysAgo(1)},
	}
	keep := append([]tagging.Assignment(nil), manual...)
	p := person(ordersOf(t, order("800", daysAgo(20)), order("900", daysAgo(10))))
	p.Manual = manual
	for run := range 2 { // a rerun changes nothing
		r, err := pl.Run(p)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := r.Tags.Value(tagging.GroupSpend); v != "high" {
			t.Errorf("run %d: computed spend = %q, want high (manual tags are kept apart)", run, v)
		}
		if diff := cmp.Diff(keep, r.Manual); diff != "" || &r.Manual[0] != &manual[0] {
			t.Errorf("run %d: Manual changed or copied (-want +got):\n%s", run, diff)
		}
		merged := r.Merged()
		if v, _ := merged.Value(tagging.GroupSpend); v != "low" {
			t.Errorf("Merged spend = %q, want the manual low", v)
		}
		if v, _ := merged.Value("vip"); v != "gold" {
			t.Errorf("Merged vip = %q, want gold, the latest manual value", v)
		}
		if !merged.Has(tg(tagging.GroupNeed, "gift-wrapping")) {
			t.Errorf("Merged %v lacks the manual need", merged)
		}
		if merged.Has(tg("vip", "silver")) || merged.Has(tg(tagging.GroupSpend, "high")) {
			t.Errorf("Merged %v keeps replaced values", merged)
		}
	}
	if diff := cmp.Diff(keep, manual); diff != "" {
		t.Errorf("the profile's manual tags changed (-want +got):\n%s", diff)
	}

	// Unknown group: reported, nothing lost.
	p.Manual = append(manual[:1:1], tagging.Assignment{Tag: tg("vipp", "gold"), Source: "sales", AsOf: daysAgo(1)})
	r, err := pl.Run(p)
	var pe *tagging.ProfileError
	if !errors.Is(err, tagging.ErrUnknownGroup) || !errors.As(err, &pe) || pe.Field != "manual[1].group" {
		t.Fatalf("Run() error = %v, want a *ProfileError for manual[1].group wrapping ErrUnknownGroup", err)
	}
	if len(r.Manual) != 2 || r.Tags.Len() == 0 {
		t.Errorf("Run() with an unknown manual group lost data: %d manual, %v", len(r.Manual), r.Tags)
	}
	if !r.Merged().Has(tg("vipp", "gold")) {
		t.Error("Merged() drops the manual tag in an unknown group")
	}
}

// TestPipelineInvalidProfile checks that a profile failing Validate gets
// no computed tags and a *ProfileError.
func TestPipelineInvalidProfile(t *testing.T) {
	pl, _ := tagging.NewPipeline(allBuiltin(t), tagging.Options{})
	p := &tagging.Profile{Person: &customer.Person{ID: "P1"}, Summary: &customer.Summary{CustomerID: "P2", AsOf: testAsOf, Orders: 3}}
	r, err := pl.Run(p)
	if !errors.Is(err, tagging.ErrInvalidProfile) || r.Tags.Len() != 0 || r.ID != "P1" {
		t.Errorf("Run() = %v, %v; want no tags and ErrInvalidProfile", r.Tags, err)
	}
}

// TestRequires checks that a rule sees the tags given earlier, and only
// those.
func TestRequires(t *testing.T) {
	vip := tagging.Conditional{Requires: []tagging.Tag{tg("spend", "high"), tg("loyalty", "loyal")}, Then: tg("tier", "vip")}
	tests := []struct {
		name    string
		taggers []tagging.Tagger
		want    bool
	}{
		{"both before", []tagging.Tagger{give("a", tg("spend", "high"), tg("loyalty", "loyal")), vip}, true},
		{"one missing", []tagging.Tagger{give("a", tg("spend", "high")), vip}, false},
		{"after the rule", []tagging.Tagger{vip, give("a", tg("spend", "high"), tg("loyalty", "loyal"))}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, err := tagging.NewPipeline(tt.taggers, tagging.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r, _ := pl.Run(person(nil))
			if got := r.Tags.Has(tg("tier", "vip")); got != tt.want {
				t.Errorf("tier=vip given = %v, want %v (tags %v)", got, tt.want, r.Tags)
			}
		})
	}
}
