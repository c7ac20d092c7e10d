// Command rfmbench times rfm.Compute, Quantile.Score and
// SegmentTable.Assign on the synthetic orders that
// scripts/bench-pandas-rfm.sh also hands to pandas, and can write those
// orders as a CSV for the Python side.
//
//	go run ./scripts/rfmbench -out /tmp/orders.csv
//
// It is a measurement tool, not part of the library or of CI.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rfmbench:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("rfmbench", flag.ContinueOnError)
	people := fs.Int("people", 1_000_000, "customers (persons; about 10.6 orders each)")
	seed := fs.Uint64("seed", 1, "data seed")
	runs := fs.Int("runs", 5, "timed runs")
	trust := fs.Bool("trust", false, "set Options.TrustOrderIDs (no duplicate detection)")
	workers := fs.Int("workers", 0, "Options.Workers and Quantile.Workers (0 = GOMAXPROCS)")
	out := fs.String("out", "", "write the orders here as CSV (order_id,customer_id,day,amount) and exit")
	prof := fs.String("cpuprofile", "", "write a CPU profile of the timed runs here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := synth.Config{People: *people, Companies: -1, Seed: *seed}
	asOf := synth.DefaultAsOf
	if *out != "" {
		return writeCSV(*out, cfg, asOf)
	}
	start := time.Now()
	orders := slices.Collect(synth.Orders(cfg))
	fmt.Fprintf(w, "go: %d orders generated in %.1f s\n", len(orders), time.Since(start).Seconds())
	opts := rfm.Options{TrustOrderIDs: *trust, Workers: *workers}
	table := rfm.StandardSegments()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var times []float64
	for r := range *runs {
		runtime.GC()
		cpu0, start := cpuTime(), time.Now()
		vals, _, err := rfm.Compute(context.Background(), slices.Values(orders), asOf, opts)
		if err != nil {
			return err
		}
		tCompute := time.Since(start).Seconds()
		scores, err := rfm.Quantile{Workers: *workers}.Score(vals)
		if err != nil {
			return err
		}
		tScore := time.Since(start).Seconds() - tCompute
		segs, err := table.Assign(scores)
		if err != nil {
			return err
		}
		sec := time.Since(start).Seconds()
		cpu := (cpuTime() - cpu0).Seconds()
		times = append(times, sec)
		champions := 0
		for _, s := range segs {
			if s == 0 {
				champions++
			}
		}
		fmt.Fprintf(w, "go run %d: %.4f s (compute %.4f, score %.4f, segment %.4f), %d customers, %d champions, cpu %.4f s\n",
			r+1, sec, tCompute, tScore, sec-tCompute-tScore, len(vals), champions, cpu)
	}
	slices.Sort(times)
	fmt.Fprintf(w, "go median %.4f s, best %.4f s\n", times[len(times)/2], times[0])
	return nil
}

// writeCSV streams the orders to path with the purchase date as a day
// number (days since 1970-01-01 in the as-of time's zone), so pandas
// needs no time zone work. It prints the as-of day number.
func writeCSV(path string, cfg synth.Config, asOf time.Time) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	_, off := asOf.Zone()
	day := func(t time.Time) int64 { return (t.Unix() + int64(off)) / 86400 }
	bw.WriteString("order_id,customer_id,day,amount\n")
	var buf []byte
	n := 0
	for o := range synth.Orders(cfg) {
		buf = append(buf[:0], o.ID...)
		buf = append(buf, ',')
		buf = append(buf, o.CustomerID...)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, day(o.At), 10)
		buf = append(buf, ',')
		buf = append(buf, o.Amount.String()...)
		buf = append(buf, '\n')
		bw.Write(buf)
		n++
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	fmt.Printf("wrote %d orders to %s; as-of day %d\n", n, path, day(asOf))
	return f.Close()
}
