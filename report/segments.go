package report

import (
	"fmt"
	"strconv"

	"github.com/clientele-go/clientele/rfm"
)

// segmentName is a segment's name in the report's language: the rule's
// Label (such as 重要价值客户) in Chinese when it has one, else its Name.
func segmentName(l *lang, s rfm.SegmentStats) string {
	if l.zh() && s.Label != "" {
		return s.Label
	}
	return s.Name
}

// segmentsFigure draws each segment's share of the customers and of the
// revenue as pairs of horizontal bars.
func segmentsFigure(l *lang, rep *rfm.Report) figure {
	if rep == nil || len(rep.Segments) == 0 {
		return figure{}
	}
	const (
		id    = "fig-segments"
		rowH  = 34.0
		barH  = 12.0
		top   = 40.0
		right = 56.0
	)
	names := make([]string, len(rep.Segments))
	labelW := 60.0
	hi := 0.0
	for i, s := range rep.Segments {
		names[i] = segmentName(l, s)
		labelW = max(labelW, textLen(names[i], 12))
		hi = max(hi, s.Share, s.MonetaryShare)
	}
	labelW = min(labelW, 220)
	left := labelW + 16
	ts := ticks(0, hi, 5)
	x := linear{0, ts[len(ts)-1], left, chartWidth - right}
	plotH := rowH * float64(len(rep.Segments))
	h := top + plotH + 52

	c := newCanvas(id, h, l.segTitle, l.segCaption)
	c.legend(left, 18, []legendItem{{label: l.segCustomers, color: colorCustomers}, {label: l.segRevenue, color: colorRevenue}})
	for _, t := range ts {
		c.line(x.at(t), top-4, x.at(t), top+plotH, "grid")
		c.text(x.at(t), top+plotH+16, percentTick(t), "middle", "tick")
	}
	c.line(left, top-4, left, top+plotH, "base")
	c.text((left+chartWidth-right)/2, top+plotH+40, l.segAxis, "middle", "axis")

	tab := table{
		Head: []string{l.segName, l.customers, l.segCustomers, l.revenue + " (¥)", l.segRevenue, l.segMeanR, l.segMeanF, l.segMeanM},
		Num:  []bool{false, true, true, true, true, true, true, true},
	}
	for i, s := range rep.Segments {
		y := top + rowH*float64(i) + (rowH-2*barH-2)/2
		c.text(left-8, y+barH+4, clip(names[i], labelW, 12), "end", "")
		tip := fmt.Sprintf("%s: %s %s (%s), %s %s (%s)", names[i], count(s.Customers), l.customers, percent(s.Share),
			l.revenue, yuan(s.Monetary), percent(s.MonetaryShare))
		for j, v := range []float64{s.Share, s.MonetaryShare} {
			fill := colorCustomers
			if j == 1 {
				fill = colorRevenue
			}
			yy := y + float64(j)*(barH+2)
			w := x.at(max(v, 0)) - left
			c.rect(left, yy, w, barH, fill, tip)
			c.text(left+w+4, yy+barH-2, percent(v), "start", "value")
		}
		row := []string{names[i], count(s.Customers), percent(s.Share), yuan(s.Monetary), percent(s.MonetaryShare), "–", "–", "–"}
		if s.Customers > 0 {
			row[5], row[6], row[7] = fixed(s.RecencyMean, 1), fixed(s.FrequencyMean, 2), yuan(s.MonetaryMean)
		}
		tab.Rows = append(tab.Rows, row)
	}
	tab.Rows = append(tab.Rows, []string{l.migTotal, count(rep.Customers), percent(1), yuan(rep.Monetary), percent(1), "", "", ""})
	return figure{ID: id, Title: l.segTitle, Caption: l.segCaption, SVG: c.html(), Tables: []table{tab}}
}

// percentTick formats a share as a whole or half percentage: 0%, 12.5%.
func percentTick(x float64) string { return trim(100*x) + "%" }

// clip shortens s with an ellipsis to fit width units at the given font
// size.
func clip(s string, width, size float64) string {
	if textLen(s, size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && textLen(string(r)+"…", size) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// heatFigure draws the R×F grid of an RFM report: one cell per pair of
// scores, shaded by the average spend, with the number of customers.
func heatFigure(l *lang, rep *rfm.Report) figure {
	if rep == nil || rep.Bins < 1 {
		return figure{}
	}
	const (
		id   = "fig-rxf"
		top  = 56.0
		left = 64.0
	)
	n := rep.Bins
	cell := min(100.0, (chartWidth-left-16)/float64(n))
	cellH := min(cell*0.62, 68)
	h := top + cellH*float64(n) + 56

	lo, hi, seen := 0.0, 0.0, false
	for _, g := range rep.Grid {
		if g.Customers == 0 {
			continue
		}
		v := g.AvgMonetary.InexactFloat64()
		if !seen {
			lo, hi, seen = v, v, true
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	c := newCanvas(id, h, l.heatTitle, l.heatCaption)
	if seen {
		c.gradient(chartWidth-16-180, 14, 180, l.heatLegend, l.compactMoney(lo), l.compactMoney(hi))
	}
	head := []string{l.heatCorner}
	num := []bool{false}
	for f := 1; f <= n; f++ {
		head = append(head, "F="+strconv.Itoa(f))
		num = append(num, true)
	}
	tab := table{Head: head, Num: num}
	for row := n; row >= 1; row-- {
		y := top + float64(n-row)*cellH
		c.text(left-10, y+cellH/2+4, strconv.Itoa(row), "end", "tick")
		cells := []string{"R=" + strconv.Itoa(row)}
		for f := 1; f <= n; f++ {
			g := rep.Grid[(row-1)*n+f-1]
			x := left + float64(f-1)*cell
			fill, ink := colorEmpty, "#8a96a3"
			avg := yuan(g.AvgMonetary)
			tip := fmt.Sprintf("R=%d F=%d: %s %s, %s %s", row, f, count(g.Customers), l.customers, l.heatAvg, avg)
			if g.Customers > 0 {
				t := 1.0
				if hi > lo {
					t = (g.AvgMonetary.InexactFloat64() - lo) / (hi - lo)
				}
				fill, ink = blue(t)
				cells = append(cells, count(g.Customers)+" · "+avg)
			} else {
				tip = fmt.Sprintf("R=%d F=%d: %s", row, f, l.heatCell)
				cells = append(cells, "0")
			}
			c.raw(`<g>`)
			c.rect(x+1, y+1, cell-2, cellH-2, fill, tip)
			if g.Customers > 0 {
				c.textFill(x+cell/2, y+cellH/2-1, l.compactMoney(g.AvgMonetary.InexactFloat64()), "middle", "cell", ink)
				c.textFill(x+cell/2, y+cellH/2+14, fmt.Sprintf(l.heatN, count(g.Customers)), "middle", "small", ink)
			} else {
				c.textFill(x+cell/2, y+cellH/2+4, "–", "middle", "small", ink)
			}
			c.raw("</g>\n")
		}
		tab.Rows = append(tab.Rows, cells)
	}
	for f := 1; f <= n; f++ {
		c.text(left+(float64(f)-0.5)*cell, top+float64(n)*cellH+16, strconv.Itoa(f), "middle", "tick")
	}
	c.text(left+cell*float64(n)/2, top+float64(n)*cellH+40, l.heatX, "middle", "axis")
	c.vtext(18, top+cellH*float64(n)/2, l.heatY, "axis")
	return figure{ID: id, Title: l.heatTitle, Caption: l.heatCaption, SVG: c.html(), Tables: []table{tab}}
}
