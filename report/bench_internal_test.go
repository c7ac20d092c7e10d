package report

import (
	"bytes"
	"context"
	"iter"
	"testing"
	"time"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/clientele-go/clientele/segment"
)

// BenchmarkWriteHTML100k draws the full report for 100,000 customers of
// the synthetic sample (about a million orders): every chart, from
// results computed once before the timer starts. It reports the page's
// size and fails if it reaches the 2 MB that issue 18 allows.
//
//	go test -run '^$' -bench WriteHTML100k ./report
func BenchmarkWriteHTML100k(b *testing.B) {
	page := largePage(b, 100_000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := page.WriteHTML(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/page")
	if buf.Len() >= 2<<20 {
		b.Errorf("the page for 100,000 customers is %d bytes, over 2 MB", buf.Len())
	}
}

// largePage computes every result the report draws for n persons of the
// synthetic sample.
func largePage(tb testing.TB, n int) *Page {
	ctx := context.Background()
	cfg := synth.Config{People: n, Companies: -1, Seed: 1}
	orders := synth.Orders(cfg)
	asOf := synth.DefaultAsOf
	half := asOf.AddDate(0, -6, 0)
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	scored := func(end time.Time) ([]rfm.Values, []rfm.Scores) {
		values, _, err := rfm.Compute(ctx, orders, end, rfm.Options{})
		must(err)
		scores, err := rfm.Quantile{}.Score(values)
		must(err)
		return values, scores
	}
	p := &Page{Locale: "zh-CN", AsOf: asOf, Unit: 7 * 24 * time.Hour, Periods: [2]time.Time{half, asOf}}
	values, scores := scored(asOf)
	var err error
	p.RFM, err = rfm.NewReport(values, scores, rfm.StandardSegments())
	must(err)
	p.Values = values

	rows := make([][]float64, len(values))
	for i, v := range values {
		rows[i] = []float64{float64(v.Recency), float64(v.Frequency), v.Monetary.InexactFloat64()}
	}
	var sc cluster.Standardize
	z, err := sc.FitTransform(rows)
	must(err)
	model, err := cluster.KMeans{K: 5, Seed: 1}.Fit(ctx, cluster.Data{Rows: z})
	must(err)
	p.Clusters = &Clusters{Model: model, Rows: z, Features: []string{"recency", "purchases", "spend"}}

	fit := func(seq iter.Seq[customer.Order], opts clv.CBSOptions) (*clv.BGNBD, *clv.GammaGamma, []clv.CBS) {
		data, _, err := clv.SummarizeCBS(ctx, seq, opts)
		must(err)
		bg, err := clv.FitBGNBD(ctx, data, clv.FitOptions{})
		must(err)
		gg, err := clv.FitGammaGamma(ctx, data, clv.FitOptions{})
		must(err)
		return bg, gg, data
	}
	week := 7 * 24 * time.Hour
	bg, gg, data := fit(orders, clv.CBSOptions{CalibrationEnd: asOf, Unit: week})
	p.CLV, err = clv.LifetimeValues(ctx, data, bg, gg, clv.CLVOptions{Unit: week})
	must(err)
	p.BGNBD, _, p.CBS = fit(orders, clv.CBSOptions{CalibrationEnd: half, HoldoutEnd: asOf, Unit: week})

	seg, err := segment.NewRFM(rfm.StandardSegments())
	must(err)
	var periods [2]segment.Period
	for i, end := range []time.Time{half, asOf} {
		values, scores := scored(end)
		members := make([]segment.Member, len(values))
		for j := range values {
			members[j].Person = &customer.Person{ID: values[j].CustomerID}
			members[j].AsOf = end
			members[j].RFM = &scores[j]
		}
		res, err := segment.Run(ctx, members, seg, segment.Options{})
		must(err)
		periods[i] = segment.Period{Members: members, Result: res}
		p.Segments = res.Segments
	}
	review, err := segment.Compare(periods[0], periods[1], segment.ReviewOptions{})
	must(err)
	p.Migration = &review.Migration
	return p
}
