package tagging

import "fmt"

// Conditional is a host-written tagger that gives one tag when its
// conditions hold. Conditionals compose with the built-in taggers in one
// [Pipeline], and can build on tags given earlier in it through Requires.
//
//	vip := tagging.Conditional{
//		Title:    "vip",
//		Requires: []tagging.Tag{{Group: "spend", Value: "high"}, {Group: "loyalty", Value: "loyal"}},
//		Then:     tagging.Tag{Group: "tier", Value: "vip"},
//	}
//
// A Conditional is configured by its fields and used as it is, as a
// [Tagger]. An invalid Then or Requires tag is an error wrapping
// [ErrConfig], from [NewPipeline] (which also names the tagger by Title,
// or "rule group=value", in errors, conflict reports and Result.Source)
// or from Tag. The group of Then is exclusive unless a [Grouper] or
// Options.Groups declares it multi-valued. A Conditional is safe for
// concurrent use when When is.
type Conditional struct {
	// Title names the tagger in errors, conflict reports and
	// Result.Source. "" means "rule group=value".
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

// validate reports whether c is usable: Then is a valid tag and so is
// every required tag.
func (c Conditional) validate() error {
	if err := c.Then.Validate(); err != nil {
		return fmt.Errorf("%w: rule %q: Then: %w", ErrConfig, clip(c.name()), err)
	}
	for i, t := range c.Requires {
		if err := t.Validate(); err != nil {
			return fmt.Errorf("%w: rule %q: Requires[%d]: %w", ErrConfig, clip(c.name()), i, err)
		}
	}
	return nil
}

// name returns c.Title, or "rule group=value".
func (c Conditional) name() string {
	if c.Title != "" {
		return c.Title
	}
	return "rule " + c.Then.String()
}

// conditional is a checked Conditional, with its name and group.
type conditional struct{ c Conditional }

func (c Conditional) compile() (Tagger, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &conditional{c}, nil
}

func (c *conditional) Name() string                             { return c.c.name() }
func (c *conditional) Groups() []Group                          { return []Group{{Name: c.c.Then.Group}} }
func (c *conditional) Tag(p *Profile, dst []Tag) ([]Tag, error) { return c.c.tag(p, dst), nil }

// Tag implements [Tagger]: it appends Then when every tag in Requires is
// in dst and When (if set) holds.
func (c Conditional) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if err := c.validate(); err != nil {
		return dst, err
	}
	return c.tag(p, dst), nil
}

func (c *Conditional) tag(p *Profile, dst []Tag) []Tag {
	for _, t := range c.Requires {
		if !hasTag(dst, t) {
			return dst
		}
	}
	if c.When != nil && !c.When(p) {
		return dst
	}
	return append(dst, c.Then)
}

func hasTag(tags []Tag, t Tag) bool {
	for _, x := range tags {
		if x == t {
			return true
		}
	}
	return false
}
