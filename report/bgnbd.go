package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/rfm/clv"
)

// The BG/NBD charts draw matrices and averages that package clv is about
// to compute itself. Until it does, the two functions below compute them
// from the model's public methods, ProbAlive and
// ConditionalExpectedPurchases; each can be replaced by its clv
// counterpart without touching the drawing code.

// bgnbdMatrices returns, for a customer whose first purchase was age
// periods before the end of calibration, with xs[i] repeat purchases of
// which the last came txs[j] periods after the first, the purchases the
// model expects in the next horizon periods (expected[i][j]) and the
// probability that the customer is still active (alive[i][j]). This is
// lifetimes' frequency/recency matrix and P(alive) matrix. A customer
// without repeat purchases has no time of last repeat purchase (TX = 0),
// so the row of xs[i] = 0 holds the same value in every column, as the
// model gives it.
func bgnbdMatrices(m clv.BGNBD, xs, txs []float64, age, horizon float64) (expected, alive [][]float64) {
	expected = make([][]float64, len(xs))
	alive = make([][]float64, len(xs))
	for i, x := range xs {
		expected[i] = make([]float64, len(txs))
		alive[i] = make([]float64, len(txs))
		for j, tx := range txs {
			c := clv.CBS{X: x, TX: tx, T: age}
			if x == 0 {
				c.TX = 0
			}
			expected[i][j] = m.ConditionalExpectedPurchases(horizon, c)
			alive[i][j] = m.ProbAlive(c)
		}
	}
	return expected, alive
}

// calGroup is one group of customers of the calibration-versus-holdout
// chart: those with X repeat purchases in calibration (or at least X for
// the last group).
type calGroup struct {
	x         int
	orMore    bool
	customers int
	// actual and predicted are the group's mean holdout purchases, as
	// observed and as the model predicts them.
	actual, predicted float64
}

// calibrationVsHoldout groups data by repeat purchases in calibration,
// 0, 1, … up to last, and last or more together, and averages each
// group's holdout purchases, observed and predicted by the model over
// the holdout length (lifetimes' calibration_purchases_vs_holdout_
// purchases). Groups without customers are left out.
func calibrationVsHoldout(m clv.BGNBD, data []clv.CBS, last int) []calGroup {
	groups := make([]calGroup, last+1)
	for i := range groups {
		groups[i].x = i
	}
	groups[last].orMore = true
	for _, c := range data {
		g := &groups[min(int(c.X), last)]
		g.customers++
		g.actual += c.HoldoutPurchases
		g.predicted += m.ConditionalExpectedPurchases(c.HoldoutLength, c)
	}
	out := groups[:0]
	for _, g := range groups {
		if g.customers > 0 {
			g.actual /= float64(g.customers)
			g.predicted /= float64(g.customers)
			out = append(out, g)
		}
	}
	return out
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
	rows := make([]float64, top+1)
	for i := range rows {
		rows[i] = float64(i)
	}
	const cols = 12
	txs := make([]float64, cols)
	for j := range txs {
		txs[j] = age * float64(j) / (cols - 1)
	}
	const horizonDays = 90.0
	expected, alive := bgnbdMatrices(*m, rows, txs, age, horizonDays/unitDays)
	days := func(periods float64) string { return fixed(periods*unitDays, 0) }

	ageDays := days(age)
	figs := []figure{
		matrixFigure(l, "fig-bgnbd-expected", l.mxTitle, fmt.Sprintf(l.mxCaption, fixed(horizonDays, 0), ageDays),
			fmt.Sprintf(l.mxLegendE, fixed(horizonDays, 0)), rows, txs, days, expected, false),
		matrixFigure(l, "fig-bgnbd-alive", l.aliveTitle, fmt.Sprintf(l.aliveCaption, ageDays),
			l.mxLegendA, rows, txs, days, alive, true),
	}
	if holdout > 0 {
		figs = append(figs, calibrationFigure(l, calibrationVsHoldout(*m, data, 7), days(holdout)))
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
func calibrationFigure(l *lang, groups []calGroup, holdoutDays string) figure {
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
		hi = max(hi, g.actual, g.predicted)
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
	name := func(g calGroup) string {
		if g.orMore {
			return strconv.Itoa(g.x) + "+"
		}
		return strconv.Itoa(g.x)
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
		actual = append(actual, num(cx)+" "+num(y.at(g.actual))...)
		model = append(model, cmd)
		model = append(model, num(cx)+" "+num(y.at(g.predicted))...)
		c.text(cx, top+plotH+15, name(g), "middle", "tick")
		tab.Rows = append(tab.Rows, []string{name(g), count(g.customers), fixed(g.actual, 3), fixed(g.predicted, 3)})
	}
	c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2.5"/>`+"\n", string(actual), colorCustomers)
	c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2.5" stroke-dasharray="6 4"/>`+"\n", string(model), colorRevenue)
	for i, g := range groups {
		cx := left + (float64(i)+0.5)*slot
		tip := fmt.Sprintf("%s %s: %s %s, %s %s, %s %s", l.calX, name(g), count(g.customers), l.customers,
			l.calActual, fixed(g.actual, 3), l.calModel, fixed(g.predicted, 3))
		c.printf(`<circle cx="%s" cy="%s" r="4" fill="%s"><title>%s</title></circle>`+"\n", num(cx), num(y.at(g.actual)), colorCustomers, esc(tip))
		c.printf(`<rect x="%s" y="%s" width="7" height="7" fill="%s"><title>%s</title></rect>`+"\n", num(cx-3.5), num(y.at(g.predicted)-3.5), colorRevenue, esc(tip))
	}
	c.line(left, top+plotH, left+w, top+plotH, "base")
	c.text(left+w/2, top+plotH+38, l.calX, "middle", "axis")
	return figure{ID: id, Title: l.calTitle, Caption: caption, SVG: c.html(), Tables: []table{tab}}
}
