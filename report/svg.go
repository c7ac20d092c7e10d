package report

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/internal/textwidth"
)

// canvas builds one SVG chart. Every chart is 640 units wide and scales
// to its box in the page; text styles come from the page's style sheet
// (classes tick, axis, label, value, legend), so that the SVG holds only
// geometry and words. Coordinates are rounded to 0.1 unit to keep the
// output small and stable for golden files.
type canvas struct {
	b    strings.Builder
	w, h float64
}

const chartWidth = 640

// newCanvas starts an SVG of the standard width and the given height
// whose accessible name is title and description desc.
func newCanvas(id string, h float64, title, desc string) *canvas {
	return newCanvasWidth(id, chartWidth, h, title, desc)
}

// newCanvasWidth starts an SVG of any width, for a figure that spans the
// page.
func newCanvasWidth(id string, w, h float64, title, desc string) *canvas {
	c := &canvas{w: w, h: h}
	c.printf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-t %s-d">`+"\n",
		num(c.w), num(h), id, id)
	c.printf(`<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`+"\n", id, esc(title), id, esc(desc))
	return c
}

// html closes the SVG and returns it for the page template; every text
// in it has been escaped.
func (c *canvas) html() template.HTML {
	c.b.WriteString("</svg>\n")
	return template.HTML(c.b.String()) // built from escaped text only
}

func (c *canvas) printf(format string, args ...any) { fmt.Fprintf(&c.b, format, args...) }

// rect draws a rectangle; tip, when not empty, is its hover text.
func (c *canvas) rect(x, y, w, h float64, fill, tip string) {
	c.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"`, num(x), num(y), num(max(w, 0)), num(max(h, 0)), fill)
	if tip == "" {
		c.b.WriteString("/>\n")
		return
	}
	c.printf("><title>%s</title></rect>\n", esc(tip))
}

// text writes s at (x, y) with an anchor (start, middle, end) and a class.
func (c *canvas) text(x, y float64, s, anchor, class string) {
	c.printf(`<text x="%s" y="%s"`, num(x), num(y))
	if anchor != "" && anchor != "start" {
		c.printf(` text-anchor="%s"`, anchor)
	}
	if class != "" {
		c.printf(` class="%s"`, class)
	}
	c.printf(">%s</text>\n", esc(s))
}

// textFill writes text in a given colour, for labels on coloured cells.
// The colour is an inline style, which the page's style sheet (which
// sets the fill of all chart text) cannot override.
func (c *canvas) textFill(x, y float64, s, anchor, class, fill string) {
	c.printf(`<text x="%s" y="%s" text-anchor="%s" class="%s" style="fill:%s">%s</text>`+"\n",
		num(x), num(y), anchor, class, fill, esc(s))
}

// vtext writes s rotated by -90°, centred on (x, y): a y-axis title.
func (c *canvas) vtext(x, y float64, s, class string) {
	c.printf(`<text x="%s" y="%s" text-anchor="middle" class="%s" transform="rotate(-90 %s %s)">%s</text>`+"\n",
		num(x), num(y), class, num(x), num(y), esc(s))
}

func (c *canvas) line(x1, y1, x2, y2 float64, class string) {
	c.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" class="%s"/>`+"\n", num(x1), num(y1), num(x2), num(y2), class)
}

// raw writes markup the caller has built from escaped text.
func (c *canvas) raw(s string) { c.b.WriteString(s) }

// num formats a coordinate rounded to 0.1.
func num(x float64) string {
	x = math.Round(x*10) / 10
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func esc(s string) string { return html.EscapeString(s) }

// textLen estimates the width of s in SVG units at the given font size:
// about half an em per display cell (a Han character is two cells, one
// em).
func textLen(s string, size float64) float64 {
	return float64(textwidth.Width(s)) * size * 0.55
}

// linear maps the domain [d0, d1] onto the range [r0, r1].
type linear struct{ d0, d1, r0, r1 float64 }

func (s linear) at(v float64) float64 {
	if s.d1 == s.d0 {
		return (s.r0 + s.r1) / 2
	}
	return s.r0 + (v-s.d0)/(s.d1-s.d0)*(s.r1-s.r0)
}

// niceStep returns a round step (1, 2, 2.5 or 5 times a power of ten)
// near span/n.
func niceStep(span float64, n int) float64 {
	if span <= 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return 1
	}
	raw := span / float64(max(n, 1))
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*p*1.0000001 {
			return m * p
		}
	}
	return 10 * p
}

// ticks returns about n round values covering [lo, hi], from a multiple
// of the step at or below lo to one at or above hi.
func ticks(lo, hi float64, n int) []float64 {
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		if lo == 0 {
			hi = 1
		} else {
			lo, hi = lo-math.Abs(lo)/2, hi+math.Abs(hi)/2
		}
	}
	step := niceStep(hi-lo, n)
	// Round to the step's decimals, so that 3 × 0.1 is 0.3.
	scale := math.Pow(10, max(0, 1-math.Floor(math.Log10(step))))
	first := math.Floor(lo/step + 1e-9)
	var out []float64
	for k := first; k*step < hi+step*0.999; k++ {
		out = append(out, math.Round(k*step*scale)/scale)
	}
	if len(out) < 2 {
		out = append(out, out[0]+step)
	}
	return out
}

