package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/rfm/clv"
)

// bgnbdGrid returns clv's frequency/recency matrices of m for customers of
// age periods, cut down to cols columns of recency spread evenly over
// [0, age] so that the chart stays readable whatever the time unit: the
// purchases the model expects in the next horizon periods (expected[i][j])
// and the probability that the customer is still active (alive[i][j]), for
// xs[i] = i repeat purchases, i from 0 to maxX, the last of them txs[j]
// periods after the first. A customer without repeat purchases has no time
// of last repeat purchase (clv leaves those cells NaN), so the row of
// xs[0] = 0 repeats its one value, the model's, in every column.
func bgnbdGrid(m clv.Model, maxX int, age, horizon float64, cols int) (xs, txs []float64, expected, alive [][]float64, err error) {
	mx, err := clv.FrequencyRecency(m, maxX, age, horizon)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	n := len(mx.Recencies)
	pick := make([]int, 0, cols)
	for k := range cols {
		j := int(math.Round(float64(k) * float64(n-1) / float64(max(cols-1, 1))))
		if len(pick) == 0 || j != pick[len(pick)-1] {
			pick = append(pick, j)
		}
	}
	for _, j := range pick {
		txs = append(txs, mx.Recencies[j])
	}
	cut := func(v [][]float64) [][]float64 {
		out := make([][]float64, len(v))
		for i, row := range v {
			out[i] = make([]float64, len(pick))
			for k, j := range pick {
				if mx.Frequencies[i] == 0 {
					j = 0
				}
				out[i][k] = row[j]
			}
		}
		return out
	}
	return mx.Frequencies, txs, cut(mx.ExpectedPurchases), cut(mx.ProbAlive), nil
}

// bgnbdFigures draws the model's expected-purchases and P(alive)
// matrices and, when the data have a holdout period, calibration versus
// holdout. unitDays is the length of the data's time unit in days.
func bgnbdFigures(l *lang, m *clv.BGNBD, data []clv.CBS, unitDays float64) []figure {
	if m == nil || len(data) == 0 {
		return nil
	}
	age, holdout := 0.0, 0.0
	xs := make([]float64, len(data))
	for i, c := range data {
		age = max(age, c.T)
		holdout = max(holdout, c.HoldoutLength)
		xs[i] = c.X
	}
	slices.Sort(xs)
	top := int(math.Ceil(quantile(xs, 0.99)))
	top = min(max(top, 3), 20)
	const horizonDays = 90.0
	rows, txs, expected, alive, err := bgnbdGrid(m, top, age, horizonDays/unitDays, 12)
	if err != nil {
		return nil
	}
	days := func(periods float64) string { return fixed(periods*unitDays, 0) }

	ageDays := days(age)
	figs := []figure{
		matrixFigure(l, "fig-bgnbd-expected", l.mxTitle, fmt.Sprintf(l.mxCaption, fixed(horizonDays, 0), ageDays),
			fmt.Sprintf(l.mxLegendE, fixed(horizonDays, 0)), rows, txs, days, expected, false),
		matrixFigure(l, "fig-bgnbd-alive", l.aliveTitle, fmt.Sprintf(l.aliveCaption, ageDays),
			l.mxLegendA, rows, txs, days, alive, true),
	}
	if holdout > 0 {
		const last = 7 // FHL (2005) Figure 4: 0, 1, …, 6 and 7+
		if groups, err := clv.CompareHoldout(m, data, last); err == nil {
			figs = append(figs, calibrationFigure(l, groups, last, days(holdout)))
		}
	}
	return figs
}

