package segment

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Rule defines a segment as a conjunction of conditions: a member is in
// the segment when every condition holds.
type Rule struct {
	// Segment is the segment the rule assigns. Its ID is required.
	// Several rules may assign the same segment (an OR of conjunctions);
	// the first rule's Segment then names it.
	Segment Segment
	// When lists the conditions, in the text form ParseCondition reads
	// ("age between 18 and 30"). They are checked in order, so put the
	// cheapest and most selective first. nil or empty means every member
	// (with Match, if set).
	When []string
	// Match is an optional host predicate, checked after When. It must be
	// safe for concurrent use and must not modify the member. nil means
	// none.
	Match func(m *Member) bool
	// MatchDimensions names the dimensions Match reads, for the
	// dimension guard rail: "geography", "demographics",
	// "firmographics", "behaviour" or "psychographics". nil means none.
	MatchDimensions []string
}

// Table is a rule table: rules tried in order, and a catch-all segment for
// members no rule takes. It is a plain value that hosts build, copy and
// change (Personas returns one); Compile checks it and returns the
// Segmenter.
type Table struct {
	// Rules are tried in order. At least one is required.
	Rules []Rule
	// CatchAll takes the members no rule matches. The zero value (no ID)
	// means none: those members are unassigned, and Run reports them.
	CatchAll Segment
	// Multi puts a member in every segment whose rule matches (in rule
	// order, each segment once) instead of only the first; the catch-all
	// still takes only members no rule matches.
	Multi bool
	// MaxDimensions is the number of dimensions a rule may combine before
	// it is reported as likely to cut segments too fine (see
	// RuleSet.Warnings and Options.MinShare). 0 means 2, the seeds'
	// advice; negative means no limit.
	MaxDimensions int
}

// RuleSet is a compiled Table. It implements Segmenter and Lister. A
// RuleSet is immutable and safe for concurrent use if the rules' Match
// functions are.
type RuleSet struct {
	rules    []compiledRule
	segments []Segment
	catchAll string
	multi    bool
	maxDims  int
}

type compiledRule struct {
	id    string
	conds []Condition
	match func(*Member) bool
	dims  []dimension
}

var _ Segmenter = (*RuleSet)(nil)
var _ Lister = (*RuleSet)(nil)

// Compile parses every condition and checks the table. Errors wrap
// ErrConfig: a table without rules, or a *RuleError for a rule without a
// segment ID, with an unknown dimension name, or with a condition
// ParseCondition rejects (a *ConditionError). The RuleSet does not keep t
// or its slices.
func (t Table) Compile() (*RuleSet, error) {
	if len(t.Rules) == 0 {
		return nil, fmt.Errorf("%w: Table.Rules is empty", ErrConfig)
	}
	rs := &RuleSet{catchAll: t.CatchAll.ID, multi: t.Multi, maxDims: t.MaxDimensions}
	if rs.maxDims == 0 {
		rs.maxDims = 2
	}
	seen := map[string]bool{}
	for i, r := range t.Rules {
		id := r.Segment.ID
		if strings.TrimSpace(id) == "" {
			return nil, &RuleError{Rule: i, Condition: -1, Err: fmt.Errorf("%w: segment without an ID", ErrConfig)}
		}
		cr := compiledRule{id: id, match: r.Match}
		for k, text := range r.When {
			c, err := ParseCondition(text)
			if err != nil {
				return nil, &RuleError{Rule: i, Segment: id, Condition: k, Err: err}
			}
			cr.conds = append(cr.conds, c)
			cr.dims = append(cr.dims, c.dims()...)
		}
		for _, name := range r.MatchDimensions {
			d, ok := parseDimension(name)
			if !ok {
				return nil, &RuleError{Rule: i, Segment: id, Condition: -1, Err: fmt.Errorf("%w: Rule.MatchDimensions: unknown dimension %q", ErrConfig, name)}
			}
			cr.dims = append(cr.dims, d)
		}
		slices.Sort(cr.dims)
		cr.dims = slices.Compact(cr.dims)
		rs.rules = append(rs.rules, cr)
		if !seen[id] {
			seen[id] = true
			rs.segments = append(rs.segments, r.Segment)
		}
	}
	if id := t.CatchAll.ID; id != "" && !seen[id] {
		if strings.TrimSpace(id) == "" {
			return nil, &RuleError{Rule: -1, Condition: -1, Err: fmt.Errorf("%w: catch-all ID is blank", ErrConfig)}
		}
		rs.segments = append(rs.segments, t.CatchAll)
	}
	return rs, nil
}

