// Report builds the HTML customer report on your orders or on a built-in
// sample: segment sizes and revenue, the R×F heat map, the recency,
// frequency and spend distributions, k-means clusters, lifetime value and
// churn risk, the BG/NBD model's matrices and its check against a holdout
// period, and how customers moved between segments over the last half
// year. It writes one self-contained HTML file to open in any browser or
// mail on.
//
//	go run ./examples/report -out report.html       # Chinese labels (zh-CN)
//	go run ./examples/report -lang en -customers 100000
//	go run ./examples/report -orders orders.csv [-people people.csv] [-asof 2026-06-30] [-encoding GB18030]
//
// Without -out it writes report.html in the working directory. Without
// -orders the data come from package sample (persons only). Orders are
// read with customer.ReadOrders (columns customer_id, at and amount, or
// 客户ID, 下单时间 and 金额, …), times in China Standard Time; the as-of
// date defaults to the date of the latest order. -people adds the persons'
// records to the segment review. A part the data cannot support (lifetime
// value on too short a history, say) is left out with a note. Customer
// identifiers in the report are masked.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/report"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/clientele-go/clientele/sample"
	"github.com/clientele-go/clientele/segment"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(w)
	out := fs.String("out", "report.html", "the HTML file to write")
	lang := fs.String("lang", "zh-CN", "language of the report: zh-CN or en")
	customers := fs.Int("customers", 3000, "number of customers in the built-in sample")
	ordersPath := fs.String("orders", "", "orders CSV (default: the built-in sample)")
	peoplePath := fs.String("people", "", "persons CSV, for the segment review (with -orders)")
	asOfText := fs.String("asof", "", "with -orders: as-of date YYYY-MM-DD, end of the day in UTC+8 (default: the latest order's date)")
	encoding := fs.String("encoding", "UTF-8", "encoding of the CSV files: UTF-8 or GB18030 (GBK, as Excel saves them on Chinese Windows)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var (
		data   sample.Data
		source string
	)
	if *ordersPath == "" {
		if *peoplePath != "" || *asOfText != "" {
			return errors.New("-people and -asof go with -orders")
		}
		data = sample.Generate(sample.Config{People: *customers, Companies: -1, Seed: 1})
	} else {
		var err error
		opts := customer.CSVOptions{Location: chinaTime, Encoding: *encoding}
		if data, err = ownData(w, *ordersPath, *peoplePath, *asOfText, opts); err != nil {
			return err
		}
		source = filepath.Base(*ordersPath)
	}
	page, err := build(context.Background(), w, data, source, *lang)
	if err != nil {
		return err
	}
	path, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	if err := writeFile(path, page); err != nil {
		return err
	}
	fmt.Fprintln(w, path)
	return nil
}

