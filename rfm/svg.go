package rfm

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
)

// WriteSVG draws the report's R×F grid as an SVG heat map: one square per
// cell, rows from the highest recency score at the top, columns by
// frequency score, shaded from light to dark blue by average monetary
// value (empty cells grey) and labelled with the average and the number
// of customers. The output depends only on the grid, so it is stable
// enough for golden files.
func (rep *Report) WriteSVG(w io.Writer) error {
	const (
		cell   = 96
		left   = 72
		top    = 56
		bottom = 56
	)
	n := rep.Bins
	width := left + n*cell + 24
	height := top + n*cell + bottom

	// The shading scale: the lowest and highest average of the cells
	// with customers.
	lo, hi, seen := 0.0, 0.0, false
	for _, c := range rep.Grid {
		if c.Customers == 0 {
			continue
		}
		v := c.AvgMonetary.InexactFloat64()
		if !seen || v < lo {
			lo = v
		}
		if !seen || v > hi {
			hi = v
		}
		seen = true
	}

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif">`+"\n", width, height, width, height)
	fmt.Fprintf(bw, `<title>Average monetary value by recency and frequency score</title>`+"\n")
	fmt.Fprintf(bw, `<text x="%d" y="28" font-size="16" text-anchor="middle">Average monetary value by R and F score</text>`+"\n", left+n*cell/2)
	for row := n; row >= 1; row-- {
		y := top + (n-row)*cell
		fmt.Fprintf(bw, `<text x="%d" y="%d" font-size="13" text-anchor="end">R%d</text>`+"\n", left-10, y+cell/2+5, row)
		for f := 1; f <= n; f++ {
			x := left + (f-1)*cell
			c := rep.cell(row, f)
			fill, ink := "#eeeeee", "#555555"
			if c.Customers > 0 {
				t := 1.0
				if hi > lo {
					t = (c.AvgMonetary.InexactFloat64() - lo) / (hi - lo)
				}
				fill = shade(t)
				if t > 0.55 {
					ink = "#ffffff"
				} else {
					ink = "#08306b"
				}
			}
			fmt.Fprintf(bw, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#ffffff" stroke-width="2"><title>R%d F%d: %d customers, average %s</title></rect>`+"\n",
				x, y, cell, cell, fill, row, f, c.Customers, c.AvgMonetary.StringFixed(2))
			fmt.Fprintf(bw, `<text x="%d" y="%d" font-size="14" text-anchor="middle" fill="%s">%s</text>`+"\n",
				x+cell/2, y+cell/2, ink, c.AvgMonetary.StringFixed(2))
			fmt.Fprintf(bw, `<text x="%d" y="%d" font-size="11" text-anchor="middle" fill="%s">n=%d</text>`+"\n",
				x+cell/2, y+cell/2+18, ink, c.Customers)
		}
	}
	for f := 1; f <= n; f++ {
		fmt.Fprintf(bw, `<text x="%d" y="%d" font-size="13" text-anchor="middle">F%d</text>`+"\n", left+(f-1)*cell+cell/2, top+n*cell+20, f)
	}
	fmt.Fprintf(bw, `<text x="%d" y="%d" font-size="13" text-anchor="middle">frequency score</text>`+"\n", left+n*cell/2, top+n*cell+44)
	fmt.Fprintf(bw, `<text x="18" y="%d" font-size="13" text-anchor="middle" transform="rotate(-90 18 %d)">recency score</text>`+"\n", top+n*cell/2, top+n*cell/2)
	fmt.Fprintln(bw, `</svg>`)
	return bw.Flush()
}

// shade returns the colour at t in [0, 1] on a scale from light blue
// (#deebf7) to dark blue (#08306b).
func shade(t float64) string {
	t = min(max(t, 0), 1)
	mix := func(a, b int) int { return a + int(math.Round(float64(b-a)*t)) }
	r, g, b := mix(0xde, 0x08), mix(0xeb, 0x30), mix(0xf7, 0x6b)
	return "#" + hex2(r) + hex2(g) + hex2(b)
}

func hex2(v int) string {
	s := strconv.FormatInt(int64(v), 16)
	if len(s) < 2 {
		s = "0" + s
	}
	return s
}
