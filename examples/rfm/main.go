// Rfm scores customers by recency, frequency and monetary value, names
// their segments and prints a segment report with the R×F grid; with
// -svg it also draws the grid as a heat map.
//
//	go run ./examples/rfm                                  # built-in synthetic sample
//	go run ./examples/rfm -orders orders.csv [-asof 2026-06-30] [-svg grid.svg] [-encoding GB18030]
//	go run ./examples/rfm -table value                     # 八大客户价值模型
//
// Orders are read with customer.ReadOrders (columns id, customer_id, at,
// amount, …). Dates are taken in China Standard Time (UTC+8); the as-of
// date defaults to the date of the latest order. -table picks R's default
// segments (standard), the R×F grid (grid), both scored by R-style
// quintiles, or the eight-class value model (value), scored against the
// means.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/sample"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rfm:", err)
		os.Exit(1)
	}
}

// cst is the zone dates are read in.
var cst = time.FixedZone("CST", 8*3600)

// scorer is what the three scorers of package rfm have in common.
type scorer interface {
	Score([]rfm.Values) ([]rfm.Scores, error)
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("rfm", flag.ContinueOnError)
	fs.SetOutput(w)
	ordersPath := fs.String("orders", "", "orders CSV (default: built-in synthetic sample)")
	asOfFlag := fs.String("asof", "", "as-of date YYYY-MM-DD, end of the day in UTC+8 (default: the latest order's date)")
	people := fs.Int("customers", 2000, "number of persons in the built-in sample")
	tableFlag := fs.String("table", "standard", "segments: standard, grid or value")
	svgPath := fs.String("svg", "", "write the R×F heat map here as SVG")
	encoding := fs.String("encoding", "UTF-8", "encoding of the CSV file: UTF-8 or GB18030 (GBK, as Excel saves it on Chinese Windows)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	table, scorer, err := segmentTable(*tableFlag)
	if err != nil {
		return err
	}
	asOf, err := parseAsOf(*asOfFlag)
	if err != nil {
		return err
	}

	// 1. Orders: the built-in sample, or a CSV file.
	var orders iter.Seq[customer.Order]
	if *ordersPath == "" {
		orders, asOf = sampleOrders(*people, asOf)
		fmt.Fprintf(w, "Orders: built-in sample of %d persons\n", *people)
	} else if orders, asOf, err = csvOrders(w, *ordersPath, customer.CSVOptions{Location: cst, Encoding: *encoding}, asOf); err != nil {
		return err
	}

	// 2. Values, skipping (and counting) what cannot be used.
	values, sk, err := rfm.Compute(context.Background(), orders, asOf, rfm.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "As of %s: %d customers with purchases; skipped %d duplicate, %d future and %d invalid orders and %d customers with refunds only\n\n",
		asOf.Format("2006-01-02"), len(values), sk.Duplicate, sk.Future, sk.Invalid, sk.NoPurchase)

	// 3. Scores, segments, report.
	scores, err := scorer.Score(values)
	if err != nil {
		return err
	}
	report, err := rfm.NewReport(values, scores, table)
	if err != nil {
		return err
	}
	if err := report.WriteText(w); err != nil {
		return err
	}
	if *svgPath == "" {
		return nil
	}
	if err := writeSVG(*svgPath, report); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nHeat map written to %s\n", *svgPath)
	return nil
}

// segmentTable returns the segment table called name and its scorer.
func segmentTable(name string) (rfm.SegmentTable, scorer, error) {
	switch name {
	case "standard":
		return rfm.StandardSegments(), rfm.Quantile{}, nil
	case "grid":
		return rfm.GridSegments(), rfm.Quantile{}, nil
	case "value":
		return rfm.ValueSegments(), rfm.MeanSplit{}, nil
	}
	return rfm.SegmentTable{}, nil, fmt.Errorf("unknown -table %q (want standard, grid or value)", name)
}

// parseAsOf returns the end of the day s names in UTC+8, or the zero time
// when s is empty.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation("2006-01-02", s, cst)
	if err != nil {
		return time.Time{}, fmt.Errorf("-asof: %w", err)
	}
	return d.Add(24*time.Hour - time.Second), nil
}

// sampleOrders streams the orders of a sample of n persons, with 1% of
// them replayed, and returns asOf or, when it is zero, the sample's end.
func sampleOrders(n int, asOf time.Time) (iter.Seq[customer.Order], time.Time) {
	end := time.Date(2026, 6, 30, 23, 59, 59, 0, cst)
	if asOf.IsZero() {
		asOf = end
	}
	return sample.Orders(sample.Config{People: n, Companies: -1, Seed: 1, AsOf: end, DuplicateOrders: 0.01}), asOf
}

// csvOrders reads the orders of a CSV file and returns them with asOf or,
// when it is zero, the end of the latest order's day.
func csvOrders(w io.Writer, path string, opts customer.CSVOptions, asOf time.Time) (iter.Seq[customer.Order], time.Time, error) {
	list, bad, err := readOrders(path, opts)
	if err != nil {
		return nil, asOf, err
	}
	if len(list) == 0 {
		return nil, asOf, errors.New("no usable orders in " + path)
	}
	if asOf.IsZero() {
		latest := slices.MaxFunc(list, func(a, b customer.Order) int { return a.At.Compare(b.At) }).At
		y, m, d := latest.In(cst).Date()
		asOf = time.Date(y, m, d, 23, 59, 59, 0, cst)
	}
	fmt.Fprintf(w, "Orders: %d from %s", len(list), path)
	if bad > 0 {
		fmt.Fprintf(w, " (%d unreadable rows skipped)", bad)
	}
	fmt.Fprintln(w)
	return slices.Values(list), asOf, nil
}

// writeSVG writes the report's R×F grid as a heat map to path.
func writeSVG(path string, report *rfm.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := report.WriteSVG(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readOrders reads an orders CSV, skipping rows it cannot parse and
// counting them.
func readOrders(path string, opts customer.CSVOptions) ([]customer.Order, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var out []customer.Order
	bad := 0
	for o, err := range customer.ReadOrders(f, opts) {
		var pe *customer.FieldError
		switch {
		case errors.As(err, &pe) && pe.Line > 1: // one bad row; line 1 is the header
			bad++
		case err != nil:
			return nil, 0, fmt.Errorf("%s: %w", path, err)
		default:
			out = append(out, o)
		}
	}
	return out, bad, nil
}
