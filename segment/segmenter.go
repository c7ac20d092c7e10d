package segment

import (
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/tagging"
)

// Segment is a group of customers that a business treats alike. The zero
// value is no segment.
type Segment struct {
	// ID identifies the segment in results, reports and migration
	// matrices, e.g. "young-quality". Required.
	ID string `json:"id"`
	// Name is the display name, e.g. 年轻品质族. "" means ID.
	Name string `json:"name,omitempty"`
	// Description says who is in the segment, for people reading a
	// report.
	Description string `json:"description,omitempty"`
	// Strategy is how the business serves the segment; the zero value
	// means none yet.
	Strategy Strategy `json:"strategy,omitzero"`
}

// DisplayName returns Name, or ID when Name is empty.
func (s Segment) DisplayName() string {
	if s.Name == "" {
		return s.ID
	}
	return s.Name
}

// Strategy is what the business does for a segment: its product,
// marketing and service strategy, as free text the host writes. The zero
// value, Strategy{}, is no strategy.
type Strategy struct {
	Product   string `json:"product,omitempty"`
	Marketing string `json:"marketing,omitempty"`
	Service   string `json:"service,omitempty"`
}

// Member is one customer as segmentation sees it: the tagging.Profile
// that taggers read (the person or company, its customer.Summary, the
// as-of date and manual tags), plus what was computed about it. Like
// tagging.Profile it holds pointers, so building one copies nothing.
//
// A member is valid for segmentation when exactly one of Person and
// Company is set and it has an as-of date (Profile.Date). Conditions on
// data a member does not have (an age without a birth date, a company
// field of a person, AOV without purchases, an RFM score without RFM)
// are false.
type Member struct {
	tagging.Profile
	// Tags are the member's tags, typically tagging.Result.Tags or
	// Result.Merged(). The zero value is no tags.
	Tags tagging.Set
	// RFM holds the member's RFM scores; nil means not scored.
	RFM *rfm.Scores
}

// valid reports whether m can be segmented.
func (m *Member) valid() bool {
	return (m.Person == nil) != (m.Company == nil) && !m.Date().IsZero()
}

// Segmenter assigns members to segments.
//
// Assign appends the IDs of the segments m belongs to and returns the
// extended slice, in the manner of strconv.AppendInt, so a caller that
// reuses dst assigns without allocating. Appending nothing means the
// member is in no segment; that is not an error. Segmenters that assign
// one segment per member append at most one ID; a rule table with
// Table.Multi set may append several, without repeats.
//
// The contract:
//
//   - Assign may be called concurrently from several goroutines; Run does
//     so when Workers > 1.
//   - Assign must not modify m or anything it points to, and must not keep
//     m, dst or the returned slice after it returns. It must leave
//     dst[:len(dst)] as it was.
//   - Assign is deterministic: the same member always gets the same
//     segments, in the same order.
//   - Every ID appended is non-empty.
//
// A Segmenter that also implements Lister declares its segments, so
// reports can name them and show empty ones.
type Segmenter interface {
	Assign(m *Member, dst []string) []string
}

// Lister is implemented by segmenters that declare their segments, in
// report order. Segments must return the same list every time; the
// caller may not modify it. IDs a segmenter assigns but does not list
// are reported after the listed ones, by ID.
type Lister interface {
	Segments() []Segment
}

// SegmenterFunc adapts a function to a Segmenter. It lists no segments.
type SegmenterFunc func(m *Member, dst []string) []string

// Assign calls f(m, dst).
func (f SegmenterFunc) Assign(m *Member, dst []string) []string { return f(m, dst) }
