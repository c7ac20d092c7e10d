package segment_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/google/go-cmp/cmp"
)

func rule(id string, when ...string) segment.Rule {
	return segment.Rule{Segment: segment.Segment{ID: id}, When: when}
}

func TestRuleSetAssign(t *testing.T) {
	person, company := fixturePerson(), fixtureCompany()
	rules := []segment.Rule{
		rule("young", "age < 30"),
		rule("new-tier1", "tier = 新一线"),
		rule("young", "tag = need=quality"), // a second way into "young"
		rule("big", "employees >= 5000"),
	}
	tests := []struct {
		name            string
		table           segment.Table
		person, company []string
	}{
		{"first match", segment.Table{Rules: rules}, []string{"young"}, []string{"new-tier1"}},
		{"multi", segment.Table{Rules: rules, Multi: true}, []string{"young", "new-tier1"}, []string{"new-tier1", "big"}},
		{"catch-all", segment.Table{Rules: rules[3:], CatchAll: segment.Segment{ID: "rest"}}, []string{"rest"}, []string{"big"}},
		{"no catch-all", segment.Table{Rules: rules[3:]}, nil, []string{"big"}},
		{"unconditional rule", segment.Table{Rules: []segment.Rule{rule("all")}}, []string{"all"}, []string{"all"}},
		{"host predicate", segment.Table{Rules: []segment.Rule{{
			Segment: segment.Segment{ID: "named"}, When: []string{"tier = 新一线"},
			Match: func(m *segment.Member) bool { return m.IsCompany() },
		}}}, nil, []string{"named"}},
	}
	for _, tt := range tests {
		rs, err := tt.table.Compile()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		prefix := []string{"keep"}
		for _, c := range []struct {
			m    *segment.Member
			want []string
		}{{&person, tt.person}, {&company, tt.company}} {
			got := rs.Assign(c.m, prefix[:1:1])
			if diff := cmp.Diff(append([]string{"keep"}, c.want...), got); diff != "" {
				t.Errorf("%s: Assign(%s) mismatch (-want +got):\n%s", tt.name, c.m.ID(), diff)
			}
		}
	}
}

func TestCompileErrors(t *testing.T) {
	if _, err := (segment.Table{}).Compile(); !errors.Is(err, segment.ErrConfig) {
		t.Errorf("empty table: %v, want ErrConfig", err)
	}
	if _, err := (segment.Table{CatchAll: segment.Segment{ID: "all"}}).Compile(); !errors.Is(err, segment.ErrConfig) {
		t.Errorf("catch-all only: %v, want ErrConfig", err)
	}
	_, err := segment.Table{Rules: []segment.Rule{rule("a", "age > 1"), rule("")}}.Compile()
	var re *segment.RuleError
	if !errors.Is(err, segment.ErrConfig) || !errors.As(err, &re) || re.Rule != 1 {
		t.Errorf("rule without ID: %v", err)
	} else if want := `segment: rule 1 (""): invalid configuration: segment without an ID`; err.Error() != want {
		t.Errorf("rule without ID: %q, want %q", err, want)
	}
	_, err = segment.Table{Rules: []segment.Rule{rule("a", "age > 1", "tier = 七线")}}.Compile()
	var ce *segment.ConditionError
	if !errors.As(err, &re) || re.Rule != 0 || re.Condition != 1 || re.Segment != "a" || !errors.As(err, &ce) || !errors.Is(err, segment.ErrConfig) {
		t.Errorf("bad condition: %v", err)
	} else if want := `segment: rule 0 ("a"), condition 1: condition "tier = 七线": `; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("bad condition: %q, want it to start %q", err, want)
	}
	_, err = segment.Table{Rules: []segment.Rule{{Segment: segment.Segment{ID: "a"}, MatchDimensions: []string{"astrology"}}}}.Compile()
	if !errors.Is(err, segment.ErrConfig) {
		t.Errorf("unknown dimension: %v", err)
	} else if want := `segment: rule 0 ("a"): invalid configuration: Rule.MatchDimensions: unknown dimension "astrology"`; err.Error() != want {
		t.Errorf("unknown dimension: %q, want %q", err, want)
	}
	_, err = segment.Table{Rules: []segment.Rule{rule("a", "age > 1")}, CatchAll: segment.Segment{ID: " "}}.Compile()
	if want := `segment: catch-all (""): invalid configuration: catch-all ID is blank`; err == nil || err.Error() != want {
		t.Errorf("blank catch-all: %v, want %q", err, want)
	}
}

