// Command rfmbench times the order-ingestion entry points (rfm.Compute,
// rfm.ComputeColumns, customer.Summarize, clv.SummarizeCBS) on an order
// log, and writes the log that scripts/bench-pandas-rfm.sh hands to both
// this program and pandas.
//
//	go run ./scripts/rfmbench -write /tmp/orders.csv       # write the log, print the as-of day
//	go run ./scripts/rfmbench -csv /tmp/orders.csv -runs 5 # read it, time every entry point
//
//	rfmbench -csv /tmp/orders.csv -serve                    # read it, then run one case per line of stdin
//
// Without -csv it generates the log in memory (internal/synth.Log, the
// same rows; with -marketplace, the same log with 19-digit order IDs,
// with -uuids with UUIDs for customer IDs;
// with -friendly, synth.Orders instead: grouped by customer, IDs sharing
// memory). With -columnar the input is rfm.Columns alone, and with
// -intcols their IDs and times are integers. Each run reports wall and CPU time, the bytes the
// call allocated and the peak heap (live heap before the call, which is
// the input, plus what the call added), sampled every millisecond. It is
// a measurement tool, not part of the library or of CI.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rfmbench:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("rfmbench", flag.ContinueOnError)
	customers := fs.Int("customers", 1_000_000, "customers of the generated log (about 10.2 orders each)")
	seed := fs.Uint64("seed", 1, "data seed")
	dups := fs.Float64("dups", 0.015, "share of replayed (duplicate) rows")
	friendly := fs.Bool("friendly", false, "use synth.Orders (grouped by customer, shared IDs) instead of synth.Log")
	marketplace := fs.Bool("marketplace", false, "give the log's orders 19-digit IDs, as large Chinese marketplaces issue them (synth.Log.MarketplaceIDs), also with -write")
	uuids := fs.Bool("uuids", false, "give the log's customers UUIDs (synth.Log.UUIDCustomers), also with -write")
	csvPath := fs.String("csv", "", "read the orders from this CSV file (customer.ReadOrders) instead of generating them")
	write := fs.String("write", "", "write the generated log here as CSV, print the as-of day, and exit")
	runs := fs.Int("runs", 5, "timed runs per case")
	cases := fs.String("cases", "compute,trust,summarize,cbs", "comma-separated cases: compute, trust, columns, pipeline, summarize, summarize-trust, cbs, cbs-trust, workers1, scan (the floor: reading the orders, see scan)")
	workers := fs.Int("workers", 0, "Options.Workers (0 = GOMAXPROCS)")
	prof := fs.String("cpuprofile", "", "write a CPU profile of the timed runs here")
	columnar := fs.Bool("columnar", false, "keep only the orders as rfm.Columns (own strings), so the input is the columns; for -cases columns")
	intCols := fs.Bool("intcols", false, "with -cases columns, hold the IDs as integers (rfm.Columns.CustomerNo and OrderNo: the IDs' digits, without their letters) and the times as Unix seconds (AtUnix), as a host reading SQL BIGINT keys has them")
	serve := fs.Bool("serve", false, "after loading, run the case named on each line of stdin and print one result line (for scripts/bench-pandas-rfm.sh)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*marketplace || *uuids) && (*friendly || *csvPath != "") {
		return errors.New("-marketplace and -uuids apply to the generated log, not to -friendly or -csv")
	}
	log := synth.Log{Customers: *customers, Seed: *seed, Duplicates: *dups, MarketplaceIDs: *marketplace, UUIDCustomers: *uuids}
	asOf := synth.DefaultAsOf
	if *write != "" {
		return writeCSV(w, *write, log, asOf)
	}

	orders, cols, err := load(w, *csvPath, *friendly, *customers, *seed, *dups, log, strings.Contains(*cases, "columns") || *serve && *intCols, *columnar, *intCols)
	if err != nil {
		return err
	}
	rows, what := len(orders), "orders"
	if *columnar {
		rows, what = len(cols.Amount), "rows of rfm.Columns"
	}
	runtime.GC()
	input := heapLive()
	fmt.Fprintf(w, "go: input %.0f MB live heap (%d %s, %.0f bytes each); GOMAXPROCS %d\n",
		float64(input)/1e6, rows, what, float64(input)/float64(rows), runtime.GOMAXPROCS(0))
	return runCases(w, orders, cols, input, *prof, *serve, *runs, *cases, *workers)
}

