package report

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/segment"
)

func TestWriteHTML(t *testing.T) {
	for _, locale := range []string{"", "zh-CN"} {
		t.Run("locale="+locale, func(t *testing.T) {
			var b bytes.Buffer
			if err := fixturePage(t, locale).WriteHTML(&b); err != nil {
				t.Fatal(err)
			}
			html := b.String()
			for _, id := range []string{"fig-segments", "fig-rxf", "fig-rfm-hist", "fig-orders", "fig-clusters", "fig-clv",
				"fig-risk", "fig-bgnbd-expected", "fig-bgnbd-alive", "fig-calibration", "fig-migration"} {
				if !strings.Contains(html, `<figure id="`+id+`"`) {
					t.Errorf("no figure %s", id)
				}
			}
			if n, want := strings.Count(html, "<svg "), 12; n != want { // 11 charts and the pattern
				t.Errorf("%d SVG elements, want %d", n, want)
			}
			if n := strings.Count(html, "<table>"); n != 13 { // the histograms have three
				t.Errorf("%d tables, want 13", n)
			}
			checkSelfContained(t, html)
			// No identifier appears unmasked.
			for _, c := range fixtureCLV() {
				if strings.Contains(html, string(c.CustomerID)) {
					t.Errorf("page shows customer ID %s", c.CustomerID)
				}
			}
			want := []string{"Fixture report", "Data as of 30 June 2026", "¥"}
			if locale == "zh-CN" {
				want = []string{`<html lang="zh-CN">`, "数据截至2026年6月30日", "截至2026年6月的分群", "最佳客户", "以表格显示数据"}
			}
			for _, s := range want {
				if !strings.Contains(html, s) {
					t.Errorf("page lacks %q", s)
				}
			}
		})
	}
}

// checkSelfContained checks that a page loads nothing: no scripts, and
// every link, source or url() points inside the page.
func checkSelfContained(t *testing.T, html string) {
	t.Helper()
	if strings.Contains(strings.ToLower(html), "<script") {
		t.Error("page has a script")
	}
	for _, m := range regexp.MustCompile(`(?i)(?:href|src|srcset|action)="([^"]*)"|url\(([^)]*)\)|@import`).FindAllStringSubmatch(html, -1) {
		ref := m[1] + m[2]
		if !strings.HasPrefix(ref, "#") {
			t.Errorf("page refers to %q", m[0])
		}
	}
	// The only absolute URL is the SVG namespace, which is a name.
	rest := strings.ReplaceAll(html, `xmlns="http://www.w3.org/2000/svg"`, "")
	if strings.Contains(rest, "http:") || strings.Contains(rest, "https:") || strings.Contains(rest, "//") && regexp.MustCompile(`["(]//`).MatchString(rest) {
		t.Error("page holds an absolute URL")
	}
}

func TestWriteHTMLEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := (&Page{}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if !strings.Contains(html, "<h1>Customer report</h1>") || strings.Contains(html, "<figure") || strings.Contains(html, "<nav") {
		t.Errorf("empty page:\n%s", html)
	}
}

func TestCustomerLabel(t *testing.T) {
	p := &Page{CLV: fixtureCLV(), CustomerLabel: func(id customer.ID) string { return "pseudo-" + string(id[len(id)-2:]) }}
	var b bytes.Buffer
	if err := p.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "1. pseudo-11") {
		t.Error("CustomerLabel not used for the customers at risk")
	}
}

func TestWriteHTMLErrors(t *testing.T) {
	good := func() *Page { return fixturePage(t, "") }
	tests := []struct {
		name string
		edit func(p *Page)
	}{
		{"negative threshold", func(p *Page) { p.RiskThreshold = -0.1 }},
		{"threshold above 1", func(p *Page) { p.RiskThreshold = 1.5 }},
		{"negative AtRisk", func(p *Page) { p.AtRisk = -1 }},
		{"fractional unit", func(p *Page) { p.Unit = 36 * 60 * 60 * 1e9 }},
		{"grid of the wrong size", func(p *Page) { p.RFM.Grid = p.RFM.Grid[:3] }},
		{"migration rows", func(p *Page) { p.Migration = &segment.Migration{From: []string{"a"}, To: []string{"a"}} }},
		{"migration columns", func(p *Page) {
			p.Migration = &segment.Migration{From: []string{"a"}, To: []string{"a"}, Counts: [][]int{{1, 2}}}
		}},
		{"clusters without model", func(p *Page) { p.Clusters.Model = nil }},
		{"clusters without rows", func(p *Page) { p.Clusters.Rows = nil }},
		{"labels and rows", func(p *Page) { p.Clusters.Model = &cluster.Model{Centroids: [][]float64{{1, 2, 3}}, Labels: []int{0}} }},
		{"label out of range", func(p *Page) { p.Clusters.Model.Labels[3] = 2 }},
		{"short row", func(p *Page) { p.Clusters.Rows[2] = []float64{1, 2} }},
		{"feature names", func(p *Page) { p.Clusters.Features = []string{"a", "b"} }},
		{"cluster names", func(p *Page) { p.Clusters.Names = []string{"a"} }},
		{"unknown feature", func(p *Page) { p.Clusters.X = "age" }},
		{"one axis", func(p *Page) { p.Clusters.Y = "" }},
		{"failing inverse", func(p *Page) {
			p.Clusters.Inverse = func([][]float64) ([][]float64, error) { return nil, errors.New("not fitted") }
		}},
		{"inverse of the wrong shape", func(p *Page) {
			p.Clusters.Inverse = func(r [][]float64) ([][]float64, error) { return r[:1], nil }
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := good()
			tt.edit(p)
			var b bytes.Buffer
			err := p.WriteHTML(&b)
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("WriteHTML = %v, want ErrConfig", err)
			}
			if b.Len() > 0 {
				t.Errorf("WriteHTML wrote %d bytes before failing", b.Len())
			}
		})
	}
}
