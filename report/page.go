package report

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"time"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/privacy"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/clientele-go/clientele/segment"
)

// Page is a report: the results to draw and how to label them. Every
// field is optional; a chart whose data are missing is left out, and a
// section without charts too. The zero value is an empty report.
//
// WriteHTML reads the results and does not modify or keep them. A Page
// is safe for concurrent use as long as no one writes to it or to the
// results it points to.
type Page struct {
	// Title heads the page. "" means "Customer report" (客户分析报告).
	Title string
	// Subtitle, when not empty, is a line under the title, such as the
	// data source.
	Subtitle string
	// Locale chooses the words and conventions: "zh-CN" (also "zh",
	// "zh-SG" and "zh-Hans…", in any case) gives Chinese labels and
	// dates such as 2024年3月; anything else, "" included, English.
	// Money is yuan in both: ¥1,299.00.
	Locale string
	// AsOf is the date the data describe, shown under the title. The
	// zero time leaves it out.
	AsOf time.Time

	// RFM draws the segment sizes and revenue shares (a bar chart) and
	// the R×F heat map of average spend.
	RFM *rfm.Report
	// Values draws histograms of recency (days), frequency and
	// monetary value (¥), and the distribution of customers and revenue
	// by number of purchases.
	Values []rfm.Values

	// Clusters draws a scatter plot of clustered customers with the
	// cluster centres.
	Clusters *Clusters

	// CLV draws the distribution of lifetime values and the most
	// valuable customers at risk (clv.ChurnRisk).
	CLV []clv.CLV
	// RiskThreshold is the P(alive) below which a customer is at risk.
	// 0 means 0.5, as in clv.ChurnRisk; it must be in [0, 1].
	RiskThreshold float64
	// AtRisk is the number of customers at risk to list. 0 means 10;
	// negative is an error.
	AtRisk int
	// BGNBD and CBS, the model and the customer summaries it was fitted
	// on, draw the model's matrices of expected purchases and of
	// P(alive) by frequency and recency; when the summaries have a
	// holdout period, also the calibration-versus-holdout chart. Both
	// are needed.
	BGNBD *clv.BGNBD
	CBS   []clv.CBS
	// Unit is the time unit of CBS and BGNBD, the clv.CBSOptions.Unit
	// the summaries were built with: a whole number of days. 0 means a
	// day. The charts show times in days.
	Unit time.Duration

	// Migration draws the matrix of customers moving between segments
	// from one period to the next (segment.Review.Migration).
	Migration *segment.Migration
	// Segments names the segment IDs of Migration by their DisplayName;
	// IDs not listed are shown as they are. nil shows the IDs.
	Segments []segment.Segment
	// Periods are the ends of the two periods Migration compares, shown
	// as months in the axis titles. Zero times are left out.
	Periods [2]time.Time

	// CustomerLabel shows a customer identifier (in the list of customers
	// at risk), for example as a pseudonym from privacy.Pseudonymizer.
	// nil means privacy.MaskMiddle(id, 2, 2): the first and last two
	// characters, the rest as '*'. The report never shows an identifier
	// that has not passed through it.
	CustomerLabel func(customer.ID) string
}

// Clusters describes a clustering to draw: the rows a k-means model was
// fitted on, and the model. The scatter plot shows two chosen features,
// or, when X and Y are both empty, the first two principal axes of the
// rows.
type Clusters struct {
	// Model is the fitted model: its Labels (one per row) and Centroids.
	// Required.
	Model *cluster.Model
	// Rows are the rows the model was fitted on, in the model's space
	// (standardised, say); Rows[i] is in cluster Model.Labels[i].
	// Required.
	Rows [][]float64
	// Features names the columns, with their units, such as "recency
	// (days)". nil names them "feature 1", "feature 2", ….
	Features []string
	// X and Y name the features on the horizontal and vertical axes.
	// Both empty means the first two principal axes of Rows.
	X, Y string
	// Inverse, when not nil, maps rows from the model's space back to
	// the units of Features, as (*cluster.Standardize).Inverse and
	// (*cluster.MinMax).Inverse do. The scatter of chosen features and
	// the table of centres then show those units. nil means Rows are in
	// those units already.
	Inverse func([][]float64) ([][]float64, error)
	// Names names the clusters, Names[k] for cluster k. nil means
	// "cluster 1", "cluster 2", ….
	Names []string
}

// section is one part of the page: a heading and its figures.
type section struct {
	ID, Title string
	Figures   []figure
}