// load reads or generates the orders, and with wantCols the columns too;
// with columnar it returns the columns only, with strings of their own.
func load(w io.Writer, csvPath string, friendly bool, customers int, seed uint64, dups float64, log synth.Log, wantCols, columnar, intCols bool) ([]customer.Order, rfm.Columns, error) {
	start := time.Now()
	var orders []customer.Order
	switch {
	case csvPath != "":
		var err error
		if orders, err = readCSV(csvPath); err != nil {
			return nil, rfm.Columns{}, err
		}
		fmt.Fprintf(w, "go: read %d orders from %s in %.1f s (customer.ReadOrders)\n", len(orders), csvPath, time.Since(start).Seconds())
	case friendly:
		orders = slices.Collect(synth.Orders(synth.Config{People: customers, Companies: -1, Seed: seed, DuplicateOrders: dups}))
		fmt.Fprintf(w, "go: %d synth.Orders orders generated in %.1f s\n", len(orders), time.Since(start).Seconds())
	default:
		orders = log.Orders()
		fmt.Fprintf(w, "go: %d synth.Log orders generated in %.1f s\n", len(orders), time.Since(start).Seconds())
	}
	var cols rfm.Columns
	if wantCols {
		var err error
		if cols, err = columnsOf(orders, columnar, intCols); err != nil {
			return nil, rfm.Columns{}, err
		}
	}
	if columnar {
		return nil, cols, nil
	}
	return orders, cols, nil
}

