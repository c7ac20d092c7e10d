package report

import (
	"strconv"
	"testing"
	"time"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/clientele-go/clientele/segment"
	"github.com/shopspring/decimal"
)

// The fixtures are small results built by hand (or by the library from
// hand-made values), so that each chart's golden file stays readable.

func fixtureValues() []rfm.Values {
	vs := make([]rfm.Values, 24)
	for i := range vs {
		vs[i] = rfm.Values{
			CustomerID: customer.ID("CUST" + strconv.Itoa(1000+i)),
			Recency:    (i * 47) % 400,
			Frequency:  1 + (i*i)%7,
			Monetary:   decimal.NewFromInt(int64(40 + (i*i*13)%900)).Add(decimal.New(int64(i), -2)),
		}
	}
	vs[23].Monetary = decimal.NewFromInt(25000) // one big spender
	return vs
}

func fixtureReport(t testing.TB) *rfm.Report {
	values := fixtureValues()
	scores, err := rfm.Quantile{Bins: 3}.Score(values)
	if err != nil {
		t.Fatal(err)
	}
	table := rfm.SegmentTable{Bins: 3, Rules: []rfm.SegmentRule{
		{Name: "Best", Label: "最佳客户", R: rfm.Range{Min: 3, Max: 3}, F: rfm.Range{Min: 2, Max: 3}},
		{Name: "Lapsed", Label: "已流失客户", R: rfm.Range{Min: 1, Max: 1}},
	}, Fallback: "Others"}
	rep, err := rfm.NewReport(values, scores, table)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func fixtureClusters(pca bool) *Clusters {
	rows := [][]float64{
		{10, 200, 1}, {20, 250, 2}, {15, 180, 1}, {30, 300, 2}, {25, 220, 1}, {12, 260, 3},
		{200, 900, 5}, {220, 1100, 6}, {180, 950, 4}, {240, 1000, 5}, {210, 1200, 7}, {400, 5000, 9},
	}
	c := &Clusters{
		Model: &cluster.Model{
			Centroids: [][]float64{{18.7, 235, 1.7}, {241.7, 1691.7, 6}},
			Labels:    []int{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1},
		},
		Rows:     rows,
		Features: []string{"recency (days)", "spend (¥)", "purchases"},
		Names:    []string{"recent", "loyal"},
	}
	if !pca {
		c.X, c.Y = "recency (days)", "spend (¥)"
	}
	return c
}

func fixtureCLV() []clv.CLV {
	out := make([]clv.CLV, 30)
	for i := range out {
		p := float64((i*37)%100) / 100
		value := decimal.NewFromInt(int64(20 + (i*i*17)%700))
		out[i] = clv.CLV{
			CustomerID:        customer.ID("CUST" + strconv.Itoa(2000+i)),
			ProbAlive:         p,
			ExpectedPurchases: 3 * p,
			ExpectedSpend:     decimal.NewFromInt(80),
			Value:             value,
			ValueAtRisk:       value.Mul(decimal.NewFromFloat(1 - p)).Round(2),
		}
	}
	return out
}

func fixtureCBS() []clv.CBS {
	out := make([]clv.CBS, 40)
	for i := range out {
		x := float64(i % 9)
		T := 20 + float64(i%13)
		tx := 0.0
		if x > 0 {
			tx = T * float64(1+i%4) / 5
		}
		out[i] = clv.CBS{
			CustomerID: customer.ID("CUST" + strconv.Itoa(3000+i)), X: x, TX: tx, T: T,
			HoldoutPurchases: float64((i * 7) % 4), HoldoutLength: 13,
		}
	}
	return out
}

func fixtureMigration() (*segment.Migration, []segment.Segment) {
	return &segment.Migration{
			From:   []string{"best", "lapsed", "(none)", "(absent)"},
			To:     []string{"best", "lapsed", "(none)", "(absent)"},
			Counts: [][]int{{40, 5, 0, 2}, {3, 50, 0, 7}, {0, 0, 0, 0}, {6, 1, 0, 0}},
			Stayed: 90, Moved: 8, Stability: 90.0 / 98,
		}, []segment.Segment{
			{ID: "best", Name: "最佳客户"},
			{ID: "lapsed"},
		}
}

// fixturePage is a page with every chart.
func fixturePage(t testing.TB, locale string) *Page {
	mig, segs := fixtureMigration()
	return &Page{
		Title:     "Fixture report",
		Subtitle:  "hand-made results",
		Locale:    locale,
		AsOf:      time.Date(2026, 6, 30, 23, 59, 59, 0, time.FixedZone("CST", 8*3600)),
		RFM:       fixtureReport(t),
		Values:    fixtureValues(),
		Clusters:  fixtureClusters(false),
		CLV:       fixtureCLV(),
		BGNBD:     &cdnow,
		CBS:       fixtureCBS(),
		Unit:      7 * 24 * time.Hour,
		Migration: mig,
		Segments:  segs,
		Periods: [2]time.Time{
			time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		},
	}
}
