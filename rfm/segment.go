package rfm

// Range is an inclusive range of scores. The zero value matches every
// score.
type Range struct{ Min, Max int }

// contains reports whether s is in r; always true for the zero Range.
func (r Range) contains(s int) bool {
	return r == Range{} || r.Min <= s && s <= r.Max
}

// SegmentRule names the customers whose scores fall in all three ranges.
type SegmentRule struct {
	// Name is the segment's name, e.g. "Champions". It must not be empty.
	Name string
	// Label is an optional display name in another language, e.g. the
	// Chinese name 重要价值客户 of the value model's "Important value".
	Label string
	// R, F and M are the score ranges; a zero Range matches any score.
	R, F, M Range
}

// matches reports whether s falls in all three of the rule's ranges.
func (r SegmentRule) matches(s Scores) bool {
	return r.R.contains(s.R) && r.F.contains(s.F) && r.M.contains(s.M)
}

// SegmentTable assigns segments by rules: the first rule that matches a
// customer's scores wins, and a customer no rule matches gets the
// fallback. So every combination of scores maps to exactly one segment.
// A SegmentTable is a plain value: hosts build their own or start from
// [StandardSegments], [GridSegments] or [ValueSegments]. Its methods do
// not modify it and are safe for concurrent use.
type SegmentTable struct {
	// Bins is the number of scores per dimension the table is written
	// for (1..Bins), used to validate the rules and to size the report's
	// grid. 0 means 5.
	Bins int
	// Rules are tried in order.
	Rules []SegmentRule
	// Fallback names customers that match no rule. "" means "Others".
	Fallback string
}

// bins returns the table's number of scores, with the default applied.
func (t SegmentTable) bins() int {
	if t.Bins == 0 {
		return 5
	}
	return t.Bins
}

// fallbackName returns the name given to customers no rule matches.
func (t SegmentTable) fallbackName() string {
	if t.Fallback == "" {
		return "Others"
	}
	return t.Fallback
}

// Validate checks that Bins is not negative and that every rule has a
// name and ranges with 1 <= Min <= Max <= Bins (or zero). It returns an
// error wrapping [ErrConfig] naming the first bad rule.
func (t SegmentTable) Validate() error {
	if t.Bins < 0 {
		return badConfig("SegmentTable.Bins is negative (%d)", t.Bins)
	}
	n := t.bins()
	for i, r := range t.Rules {
		if r.Name == "" {
			return badConfig("SegmentTable.Rules[%d] has no name", i)
		}
		for _, d := range []struct {
			dim string
			r   Range
		}{{"R", r.R}, {"F", r.F}, {"M", r.M}} {
			if d.r != (Range{}) && (d.r.Min < 1 || d.r.Min > d.r.Max || d.r.Max > n) {
				return badConfig("SegmentTable.Rules[%d] (%s): %s range %d-%d outside 1-%d or reversed", i, r.Name, d.dim, d.r.Min, d.r.Max, n)
			}
		}
	}
	return nil
}

// Match returns the index in Rules of the first rule that matches s, or
// -1 when the fallback applies.
func (t SegmentTable) Match(s Scores) int {
	for i, r := range t.Rules {
		if r.matches(s) {
			return i
		}
	}
	return -1
}

// Name returns the name of segment i as [SegmentTable.Match] numbers
// them: a rule's name, or the fallback name (Fallback, or "Others") for
// -1 or any other index out of range. So t.Name(t.Match(s)) is the name
// of the segment s falls in.
func (t SegmentTable) Name(i int) string {
	if i < 0 || i >= len(t.Rules) {
		return t.fallbackName()
	}
	return t.Rules[i].Name
}

// Assign returns the segment of every element of scores, as
// [SegmentTable.Match] numbers them. It validates the table first and
// returns an error wrapping [ErrConfig] for a bad one. Scores outside
// 1..Bins are matched like any others.
func (t SegmentTable) Assign(scores []Scores) ([]int, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	out := make([]int, len(scores))
	n := t.bins()
	if n > 16 {
		for i, s := range scores {
			out[i] = t.Match(s)
		}
		return out, nil
	}
	// Look every in-range combination up once.
	lut := make([]int16, n*n*n)
	for r := 1; r <= n; r++ {
		for f := 1; f <= n; f++ {
			for m := 1; m <= n; m++ {
				lut[((r-1)*n+f-1)*n+m-1] = int16(t.Match(Scores{R: r, F: f, M: m}))
			}
		}
	}
	for i, s := range scores {
		if uint(s.R-1) < uint(n) && uint(s.F-1) < uint(n) && uint(s.M-1) < uint(n) {
			out[i] = int(lut[((s.R-1)*n+s.F-1)*n+s.M-1])
		} else {
			out[i] = t.Match(s)
		}
	}
	return out, nil
}