// runCases times the cases on the loaded input.
func runCases(w io.Writer, orders []customer.Order, cols rfm.Columns, input uint64, prof string, serve bool, runs int, cases string, workers int) error {
	if prof != "" {
		f, err := os.Create(prof)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	asOf := synth.DefaultAsOf
	opts := rfm.Options{Workers: workers}
	table := rfm.StandardSegments()
	all := map[string]func() (int, error){
		"compute": func() (int, error) {
			v, _, err := rfm.Compute(ctx, slices.Values(orders), asOf, opts)
			return len(v), err
		},
		"trust": func() (int, error) {
			o := opts
			o.TrustOrderIDs = true
			v, _, err := rfm.Compute(ctx, slices.Values(orders), asOf, o)
			return len(v), err
		},
		"scan": func() (int, error) {
			return int(scan(slices.Values(orders)) & 1), nil
		},
		"workers1": func() (int, error) {
			o := opts
			o.Workers = 1
			v, _, err := rfm.Compute(ctx, slices.Values(orders), asOf, o)
			return len(v), err
		},
		"columns": func() (int, error) {
			v, _, err := rfm.ComputeColumns(ctx, cols, asOf, opts)
			return len(v), err
		},
		"pipeline": func() (int, error) {
			v, _, err := rfm.Compute(ctx, slices.Values(orders), asOf, opts)
			if err != nil {
				return 0, err
			}
			s, err := rfm.Quantile{Workers: workers}.Score(v)
			if err != nil {
				return 0, err
			}
			_, err = table.Assign(s)
			return len(v), err
		},
		"summarize": func() (int, error) {
			s, _, err := customer.Summarize(ctx, slices.Values(orders), asOf, customer.SummaryOptions{})
			return len(s), err
		},
		"cbs": func() (int, error) {
			c, _, err := clv.SummarizeCBS(ctx, slices.Values(orders), clv.CBSOptions{CalibrationEnd: asOf.AddDate(0, -6, 0), HoldoutEnd: asOf})
			return len(c), err
		},
		"summarize-trust": func() (int, error) {
			s, _, err := customer.Summarize(ctx, slices.Values(orders), asOf, customer.SummaryOptions{TrustOrderIDs: true})
			return len(s), err
		},
		"cbs-trust": func() (int, error) {
			c, _, err := clv.SummarizeCBS(ctx, slices.Values(orders), clv.CBSOptions{CalibrationEnd: asOf.AddDate(0, -6, 0), HoldoutEnd: asOf, TrustOrderIDs: true})
			return len(c), err
		},
	}
	if serve {
		return serveCases(w, os.Stdin, orders, cols, input)
	}
	names := strings.Split(cases, ",")
	res := make(map[string][]sample)
	// Alternate the cases run by run, so that a change in the machine's
	// load hits them alike.
	for r := range runs {
		for _, name := range names {
			f := all[name]
			if f == nil {
				return fmt.Errorf("unknown case %q", name)
			}
			s, err := measure(f, input)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			res[name] = append(res[name], s)
			fmt.Fprintf(w, "go %s run %d: %.4f s, cpu %.4f s (sys %.4f), %d customers, allocated %.0f MB, peak heap %.0f MB = %.2fx input\n",
				name, r+1, s.wall, s.cpu, s.sys, s.n, s.alloc/1e6, s.peak/1e6, s.peak/float64(input))
		}
	}
	for _, name := range names {
		s := res[name]
		fmt.Fprintf(w, "go %s median %.4f s, cpu %.4f s, peak heap %.2fx input\n", name,
			median(s, func(x sample) float64 { return x.wall }),
			median(s, func(x sample) float64 { return x.cpu }),
			median(s, func(x sample) float64 { return x.peak })/float64(input))
	}
	fmt.Fprintf(w, "load average: %s\n", loadAvg())
	return nil
}

// serveCases runs the case named on each line of r and prints
// "go CASE WALL CPU PEAKX CUSTOMERS FREQUENCY MONETARY": seconds, peak heap
// as a multiple of the input, and checksums of the values, which the
// pandas side prints too. The cases are dedup and trust (rfm.Compute
// with and without duplicate detection) and, with -intcols, dedup-int
// and trust-int (rfm.ComputeColumns on the integer columns).
func serveCases(w io.Writer, r io.Reader, orders []customer.Order, cols rfm.Columns, input uint64) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		base, ints := strings.CutSuffix(name, "-int")
		opts := rfm.Options{TrustOrderIDs: base == "trust"}
		if base != "dedup" && base != "trust" || ints && cols.CustomerNo == nil {
			return fmt.Errorf("unknown case %q", name)
		}
		var vals []rfm.Values
		s, err := measure(func() (int, error) {
			var v []rfm.Values
			var err error
			if ints {
				v, _, err = rfm.ComputeColumns(context.Background(), cols, synth.DefaultAsOf, opts)
			} else {
				v, _, err = rfm.Compute(context.Background(), slices.Values(orders), synth.DefaultAsOf, opts)
			}
			vals = v
			return len(v), err
		}, input)
		if err != nil {
			return err
		}
		freq, money := 0, decimal.Decimal{}
		for _, v := range vals {
			freq += v.Frequency
			money = money.Add(v.Monetary)
		}
		fmt.Fprintf(w, "go %s %.4f %.4f %.2f %d %d %s\n", name, s.wall, s.cpu, s.peak/float64(input), len(vals), freq, money.StringFixed(2))
	}
	return sc.Err()
}

// scan reads from every order what rfm.Compute needs (both IDs' bytes,
// the time, the amount's coefficient and exponent) and nothing else, on
// the calling goroutine, the way Compute takes them: through an
// iter.Seq it cannot see into. It is the floor of any such consumer;
// the checksum keeps the reads.
//
//go:noinline
func scan(orders iter.Seq[customer.Order]) uint64 {
	var sum uint64
	for o := range orders {
		sum += uint64(len(o.CustomerID)) + uint64(len(o.ID)) + uint64(o.At.Unix())
		sum += uint64(o.Amount.CoefficientInt64()) + uint64(o.Amount.Exponent())
		if len(o.CustomerID) > 0 {
			sum += uint64(o.CustomerID[len(o.CustomerID)-1])
		}
		if len(o.ID) > 0 {
			sum += uint64(o.ID[len(o.ID)-1])
		}
	}
	return sum
}

type sample struct {
	wall, cpu, sys, alloc, peak float64
	n                           int
}

