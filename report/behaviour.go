package report

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/rfm"
)

// histPanel is one histogram of a small-multiples chart.
type histPanel struct {
	axis           string // the x-axis title, with its unit
	bins           []bin
	integer, money bool
}

// binLabel names a bin's range: 3, 0–29 (whole numbers, both ends
// included), ¥100–¥200 (the upper end excluded) or ≥ ¥2,000.
func binLabel(l *lang, b bin, p histPanel) string {
	v := func(x float64) string { return l.tick(x, p.money) }
	switch {
	case b.open:
		return "≥ " + v(b.lo)
	case p.money && b.lo < 0 && b.hi == 0:
		return "< " + v(0)
	case p.integer && b.hi-b.lo == 1:
		return v(b.lo)
	case p.integer:
		return v(b.lo) + "–" + v(b.hi-1)
	}
	return v(b.lo) + "–" + v(b.hi)
}

// drawHistogram draws panel p in the box at (x0, y0) of size w×h (the
// plot area; labels go outside it). Bars are equal slots, one per bin;
// the open-ended bin is hatched.
func (c *canvas) drawHistogram(l *lang, p histPanel, x0, y0, w, h float64, total int, yTitle string) {
	most := 0
	for _, b := range p.bins {
		most = max(most, b.n)
	}
	ts := ticks(0, float64(most), 4)
	y := linear{0, ts[len(ts)-1], y0 + h, y0}
	for _, t := range ts {
		c.line(x0, y.at(t), x0+w, y.at(t), "grid")
		c.text(x0-5, y.at(t)+4, l.tick(t, false), "end", "tick")
	}
	if yTitle != "" {
		c.vtext(x0-38, y0+h/2, yTitle, "axis")
	}
	slot := w / float64(len(p.bins))
	gap := min(2, slot*0.15)
	for i, b := range p.bins {
		fill := colorCustomers
		if b.open {
			fill = "url(#hatch)"
		}
		tip := fmt.Sprintf("%s: %s %s (%s)", binLabel(l, b, p), count(b.n), l.customers, percent(float64(b.n)/float64(total)))
		c.rect(x0+float64(i)*slot+gap/2, y.at(float64(b.n)), slot-gap, y.at(0)-y.at(float64(b.n)), fill, tip)
	}
	c.line(x0, y0+h, x0+w, y0+h, "base")
	// Label about five slots: their centres for single values, else
	// their left edges.
	every := max(1, (len(p.bins)+4)/5)
	single := p.integer && p.bins[0].hi-p.bins[0].lo == 1
	last := p.bins[len(p.bins)-1]
	// Keep the labels clear of the open bin's, which ends at the right.
	stop := x0 + w + 1
	if last.open {
		stop = x0 + w - textLen("≥"+l.tick(last.lo, p.money), 11) - 12
	}
	for i := 0; i < len(p.bins); i += every {
		b := p.bins[i]
		x := x0 + float64(i)*slot
		if single {
			x += slot / 2
		}
		s := l.tick(b.lo, p.money)
		if b.open || b.lo < 0 && b.hi == 0 || x+textLen(s, 11)/2 > stop {
			continue // the refund band's left edge is just the lowest amount
		}
		c.text(x, y0+h+15, s, "middle", "tick")
	}
	if last.open {
		c.text(x0+w, y0+h+15, "≥"+l.tick(last.lo, p.money), "end", "tick")
	}
	c.text(x0+w/2, y0+h+36, p.axis, "middle", "axis")
}

// histogramsFigure draws the distributions of recency, frequency and
// monetary value side by side.
func histogramsFigure(l *lang, values []rfm.Values) figure {
	if len(values) == 0 {
		return figure{}
	}
	const id = "fig-rfm-hist"
	n := len(values)
	r, f, m := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, v := range values {
		r[i], f[i], m[i] = float64(v.Recency), float64(v.Frequency), v.Monetary.InexactFloat64()
	}
	panels := []histPanel{
		{axis: l.histR, bins: histogram(r, true, 15, 0.99), integer: true},
		{axis: l.histF, bins: histogram(f, true, 15, 0.99), integer: true},
		{axis: l.histM, bins: moneyBands(m), money: true},
	}
	open := false
	for _, p := range panels {
		open = open || p.bins[len(p.bins)-1].open
	}
	const (
		width  = 1000.0
		top    = 40.0
		plotH  = 190.0
		left   = 56.0
		gutter = 64.0
	)
	w := (width - left - 12 - 2*gutter) / 3
	c := newCanvasWidth(id, width, top+plotH+52, l.histTitle, l.histCaption)
	items := []legendItem{{label: l.customers, color: colorCustomers}}
	if open {
		items = append(items, legendItem{label: l.histOver, color: colorCustomers, marker: "hatch"})
	}
	c.legend(left, 18, items)
	var tabs []table
	for i, p := range panels {
		yTitle := ""
		if i == 0 {
			yTitle = l.customers
		}
		c.drawHistogram(l, p, left+float64(i)*(w+gutter), top, w, plotH, n, yTitle)
		t := table{Caption: p.axis, Head: []string{l.histRange, l.customers, l.share}, Num: []bool{false, true, true}}
		for _, b := range p.bins {
			t.Rows = append(t.Rows, []string{binLabel(l, b, p), count(b.n), percent(float64(b.n) / float64(n))})
		}
		tabs = append(tabs, t)
	}
	return figure{ID: id, Title: l.histTitle, Caption: l.histCaption, SVG: c.html(), Tables: tabs, Wide: true}
}