// figure is one chart with its title, caption, drawing and the same
// numbers as tables.
type figure struct {
	ID, Title, Caption string
	Note               string // an optional remark under the chart
	Wide               bool   // spans the page's width
	SVG                template.HTML
	Tables             []table
}

// table is the accessible view of a chart's numbers.
type table struct {
	Caption string
	Head    []string
	Rows    [][]string
	// Num marks the right-aligned (numeric) columns.
	Num []bool
}

// keyFigure is one of the headline numbers at the top of the page.
type keyFigure struct{ Value, Label string }

// WriteHTML writes the report as one self-contained HTML page: inline
// SVG charts and a style sheet, no scripts, no fonts or images to fetch.
// Each chart has a title, a caption saying what it shows, axis titles
// with units, a legend and a table of its numbers.
//
// It returns an error wrapping [ErrConfig] when the page's settings or
// results do not fit together (see [Page] and [Clusters]), before
// writing anything, and otherwise the error of w.
func (p *Page) WriteHTML(w io.Writer) error {
	l := langFor(p.Locale)
	if err := p.validate(); err != nil {
		return err
	}
	var secs []section
	add := func(id, title string, figs ...figure) {
		var kept []figure
		for _, f := range figs {
			if f.ID != "" {
				kept = append(kept, f)
			}
		}
		if len(kept) > 0 {
			secs = append(secs, section{ID: id, Title: title, Figures: kept})
		}
	}
	add("segments", l.secSegments, segmentsFigure(l, p.RFM), heatFigure(l, p.RFM))
	add("behaviour", l.secBehaviour, histogramsFigure(l, p.Values), ordersFigure(l, p.Values))
	scatter, err := scatterFigure(l, p.Clusters)
	if err != nil {
		return err
	}
	add("clusters", l.secClusters, scatter)
	add("value", l.secValue, clvFigure(l, p.CLV), riskFigure(l, p.CLV, p.threshold(), p.atRisk(), p.label))
	add("model", l.secModel, bgnbdFigures(l, p.BGNBD, p.CBS, p.unitDays())...)
	add("migration", l.secMigration, migrationFigure(l, p.Migration, p.Segments, p.Periods))

	title := p.Title
	if title == "" {
		title = l.title
	}
	data := struct {
		Lang, Title, Subtitle, AsOf, Contents, TableView, Footer string
		Keys                                                     []keyFigure
		Sections                                                 []section
		Defs                                                     template.HTML
		CSS                                                      template.CSS
	}{
		Lang: l.tag, Title: title, Subtitle: p.Subtitle, Contents: l.contents,
		TableView: l.tableView, Footer: l.footer, Keys: p.keyFigures(l),
		Sections: secs, Defs: template.HTML(hatchDefs), CSS: template.CSS(styleSheet),
	}
	if !p.AsOf.IsZero() {
		data.AsOf = fmt.Sprintf(l.asOf, l.date(p.AsOf))
	}
	return pageTemplate.Execute(w, data)
}

func (p *Page) threshold() float64 {
	if p.RiskThreshold == 0 {
		return 0.5
	}
	return p.RiskThreshold
}

func (p *Page) atRisk() int {
	if p.AtRisk == 0 {
		return 10
	}
	return p.AtRisk
}

func (p *Page) unitDays() float64 {
	if p.Unit == 0 {
		return 1
	}
	return float64(p.Unit / (24 * time.Hour))
}

// label shows a customer ID: through CustomerLabel, or masked.
func (p *Page) label(id customer.ID) string {
	if p.CustomerLabel != nil {
		return p.CustomerLabel(id)
	}
	return privacy.MaskMiddle(string(id), 2, 2)
}