func median(s []sample, f func(sample) float64) float64 {
	xs := make([]float64, len(s))
	for i := range s {
		xs[i] = f(s[i])
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// measure runs f after a full collection, so the heap holds the input
// only, sampling the heap every millisecond.
func measure(f func() (int, error), input uint64) (sample, error) {
	runtime.GC()
	allocs0 := readMetric("/gc/heap/allocs:bytes")
	var peak atomic.Uint64
	peak.Store(heapObjects())
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if os.Getenv("RFMBENCH_NOSAMPLE") != "" {
			<-stop
			return
		}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if h := heapObjects(); h > peak.Load() {
					peak.Store(h)
				}
			}
		}
	}()
	cpu0, sys0, start := cpuTime(), sysTime(), time.Now()
	n, err := f()
	wall, cpu, sys := time.Since(start).Seconds(), (cpuTime() - cpu0).Seconds(), (sysTime() - sys0).Seconds()
	if h := heapObjects(); h > peak.Load() {
		peak.Store(h)
	}
	close(stop)
	wg.Wait()
	alloc := readMetric("/gc/heap/allocs:bytes") - allocs0
	return sample{wall: wall, cpu: cpu, sys: sys, alloc: float64(alloc), peak: float64(peak.Load()), n: n}, err
}

// heapObjects returns the bytes of heap objects, live or not yet swept.
func heapObjects() uint64 { return readMetric("/memory/classes/heap/objects:bytes") }

// heapLive returns the live heap after the last collection.
func heapLive() uint64 { return readMetric("/gc/heap/live:bytes") }

func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:3], " ") + fmt.Sprintf(" on %d cores", runtime.NumCPU())
}

// columnsOf turns orders into columns, sharing the strings unless own;
// with ints, with the IDs as integers (their digits, without the letters
// before them) and the times as Unix seconds.
func columnsOf(orders []customer.Order, own, ints bool) (rfm.Columns, error) {
	c := rfm.Columns{Amount: make([]int64, len(orders))}
	if ints {
		c.CustomerNo, c.OrderNo, c.AtUnix = make([]int64, len(orders)), make([]int64, len(orders)), make([]int64, len(orders))
	} else {
		c.CustomerID, c.OrderID, c.At = make([]string, len(orders)), make([]string, len(orders)), make([]time.Time, len(orders))
	}
	for i, o := range orders {
		c.Amount[i] = o.Amount.Shift(2).IntPart()
		if ints {
			var err1, err2 error
			c.CustomerNo[i], err1 = strconv.ParseInt(strings.TrimLeft(string(o.CustomerID), "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), 10, 64)
			c.OrderNo[i], err2 = strconv.ParseInt(strings.TrimLeft(o.ID, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), 10, 64)
			if err := errors.Join(err1, err2); err != nil {
				return rfm.Columns{}, fmt.Errorf("-intcols needs IDs of letters and digits that fit in int64: %w", err)
			}
			c.AtUnix[i] = o.At.Unix()
			continue
		}
		c.CustomerID[i] = string(o.CustomerID)
		c.OrderID[i] = o.ID
		if own {
			c.CustomerID[i], c.OrderID[i] = strings.Clone(c.CustomerID[i]), strings.Clone(c.OrderID[i])
		}
		c.At[i] = o.At
	}
	return c, nil
}

func readCSV(path string) ([]customer.Order, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var orders []customer.Order
	for o, err := range customer.ReadOrders(f, customer.CSVOptions{}) {
		if err != nil {
			return nil, err
		}
		orders = append(orders, o)
	}
	return slices.Clip(orders), nil
}

// writeCSV writes the log and prints the as-of time as a Unix time and
// as a day number in its zone.
func writeCSV(w io.Writer, path string, log synth.Log, asOf time.Time) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	n, err := log.WriteCSV(f)
	if err != nil {
		f.Close()
		return err
	}
	_, off := asOf.Zone()
	fmt.Fprintf(w, "wrote %d orders of %d customers to %s (synth.Log seed %d, %.1f%% replayed rows); as-of unix %d, offset %d, as-of day %d\n",
		n, log.Customers, path, log.Seed, 100*log.Duplicates, asOf.Unix(), off, (asOf.Unix()+int64(off))/86400)
	return f.Close()
}
