package tagging

import (
	"fmt"
	"slices"
	"strconv"
)

// CrossTab returns the cross-tab of two groups: the number of profiles
// with each pair of values, with a "" row or column for profiles without
// a tag in that group. A profile with several values in a multi-valued
// group counts once for each. Row and column values are in report order.
// The pair must be in Cross (either way round); otherwise CrossTab returns
// an error wrapping [ErrConfig].
func (s *Stats) CrossTab(row, col string) (*CrossTab, error) {
	i := slices.Index(s.Cross, Pair{Row: row, Col: col})
	swap := false
	if i < 0 {
		i = slices.Index(s.Cross, Pair{Row: col, Col: row})
		swap = true
	}
	if i < 0 {
		return nil, fmt.Errorf("%w: Stats.Cross does not track %q × %q", ErrConfig, clip(row), clip(col))
	}
	var m map[Pair]int
	if s.cross != nil {
		m = s.cross[i]
	}
	t := &CrossTab{Row: row, Col: col, Rows: s.valueOrder(row), Cols: s.valueOrder(col)}
	if s.inGroup[row] < s.profiles {
		t.Rows = append(t.Rows, "")
	}
	if s.inGroup[col] < s.profiles {
		t.Cols = append(t.Cols, "")
	}
	t.Counts = make([][]int, len(t.Rows))
	for r, rv := range t.Rows {
		t.Counts[r] = make([]int, len(t.Cols))
		for c, cv := range t.Cols {
			k := Pair{Row: rv, Col: cv}
			if swap {
				k = Pair{Row: cv, Col: rv}
			}
			t.Counts[r][c] = m[k]
		}
	}
	return t, nil
}

// CrossTab is a cross-tabulation of two groups, from [Stats.CrossTab].
type CrossTab struct {
	Row, Col   string   // the groups
	Rows, Cols []string // their values; "" stands for no tag in the group
	Counts     [][]int  // Counts[r][c]: profiles with Rows[r] and Cols[c]
}

// String renders the table as text, with totals, "(none)" for "".
func (t *CrossTab) String() string {
	head := []string{t.Row + " \\ " + t.Col}
	for _, c := range t.Cols {
		head = append(head, noneName(c))
	}
	rows := [][]string{append(head, "total")}
	colTotals := make([]int, len(t.Cols))
	all := 0
	for r, rv := range t.Rows {
		row := []string{noneName(rv)}
		sum := 0
		for c, n := range t.Counts[r] {
			row = append(row, strconv.Itoa(n))
			sum += n
			colTotals[c] += n
		}
		all += sum
		rows = append(rows, append(row, strconv.Itoa(sum)))
	}
	total := []string{"total"}
	for _, n := range colTotals {
		total = append(total, strconv.Itoa(n))
	}
	rows = append(rows, append(total, strconv.Itoa(all)))
	return render(rows, 1)
}
