package report

import (
	"fmt"
	"math"
	"time"

	"github.com/clientele-go/clientele/segment"
)

// migrationFigure draws the segment migration matrix: customers by their
// segment in the first period (rows) and in the second (columns), shaded
// by the share of the row, with the diagonal outlined.
func migrationFigure(l *lang, m *segment.Migration, segs []segment.Segment, periods [2]time.Time) figure {
	if m == nil {
		return figure{}
	}
	m = trimMigration(m)
	if len(m.From) == 0 || len(m.To) == 0 {
		return figure{}
	}
	const (
		id    = "fig-migration"
		width = 1000.0
		right = 16.0
	)
	names := map[string]string{"(none)": l.migNone, "(absent)": l.migAbsent}
	for _, s := range segs {
		names[s.ID] = s.DisplayName()
	}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}
	fromTitle, toTitle := l.migFrom, l.migTo
	if !periods[0].IsZero() {
		fromTitle = fmt.Sprintf(l.migPeriod, l.month(periods[0]))
	}
	if !periods[1].IsZero() {
		toTitle = fmt.Sprintf(l.migPeriod, l.month(periods[1]))
	}

	rowW, colW := 60.0, 40.0
	for _, id := range m.From {
		rowW = max(rowW, textLen(name(id), 12))
	}
	for _, id := range m.To {
		colW = max(colW, textLen(name(id), 12))
	}
	rowW, colW = min(rowW, 150), min(colW, 150)
	left := 40 + rowW + 8
	// Column labels slant up at 40°.
	top := 34 + colW*math.Sin(40*math.Pi/180) + 10
	cellW := min(84, (width-left-right)/float64(len(m.To)))
	cellH := min(40, 480/float64(len(m.From)))
	plotH := cellH * float64(len(m.From))
	c := newCanvasWidth(id, left+cellW*float64(len(m.To))+right, top+plotH+70, l.migTitle, l.migCaption)
	c.text(left, 16, toTitle, "start", "axis")
	for j, id := range m.To {
		x := left + (float64(j)+0.5)*cellW
		c.printf(`<text x="%s" y="%s" transform="rotate(-40 %s %s)" class="tick">%s</text>`+"\n",
			num(x), num(top-6), num(x), num(top-6), esc(clip(name(id), colW, 12)))
	}
	c.vtext(16, top+plotH/2, fromTitle, "axis")

	head := []string{l.migFrom + " \\ " + l.migTo}
	numCol := []bool{false}
	for _, id := range m.To {
		head = append(head, name(id))
		numCol = append(numCol, true)
	}
	head = append(head, l.migTotal)
	numCol = append(numCol, true)
	tab := table{Head: head, Num: numCol}
	for i, from := range m.From {
		y := top + float64(i)*cellH
		c.text(left-8, y+cellH/2+4, clip(name(from), rowW, 12), "end", "")
		total := 0
		for _, n := range m.Counts[i] {
			total += n
		}
		cells := []string{name(from)}
		for j, to := range m.To {
			n := m.Counts[i][j]
			share := math.NaN()
			if total > 0 {
				share = float64(n) / float64(total)
			}
			fill, ink := blue(share)
			if n == 0 {
				fill, ink = colorEmpty, "#8a96a3"
			}
			x := left + float64(j)*cellW
			tip := fmt.Sprintf("%s → %s: %s %s (%s)", name(from), name(to), count(n), l.customers, percent(share))
			c.rect(x+1, y+1, cellW-2, cellH-2, fill, tip)
			if from == to {
				c.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#1f2933" stroke-width="2"/>`+"\n",
					num(x+2), num(y+2), num(cellW-4), num(cellH-4))
			}
			switch {
			case n == 0: // an empty cell needs no label
			case cellH >= 30:
				c.textFill(x+cellW/2, y+cellH/2-1, count(n), "middle", "cell", ink)
				c.textFill(x+cellW/2, y+cellH/2+12, percent(share), "middle", "small", ink)
			default:
				c.textFill(x+cellW/2, y+cellH/2+4, count(n), "middle", "small", ink)
			}
			cells = append(cells, count(n)+" ("+percent(share)+")")
		}
		tab.Rows = append(tab.Rows, append(cells, count(total)))
	}
	c.gradient(left+textLen(l.migLegend, 12)+8, top+plotH+22, 180, l.migLegend, "0%", "100%")
	note := ""
	if m.Stayed+m.Moved > 0 {
		note = fmt.Sprintf(l.migStability, percent(m.Stability))
	}
	return figure{ID: id, Title: l.migTitle, Caption: l.migCaption, Note: note, SVG: c.html(), Tables: []table{tab}, Wide: true}
}

// trimMigration returns m without the rows and columns that hold nobody:
// the "(none)" and "(absent)" groups when empty, and segments empty in
// both periods.
func trimMigration(m *segment.Migration) *segment.Migration {
	rowSum := make(map[string]int)
	colSum := make(map[string]int)
	for i, from := range m.From {
		for j, to := range m.To {
			rowSum[from] += m.Counts[i][j]
			colSum[to] += m.Counts[i][j]
		}
	}
	keep := func(id string, own, other map[string]int) bool {
		if own[id] > 0 {
			return true
		}
		_, inOther := other[id]
		return id != "(none)" && id != "(absent)" && inOther && other[id] > 0
	}
	out := &segment.Migration{Stayed: m.Stayed, Moved: m.Moved, Stability: m.Stability}
	var cols []int
	for j, to := range m.To {
		if keep(to, colSum, rowSum) {
			cols = append(cols, j)
			out.To = append(out.To, to)
		}
	}
	for i, from := range m.From {
		if !keep(from, rowSum, colSum) {
			continue
		}
		out.From = append(out.From, from)
		row := make([]int, len(cols))
		for k, j := range cols {
			row[k] = m.Counts[i][j]
		}
		out.Counts = append(out.Counts, row)
	}
	return out
}
