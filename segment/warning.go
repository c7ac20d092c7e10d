package segment

// Warning is a guard-rail finding: something about a segmentation a
// person should look at. It never contains personal data.
type Warning struct {
	// Kind says what the warning is about:
	//
	//   - "many-dimensions": a rule combines more dimensions than
	//     Table.MaxDimensions;
	//   - "unreachable": a rule can never match in first-match mode;
	//   - "small-segment": a segment is below Options.MinSize or MinShare;
	//   - "unassigned": some valid members are in no segment.
	Kind    string  `json:"kind"`
	Segment string  `json:"segment,omitempty"` // the segment's ID, if any
	Rule    int     `json:"rule"`              // the rule's index, or -1
	Size    int     `json:"size"`              // members concerned (SmallSegment, Unassigned)
	Share   float64 `json:"share"`             // their share of the valid members
	Message string  `json:"message"`
}

// String returns the message.
func (w Warning) String() string { return w.Message }

// Warner is implemented by segmenters that can warn about their own
// configuration before seeing data, as RuleSet does. Run includes the
// warnings in its Result.
type Warner interface {
	Warnings() []Warning
}
