// Command kmeansbench writes the k-means benchmark data that
// scripts/bench-sklearn.sh hands to both cluster.KMeans and scikit-learn,
// and times cluster.KMeans on it.
//
// Write mode makes one data file and one initial-centroid file, both raw
// little-endian float64, row-major:
//
//	go run ./scripts/kmeansbench -set overlap -n 1000000 -k 8 -data /tmp/x.f64 -init /tmp/c.f64 -write
//
// Timing mode reads them back and fits from those centroids:
//
//	go run ./scripts/kmeansbench -d 8 -k 8 -data /tmp/x.f64 -init /tmp/c.f64 -runs 5
//
// The data sets are the ones the cluster package's benchmarks use:
// "overlap", 8 Gaussian blobs in 8 dimensions whose spread (σ = 8, radius
// about 23) matches the distance between their centres (about 23), seed 2,
// which takes tens of Lloyd iterations; and "blobs", the same with σ = 1,
// seed 1, well separated. The starting centroids are K rows drawn with
// math/rand/v2 PCG(3, 3). It is a measurement tool, not part of the library
// or of CI.
package main

import (
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
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

var sets = map[string]synth.Blobs{
	"overlap": {Dim: 8, Centers: 8, Std: 8, Seed: 2},
	"blobs":   {Dim: 8, Centers: 8, Std: 1, Seed: 1},
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("kmeansbench", flag.ContinueOnError)
	set := fs.String("set", "overlap", "data set to write: overlap or blobs")
	n := fs.Int("n", 1_000_000, "rows to write")
	d := fs.Int("d", 8, "features (timing mode)")
	k := fs.Int("k", 8, "clusters")
	data := fs.String("data", "", "data file (raw little-endian float64)")
	init := fs.String("init", "", "initial-centroid file (K rows, raw little-endian float64)")
	write := fs.Bool("write", false, "write the data and centroid files and exit")
	runs := fs.Int("runs", 5, "timed fits")
	first := fs.Int("first", 1, "number of the first timed fit, for the output")
	alg := fs.String("alg", "auto", "auto, lloyd or hamerly")
	f32 := fs.Bool("float32", false, "fit with KMeans.Float32")
	prof := fs.String("cpuprofile", "", "write a CPU profile of the timed fits here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" || *init == "" {
		return fmt.Errorf("-data and -init are required")
	}
	if *write {
		b, ok := sets[*set]
		if !ok {
			return fmt.Errorf("unknown -set %q", *set)
		}
		b.N = *n
		flat, _, _ := b.Flat()
		rng := rand.New(rand.NewPCG(3, 3))
		var cents []float64
		for range *k {
			i := rng.IntN(b.N)
			cents = append(cents, flat[i*b.Dim:(i+1)*b.Dim]...)
		}
		if err := writeFloats(*data, flat); err != nil {
			return err
		}
		return writeFloats(*init, cents)
	}
	flat, err := readFloats(*data)
	if err != nil {
		return err
	}
	cents, err := readFloats(*init)
	if err != nil {
		return err
	}
	if len(cents) != *k**d {
		return fmt.Errorf("%s holds %d values, want K×d = %d", *init, len(cents), *k**d)
	}
	initRows := make([][]float64, *k)
	for j := range initRows {
		initRows[j] = cents[j**d : (j+1)**d]
	}
	km := cluster.KMeans{K: *k, InitCentroids: initRows, Float32: *f32}
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
	X := cluster.Data{Flat: flat, Cols: *d}
	var times []float64
	for r := range *runs {
		cpu0, start := cpuTime(), time.Now()
		m, err := km.Fit(context.Background(), X)
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

func writeFloats(path string, v []float64) error {
	buf := make([]byte, 0, 8*len(v))
	for _, x := range v {
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(x))
	}
	return os.WriteFile(path, buf, 0o644)
}

func readFloats(path string) ([]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b)%8 != 0 {
		return nil, fmt.Errorf("%s: %d bytes, not a whole number of float64 values", path, len(b))
	}
	v := make([]float64, len(b)/8)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return v, nil
}
