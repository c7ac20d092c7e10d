// Clv predicts customer lifetime value and churn with the BG/NBD and
// Gamma-Gamma models: it summarises each customer's purchases up to an
// as-of date, fits both models, and prints the fitted parameters, the
// customers with the highest 12-month lifetime value and the valuable
// customers most likely lost (personal names masked).
//
//	go run ./examples/clv                       # built-in synthetic sample
//	go run ./examples/clv -orders orders.csv [-people people.csv] [-asof 2026-06-30] [-encoding GB18030]
//
// Orders are read with customer.ReadOrders (columns id, customer_id, at,
// amount, …) and people, for names, with customer.ReadPeople. Dates are
// taken in China Standard Time (UTC+8). The as-of date defaults to the
// date of the latest order. Times are measured in weeks (-unit day for
// days); CLV is over -months months, discounted by -discount per month.
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
	"strings"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/privacy"
	"github.com/clientele-go/clientele/report"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/clientele-go/clientele/sample"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "clv:", err)
		os.Exit(1)
	}
}

// cst is the zone dates are read in.
var cst = time.FixedZone("CST", 8*3600)

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("clv", flag.ContinueOnError)
	fs.SetOutput(w)
	ordersPath := fs.String("orders", "", "orders CSV (default: built-in synthetic sample)")
	peoplePath := fs.String("people", "", "people CSV for names (with -orders)")
	asOfFlag := fs.String("asof", "", "as-of date YYYY-MM-DD, end of the day in UTC+8 (default: the latest order's date)")
	people := fs.Int("customers", 5000, "number of persons in the built-in sample")
	unitFlag := fs.String("unit", "week", "time unit of the models: week or day")
	months := fs.Int("months", 12, "CLV horizon in months")
	discount := fs.Float64("discount", 0.01, "monthly discount rate")
	top := fs.Int("top", 10, "customers to list")
	risk := fs.Float64("risk", 0.3, "P(alive) below which a customer is at risk")
	encoding := fs.String("encoding", "UTF-8", "encoding of the CSV files: UTF-8 or GB18030 (GBK, as Excel saves them on Chinese Windows)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	unit, err := parseUnit(*unitFlag)
	if err != nil {
		return err
	}
	ctx := context.Background()

	// 1. Orders and names: the built-in sample, or CSV files.
	in, err := load(*ordersPath, *peoplePath, *asOfFlag, *people, customer.CSVOptions{Location: cst, Encoding: *encoding})
	if err != nil {
		return err
	}

	// 2. Customer summaries up to the as-of date.
	data, skipped, err := clv.SummarizeCBS(ctx, in.orders, clv.CBSOptions{CalibrationEnd: in.asOf, Unit: unit})
	if err != nil {
		return err
	}
	repeat := 0
	for _, c := range data {
		if c.X > 0 {
			repeat++
		}
	}
	fmt.Fprintf(w, "Data: %s, as of %s\n", in.source, in.asOf.Format("2006-01-02"))
	fmt.Fprintf(w, "Customers: %d (%d repeat buyers); skipped %d refunds, %d later orders, %d invalid, %d duplicates\n\n",
		len(data), repeat, skipped.Refunds, skipped.Future, skipped.Invalid, skipped.Duplicate)

	// 3. Fit the models.
	bg, gg, err := fit(ctx, w, data, *unitFlag, unit)
	if err != nil {
		return err
	}

	// 4. Lifetime values, top customers and churn risk.
	vals, err := clv.LifetimeValues(ctx, data, bg, gg, clv.CLVOptions{Unit: unit, Months: *months, DiscountRate: *discount})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nTop %d customers by %d-month CLV (discount %.1f%% a month)\n", *top, *months, 100**discount)
	table(w, clv.TopCLV(vals, *top), data, in.names, *unitFlag, false)
	fmt.Fprintf(w, "\n%d most valuable customers at risk (P(alive) < %.2f), by value at stake\n", *top, *risk)
	table(w, clv.ChurnRisk(vals, *risk, *top), data, in.names, *unitFlag, true)
	return nil
}

// parseUnit returns the duration of the time unit called name.
func parseUnit(name string) (time.Duration, error) {
	switch name {
	case "week":
		return 7 * 24 * time.Hour, nil
	case "day":
		return 24 * time.Hour, nil
	}
	return 0, fmt.Errorf("unknown -unit %q (want week or day)", name)
}

// input is the data the models are fitted on.
type input struct {
	orders iter.Seq[customer.Order]
	names  map[customer.ID]string
	asOf   time.Time
	source string
}