// orderBuckets returns the first purchase count of each bar of the
// order-count chart, for counts from lo to hi: every count up to 10, then
// 11–20, 21–50, 51–100, 101–200 and so on (a 1-2-5 progression), so that
// a long tail of loyal customers takes a few bars, not dozens.
func orderBuckets(lo, hi int) []int {
	out := []int{lo}
	for k := lo + 1; k <= min(hi, 10); k++ {
		out = append(out, k)
	}
	for end := 10; end < hi; {
		if end+1 > out[len(out)-1] {
			out = append(out, end+1)
		}
		lead := end
		for lead >= 10 {
			lead /= 10
		}
		if lead == 2 {
			end = end * 5 / 2 // 20 -> 50
		} else {
			end *= 2 // 10 -> 20, 50 -> 100
		}
	}
	return out
}

// ordersFigure draws the customers and the revenue by number of
// purchases: 1, 2, … up to 10, then ranges (see orderBuckets).
func ordersFigure(l *lang, values []rfm.Values) figure {
	if len(values) == 0 {
		return figure{}
	}
	const id = "fig-orders"
	type group struct {
		customers int
		revenue   money.Sum
	}
	lo, hi := values[0].Frequency, values[0].Frequency
	for _, v := range values {
		lo, hi = min(lo, v.Frequency), max(hi, v.Frequency)
	}
	bounds := orderBuckets(lo, hi)
	groups := make([]group, len(bounds))
	var total money.Sum
	for _, v := range values {
		i, found := slices.BinarySearch(bounds, v.Frequency)
		if !found {
			i-- // the bucket starting below
		}
		g := &groups[i]
		g.customers++
		g.revenue.Add(v.Monetary)
		total.Add(v.Monetary)
	}
	totalF := total.Float64()
	label := func(i int) string {
		a := bounds[i]
		switch {
		case i == len(bounds)-1 && hi > a:
			return strconv.Itoa(a) + "+"
		case i == len(bounds)-1 || bounds[i+1] == a+1:
			return strconv.Itoa(a)
		}
		return strconv.Itoa(a) + "–" + strconv.Itoa(bounds[i+1]-1)
	}
	shares := make([][2]float64, len(groups))
	top := 0.0
	for i, g := range groups {
		shares[i][0] = float64(g.customers) / float64(len(values))
		if totalF != 0 {
			shares[i][1] = g.revenue.Float64() / totalF
		}
		top = max(top, shares[i][0], shares[i][1])
	}
	const (
		top0  = 40.0
		plotH = 200.0
		left  = 56.0
		right = 16.0
	)
	c := newCanvas(id, top0+plotH+56, l.ordTitle, l.ordCaption)
	c.legend(left, 18, []legendItem{{label: l.segCustomers, color: colorCustomers}, {label: l.segRevenue, color: colorRevenue}})
	ts := ticks(0, top, 5)
	y := linear{0, ts[len(ts)-1], top0 + plotH, top0}
	w := chartWidth - left - right
	for _, t := range ts {
		c.line(left, y.at(t), left+w, y.at(t), "grid")
		c.text(left-5, y.at(t)+4, percentTick(t), "end", "tick")
	}
	c.vtext(16, top0+plotH/2, l.ordY, "axis")
	slot := w / float64(len(groups))
	barW := min(22, slot*0.36)
	tab := table{
		Head: []string{l.ordX, l.customers, l.segCustomers, l.cumShare, l.revenue + " (¥)", l.segRevenue},
		Num:  []bool{false, true, true, true, true, true},
	}
	cum := 0
	for i, g := range groups {
		cx := left + (float64(i)+0.5)*slot
		tip := fmt.Sprintf("%s %s: %s %s (%s), %s %s (%s)", label(i), l.orders, count(g.customers), l.customers,
			percent(shares[i][0]), l.revenue, yuan(g.revenue.Decimal()), percent(shares[i][1]))
		for j, v := range shares[i] {
			fill := colorCustomers
			if j == 1 {
				fill = colorRevenue
			}
			x := cx - barW - 1 + float64(j)*(barW+2)
			c.rect(x, y.at(max(v, 0)), barW, y.at(0)-y.at(max(v, 0)), fill, tip)
		}
		c.text(cx, top0+plotH+15, label(i), "middle", "tick")
		cum += g.customers
		tab.Rows = append(tab.Rows, []string{label(i), count(g.customers), percent(shares[i][0]),
			percent(float64(cum) / float64(len(values))), yuan(g.revenue.Decimal()), percent(shares[i][1])})
	}
	c.line(left, top0+plotH, left+w, top0+plotH, "base")
	c.text(left+w/2, top0+plotH+38, l.ordX, "middle", "axis")
	return figure{ID: id, Title: l.ordTitle, Caption: l.ordCaption, SVG: c.html(), Tables: []table{tab}}
}
