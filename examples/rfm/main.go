// Rfm scores customers by recency, frequency and monetary value, names
// their segments and prints a segment report with the R×F grid; with
// -svg it also draws the grid as a heat map.
//
//	go run ./examples/rfm                                  # built-in synthetic sample
//	go run ./examples/rfm -orders orders.csv [-asof 2026-06-30] [-svg grid.svg]
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
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rfm:", err)
		os.Exit(1)
	}
}

// cst is the zone dates are read in.
var cst = time.FixedZone("CST", 8*3600)

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("rfm", flag.ContinueOnError)
	fs.SetOutput(w)
	ordersPath := fs.String("orders", "", "orders CSV (default: built-in synthetic sample)")
	asOfFlag := fs.String("asof", "", "as-of date YYYY-MM-DD, end of the day in UTC+8 (default: the latest order's date)")
	sample := fs.Int("customers", 2000, "number of persons in the built-in sample")
	tableFlag := fs.String("table", "standard", "segments: standard, grid or value")
	svgPath := fs.String("svg", "", "write the R×F heat map here as SVG")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var (
		table  rfm.SegmentTable
		scorer interface {
			Score([]rfm.Values) ([]rfm.Scores, error)
		} = rfm.Quantile{}
	)
	switch *tableFlag {
	case "standard":
		table = rfm.StandardSegments()
	case "grid":
		table = rfm.GridSegments()
	case "value":
		table, scorer = rfm.ValueSegments(), rfm.MeanSplit{}
	default:
		return fmt.Errorf("unknown -table %q (want standard, grid or value)", *tableFlag)
	}

	// 1. Orders.
	var (
		orders iter.Seq[customer.Order]
		asOf   time.Time
	)
	if *asOfFlag != "" {
		d, err := time.ParseInLocation("2006-01-02", *asOfFlag, cst)
		if err != nil {
			return fmt.Errorf("-asof: %w", err)
		}
		asOf = d.Add(24*time.Hour - time.Second)
	}
	if *ordersPath == "" {
		orders = synth.Orders(synth.Config{People: *sample, Companies: -1, Seed: 1, DuplicateOrders: 0.01})
		if asOf.IsZero() {
			asOf = synth.DefaultAsOf
		}
		fmt.Fprintf(w, "Orders: built-in sample of %d persons\n", *sample)
	} else {
		list, bad, err := readOrders(*ordersPath)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return errors.New("no usable orders in " + *ordersPath)
		}
		if asOf.IsZero() {
			for _, o := range list {
				if o.At.After(asOf) {
					asOf = o.At
				}
			}
			y, m, d := asOf.In(cst).Date()
			asOf = time.Date(y, m, d, 23, 59, 59, 0, cst)
		}
		orders = slices.Values(list)
		fmt.Fprintf(w, "Orders: %d from %s", len(list), *ordersPath)
		if bad > 0 {
			fmt.Fprintf(w, " (%d unreadable rows skipped)", bad)
		}
		fmt.Fprintln(w)
	}

	// 2. Values, skipping (and counting) what cannot be used.
	acc, err := rfm.NewAccumulator(asOf, rfm.Options{})
	if err != nil {
		return err
	}
	for o := range orders {
		if err := acc.Add(o); err != nil {
			return err
		}
	}
	values := acc.Values()
	sk := acc.Skipped()
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
	if *svgPath != "" {
		f, err := os.Create(*svgPath)
		if err != nil {
			return err
		}
		if err := report.WriteSVG(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(w, "\nHeat map written to %s\n", *svgPath)
	}
	return nil
}

// readOrders reads an orders CSV, skipping rows it cannot parse and
// counting them.
func readOrders(path string) ([]customer.Order, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var out []customer.Order
	bad := 0
	for o, err := range customer.ReadOrders(f, customer.CSVOptions{Location: cst}) {
		var pe *customer.FieldError
		switch {
		case errors.As(err, &pe):
			bad++
		case err != nil:
			return nil, 0, fmt.Errorf("%s: %w", path, err)
		default:
			out = append(out, o)
		}
	}
	return out, bad, nil
}