// matrixFigure draws a BG/NBD matrix: rows by repeat purchases, the most
// at the top; columns by the time of the last purchase.
func matrixFigure(l *lang, id, title, caption, legend string, rows, txs []float64, days func(float64) string, v [][]float64, prob bool) figure {
	const (
		top   = 48.0
		left  = 64.0
		right = 16.0
	)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range v {
		for _, x := range r {
			if !math.IsNaN(x) {
				lo, hi = min(lo, x), max(hi, x)
			}
		}
	}
	if prob {
		lo, hi = 0, 1
	}
	format := func(x float64) string {
		if prob {
			return strconv.FormatFloat(100*x, 'f', 0, 64) + "%"
		}
		if hi >= 10 {
			return fixed(x, 1)
		}
		return fixed(x, 2)
	}
	cellW := (chartWidth - left - right) / float64(len(txs))
	cellH := min(26, 340/float64(len(rows)))
	plotH := cellH * float64(len(rows))
	c := newCanvas(id, top+plotH+56, title, caption)
	lab := func(x float64) string {
		if prob {
			return percentTick(x)
		}
		return trim(math.Round(x*100) / 100)
	}
	c.gradient(chartWidth-right-180, 14, 180, legend, lab(lo), lab(hi))
	head := []string{l.mxY + " \\ " + l.mxX}
	num := []bool{false}
	for _, tx := range txs {
		head = append(head, days(tx))
		num = append(num, true)
	}
	tab := table{Head: head, Num: num}
	for i := len(rows) - 1; i >= 0; i-- {
		y := top + float64(len(rows)-1-i)*cellH
		c.text(left-8, y+cellH/2+4, fixed(rows[i], 0), "end", "tick")
		cells := []string{fixed(rows[i], 0)}
		for j := range txs {
			t := 0.0
			if hi > lo {
				t = (v[i][j] - lo) / (hi - lo)
			}
			fill, ink := blue(t)
			x := left + float64(j)*cellW
			tip := fmt.Sprintf("%s %s, %s %s: %s", l.mxY, fixed(rows[i], 0), l.mxX, days(txs[j]), format(v[i][j]))
			c.rect(x+0.5, y+0.5, cellW-1, cellH-1, fill, tip)
			// Labels that round to zero are left out: the pale cells say
			// it, and the table has every number.
			if s := format(v[i][j]); cellH >= 14 && strings.Trim(s, "0.%") != "" {
				c.textFill(x+cellW/2, y+cellH/2+3.5, s, "middle", "small", ink)
			}
			cells = append(cells, format(v[i][j]))
		}
		tab.Rows = append(tab.Rows, cells)
	}
	for j, tx := range txs {
		if j%2 == 0 || j == len(txs)-1 {
			c.text(left+(float64(j)+0.5)*cellW, top+plotH+15, days(tx), "middle", "tick")
		}
	}
	c.text(left+(chartWidth-left-right)/2, top+plotH+38, l.mxX, "middle", "axis")
	c.vtext(18, top+plotH/2, l.mxY, "axis")
	return figure{ID: id, Title: title, Caption: caption, SVG: c.html(), Tables: []table{tab}}
}

// calibrationFigure draws the observed and predicted mean holdout
// purchases by calibration repeat purchases.
func calibrationFigure(l *lang, groups []clv.HoldoutBucket, last int, holdoutDays string) figure {
	const (
		id    = "fig-calibration"
		top   = 40.0
		left  = 56.0
		right = 24.0
		plotH = 220.0
	)
	caption := fmt.Sprintf(l.calCaption, holdoutDays)
	if len(groups) == 0 {
		return figure{}
	}
	hi := 0.0
	for _, g := range groups {
		hi = max(hi, g.Actual, g.Predicted)
	}
	ts := ticks(0, hi, 5)
	y := linear{0, ts[len(ts)-1], top + plotH, top}
	w := chartWidth - left - right
	slot := w / float64(len(groups))
	c := newCanvas(id, top+plotH+56, l.calTitle, caption)
	c.legend(left, 18, []legendItem{{label: l.calActual, color: colorCustomers, marker: "line"}, {label: l.calModel, color: colorRevenue, marker: "dash"}})
	for _, t := range ts {
		c.line(left, y.at(t), left+w, y.at(t), "grid")
		c.text(left-5, y.at(t)+4, trim(t), "end", "tick")
	}
	c.vtext(16, top+plotH/2, l.calY, "axis")
	name := func(g clv.HoldoutBucket) string {
		if g.X == last {
			return strconv.Itoa(g.X) + "+"
		}
		return strconv.Itoa(g.X)
	}
	var actual, model []byte
	tab := table{Head: []string{l.calX, l.customers, l.calActual, l.calModel}, Num: []bool{false, true, true, true}}
	for i, g := range groups {
		cx := left + (float64(i)+0.5)*slot
		cmd := byte('L')
		if i == 0 {
			cmd = 'M'
		}
		actual = append(actual, cmd)
		actual = append(actual, num(cx)+" "+num(y.at(g.Actual))...)
		model = append(model, cmd)
		model = append(model, num(cx)+" "+num(y.at(g.Predicted))...)
		c.text(cx, top+plotH+15, name(g), "middle", "tick")
		tab.Rows = append(tab.Rows, []string{name(g), count(g.Customers), fixed(g.Actual, 3), fixed(g.Predicted, 3)})
	}
	c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2.5"/>`+"\n", string(actual), colorCustomers)
	c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2.5" stroke-dasharray="6 4"/>`+"\n", string(model), colorRevenue)
	for i, g := range groups {
		cx := left + (float64(i)+0.5)*slot
		tip := fmt.Sprintf("%s %s: %s %s, %s %s, %s %s", l.calX, name(g), count(g.Customers), l.customers,
			l.calActual, fixed(g.Actual, 3), l.calModel, fixed(g.Predicted, 3))
		c.printf(`<circle cx="%s" cy="%s" r="4" fill="%s"><title>%s</title></circle>`+"\n", num(cx), num(y.at(g.Actual)), colorCustomers, esc(tip))
		c.printf(`<rect x="%s" y="%s" width="7" height="7" fill="%s"><title>%s</title></rect>`+"\n", num(cx-3.5), num(y.at(g.Predicted)-3.5), colorRevenue, esc(tip))
	}
	c.line(left, top+plotH, left+w, top+plotH, "base")
	c.text(left+w/2, top+plotH+38, l.calX, "middle", "axis")
	return figure{ID: id, Title: l.calTitle, Caption: caption, SVG: c.html(), Tables: []table{tab}}
}
