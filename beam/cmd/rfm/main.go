// Command rfm scores customers by recency, frequency and monetary value on
// Apache Beam: the values and scores of rfm.Compute and rfm.Quantile{},
// and the segments of rfm.StandardSegments, computed by a pipeline that
// runs on Prism (the default, in-process) or any portable runner.
//
//	go run ./cmd/rfm --input orders.csv --output rfm.csv --as-of 2025-01-01
//
// The input is CSV with the header customer_id,order_id,date,amount (read
// as customer.ReadOrders reads it: columns by name, dates YYYY-MM-DD or
// RFC 3339, UTC when no offset is given). The output has one row per
// customer with at least one purchase,
// customer_id,recency,frequency,monetary,r,f,m,segment, in the order of
// each customer's first order, as rfm.Compute returns them.
//
// --as-of takes a date, meaning the end of that day in UTC (orders of that
// day count, with recency 0), or an RFC 3339 time. Malformed lines go to
// --dead-letters (default: the output path plus ".bad.csv") with their
// line numbers; the run fails when more than --max-bad of the lines are
// malformed. Skipped orders (duplicates, orders after the as-of time) are
// counted and printed, as rfm.Compute counts them.
//
// Beam's own flags select the runner: --runner=prism (default),
// --runner=dataflow with --project, --region, --temp_location and
// --staging_location, or --runner=flink / --runner=universal with
// --endpoint; see beam/README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/clientele-go/clientele/beam/csvio"
	"github.com/clientele-go/clientele/beam/rfmbeam"
	"github.com/clientele-go/clientele/rfm"
	_ "time/tzdata"
)

func init() {
	register.Function1x1[rfmbeam.Scored, csvio.Keyed](formatRow)
	register.DoFn3x0[context.Context, rfm.Skipped, csvio.Report](&countFn{})
}

// config is what one run needs.
type config struct {
	Input, Output, DeadLetters string
	AsOf                       time.Time
	MaxBad                     float64
	ChunkBytes                 int64
}

func main() {
	var cfg config
	var asOf string
	flag.StringVar(&cfg.Input, "input", "", "orders CSV (customer_id,order_id,date,amount)")
	flag.StringVar(&cfg.Output, "output", "", "output CSV (customer_id,recency,frequency,monetary,r,f,m,segment)")
	flag.StringVar(&asOf, "as-of", "", "as-of date YYYY-MM-DD (end of that day, UTC) or RFC 3339 time")
	flag.StringVar(&cfg.DeadLetters, "dead-letters", "", "CSV of malformed lines (default: OUTPUT.bad.csv)")
	flag.Float64Var(&cfg.MaxBad, "max-bad", 0.01, "largest share of malformed lines tolerated, 0 to 1")
	flag.Int64Var(&cfg.ChunkBytes, "chunk-bytes", 64<<20, "bytes of input per parallel read")
	flag.Parse()
	beam.Init()
	var err error
	if cfg.AsOf, err = parseAsOf(asOf); err == nil {
		err = run(context.Background(), cfg, os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rfm:", err)
		os.Exit(1)
	}
}

// parseAsOf reads a date (the end of that day in UTC) or an RFC 3339
// time.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, fmt.Errorf("--as-of is required")
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d.Add(24*time.Hour - time.Nanosecond), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--as-of %q is neither YYYY-MM-DD nor RFC 3339", s)
	}
	return t, nil
}

// build adds the pipeline to s.
func build(s beam.Scope, cfg config) error {
	switch {
	case cfg.Input == "" || cfg.Output == "":
		return fmt.Errorf("--input and --output are required")
	case !(cfg.MaxBad >= 0 && cfg.MaxBad <= 1):
		return fmt.Errorf("--max-bad %v is not a share from 0 to 1", cfg.MaxBad)
	case cfg.ChunkBytes <= 0:
		return fmt.Errorf("--chunk-bytes %d is not positive", cfg.ChunkBytes)
	}
	fn, err := rfmbeam.NewCombineFn(cfg.AsOf, rfm.Options{})
	if err != nil {
		return err
	}
	header, batches := csvio.Read(s, cfg.Input, csvio.Options{ChunkBytes: cfg.ChunkBytes})
	orders, bad := rfmbeam.ParseOrders(s, header, batches)
	report := csvio.Check(s, csvio.CheckOptions{MaxShare: cfg.MaxBad, DeadLetters: cfg.DeadLetters}, batches, bad)
	customers := rfmbeam.ComputeValues(s, fn, orders)
	scored := rfmbeam.Score(s, rfm.Quantile{}, customers)
	rows := beam.ParDo(s, formatRow, scored)
	csvio.Write(s, cfg.Output, "customer_id,recency,frequency,monetary,r,f,m,segment", rows, report)
	beam.ParDo0(s, &countFn{}, rfmbeam.TotalSkipped(s, customers), beam.SideInput{Input: report})
	return nil
}

// run builds the pipeline, runs it with the runner the flags select and
// prints what was skipped to w.
func run(ctx context.Context, cfg config, w io.Writer) error {
	if cfg.DeadLetters == "" {
		cfg.DeadLetters = cfg.Output + ".bad.csv"
	}
	p, s := beam.NewPipelineWithRoot()
	if err := build(s, cfg); err != nil {
		return err
	}
	start := time.Now()
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return err
	}
	if res == nil {
		return nil // a runner that only submits the job
	}
	counts := map[string]int64{}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		counts[c.Key.Name] += c.Result()
	}
	fmt.Fprintf(w, "rfm: %d lines, %d malformed (%s); skipped: %d duplicate, %d future orders, %d customers with refunds only; %.1fs\n",
		counts["lines"], counts["malformed"], cfg.DeadLetters, counts["duplicate"], counts["future"], counts["no_purchase"],
		time.Since(start).Seconds())
	return nil
}

// rowFields are the output columns of one customer.
func rowFields(sc rfmbeam.Scored) []string {
	v, t := sc.Values, rfm.StandardSegments()
	return []string{
		string(v.CustomerID), strconv.Itoa(v.Recency), strconv.Itoa(v.Frequency), v.Monetary.String(),
		strconv.Itoa(sc.Scores.R), strconv.Itoa(sc.Scores.F), strconv.Itoa(sc.Scores.M), t.Name(t.Match(sc.Scores)),
	}
}

func formatRow(sc rfmbeam.Scored) csvio.Keyed {
	return csvio.Keyed{Key: sc.First, Text: csvio.Format(rowFields(sc))}
}

// countFn reports the totals as Beam counters, which the launcher reads
// back.
type countFn struct{}

func (countFn) ProcessElement(ctx context.Context, sk rfm.Skipped, r csvio.Report) {
	for name, n := range map[string]int{
		"lines": int(r.Lines), "malformed": int(r.Bad),
		"duplicate": sk.Duplicate, "future": sk.Future, "no_purchase": sk.NoPurchase, "invalid": sk.Invalid,
	} {
		beam.NewCounter("rfm", name).Inc(ctx, int64(n))
	}
}
