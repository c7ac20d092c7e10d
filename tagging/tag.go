package tagging

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Tag is one label: a value within a group, such as spend=high or
// need=price-sensitive. The zero value is not a valid tag; see
// [Tag.Validate]. Tags are compared with ==.
type Tag struct {
	Group string // the family of labels, e.g. "spend"
	Value string // the label within the group, e.g. "high"
}

// String returns "group=value".
func (t Tag) String() string { return t.Group + "=" + t.Value }

// Validate reports whether t has a non-empty group and value, both valid
// UTF-8. The error wraps [ErrInvalidTag].
func (t Tag) Validate() error {
	switch {
	case t.Group == "":
		return fmt.Errorf("%w: empty group", ErrInvalidTag)
	case t.Value == "":
		return fmt.Errorf("%w: empty value in group %q", ErrInvalidTag, clip(t.Group))
	case !utf8.ValidString(t.Group) || !utf8.ValidString(t.Value):
		return fmt.Errorf("%w: invalid UTF-8", ErrInvalidTag)
	}
	return nil
}

// compareTags orders tags by group, then value.
func compareTags(a, b Tag) int {
	if c := strings.Compare(a.Group, b.Group); c != 0 {
		return c
	}
	return strings.Compare(a.Value, b.Value)
}

// Group declares a family of tags. Taggers declare the groups they fill
// through the optional [Grouper] interface; hosts declare others in
// Options.Groups.
type Group struct {
	// Name is the group name, as in Tag.Group.
	Name string
	// Multi makes the group multi-valued: a profile may carry any number
	// of its values (needs, preferred categories). When false the group is
	// exclusive: a profile carries at most one value, and when taggers give
	// several the pipeline resolves the conflict (see Options.FirstWins).
	Multi bool
	// Values optionally lists the values the group takes, in the order
	// reports show them (high, mid, low). nil means any value, reported in
	// name order. Values are not enforced.
	Values []string
}

// Set is an immutable set of tags, sorted by group and then value, without
// duplicates. Sets built by a [Pipeline] (and so by [Apply]) hold at most
// one value in each exclusive group. The zero value is the empty set.
//
// A Set shares its storage with the Result it came from; it is safe for
// concurrent reads.
type Set struct {
	tags []Tag
}

// SetOf returns the set of the given tags, sorted and without duplicates.
// It treats every group as multi-valued, since it does not know which are
// exclusive; use a [Pipeline] to resolve exclusive groups. It copies tags.
func SetOf(tags ...Tag) Set {
	s := slices.Clone(tags)
	slices.SortFunc(s, compareTags)
	return Set{tags: slices.Compact(s)}
}

// Len returns the number of tags in s.
func (s Set) Len() int { return len(s.tags) }

// All returns the tags of s in order.
func (s Set) All() iter.Seq[Tag] {
	return func(yield func(Tag) bool) {
		for _, t := range s.tags {
			if !yield(t) {
				return
			}
		}
	}
}

// Tags returns a copy of the tags of s in order, or nil for an empty set.
func (s Set) Tags() []Tag { return slices.Clone(s.tags) }

// Has reports whether s contains t.
func (s Set) Has(t Tag) bool {
	_, ok := slices.BinarySearchFunc(s.tags, t, compareTags)
	return ok
}

// Group returns the subset of s in the given group. It does not allocate.
func (s Set) Group(group string) Set {
	lo, hi := s.groupRange(group)
	return Set{tags: s.tags[lo:hi:hi]}
}

// Value returns the value s holds in group and true, or "" and false when
// s has no tag in group. For a multi-valued group it returns the first
// value in name order.
func (s Set) Value(group string) (string, bool) {
	lo, hi := s.groupRange(group)
	if lo == hi {
		return "", false
	}
	return s.tags[lo].Value, true
}

func (s Set) groupRange(group string) (lo, hi int) {
	lo, _ = slices.BinarySearchFunc(s.tags, group, func(t Tag, g string) int { return strings.Compare(t.Group, g) })
	hi = lo
	for hi < len(s.tags) && s.tags[hi].Group == group {
		hi++
	}
	return lo, hi
}

// String returns the set as "group=value group=v1,v2 ...", groups in name
// order.
func (s Set) String() string {
	var b strings.Builder
	for i, t := range s.tags {
		switch {
		case i == 0:
		case s.tags[i-1].Group == t.Group:
			b.WriteByte(',')
			b.WriteString(t.Value)
			continue
		default:
			b.WriteByte(' ')
		}
		b.WriteString(t.Group)
		b.WriteByte('=')
		b.WriteString(t.Value)
	}
	return b.String()
}

// Assignment is a tag together with where it came from and the date it
// holds for. Manual tags (from sales or service notes) are Assignments in
// Profile.Manual; the package never creates, changes or drops them.
type Assignment struct {
	Tag
	// Source says who or what assigned the tag, e.g. "sales:zhang" or
	// "service-note:2026-05-03". Required.
	Source string
	// AsOf is the date from which the tag holds. Required.
	AsOf time.Time
}

// Validate reports whether a is a usable manual tag: a valid [Tag], a
// non-empty Source and a non-zero AsOf. The error wraps [ErrInvalidTag].
func (a Assignment) Validate() error {
	if err := a.Tag.Validate(); err != nil {
		return err
	}
	switch {
	case a.Source == "":
		return fmt.Errorf("%w: manual tag %q without source", ErrInvalidTag, clip(a.Group))
	case a.AsOf.IsZero():
		return fmt.Errorf("%w: manual tag %q without as-of date", ErrInvalidTag, clip(a.Group))
	}
	return nil
}