// build computes everything the report shows, as of data.AsOf, and
// writes a note to w for each part it leaves out. source names the orders
// file, "" for the sample.
func build(ctx context.Context, w io.Writer, data sample.Data, source, lang string) (*report.Page, error) {
	orders, asOf := data.Orders, data.AsOf
	half := asOf.AddDate(0, -6, 0) // the end of the first review period
	page := &report.Page{
		Locale:   lang,
		AsOf:     asOf,
		Subtitle: fmt.Sprintf("Sample: %d customers, %d orders and refunds over three years", len(data.People), len(orders)),
		Unit:     7 * 24 * time.Hour, // the BG/NBD model counts weeks
		Periods:  [2]time.Time{half, asOf},
	}
	switch {
	case source != "" && lang == "zh-CN":
		page.Subtitle = fmt.Sprintf("%s：%d 笔订单（含退款）", source, len(orders))
	case source != "":
		page.Subtitle = fmt.Sprintf("%s: %d orders and refunds", source, len(orders))
	case lang == "zh-CN":
		page.Subtitle = fmt.Sprintf("样本数据：%d 位客户，三年内 %d 笔订单（含退款）", len(data.People), len(orders))
	}
	table := segments(lang)
	leaveOut := func(part string, err error) { fmt.Fprintf(w, "note: %s left out: %v\n", part, err) }

	// RFM: values, segments and the report behind the first charts, and
	// k-means clusters of the standardised values.
	values, scores, err := rfmScores(ctx, orders, asOf)
	if err != nil {
		return nil, err
	}
	if page.RFM, err = rfm.NewReport(values, scores, table); err != nil {
		return nil, err
	}
	page.Values = values
	if page.Clusters, err = clusters(ctx, values, lang); err != nil {
		leaveOut("the clusters", err)
	}

	// Lifetime value as of today, and the model checked on the last half
	// year: fitted on the orders before it, compared with the orders in it.
	if page.CLV, _, _, err = lifetime(ctx, orders, asOf, time.Time{}); err != nil {
		leaveOut("lifetime value", err)
	}
	if _, page.BGNBD, page.CBS, err = lifetime(ctx, orders, half, asOf); err != nil {
		page.BGNBD, page.CBS = nil, nil
		leaveOut("the BG/NBD check on the last half year", err)
	}

	// Segment migration from the first half-year period to the second.
	if review, res, err := migration(ctx, data.People, orders, half, asOf, table); err != nil {
		leaveOut("the segment review", err)
	} else {
		page.Migration, page.Segments = &review.Migration, res.Segments
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return page, nil
}

// ownData reads the orders CSV at ordersPath and, when peoplePath is not
// empty, the persons CSV there, with opts, skipping rows that cannot be read and
// saying how many; the as-of time is the end of the day asOfText names,
// or of the latest order's, in China Standard Time.
func ownData(w io.Writer, ordersPath, peoplePath, asOfText string, opts customer.CSVOptions) (sample.Data, error) {
	var data sample.Data
	bad, err := readCSV(ordersPath, customer.ReadOrders, opts, &data.Orders)
	if err != nil {
		return data, err
	}
	if len(data.Orders) == 0 {
		return data, fmt.Errorf("%s: no orders that can be read", ordersPath)
	}
	fmt.Fprintf(w, "%s: %d orders read, %d rows skipped\n", ordersPath, len(data.Orders), bad)
	if peoplePath != "" {
		if bad, err = readCSV(peoplePath, customer.ReadPeople, opts, &data.People); err != nil {
			return data, err
		}
		fmt.Fprintf(w, "%s: %d persons read, %d rows skipped\n", peoplePath, len(data.People), bad)
	}
	day := slices.MaxFunc(data.Orders, func(a, b customer.Order) int { return a.At.Compare(b.At) }).At.In(chinaTime)
	if asOfText != "" {
		if day, err = time.ParseInLocation(time.DateOnly, asOfText, chinaTime); err != nil {
			return data, fmt.Errorf("-asof %q: want YYYY-MM-DD", asOfText)
		}
	}
	y, m, d := day.Date()
	data.AsOf = time.Date(y, m, d, 23, 59, 59, 0, chinaTime)
	return data, nil
}

// chinaTime is China Standard Time, the zone of times without an offset.
var chinaTime = time.FixedZone("CST", 8*3600)

// readCSV appends the records of the CSV file at path, as read reads
// them, to *to, and returns the number of rows skipped as unreadable. An
// error about the file, such as a header without a required column, ends
// it.
func readCSV[T any](path string, read func(io.Reader, customer.CSVOptions) iter.Seq2[T, error], opts customer.CSVOptions, to *[]T) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	skipped := 0
	for rec, err := range read(f, opts) {
		var fe *customer.FieldError
		if errors.As(err, &fe) && fe.Line > 1 {
			skipped++ // one bad row; line 1 is the header
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		*to = append(*to, rec)
	}
	return skipped, nil
}

// writeFile writes the page to path.
func writeFile(path string, page *report.Page) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := page.WriteHTML(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// segments returns R's standard RFM segments, with Chinese display names
// for a Chinese report.
func segments(lang string) rfm.SegmentTable {
	t := rfm.StandardSegments()
	if lang != "zh-CN" {
		return t
	}
	zh := map[string]string{
		"Champions": "冠军客户", "Potential Loyalist": "潜在忠诚客户", "Loyal Customers": "忠诚客户",
		"Promising": "有潜力客户", "New Customers": "新客户", "Can't Lose Them": "不能失去的客户",
		"At Risk": "流失风险客户", "Need Attention": "需要关注客户", "About To Sleep": "即将沉睡客户", "Lost": "已流失客户",
	}
	for i := range t.Rules {
		t.Rules[i].Label = zh[t.Rules[i].Name]
	}
	t.Fallback = "其他"
	return t
}

// rfmScores computes the RFM values of every customer as of asOf and
// scores them by quintiles, as R's rfm package does.
func rfmScores(ctx context.Context, orders []customer.Order, asOf time.Time) ([]rfm.Values, []rfm.Scores, error) {
	values, _, err := rfm.Compute(ctx, slices.Values(orders), asOf, rfm.Options{})
	if err != nil {
		return nil, nil, err
	}
	scores, err := rfm.Quantile{}.Score(values)
	return values, scores, err
}

// clusters fits k-means with k = 4 to the standardised recency, frequency
// and spend of every customer, to be drawn by recency and spend.
func clusters(ctx context.Context, values []rfm.Values, lang string) (*report.Clusters, error) {
	rows := make([][]float64, len(values))
	for i, v := range values {
		rows[i] = []float64{float64(v.Recency), float64(v.Frequency), v.Monetary.InexactFloat64()}
	}
	var sc cluster.Standardize
	z, err := sc.FitTransform(rows)
	if err != nil {
		return nil, err
	}
	model, err := cluster.KMeans{K: 4, Seed: 1}.Fit(ctx, cluster.Data{Rows: z})
	if err != nil {
		return nil, err
	}
	names := []string{"recency (days)", "purchases", "spend (¥)"}
	if lang == "zh-CN" {
		names = []string{"最近购买（天前）", "购买次数", "消费（¥）"}
	}
	return &report.Clusters{
		Model:    model,
		Rows:     z,
		Features: names,
		X:        names[0],
		Y:        names[2],
		Inverse:  sc.Inverse, // draw days and yuan, not z-scores
	}, nil
}

// lifetime summarises the orders up to end (and in the holdout period up
// to holdoutEnd, when not zero), fits the BG/NBD and Gamma-Gamma models in
// weeks and predicts every customer's 12-month lifetime value.
func lifetime(ctx context.Context, orders []customer.Order, end, holdoutEnd time.Time) ([]clv.CLV, *clv.BGNBD, []clv.CBS, error) {
	week := 7 * 24 * time.Hour
	data, _, err := clv.SummarizeCBS(ctx, slices.Values(orders), clv.CBSOptions{CalibrationEnd: end, HoldoutEnd: holdoutEnd, Unit: week})
	if err != nil {
		return nil, nil, nil, err
	}
	bg, err := clv.FitBGNBD(ctx, data, clv.FitOptions{})
	if err != nil {
		return nil, nil, nil, err
	}
	gg, err := clv.FitGammaGamma(ctx, data, clv.FitOptions{})
	if err != nil {
		return nil, nil, nil, err
	}
	vals, err := clv.LifetimeValues(ctx, data, bg, gg, clv.CLVOptions{Unit: week, DiscountRate: 0.01})
	return vals, bg, data, err
}

// migration segments the persons by RFM at the end of each of two
// periods and compares the periods.
func migration(ctx context.Context, people []customer.Person, orders []customer.Order, first, second time.Time, table rfm.SegmentTable) (*segment.Review, *segment.Result, error) {
	seg, err := segment.NewRFM(table)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[customer.ID]*customer.Person, len(people))
	for i := range people {
		byID[people[i].ID] = &people[i]
	}
	var periods [2]segment.Period
	var last *segment.Result
	for i, end := range []time.Time{first, second} {
		values, scores, err := rfmScores(ctx, orders, end)
		if err != nil {
			return nil, nil, err
		}
		members := make([]segment.Member, len(values))
		for j := range values {
			members[j].Person = byID[values[j].CustomerID]
			members[j].AsOf = end
			members[j].RFM = &scores[j]
		}
		if last, err = segment.Run(ctx, members, seg, segment.Options{}); err != nil {
			return nil, nil, err
		}
		periods[i] = segment.Period{Members: members, Result: last}
	}
	review, err := segment.Compare(periods[0], periods[1], segment.ReviewOptions{})
	return review, last, err
}
