package tagging

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/internal/textwidth"
)

// Pair names two groups to cross-tabulate: Row values down, Col values
// across.
type Pair struct {
	Row, Col string
}

// Count is the number of profiles with a tag, and their share of all
// profiles counted.
type Count struct {
	Tag      Tag     // Tag.Value "" stands for profiles without a tag in the group
	Profiles int     // profiles with the tag
	Share    float64 // Profiles / all profiles counted; 0 when none were
}

// Stats counts tags over many profiles for reports: counts per tag, the
// share of each value in a group, and cross-tabs of two groups (such as
// spend × activity). Add each Result of a run to it.
//
// Set Groups and Cross before the first Add; the zero value counts tags
// with values in name order and tracks no cross-tab. A Stats is not safe
// for concurrent use; give each goroutine its own and [Stats.Merge] them.
type Stats struct {
	// Groups gives the report order of groups and of their values (see
	// Group.Values); groups not listed follow in name order, and values
	// not listed follow the listed ones in name order. Pass a pipeline's
	// groups ([Pipeline.Groups]) to report the built-in values in their
	// natural order (high, mid, low). nil means name order throughout.
	Groups []Group
	// Cross lists the pairs of groups to cross-tabulate. Cross-tabs count
	// joint values, which cannot be recovered from per-tag counts, so the
	// pairs must be named before the first Add. nil means none.
	Cross []Pair

	profiles  int
	counts    map[Tag]int
	inGroup   map[string]int // profiles with at least one tag in the group
	conflicts map[string]int
	cross     []map[Pair]int // per Cross entry, keyed by (row value, col value)
}

// Add counts the computed tags and the conflicts of r. It does not count
// manual tags; use AddSet(r.Merged()) for the view with manual tags laid
// over the computed ones.
func (s *Stats) Add(r Result) {
	s.AddSet(r.Tags)
	for _, c := range r.Conflicts {
		if s.conflicts == nil {
			s.conflicts = make(map[string]int)
		}
		s.conflicts[c.Group]++
	}
}

// AddSet counts one profile with the given tags.
func (s *Stats) AddSet(set Set) {
	if s.counts == nil {
		s.counts = make(map[Tag]int)
		s.inGroup = make(map[string]int)
	}
	s.profiles++
	tags := set.tags
	for i, t := range tags {
		s.counts[t]++
		if i == 0 || tags[i-1].Group != t.Group {
			s.inGroup[t.Group]++
		}
	}
	if len(s.Cross) == 0 {
		return
	}
	if s.cross == nil {
		s.cross = make([]map[Pair]int, len(s.Cross))
		for i := range s.cross {
			s.cross[i] = make(map[Pair]int)
		}
	}
	for i, p := range s.Cross {
		rows, cols := set.Group(p.Row).tags, set.Group(p.Col).tags
		none := []Tag{{}}
		if len(rows) == 0 {
			rows = none
		}
		if len(cols) == 0 {
			cols = none
		}
		for _, r := range rows {
			for _, c := range cols {
				s.cross[i][Pair{Row: r.Value, Col: c.Value}]++
			}
		}
	}
}

// Merge adds the counts of o to s. Both must track the same Cross pairs
// in the same order; otherwise Merge returns an error wrapping
// [ErrConfig] and changes nothing.
func (s *Stats) Merge(o *Stats) error {
	if !slices.Equal(s.Cross, o.Cross) {
		return fmt.Errorf("%w: Stats.Cross differs between the stats merged", ErrConfig)
	}
	if s.counts == nil {
		s.counts = make(map[Tag]int)
		s.inGroup = make(map[string]int)
	}
	s.profiles += o.profiles
	for t, n := range o.counts {
		s.counts[t] += n
	}
	for g, n := range o.inGroup {
		s.inGroup[g] += n
	}
	for g, n := range o.conflicts {
		if s.conflicts == nil {
			s.conflicts = make(map[string]int)
		}
		s.conflicts[g] += n
	}
	if o.cross != nil {
		if s.cross == nil {
			s.cross = make([]map[Pair]int, len(s.Cross))
			for i := range s.cross {
				s.cross[i] = make(map[Pair]int)
			}
		}
		for i, m := range o.cross {
			for k, n := range m {
				s.cross[i][k] += n
			}
		}
	}
	return nil
}

