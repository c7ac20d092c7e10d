package report

import (
	"fmt"
	"strconv"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm/clv"
)

// clvFigure draws the distribution of predicted lifetime values, with
// the median marked.
func clvFigure(l *lang, vals []clv.CLV) figure {
	if len(vals) == 0 {
		return figure{}
	}
	const (
		id    = "fig-clv"
		top   = 40.0
		left  = 64.0
		right = 16.0
		plotH = 220.0
	)
	xs := make([]float64, len(vals))
	for i, v := range vals {
		xs[i] = v.Value.InexactFloat64()
	}
	bins := moneyBands(xs) // sorts xs
	median := quantile(xs, 0.5)
	p := histPanel{axis: l.clvX, bins: bins, money: true}
	items := []legendItem{{label: l.customers, color: colorCustomers}}
	if bins[len(bins)-1].open {
		items = append(items, legendItem{label: l.histOver, color: colorCustomers, marker: "hatch"})
	}
	items = append(items, legendItem{label: l.clvMedian + " " + yuanF(median), color: inkDark, marker: "dash"})
	c := newCanvas(id, top+plotH+56, l.clvTitle, l.clvCaption)
	c.legend(left, 18, items)
	w := chartWidth - left - right
	c.drawHistogram(l, p, left, top, w, plotH, len(vals), l.customers)
	// The median's position: its bin's slot, then linearly inside it.
	slot := w / float64(len(bins))
	for i, b := range bins {
		if median < b.hi || b.open || i == len(bins)-1 {
			f := 0.5
			if !b.open && b.hi > b.lo {
				f = (median - b.lo) / (b.hi - b.lo)
			}
			mx := left + (float64(i)+f)*slot
			c.line(mx, top-2, mx, top+plotH, "median")
			break
		}
	}
	t := table{Head: []string{l.histRange, l.customers, l.share}, Num: []bool{false, true, true}}
	for _, b := range bins {
		t.Rows = append(t.Rows, []string{binLabel(l, b, p), count(b.n), percent(float64(b.n) / float64(len(vals)))})
	}
	return figure{ID: id, Title: l.clvTitle, Caption: l.clvCaption, SVG: c.html(), Tables: []table{t}}
}

// riskFigure draws the customers most worth winning back: those below
// the P(alive) threshold with the highest value at risk.
func riskFigure(l *lang, vals []clv.CLV, threshold float64, n int, label func(customer.ID) string) figure {
	if len(vals) == 0 {
		return figure{}
	}
	const id = "fig-risk"
	caption := fmt.Sprintf(l.riskCaption, percent(threshold))
	list := clv.ChurnRisk(vals, threshold, n)
	if len(list) == 0 {
		return figure{ID: id, Title: l.riskTitle, Caption: caption, Note: l.riskNone}
	}
	names := make([]string, len(list))
	labelW := 60.0
	most := 0.0
	for i, v := range list {
		names[i] = strconv.Itoa(i+1) + ". " + label(v.CustomerID)
		labelW = max(labelW, textLen(names[i], 12))
		most = max(most, v.ValueAtRisk.InexactFloat64())
	}
	labelW = min(labelW, 160)
	const (
		top   = 40.0
		rowH  = 24.0
		right = 150.0
	)
	left := labelW + 16
	ts := ticks(0, most, 4)
	x := linear{0, ts[len(ts)-1], left, chartWidth - right}
	plotH := rowH * float64(len(list))
	c := newCanvas(id, top+plotH+52, l.riskTitle, caption)
	c.legend(left, 18, []legendItem{{label: l.riskVAR, color: "#e15759"}})
	for _, t := range ts {
		c.line(x.at(t), top-4, x.at(t), top+plotH, "grid")
		c.text(x.at(t), top+plotH+16, l.tick(t, true), "middle", "tick")
	}
	tab := table{
		Head: []string{l.riskCustomer, l.riskAlive, l.riskExpected, l.riskCLV, l.riskVAR},
		Num:  []bool{false, true, true, true, true},
	}
	for i, v := range list {
		y := top + rowH*float64(i)
		risk := v.ValueAtRisk.InexactFloat64()
		c.text(left-8, y+rowH/2+4, clip(names[i], labelW, 12), "end", "")
		tip := fmt.Sprintf("%s: %s %s, %s %s", names[i], l.riskVAR, yuan(v.ValueAtRisk), l.riskAlive, percent(v.ProbAlive))
		c.rect(left, y+4, x.at(max(risk, 0))-left, rowH-8, "#e15759", tip)
		c.text(x.at(max(risk, 0))+5, y+rowH/2+4, l.compactMoney(risk)+" · "+l.riskAlive+" "+percent(v.ProbAlive), "start", "value")
		tab.Rows = append(tab.Rows, []string{names[i], percent(v.ProbAlive), fixed(v.ExpectedPurchases, 2), yuan(v.Value), yuan(v.ValueAtRisk)})
	}
	c.line(left, top-4, left, top+plotH, "base")
	c.text((left+chartWidth-right)/2, top+plotH+40, l.riskX, "middle", "axis")
	return figure{ID: id, Title: l.riskTitle, Caption: caption, SVG: c.html(), Tables: []table{tab}}
}