// The palettes: Tableau 10 for categories, ColorBrewer's Blues for
// sequential scales.
var (
	categorical = [...]string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"}
	blues       = [...][3]float64{
		{0xf7, 0xfb, 0xff}, {0xde, 0xeb, 0xf7}, {0xc6, 0xdb, 0xef}, {0x9e, 0xca, 0xe1},
		{0x6b, 0xae, 0xd6}, {0x42, 0x92, 0xc6}, {0x21, 0x71, 0xb5}, {0x08, 0x51, 0x9c}, {0x08, 0x30, 0x6b},
	}
)

const (
	colorCustomers = "#4e79a7"
	colorRevenue   = "#f28e2b"
	colorEmpty     = "#eef1f4"
	inkDark        = "#1f2933"
	inkLight       = "#ffffff"
)

// color returns the category colour of index i, repeating after ten.
func color(i int) string { return categorical[i%len(categorical)] }

// blue returns the colour at t in [0, 1] on the sequential blue scale,
// and the ink that reads on it.
func blue(t float64) (fill, ink string) {
	if math.IsNaN(t) {
		return colorEmpty, inkDark
	}
	t = min(max(t, 0), 1)
	// Start at the second stop: the first is too pale to tell from white.
	pos := 1 + t*float64(len(blues)-2)
	i := min(int(pos), len(blues)-2)
	f := pos - float64(i)
	var rgb [3]int
	for k := range 3 {
		rgb[k] = int(math.Round(blues[i][k] + (blues[i+1][k]-blues[i][k])*f))
	}
	ink = inkDark
	if t > 0.5 {
		ink = inkLight
	}
	return "#" + hex2(rgb[0]) + hex2(rgb[1]) + hex2(rgb[2]), ink
}

func hex2(v int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>4&0xf], digits[v&0xf]})
}

// legendItem is one entry of a chart legend: a swatch of a colour (or a
// marker) and its label.
type legendItem struct {
	label  string
	color  string
	marker string // "" a square, "line", "dash", "diamond", "hatch"
}

// legend draws items in rows from (x, y), wrapping before the right
// edge, and returns the y of the last row.
func (c *canvas) legend(x, y float64, items []legendItem) float64 {
	x0 := x
	c.raw(`<g class="legend">` + "\n")
	for _, it := range items {
		w := 20 + textLen(it.label, 12) + 16
		if x > x0 && x+w-16 > c.w-8 {
			x, y = x0, y+18
		}
		switch it.marker {
		case "line":
			c.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"/><circle cx="%s" cy="%s" r="3" fill="%s"/>`+"\n",
				num(x), num(y-4), num(x+16), num(y-4), it.color, num(x+8), num(y-4), it.color)
		case "dash":
			c.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="4 3"/>`+"\n",
				num(x), num(y-4), num(x+16), num(y-4), it.color)
		case "diamond":
			c.printf(`<path d="M%s %sl5 5-5 5-5-5z" fill="%s" stroke="#fff"/>`+"\n", num(x+8), num(y-9), it.color)
		case "hatch":
			c.printf(`<rect x="%s" y="%s" width="12" height="12" fill="url(#hatch)" stroke="%s"/>`+"\n", num(x+2), num(y-10), it.color)
		default:
			c.printf(`<rect x="%s" y="%s" width="12" height="12" rx="2" fill="%s"/>`+"\n", num(x+2), num(y-10), it.color)
		}
		c.text(x+20, y, it.label, "", "legend")
		x += w
	}
	c.raw("</g>\n")
	return y
}

// legendHeight returns the height the rows of a legend starting at x
// take in a chart of the standard width: 18 per row.
func legendHeight(x float64, items []legendItem) float64 {
	x0, rows := x, 1
	for _, it := range items {
		w := 20 + textLen(it.label, 12) + 16
		if x > x0 && x+w-16 > chartWidth-8 {
			x, rows = x0, rows+1
		}
		x += w
	}
	return 18 * float64(rows)
}

// gradient draws a horizontal colour scale of the blue palette at (x, y),
// w wide, labelled lo and hi at its ends and title above it.
func (c *canvas) gradient(x, y, w float64, title, lo, hi string) {
	const steps = 8
	for i := range steps {
		fill, _ := blue(float64(i) / (steps - 1))
		c.rect(x+w*float64(i)/steps, y, w/steps+0.5, 10, fill, "")
	}
	c.text(x, y+24, lo, "start", "tick")
	c.text(x+w, y+24, hi, "end", "tick")
	c.text(x-8, y+9, title, "end", "legend")
}

// hatchDefs holds the pattern of the open-ended bars; the page writes it
// once, in a hidden SVG, and the charts refer to it as url(#hatch).
const hatchDefs = `<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#c9d6e3"/><line x1="0" y1="0" x2="0" y2="6" stroke="#4e79a7" stroke-width="2"/></pattern></defs></svg>` + "\n"
