package report

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
)

// TestCharts draws every chart from the fixtures in both languages and
// compares its SVG and its table with a golden file (go test -update
// rewrites them). The golden files pin the structure: the elements,
// their positions and their words, not pixels.
func TestCharts(t *testing.T) {
	p := fixturePage(t, "")
	charts := []struct {
		name string
		draw func(l *lang) []figure
	}{
		{"segments", func(l *lang) []figure { return []figure{segmentsFigure(l, p.RFM)} }},
		{"rxf", func(l *lang) []figure { return []figure{heatFigure(l, p.RFM)} }},
		{"histograms", func(l *lang) []figure { return []figure{histogramsFigure(l, p.Values)} }},
		{"orders", func(l *lang) []figure { return []figure{ordersFigure(l, p.Values)} }},
		{"scatter", func(l *lang) []figure {
			f, err := scatterFigure(l, fixtureClusters(false))
			if err != nil {
				t.Fatal(err)
			}
			return []figure{f}
		}},
		{"scatter-pca", func(l *lang) []figure {
			f, err := scatterFigure(l, fixtureClusters(true))
			if err != nil {
				t.Fatal(err)
			}
			return []figure{f}
		}},
		{"clv", func(l *lang) []figure { return []figure{clvFigure(l, p.CLV)} }},
		{"risk", func(l *lang) []figure { return []figure{riskFigure(l, p.CLV, 0.5, 8, p.label)} }},
		{"bgnbd", func(l *lang) []figure { return bgnbdFigures(l, p.BGNBD, p.CBS, 7) }},
		{"migration", func(l *lang) []figure {
			return []figure{migrationFigure(l, p.Migration, p.Segments, p.Periods)}
		}},
	}
	for _, ch := range charts {
		for _, l := range []*lang{english, chinese} {
			t.Run(ch.name+"/"+l.tag, func(t *testing.T) {
				figs := ch.draw(l)
				if len(figs) == 0 {
					t.Fatal("no figure")
				}
				var b strings.Builder
				for _, f := range figs {
					checkFigure(t, f)
					b.WriteString(dumpFigure(f))
				}
				golden.Check(t, filepath.Join("testdata", ch.name+"."+l.tag+".golden"), []byte(b.String()))
			})
		}
	}
}

// checkFigure checks what every chart must have: a title, a caption, an
// SVG that is well-formed XML with an accessible name and description,
// and a table whose rows fit its head.
func checkFigure(t *testing.T, f figure) {
	t.Helper()
	if f.ID == "" || f.Title == "" || f.Caption == "" {
		t.Errorf("figure %q: missing ID, title or caption", f.ID)
	}
	var doc struct {
		XMLName xml.Name `xml:"svg"`
		Role    string   `xml:"role,attr"`
		Title   string   `xml:"title"`
		Desc    string   `xml:"desc"`
		Texts   []string `xml:"text"`
	}
	if err := xml.Unmarshal([]byte(f.SVG), &doc); err != nil {
		t.Fatalf("figure %s: SVG is not XML: %v", f.ID, err)
	}
	if doc.Role != "img" || doc.Title != f.Title || doc.Desc != f.Caption {
		t.Errorf("figure %s: role %q, title %q, desc %q", f.ID, doc.Role, doc.Title, doc.Desc)
	}
	if len(f.Tables) == 0 {
		t.Errorf("figure %s: no table", f.ID)
	}
	for _, tab := range f.Tables {
		if len(tab.Num) != len(tab.Head) {
			t.Errorf("figure %s: %d alignments for %d columns", f.ID, len(tab.Num), len(tab.Head))
		}
		for i, r := range tab.Rows {
			if len(r) != len(tab.Head) {
				t.Errorf("figure %s: row %d has %d cells for %d columns", f.ID, i, len(r), len(tab.Head))
			}
		}
	}
}

// dumpFigure writes a figure for its golden file: the words, the SVG and
// the tables as text.
func dumpFigure(f figure) string {
	var b strings.Builder
	b.WriteString("== " + f.ID + ": " + f.Title + "\n" + f.Caption + "\n")
	if f.Note != "" {
		b.WriteString("note: " + f.Note + "\n")
	}
	b.WriteString(string(f.SVG))
	for _, tab := range f.Tables {
		b.WriteString("-- table " + tab.Caption + "\n")
		b.WriteString(strings.Join(tab.Head, " | ") + "\n")
		for _, r := range tab.Rows {
			b.WriteString(strings.Join(r, " | ") + "\n")
		}
	}
	return b.String()
}