// Profiles returns the number of profiles counted.
func (s *Stats) Profiles() int { return s.profiles }

// Count returns the number of profiles counted with tag t.
func (s *Stats) Count(t Tag) int { return s.counts[t] }

// Conflicts returns the number of profiles counted with a conflict in
// group.
func (s *Stats) Conflicts(group string) int { return s.conflicts[group] }

// Counts returns the count of every tag seen, and of every value declared
// in Groups (possibly 0), groups and values in report order.
func (s *Stats) Counts() []Count {
	var out []Count
	for _, g := range s.groupOrder() {
		for _, v := range s.valueOrder(g) {
			out = append(out, s.count(Tag{Group: g, Value: v}))
		}
	}
	return out
}

// Shares returns the count and share of each value of group, in report
// order, followed, when some profiles have no tag in the group, by a
// Count whose Tag.Value is "" for them. The shares of an exclusive group
// add up to 1; those of a multi-valued group can add up to more.
func (s *Stats) Shares(group string) []Count {
	var out []Count
	for _, v := range s.valueOrder(group) {
		out = append(out, s.count(Tag{Group: group, Value: v}))
	}
	if none := s.profiles - s.inGroup[group]; none > 0 {
		out = append(out, Count{Tag: Tag{Group: group}, Profiles: none, Share: s.share(none)})
	}
	return out
}

func (s *Stats) count(t Tag) Count {
	n := s.counts[t]
	return Count{Tag: t, Profiles: n, Share: s.share(n)}
}

func (s *Stats) share(n int) float64 {
	if s.profiles == 0 {
		return 0
	}
	return float64(n) / float64(s.profiles)
}

// declared returns the declaration of group in s.Groups.
func (s *Stats) declared(group string) (Group, bool) {
	i := slices.IndexFunc(s.Groups, func(g Group) bool { return g.Name == group })
	if i < 0 {
		return Group{}, false
	}
	return s.Groups[i], true
}

// groupOrder returns the groups to report: declared ones first, then
// those seen, by name.
func (s *Stats) groupOrder() []string {
	var out []string
	for _, g := range s.Groups {
		if !slices.Contains(out, g.Name) {
			out = append(out, g.Name)
		}
	}
	for _, g := range slices.Sorted(maps.Keys(s.inGroup)) {
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// valueOrder returns the values of group to report: declared ones first,
// then those seen, by name.
func (s *Stats) valueOrder(group string) []string {
	var out []string
	if g, ok := s.declared(group); ok {
		for _, v := range g.Values {
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	var seen []string
	for t := range s.counts {
		if t.Group == group && !slices.Contains(out, t.Value) {
			seen = append(seen, t.Value)
		}
	}
	slices.Sort(seen)
	return append(out, seen...)
}

// Report renders the distribution of the given groups, in the order
// given, or of every group in report order when none are given, as a text
// table: one line per value with the number and share of profiles, a
// "(none)" line for profiles without a tag in the group, and a last line
// with the number of profiles.
func (s *Stats) Report(groups ...string) string {
	if len(groups) == 0 {
		groups = s.groupOrder()
	}
	rows := [][]string{{"group", "value", "profiles", "share"}}
	for _, g := range groups {
		for _, c := range s.Shares(g) {
			rows = append(rows, []string{g, noneName(c.Tag.Value), strconv.Itoa(c.Profiles), strconv.FormatFloat(100*c.Share, 'f', 1, 64) + "%"})
		}
	}
	rows = append(rows, []string{"all", "", strconv.Itoa(s.profiles), ""})
	return render(rows, 2)
}

func noneName(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}

// render lays rows out in columns two spaces apart, the first left
// columns left-aligned and the others right-aligned, measuring cells in
// display cells so that Chinese values line up.
func render(rows [][]string, left int) string {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], textwidth.Width(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-textwidth.Width(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if i < left {
				line.WriteString(c + pad)
			} else {
				line.WriteString(pad + c)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}
