package rfm_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// reportCase is five customers in two classes of the value model, worked
// out by hand below.
func reportCase() ([]rfm.Values, []rfm.Scores) {
	values := []rfm.Values{
		{CustomerID: "c1", Recency: 1, Frequency: 10, Monetary: dec("100.00")},
		{CustomerID: "c2", Recency: 3, Frequency: 8, Monetary: dec("50.50")},
		{CustomerID: "c3", Recency: 100, Frequency: 1, Monetary: dec("10")},
		{CustomerID: "c4", Recency: 40, Frequency: 2, Monetary: dec("0.01")},
		{CustomerID: "c5", Recency: 60, Frequency: 3, Monetary: dec("-5")},
	}
	scores := []rfm.Scores{
		{CustomerID: "c1", R: 2, F: 2, M: 2},
		{CustomerID: "c2", R: 2, F: 2, M: 2},
		{CustomerID: "c3", R: 1, F: 1, M: 1},
		{CustomerID: "c4", R: 1, F: 1, M: 1},
		{CustomerID: "c5", R: 1, F: 1, M: 1},
	}
	return values, scores
}

func TestNewReport(t *testing.T) {
	values, scores := reportCase()
	got, err := rfm.NewReport(values, scores, rfm.ValueSegments())
	if err != nil {
		t.Fatal(err)
	}
	// Total 100 + 50.5 + 10 + 0.01 - 5 = 155.51.
	// Important value: c1, c2. Recency mean and median (1+3)/2 = 2,
	// frequency 9; monetary 150.50, mean and median 75.25, share
	// 150.5/155.51.
	// General win-back: c3, c4, c5. Recency mean 200/3, median 60;
	// frequency mean 2, median 2; monetary 5.01, mean 5.01/3 = 1.67,
	// median 0.01, share 5.01/155.51.
	empty := func(name, label string) rfm.SegmentStats { return rfm.SegmentStats{Name: name, Label: label} }
	want := &rfm.Report{
		Customers: 5,
		Monetary:  dec("155.51"),
		Segments: []rfm.SegmentStats{
			{
				Name: "Important value", Label: "重要价值客户", Customers: 2, Share: 0.4,
				RecencyMean: 2, RecencyMedian: 2, FrequencyMean: 9, FrequencyMedian: 9,
				MonetaryMean: dec("75.25"), MonetaryMedian: dec("75.25"),
				Monetary: dec("150.5"), MonetaryShare: 150.5 / 155.51,
			},
			empty("Important growth", "重要发展客户"),
			empty("Important retention", "重要保持客户"),
			empty("Important win-back", "重要挽留客户"),
			empty("General value", "一般价值客户"),
			empty("General growth", "一般发展客户"),
			empty("General retention", "一般保持客户"),
			{
				Name: "General win-back", Label: "一般挽留客户", Customers: 3, Share: 0.6,
				RecencyMean: 200.0 / 3, RecencyMedian: 60, FrequencyMean: 2, FrequencyMedian: 2,
				MonetaryMean: dec("1.67"), MonetaryMedian: dec("0.01"),
				Monetary: dec("5.01"), MonetaryShare: 5.01 / 155.51,
			},
			empty("Others", ""),
		},
		Bins: 2,
		Grid: []rfm.GridCell{
			{R: 1, F: 1, Customers: 3, Monetary: dec("5.01"), AvgMonetary: dec("1.67")},
			{R: 1, F: 2},
			{R: 2, F: 1},
			{R: 2, F: 2, Customers: 2, Monetary: dec("150.5"), AvgMonetary: dec("75.25")},
		},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("NewReport mismatch (-want +got):\n%s", diff)
	}
	if c := got.Grid[(2-1)*got.Bins+2-1]; c.R != 2 || c.F != 2 || c.Customers != 2 {
		t.Errorf("cell (2, 2) = %+v", c)
	}
}

// TestReportMedianEven checks the exact mean of the two middle values,
// also for values beyond the int64 fast path.
func TestReportMedianEven(t *testing.T) {
	for _, c := range []struct {
		ms   []string
		want string
	}{
		{[]string{"1", "4", "2", "3"}, "2.5"},
		{[]string{"0.01", "0.02"}, "0.015"},
		{[]string{"1.00001", "1.00002", "7"}, "1.00002"},
		{[]string{"1.00001", "1.00002"}, "1.000015"},
	} {
		values := make([]rfm.Values, len(c.ms))
		scores := make([]rfm.Scores, len(c.ms))
		for i, m := range c.ms {
			values[i].Monetary = dec(m)
			scores[i] = rfm.Scores{R: 1, F: 1, M: 1}
		}
		rep, err := rfm.NewReport(values, scores, rfm.SegmentTable{})
		if err != nil {
			t.Fatal(err)
		}
		if got := rep.Segments[0].MonetaryMedian; !got.Equal(dec(c.want)) {
			t.Errorf("median of %v = %s, want %s", c.ms, got, c.want)
		}
	}
}

