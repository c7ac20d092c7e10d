// Command kmeansbench times cluster.KMeans on the mixture-of-blobs data
// that scripts/bench-sklearn.sh also hands to scikit-learn, and can write
// that data as raw little-endian float64 values for the Python side.
//
//	go run ./scripts/kmeansbench -out /tmp/blobs.f64
//
// It is a measurement tool, not part of the library or of CI.
package main

import (
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/internal/synth"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "kmeansbench:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("kmeansbench", flag.ContinueOnError)
	n := fs.Int("n", 1_000_000, "rows")
	d := fs.Int("d", 8, "features")
	k := fs.Int("k", 8, "clusters (and blobs)")
	seed := fs.Uint64("seed", 1, "data seed")
	runs := fs.Int("runs", 5, "timed fits (each with seed first, first+1, ...)")
	first := fs.Int("first", 1, "seed of the first timed fit")
	out := fs.String("out", "", "write the data here as raw little-endian float64 and exit")
	alg := fs.String("alg", "auto", "auto, lloyd or hamerly")
	prof := fs.String("cpuprofile", "", "write a CPU profile of the timed fits here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	X, _, _ := synth.Blobs{N: *n, Dim: *d, Centers: *k, Seed: *seed}.Generate()
	if *out != "" {
		return writeData(*out, X)
	}
	km := cluster.KMeans{K: *k}
	switch *alg {
	case "auto":
	case "lloyd":
		km.Algorithm = cluster.Lloyd
	case "hamerly":
		km.Algorithm = cluster.Hamerly
	default:
		return fmt.Errorf("unknown -alg %q", *alg)
	}
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
		km.Seed = uint64(*first + r)
		cpu0, start := cpuTime(), time.Now()
		m, err := km.Fit(context.Background(), cluster.Data{Rows: X})
		if err != nil {
			return err
		}
		sec := time.Since(start).Seconds()
		cpu := (cpuTime() - cpu0).Seconds()
		times = append(times, sec)
		fmt.Fprintf(w, "go run %d: %.4f s, inertia %.6f, iterations %d, cpu %.4f s\n", *first+r, sec, m.Inertia, m.Iterations, cpu)
	}
	slices.Sort(times)
	fmt.Fprintf(w, "go median %.4f s, best %.4f s\n", times[len(times)/2], times[0])
	return nil
}

func writeData(path string, X [][]float64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	buf := make([]byte, 0, 1<<16)
	for _, row := range X {
		for _, v := range row {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
		}
		if len(buf) > 1<<16-1024 {
			if _, err := f.Write(buf); err != nil {
				f.Close()
				return err
			}
			buf = buf[:0]
		}
	}
	if _, err := f.Write(buf); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