// validate checks the settings and that the results fit together, so
// that drawing cannot fail half way.
func (p *Page) validate() error {
	if p.RiskThreshold < 0 || p.RiskThreshold > 1 || math.IsNaN(p.RiskThreshold) {
		return fmt.Errorf("%w: Page.RiskThreshold is %v, want a probability in [0, 1]", ErrConfig, p.RiskThreshold)
	}
	if p.AtRisk < 0 {
		return fmt.Errorf("%w: Page.AtRisk is negative (%d)", ErrConfig, p.AtRisk)
	}
	if p.Unit < 0 || p.Unit%(24*time.Hour) != 0 {
		return fmt.Errorf("%w: Page.Unit is %v, want a whole number of days", ErrConfig, p.Unit)
	}
	if r := p.RFM; r != nil && (r.Bins < 1 || len(r.Grid) != r.Bins*r.Bins) {
		return fmt.Errorf("%w: Page.RFM has %d grid cells for %d bins", ErrConfig, len(r.Grid), r.Bins)
	}
	if m := p.Migration; m != nil {
		if len(m.Counts) != len(m.From) {
			return fmt.Errorf("%w: Page.Migration has %d rows of counts for %d segments", ErrConfig, len(m.Counts), len(m.From))
		}
		for i, row := range m.Counts {
			if len(row) != len(m.To) {
				return fmt.Errorf("%w: Page.Migration row %d has %d counts for %d segments", ErrConfig, i, len(row), len(m.To))
			}
		}
	}
	if c := p.Clusters; c != nil {
		if err := c.validate(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Clusters) validate() error {
	if c.Model == nil || len(c.Model.Centroids) == 0 {
		return fmt.Errorf("%w: Clusters.Model is missing or has no centroids", ErrConfig)
	}
	if len(c.Rows) == 0 {
		return fmt.Errorf("%w: Clusters.Rows is empty", ErrConfig)
	}
	if len(c.Model.Labels) != len(c.Rows) {
		return fmt.Errorf("%w: Clusters has %d rows but the model has %d labels", ErrConfig, len(c.Rows), len(c.Model.Labels))
	}
	d := len(c.Model.Centroids[0])
	if d < 2 {
		return fmt.Errorf("%w: Clusters has %d feature; a scatter plot needs two", ErrConfig, d)
	}
	for i, r := range c.Rows {
		if len(r) != d {
			return fmt.Errorf("%w: Clusters.Rows[%d] has %d values, the centroids %d", ErrConfig, i, len(r), d)
		}
		for _, v := range r {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: Clusters.Rows[%d] holds %v", ErrConfig, i, v)
			}
		}
		if k := c.Model.Labels[i]; k < 0 || k >= len(c.Model.Centroids) {
			return fmt.Errorf("%w: Clusters.Model.Labels[%d] is %d, outside 0..%d", ErrConfig, i, k, len(c.Model.Centroids)-1)
		}
	}
	if c.Features != nil && len(c.Features) != d {
		return fmt.Errorf("%w: Clusters.Features names %d features, the rows have %d", ErrConfig, len(c.Features), d)
	}
	if c.Names != nil && len(c.Names) != len(c.Model.Centroids) {
		return fmt.Errorf("%w: Clusters.Names names %d clusters, the model has %d", ErrConfig, len(c.Names), len(c.Model.Centroids))
	}
	if (c.X == "") != (c.Y == "") {
		return fmt.Errorf("%w: Clusters.X and Y must both name a feature or both be empty", ErrConfig)
	}
	if c.X != "" {
		for _, name := range []string{c.X, c.Y} {
			if c.feature(name) < 0 {
				return fmt.Errorf("%w: Clusters names feature %q, which is not in Features", ErrConfig, name)
			}
		}
	}
	return nil
}

// keyFigures returns the headline numbers the results allow.
func (p *Page) keyFigures(l *lang) []keyFigure {
	var out []keyFigure
	switch {
	case p.RFM != nil:
		out = append(out, keyFigure{count(p.RFM.Customers), l.keyCustomers}, keyFigure{yuan(p.RFM.Monetary), l.keyRevenue})
	case len(p.Values) > 0:
		out = append(out, keyFigure{count(len(p.Values)), l.keyCustomers})
	}
	if n := len(p.Values); n > 0 {
		repeat := 0
		for _, v := range p.Values {
			if v.Frequency > 1 {
				repeat++
			}
		}
		out = append(out, keyFigure{percent(float64(repeat) / float64(n)), l.keyRepeat})
	}
	if n := len(p.CLV); n > 0 {
		var sum float64
		risk := 0
		for _, c := range p.CLV {
			sum += c.Value.InexactFloat64()
			if c.ProbAlive < p.threshold() {
				risk++
			}
		}
		out = append(out, keyFigure{yuanF(sum / float64(n)), l.keyCLV},
			keyFigure{count(risk), fmt.Sprintf(l.keyAtRisk, trim(p.threshold()))})
	}
	if m := p.Migration; m != nil && m.Stayed+m.Moved > 0 {
		out = append(out, keyFigure{percent(m.Stability), l.keyStability})
	}
	return out
}
