package tagging

import (
	"fmt"
	"math"
	"strconv"
)

// Rule is a host-written tagger: when a predicate holds, it gives one
// tag. Rules compose with the built-in taggers in one [Pipeline]; a rule
// can build on tags given earlier in the pipeline through Requires.
//
//	vip := tagging.Rule{
//		Title:    "vip",
//		Requires: []tagging.Tag{{Group: "spend", Value: "high"}, {Group: "loyalty", Value: "loyal"}},
//		Then:     tagging.Tag{Group: "tier", Value: "vip"},
//	}
//
// A Rule is safe for concurrent use when When is. The group of Then is
// exclusive unless a [Grouper] or Options.Groups declares it multi-valued.
type Rule struct {
	// Title names the rule in errors, conflict reports and
	// Result.Source (it is what Name returns). "" means "rule group=value".
	Title string
	// Requires lists tags that earlier taggers in the pipeline must have
	// given the profile (all of them; before conflicts are resolved).
	// nil means none.
	Requires []Tag
	// When is the predicate. It must not modify the profile. nil means
	// always, so that Requires alone decides.
	When func(p *Profile) bool
	// Then is the tag given. Required.
	Then Tag
}

// Validate reports whether the rule is usable: Then is a valid tag and so
// is every required tag. Errors wrap [ErrConfig].
func (r Rule) Validate() error {
	if err := r.Then.Validate(); err != nil {
		return fmt.Errorf("%w: rule %q: Then: %w", ErrConfig, clip(r.Name()), err)
	}
	for i, t := range r.Requires {
		if err := t.Validate(); err != nil {
			return fmt.Errorf("%w: rule %q: Requires[%d]: %w", ErrConfig, clip(r.Name()), i, err)
		}
	}
	return nil
}

// Name returns r.Title, or "rule group=value".
func (r Rule) Name() string {
	if r.Title != "" {
		return r.Title
	}
	return "rule " + r.Then.String()
}

// Groups declares the group of Then, exclusive.
func (r Rule) Groups() []Group { return []Group{{Name: r.Then.Group}} }

// Tag implements [Tagger]: it appends Then when every tag in Requires is
// in dst and When (if set) holds.
func (r Rule) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if r.Then.Group == "" || r.Then.Value == "" {
		return dst, r.Validate()
	}
	for _, t := range r.Requires {
		if !hasTag(dst, t) {
			return dst, nil
		}
	}
	if r.When != nil && !r.When(p) {
		return dst, nil
	}
	return append(dst, r.Then), nil
}

func hasTag(tags []Tag, t Tag) bool {
	for _, x := range tags {
		if x == t {
			return true
		}
	}
	return false
}

// Band is one row of a [Thresholds] table: measures at or above Min get
// Value.
type Band struct {
	Min   float64
	Value string
}

// Thresholds is a host-written threshold table: it measures each profile
// and gives the Value of the first band whose Min the measure reaches.
// Bands run from the highest Min down; a measure below the last Min gets
// no tag (make the last Min -Inf for a catch-all).
//
//	visits := tagging.Thresholds{
//		Group:   "engagement",
//		Measure: func(p *tagging.Profile) (float64, bool) { ... },
//		Bands:   []tagging.Band{{Min: 10, Value: "high"}, {Min: 3, Value: "mid"}, {Min: math.Inf(-1), Value: "low"}},
//	}
//
// Measures are float64: counts, shares, rates, days. Compare money in
// decimal, with [Spend] or a [Rule]. A Thresholds is safe for concurrent
// use when Measure is.
type Thresholds struct {
	// Title names the table in errors, conflict reports and
	// Result.Source. "" means "thresholds group".
	Title string
	// Group is the exclusive group tagged. Required.
	Group string
	// Measure returns the profile's measure and true, or false when the
	// table does not apply to the profile (no tag). It must not modify the
	// profile. Required.
	Measure func(p *Profile) (float64, bool)
	// Bands, highest Min first. At least one is required; Mins must be
	// strictly decreasing and not NaN, and Values non-empty.
	Bands []Band
}

// Validate reports whether the table is usable. Errors wrap [ErrConfig]
// or, for Mins out of order, [ErrThresholds].
func (th Thresholds) Validate() error {
	switch {
	case th.Group == "":
		return fmt.Errorf("%w: thresholds %q: empty Group", ErrConfig, clip(th.Name()))
	case th.Measure == nil:
		return fmt.Errorf("%w: thresholds %q: nil Measure", ErrConfig, clip(th.Name()))
	case len(th.Bands) == 0:
		return fmt.Errorf("%w: thresholds %q: no Bands", ErrConfig, clip(th.Name()))
	}
	for i, b := range th.Bands {
		if math.IsNaN(b.Min) {
			return fmt.Errorf("%w: thresholds %q: Bands[%d].Min is NaN", ErrConfig, clip(th.Name()), i)
		}
		if b.Value == "" {
			return fmt.Errorf("%w: thresholds %q: Bands[%d].Value is empty", ErrConfig, clip(th.Name()), i)
		}
		if i > 0 && !(b.Min < th.Bands[i-1].Min) {
			return fmtThresholds("thresholds "+strconv.Quote(clip(th.Name())),
				"Bands[%d].Min %v is not below Bands[%d].Min %v", i, b.Min, i-1, th.Bands[i-1].Min)
		}
	}
	return nil
}

// Name returns th.Title, or "thresholds group".
func (th Thresholds) Name() string {
	if th.Title != "" {
		return th.Title
	}
	return "thresholds " + th.Group
}

// Groups declares Group, exclusive, with the band values in order.
func (th Thresholds) Groups() []Group {
	g := Group{Name: th.Group}
	for _, b := range th.Bands {
		g.Values = append(g.Values, b.Value)
	}
	return []Group{g}
}

// Tag implements [Tagger]. A NaN measure gets no tag.
func (th Thresholds) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if th.Measure == nil || th.Group == "" {
		return dst, th.Validate()
	}
	x, ok := th.Measure(p)
	if !ok || math.IsNaN(x) {
		return dst, nil
	}
	for _, b := range th.Bands {
		if x >= b.Min {
			if b.Value == "" {
				return dst, th.Validate()
			}
			return append(dst, Tag{Group: th.Group, Value: b.Value}), nil
		}
	}
	return dst, nil
}
