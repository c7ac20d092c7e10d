package tagging

import (
	"fmt"
	"math"
)

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
// decimal, with [Spend] or a [Conditional].
//
// A Thresholds is configured by its fields and used as it is, as a
// [Tagger]. A table without Group, Measure or Bands, a NaN Min, an empty
// Value or Mins not strictly decreasing is an error wrapping [ErrConfig],
// from [NewPipeline] (which also names the tagger by Title, or
// "thresholds group") or from Tag. A Thresholds is safe for concurrent
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

// validate reports whether the table is usable.
func (th Thresholds) validate() error {
	switch {
	case th.Group == "":
		return fmt.Errorf("%w: thresholds %q: empty Group", ErrConfig, clip(th.name()))
	case th.Measure == nil:
		return fmt.Errorf("%w: thresholds %q: nil Measure", ErrConfig, clip(th.name()))
	case len(th.Bands) == 0:
		return fmt.Errorf("%w: thresholds %q: no Bands", ErrConfig, clip(th.name()))
	}
	for i, b := range th.Bands {
		if math.IsNaN(b.Min) {
			return fmt.Errorf("%w: thresholds %q: Bands[%d].Min is NaN", ErrConfig, clip(th.name()), i)
		}
		if b.Value == "" {
			return fmt.Errorf("%w: thresholds %q: Bands[%d].Value is empty", ErrConfig, clip(th.name()), i)
		}
		if i > 0 && !(b.Min < th.Bands[i-1].Min) {
			return fmt.Errorf("%w: thresholds %q: Bands[%d].Min %v is not below Bands[%d].Min %v",
				ErrConfig, clip(th.name()), i, b.Min, i-1, th.Bands[i-1].Min)
		}
	}
	return nil
}

// name returns th.Title, or "thresholds group".
func (th Thresholds) name() string {
	if th.Title != "" {
		return th.Title
	}
	return "thresholds " + th.Group
}

// thresholds is a checked Thresholds, with its name and group.
type thresholds struct{ th Thresholds }

func (th Thresholds) compile() (Tagger, error) {
	if err := th.validate(); err != nil {
		return nil, err
	}
	return &thresholds{th}, nil
}

func (t *thresholds) Name() string { return t.th.name() }

// Groups declares Group, exclusive, with the band values in order.
func (t *thresholds) Groups() []Group {
	g := Group{Name: t.th.Group}
	for _, b := range t.th.Bands {
		g.Values = append(g.Values, b.Value)
	}
	return []Group{g}
}

func (t *thresholds) Tag(p *Profile, dst []Tag) ([]Tag, error) { return t.th.tag(p, dst), nil }

// Tag implements [Tagger]. A NaN measure gets no tag.
func (th Thresholds) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if err := th.validate(); err != nil {
		return dst, err
	}
	return th.tag(p, dst), nil
}

func (th *Thresholds) tag(p *Profile, dst []Tag) []Tag {
	x, ok := th.Measure(p)
	if !ok || math.IsNaN(x) {
		return dst
	}
	for _, b := range th.Bands {
		if x >= b.Min {
			return append(dst, Tag{Group: th.Group, Value: b.Value})
		}
	}
	return dst
}
