package segment

import (
	"fmt"

	"github.com/clientele-go/clientele/rfm"
)

// RFM adapts an rfm.SegmentTable to a Segmenter: a member with RFM scores
// (Member.RFM) is in the segment of the first rule its scores match, or
// the table's fallback; a member without scores is in none. Segment IDs
// are the rules' names; display names are their labels when set (重要价值客户
// for ValueSegments), else the names.
//
// Build it with NewRFM. An *RFM is immutable and safe for concurrent use.
type RFM struct {
	table    rfm.SegmentTable
	segments []Segment
}

var _ Segmenter = (*RFM)(nil)
var _ Lister = (*RFM)(nil)

// NewRFM validates t (rfm.SegmentTable.Validate) and returns its
// Segmenter. The error wraps ErrConfig and rfm's own error. It copies t's
// rules.
func NewRFM(t rfm.SegmentTable) (*RFM, error) {
	if err := t.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	t.Rules = append([]rfm.SegmentRule(nil), t.Rules...)
	s := &RFM{table: t}
	seen := map[string]bool{}
	for _, r := range t.Rules {
		if seen[r.Name] {
			continue
		}
		seen[r.Name] = true
		s.segments = append(s.segments, Segment{ID: r.Name, Name: r.Label})
	}
	if fb := t.Name(-1); !seen[fb] {
		s.segments = append(s.segments, Segment{ID: fb})
	}
	return s, nil
}

// Assign implements Segmenter.
func (s *RFM) Assign(m *Member, dst []string) []string {
	if m.RFM == nil {
		return dst
	}
	return append(dst, s.table.Name(s.table.Match(*m.RFM)))
}

// Segments implements Lister: the rules' segments in rule order, each
// name once, then the fallback.
func (s *RFM) Segments() []Segment { return s.segments }
