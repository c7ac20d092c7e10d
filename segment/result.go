package segment

import (
	"slices"

	"github.com/clientele-go/clientele/customer"
)

// Result is the outcome of Run: which segments the members are in, a
// portrait of every segment, and the guard-rail warnings.
type Result struct {
	// Segments lists the segments: those the segmenter lists (see
	// Lister), in its order, then any other IDs it assigned, by ID.
	Segments []Segment
	// Portraits describes each segment; Portraits[i] is Segments[i]'s.
	Portraits []Portrait
	// Members is the number of members given; Valid the number
	// segmented.
	Members, Valid int
	// Invalid holds the indexes of the members skipped because they are
	// not valid (neither or both of Person and Company set, or no as-of
	// date), in ascending order.
	Invalid []int
	// Unassigned holds the IDs of the valid members no segment took, in
	// input order.
	Unassigned []customer.ID
	// UnknownCities counts valid members whose city has no tier: not in
	// the city ranking, or empty.
	UnknownCities int
	// MissingBirthDates counts valid persons without a usable birth date
	// (none, or after the as-of date), who have no age.
	MissingBirthDates int
	// Warnings lists the segmenter's own warnings (see Warner), then one
	// per segment below the minimum size or share, then one for
	// unassigned members.
	Warnings []Warning

	offs []int32 // member i's segments are segs[offs[i]:offs[i+1]]
	segs []int32
	inv  []bool
}

// Of returns the indexes in Segments of the segments member i is in, in
// the order the segmenter gave them; nil for an invalid or unassigned
// member. The slice shares the Result's storage and must not be modified.
// Of panics if i is out of range, like a slice index.
func (r *Result) Of(i int) []int32 {
	s := r.segs[r.offs[i]:r.offs[i+1]]
	if len(s) == 0 {
		return nil
	}
	return s
}

// Primary returns the index in Segments of the first segment member i is
// in, and false when it is in none.
func (r *Result) Primary(i int) (int, bool) {
	if s := r.Of(i); len(s) > 0 {
		return int(s[0]), true
	}
	return -1, false
}

// Index returns the index in Segments of the segment with the given ID,
// or -1.
func (r *Result) Index(id string) int {
	return slices.IndexFunc(r.Segments, func(s Segment) bool { return s.ID == id })
}