// StandardSegments returns the ten segments published with R's rfm
// package (the rfm_segment documentation and vignette), for scores
// 1..5, in this order, with inclusive ranges and "Others" as fallback:
//
//	Champions           R 5    F 5    M 5
//	Potential Loyalist  R 3-5  F 3-5  M 2-5
//	Loyal Customers     R 2-4  F 2-4  M 2-4
//	Promising           R 3-4  F 1-3  M 3-5
//	New Customers       R 4-5  F 1-3  M 1-5
//	Can't Lose Them     R 1-2  F 3-4  M 4-5
//	At Risk             R 1-2  F 2-5  M 4-5
//	Need Attention      R 1-3  F 3-5  M 3-5
//	About To Sleep      R 2-3  F 1-3  M 1-4
//	Lost                R 1    F 1-5  M 1-5
//
// The ranges overlap, so the order matters; 10 of the 125 combinations
// match no rule. Each call returns a new SegmentTable the caller may
// modify.
func StandardSegments() SegmentTable {
	return SegmentTable{Bins: 5, Rules: []SegmentRule{
		{Name: "Champions", R: Range{5, 5}, F: Range{5, 5}, M: Range{5, 5}},
		{Name: "Potential Loyalist", R: Range{3, 5}, F: Range{3, 5}, M: Range{2, 5}},
		{Name: "Loyal Customers", R: Range{2, 4}, F: Range{2, 4}, M: Range{2, 4}},
		{Name: "Promising", R: Range{3, 4}, F: Range{1, 3}, M: Range{3, 5}},
		{Name: "New Customers", R: Range{4, 5}, F: Range{1, 3}, M: Range{1, 5}},
		{Name: "Can't Lose Them", R: Range{1, 2}, F: Range{3, 4}, M: Range{4, 5}},
		{Name: "At Risk", R: Range{1, 2}, F: Range{2, 5}, M: Range{4, 5}},
		{Name: "Need Attention", R: Range{1, 3}, F: Range{3, 5}, M: Range{3, 5}},
		{Name: "About To Sleep", R: Range{2, 3}, F: Range{1, 3}, M: Range{1, 4}},
		{Name: "Lost", R: Range{1, 1}, F: Range{1, 5}, M: Range{1, 5}},
	}}
}

// GridSegments returns the widely used segmentation of the R×F grid of
// scores 1..5 (monetary is ignored). Its ten rules tile the grid, so
// every combination matches exactly one:
//
//	Hibernating          R 1-2  F 1-2
//	At Risk              R 1-2  F 3-4
//	Can't Lose           R 1-2  F 5
//	About to Sleep       R 3    F 1-2
//	Need Attention       R 3    F 3
//	Loyal                R 3-4  F 4-5
//	Promising            R 4    F 1
//	New Customers        R 5    F 1
//	Potential Loyalists  R 4-5  F 2-3
//	Champions            R 5    F 4-5
//
// Each call returns a new SegmentTable the caller may modify.
func GridSegments() SegmentTable {
	return SegmentTable{Bins: 5, Rules: []SegmentRule{
		{Name: "Hibernating", R: Range{1, 2}, F: Range{1, 2}},
		{Name: "At Risk", R: Range{1, 2}, F: Range{3, 4}},
		{Name: "Can't Lose", R: Range{1, 2}, F: Range{5, 5}},
		{Name: "About to Sleep", R: Range{3, 3}, F: Range{1, 2}},
		{Name: "Need Attention", R: Range{3, 3}, F: Range{3, 3}},
		{Name: "Loyal", R: Range{3, 4}, F: Range{4, 5}},
		{Name: "Promising", R: Range{4, 4}, F: Range{1, 1}},
		{Name: "New Customers", R: Range{5, 5}, F: Range{1, 1}},
		{Name: "Potential Loyalists", R: Range{4, 5}, F: Range{2, 3}},
		{Name: "Champions", R: Range{5, 5}, F: Range{4, 5}},
	}}
}

// ValueSegments returns the Chinese eight-class customer value model
// (RFM 八大客户价值模型) for [MeanSplit] scores, where 2 is high and 1
// low: recency is high when the customer bought more recently than the
// mean, frequency and monetary when at or above the mean. Names are in
// English, with the Chinese names as labels:
//
//	Important value      重要价值客户  R high  F high  M high
//	Important growth     重要发展客户  R high  F low   M high
//	Important retention  重要保持客户  R low   F high  M high
//	Important win-back   重要挽留客户  R low   F low   M high
//	General value        一般价值客户  R high  F high  M low
//	General growth       一般发展客户  R high  F low   M low
//	General retention    一般保持客户  R low   F high  M low
//	General win-back     一般挽留客户  R low   F low   M low
//
// Each call returns a new SegmentTable the caller may modify.
func ValueSegments() SegmentTable {
	hi, lo := Range{2, 2}, Range{1, 1}
	return SegmentTable{Bins: 2, Rules: []SegmentRule{
		{Name: "Important value", Label: "重要价值客户", R: hi, F: hi, M: hi},
		{Name: "Important growth", Label: "重要发展客户", R: hi, F: lo, M: hi},
		{Name: "Important retention", Label: "重要保持客户", R: lo, F: hi, M: hi},
		{Name: "Important win-back", Label: "重要挽留客户", R: lo, F: lo, M: hi},
		{Name: "General value", Label: "一般价值客户", R: hi, F: hi, M: lo},
		{Name: "General growth", Label: "一般发展客户", R: hi, F: lo, M: lo},
		{Name: "General retention", Label: "一般保持客户", R: lo, F: hi, M: lo},
		{Name: "General win-back", Label: "一般挽留客户", R: lo, F: lo, M: lo},
	}}
}