// Segments implements Lister: the rules' segments in rule order, each
// once, then the catch-all. The result must not be modified.
func (rs *RuleSet) Segments() []Segment { return rs.segments }

// Assign implements Segmenter: it appends the first matching rule's
// segment (with Table.Multi, every matching rule's segment, each once),
// or the catch-all when no rule matches, or nothing when there is no
// catch-all. It does not allocate beyond growing dst.
func (rs *RuleSet) Assign(m *Member, dst []string) []string {
	x := facts{m: m}
	n := len(dst)
	for i := range rs.rules {
		r := &rs.rules[i]
		if !r.matches(&x) {
			continue
		}
		if !rs.multi {
			return append(dst, r.id)
		}
		if !slices.Contains(dst[n:], r.id) {
			dst = append(dst, r.id)
		}
	}
	if len(dst) == n && rs.catchAll != "" {
		dst = append(dst, rs.catchAll)
	}
	return dst
}

func (r *compiledRule) matches(x *facts) bool {
	for k := range r.conds {
		if !r.conds[k].match(x) {
			return false
		}
	}
	return r.match == nil || r.match(x.m)
}

// Dimensions returns the names of the dimensions rule i reads, in the
// order geography, demographics, firmographics, behaviour,
// psychographics. It panics if i is out of range, like a slice index.
func (rs *RuleSet) Dimensions(i int) []string { return dimensionStrings(rs.rules[i].dims) }

// Warnings returns what can be said of the table without data: rules
// that combine more than MaxDimensions dimensions (segments likely too
// fine: check their size with Run), and rules that can never match in
// first-match mode because an earlier rule without conditions takes
// every member.
func (rs *RuleSet) Warnings() []Warning {
	var out []Warning
	catchAllAt := -1
	for i := range rs.rules {
		r := &rs.rules[i]
		if rs.maxDims > 0 && len(r.dims) > rs.maxDims {
			out = append(out, Warning{
				Kind: "many-dimensions", Segment: r.id, Rule: i,
				Message: fmt.Sprintf("rule %d (%s) combines %d dimensions (%s); more than %d can cut segments too fine",
					i, r.id, len(r.dims), joinDims(r.dims), rs.maxDims),
			})
		}
		if catchAllAt >= 0 && !rs.multi {
			out = append(out, Warning{
				Kind: "unreachable", Segment: r.id, Rule: i,
				Message: fmt.Sprintf("rule %d (%s) can never match: rule %d has no conditions and takes every member", i, r.id, catchAllAt),
			})
		}
		if catchAllAt < 0 && len(r.conds) == 0 && r.match == nil {
			catchAllAt = i
		}
	}
	return out
}

func joinDims(ds []dimension) string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.String()
	}
	return strings.Join(names, ", ")
}

// Overlaps describes how the rules of a RuleSet overlap on some members.
type Overlaps struct {
	// Rules holds the rules' segment IDs, in rule order.
	Rules []string
	// Both[i][j] counts the members matching both rule i and rule j; the
	// diagonal counts the members matching rule i.
	Both [][]int
	// Shadowed[j] counts the members rule j matches but an earlier rule
	// takes in first-match mode.
	Shadowed []int
	// Members is the number of valid members examined.
	Members int
}

// Overlaps evaluates every rule on every valid member (invalid ones, as
// Run defines them, are skipped) and counts the members that several
// rules match, to show where rule order decides. It checks ctx every
// 4,096 members and returns ctx's error, wrapped, when it is cancelled.
func (rs *RuleSet) Overlaps(ctx context.Context, members []Member) (Overlaps, error) {
	n := len(rs.rules)
	o := Overlaps{Rules: make([]string, n), Both: make([][]int, n), Shadowed: make([]int, n)}
	for i := range rs.rules {
		o.Rules[i] = rs.rules[i].id
		o.Both[i] = make([]int, n)
	}
	hit := make([]int, 0, n)
	for k := range members {
		if k%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return Overlaps{}, fmt.Errorf("segment: overlaps: %w", err)
			}
		}
		m := &members[k]
		if !m.valid() {
			continue
		}
		o.Members++
		x := facts{m: m}
		hit = hit[:0]
		for i := range rs.rules {
			if rs.rules[i].matches(&x) {
				hit = append(hit, i)
			}
		}
		for a, i := range hit {
			for _, j := range hit[a:] {
				o.Both[i][j]++
				if i != j {
					o.Both[j][i]++
				}
			}
			if a > 0 {
				o.Shadowed[i]++
			}
		}
	}
	return o, nil
}