func TestRuleSetWarnings(t *testing.T) {
	rs, err := segment.Table{Rules: []segment.Rule{
		rule("three", "age < 30", "tier = 一线", "aov > 100"),
		rule("two", "age < 30", "tag in need=quality, spend=high"),
		rule("all"),
		rule("never", "age > 1"),
	}}.Compile()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range rs.Warnings() {
		got = append(got, w.Kind+" "+w.Segment)
	}
	want := []string{"many-dimensions three", "many-dimensions two", "unreachable never"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Warnings mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"demographics", "behaviour", "psychographics"}, rs.Dimensions(1)); diff != "" {
		t.Errorf("Dimensions(1) mismatch (-want +got):\n%s", diff)
	}
	// The personas table allows three dimensions, so it does not warn.
	ps, err := segment.Personas().Compile()
	if err != nil {
		t.Fatal(err)
	}
	if w := ps.Warnings(); len(w) != 0 {
		t.Errorf("Personas warnings: %v", w)
	}
}

func TestOverlaps(t *testing.T) {
	person, company := fixturePerson(), fixtureCompany()
	rs, err := segment.Table{Rules: []segment.Rule{
		rule("a", "tier = 新一线"), // both
		rule("b", "age < 30"),   // person
		rule("c", "orders = 0"), // company
	}}.Compile()
	if err != nil {
		t.Fatal(err)
	}
	invalid := segment.Member{}
	o, err := rs.Overlaps(t.Context(), []segment.Member{person, company, invalid})
	if err != nil {
		t.Fatal(err)
	}
	want := segment.Overlaps{
		Rules:    []string{"a", "b", "c"},
		Both:     [][]int{{2, 1, 1}, {1, 1, 0}, {1, 0, 1}},
		Shadowed: []int{0, 1, 1},
		Members:  2,
	}
	if diff := cmp.Diff(want, o); diff != "" {
		t.Errorf("Overlaps mismatch (-want +got):\n%s", diff)
	}
}

// FuzzRuleSet compiles tables from fuzzed conditions and checks the
// rules' semantics on fixed members: no panics; in first-match mode at
// most one segment, the first of the multi-membership segments; the
// catch-all exactly when no rule matches.
func FuzzRuleSet(f *testing.F) {
	f.Add("age < 30", "tier in 一线, 新一线", "tag = need=quality")
	f.Add("employees >= 5000", "industry = 工业", "")
	f.Add("aov between 100 and 500", "orders = 0", "online_share > 50%")
	f.Add("", "", "")
	members := []segment.Member{fixturePerson(), fixtureCompany(), {}}
	f.Fuzz(func(t *testing.T, c1, c2, c3 string) {
		var rules []segment.Rule
		for i, c := range []string{c1, c2, c3} {
			var when []string
			if c != "" {
				when = []string{c}
			}
			rules = append(rules, rule(string(rune('a'+i)), when...))
		}
		first, err := segment.Table{Rules: rules, CatchAll: segment.Segment{ID: "z"}}.Compile()
		if err != nil {
			if !errors.Is(err, segment.ErrConfig) {
				t.Fatalf("compile error %v does not wrap ErrConfig", err)
			}
			return
		}
		multi, err := segment.Table{Rules: rules, CatchAll: segment.Segment{ID: "z"}, Multi: true}.Compile()
		if err != nil {
			t.Fatal(err)
		}
		for i := range members {
			one := first.Assign(&members[i], nil)
			all := multi.Assign(&members[i], nil)
			if len(one) != 1 || one[0] != all[0] {
				t.Fatalf("member %d: first match %v, multi %v", i, one, all)
			}
			if (one[0] == "z") != (len(all) == 1 && all[0] == "z") {
				t.Fatalf("member %d: catch-all in %v but multi gives %v", i, one, all)
			}
		}
	})
}