func TestNewReportErrors(t *testing.T) {
	values, scores := reportCase()
	if _, err := rfm.NewReport(values, scores[:2], rfm.ValueSegments()); !errors.Is(err, rfm.ErrMismatch) {
		t.Errorf("short scores: %v, want ErrMismatch", err)
	}
	swapped := slices.Clone(scores)
	swapped[0], swapped[1] = swapped[1], swapped[0]
	if _, err := rfm.NewReport(values, swapped, rfm.ValueSegments()); !errors.Is(err, rfm.ErrMismatch) {
		t.Errorf("scores of other customers: %v, want ErrMismatch", err)
	}
	if _, err := rfm.NewReport(values, scores, rfm.SegmentTable{Bins: 1}); !errors.Is(err, rfm.ErrMismatch) {
		t.Errorf("scores above Bins: %v, want ErrMismatch", err)
	}
	bad := rfm.SegmentTable{Rules: []rfm.SegmentRule{{Name: ""}}}
	if _, err := rfm.NewReport(values, scores, bad); !errors.Is(err, rfm.ErrConfig) {
		t.Errorf("bad table: %v, want ErrConfig", err)
	}
	rep, err := rfm.NewReport(nil, nil, rfm.StandardSegments())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Segments) != 11 || rep.Customers != 0 || len(rep.Grid) != 25 {
		t.Errorf("empty report = %+v", rep)
	}
}

func TestReportWriteText(t *testing.T) {
	values, scores := reportCase()
	rep, err := rfm.NewReport(values, scores, rfm.ValueSegments())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "rfm_report.txt.golden"), b.Bytes())
}

// TestReportWriteTextChinese checks that a table with Chinese segment
// names lines up: a Han character is two cells wide, so 重要客户 pads like
// an eight-letter name. The expected text is laid out by hand.
func TestReportWriteTextChinese(t *testing.T) {
	values, scores := reportCase()
	table := rfm.SegmentTable{Bins: 2, Rules: []rfm.SegmentRule{
		{Name: "重要客户", R: rfm.Range{Min: 2, Max: 2}},
	}, Fallback: "other"}
	rep, err := rfm.NewReport(values, scores, table)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(b.String(), "\n\n")
	want := "" +
		"segment   customers  share   R mean  R median  F mean  F median  M mean  M median  M total  M share\n" +
		"重要客户  2          40.0%   2.0     2         9.00    9         75.25   75.25     150.50   96.8%\n" +
		"other     3          60.0%   66.7    60        2.00    2         1.67    0.01      5.01     3.2%\n" +
		"all       5          100.0%" + strings.Repeat(" ", 2+54) + "155.51"
	if diff := golden.Diff(want, head); diff != "" {
		t.Errorf("WriteText mismatch (-want +got):\n%s", diff)
	}
}

func TestGridWriteSVG(t *testing.T) {
	values, scores := reportCase()
	rep, err := rfm.NewReport(values, scores, rfm.ValueSegments())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	// Well-formed XML with one rectangle per cell, the darkest for the
	// highest average and grey for empty cells.
	var doc struct {
		Rects []struct {
			Fill  string `xml:"fill,attr"`
			Title string `xml:"title"`
		} `xml:"rect"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	fills := map[string]string{}
	for _, r := range doc.Rects {
		fills[r.Title] = r.Fill
	}
	want := map[string]string{
		"R2 F2: 2 customers, average 75.25": "#08306b",
		"R2 F1: 0 customers, average 0.00":  "#eeeeee",
		"R1 F1: 3 customers, average 1.67":  "#deebf7",
		"R1 F2: 0 customers, average 0.00":  "#eeeeee",
	}
	if diff := cmp.Diff(want, fills); diff != "" {
		t.Errorf("cells mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(b.String(), "<svg ") {
		t.Errorf("SVG starts %q", b.String()[:20])
	}
	golden.Check(t, filepath.Join("testdata", "rfm_grid.svg.golden"), b.Bytes())
}

// TestReportFromScores runs Compute-free scoring of a synthetic
// population through the report and checks its totals add up.
func TestReportTotals(t *testing.T) {
	values := make([]rfm.Values, 500)
	for i := range values {
		values[i] = rfm.Values{Recency: i % 97, Frequency: 1 + i%13, Monetary: decimal.New(int64(i*37%1000), -2)}
	}
	scores, err := rfm.Quantile{}.Score(values)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := rfm.NewReport(values, scores, rfm.StandardSegments())
	if err != nil {
		t.Fatal(err)
	}
	n, share, money := 0, 0.0, decimal.Zero
	for _, s := range rep.Segments {
		n += s.Customers
		share += s.Share
		money = money.Add(s.Monetary)
	}
	cells, cellMoney := 0, decimal.Zero
	for _, c := range rep.Grid {
		cells += c.Customers
		cellMoney = cellMoney.Add(c.Monetary)
	}
	if n != 500 || cells != 500 || !money.Equal(rep.Monetary) || !cellMoney.Equal(rep.Monetary) {
		t.Errorf("segments hold %d customers and %s, cells %d and %s; want 500 and %s", n, money, cells, cellMoney, rep.Monetary)
	}
	if share < 0.999999 || share > 1.000001 {
		t.Errorf("shares add to %v", share)
	}
}