// load returns the orders and names of the built-in sample of n persons
// when ordersPath is empty, and of the CSV files otherwise. The as-of
// time is the end of the day asOf names, or of the latest order's day.
func load(ordersPath, peoplePath, asOf string, n int, opts customer.CSVOptions) (input, error) {
	var in input
	if asOf != "" {
		d, err := time.ParseInLocation("2006-01-02", asOf, cst)
		if err != nil {
			return in, fmt.Errorf("-asof: %w", err)
		}
		in.asOf = d.Add(24*time.Hour - time.Second)
	}
	in.names = map[customer.ID]string{}
	if ordersPath == "" {
		data := sample.Generate(sample.Config{People: n, Companies: -1, Seed: 1})
		for _, p := range data.People {
			in.names[p.ID] = p.Name
		}
		if in.asOf.IsZero() {
			in.asOf = data.AsOf
		}
		in.orders, in.source = slices.Values(data.Orders), fmt.Sprintf("built-in sample of %d persons", n)
		return in, nil
	}
	list, bad, err := readOrders(ordersPath, opts)
	if err != nil {
		return in, err
	}
	if len(list) == 0 {
		return in, errors.New("no usable orders in " + ordersPath)
	}
	if in.asOf.IsZero() {
		latest := slices.MaxFunc(list, func(a, b customer.Order) int { return a.At.Compare(b.At) }).At
		y, m, d := latest.In(cst).Date()
		in.asOf = time.Date(y, m, d, 23, 59, 59, 0, cst)
	}
	in.orders, in.source = slices.Values(list), fmt.Sprintf("%d orders from %s", len(list), ordersPath)
	if bad > 0 {
		in.source += fmt.Sprintf(" (%d unreadable rows skipped)", bad)
	}
	if peoplePath != "" {
		if err := readNames(peoplePath, in.names, opts); err != nil {
			return in, err
		}
	}
	return in, nil
}

// fit fits both models and prints their parameters.
func fit(ctx context.Context, w io.Writer, data []clv.CBS, unitName string, unit time.Duration) (*clv.BGNBD, *clv.GammaGamma, error) {
	bg, err := clv.FitBGNBD(ctx, data, clv.FitOptions{})
	if err != nil {
		return nil, nil, fmt.Errorf("BG/NBD: %w", err)
	}
	gg, err := clv.FitGammaGamma(ctx, data, clv.FitOptions{})
	if err != nil {
		return nil, nil, fmt.Errorf("Gamma-Gamma: %w", err)
	}
	fmt.Fprintf(w, "BG/NBD (time in %ss): r=%.4f alpha=%.4f a=%.4f b=%.4f, log-likelihood %.2f\n", unitName, bg.R, bg.Alpha, bg.A, bg.B, bg.LogLikelihood)
	fmt.Fprintf(w, "  a new customer makes %.2f repeat purchases in the first year\n", bg.ConditionalExpectedPurchases(365.25*24/unit.Hours(), clv.CBS{}))
	fmt.Fprintf(w, "Gamma-Gamma: p=%.4f q=%.4f gamma=%.2f, log-likelihood %.2f, on %d customers\n", gg.P, gg.Q, gg.Gamma, gg.LogLikelihood, gg.Customers)
	fmt.Fprintf(w, "  mean spend per purchase %.2f; correlation of frequency and spend %.3f", gg.P*gg.Gamma/(gg.Q-1), gg.Correlation)
	if gg.Correlation > 0.3 || gg.Correlation < -0.3 {
		fmt.Fprint(w, " (too strong: the spend model's assumption is doubtful)")
	}
	fmt.Fprintln(w)
	return bg, gg, nil
}

// table prints customers with their history (from data) and predictions.
func table(w io.Writer, vals []clv.CLV, data []clv.CBS, names map[customer.ID]string, unit string, risk bool) {
	tw := report.NewTabWriter(w, 2, true)
	last := "CLV"
	if risk {
		last = "at stake"
	}
	fmt.Fprintf(tw, "#\tcustomer\tname\trepeats\tlast buy (%ss ago)\tP(alive)\tnext purchases\tper purchase\t%s\t\n", unit, last)
	for i, v := range vals {
		c := data[slices.IndexFunc(data, func(c clv.CBS) bool { return c.CustomerID == v.CustomerID })]
		name := "-"
		if n, ok := names[v.CustomerID]; ok && n != "" {
			name = privacy.MaskName(n)
		}
		value := v.Value
		if risk {
			value = v.ValueAtRisk
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.0f\t%.1f\t%.2f\t%.2f\t%s\t%s\t\n", i+1, v.CustomerID, name, c.X, c.T-c.TX, v.ProbAlive, v.ExpectedPurchases, v.ExpectedSpend.StringFixed(2), value.StringFixed(0))
	}
	if len(vals) == 0 {
		fmt.Fprintln(tw, "(none)\t")
	}
	tw.Flush()
}

// readOrders reads an orders CSV, counting rows it cannot read.
func readOrders(path string, opts customer.CSVOptions) ([]customer.Order, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var list []customer.Order
	bad := 0
	for o, err := range customer.ReadOrders(f, opts) {
		var pe *customer.FieldError
		switch {
		case errors.As(err, &pe) && pe.Line > 1: // one bad row; line 1 is the header
			bad++
		case err != nil:
			return nil, 0, fmt.Errorf("%s: %w", path, err)
		default:
			list = append(list, o)
		}
	}
	return list, bad, nil
}

// readNames adds the names of the people in a CSV to names.
func readNames(path string, names map[customer.ID]string, opts customer.CSVOptions) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for p, err := range customer.ReadPeople(f, opts) {
		var pe *customer.FieldError
		switch {
		case errors.As(err, &pe) && pe.Line > 1: // one bad row; line 1 is the header
			continue
		case err != nil:
			return fmt.Errorf("%s: %w", path, err)
		}
		names[p.ID] = strings.TrimSpace(p.Name)
	}
	return nil
}
