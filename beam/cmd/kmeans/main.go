// Command kmeans runs Lloyd's k-means on Apache Beam, from given starting
// centroids, and writes the final centroids: those of
// cluster.KMeans{InitCentroids: init, Algorithm: cluster.Lloyd} on the
// same rows, to rounding.
//
//	go run ./cmd/kmeans --input rows.csv --init init.csv --output centroids.csv
//
// The input is a numeric CSV with a header (one column per feature);
// --init holds K starting centroids in the same format, with the same
// header. The program first runs a pipeline that checks the rows (counts,
// distinct rows, feature variances for the tolerance), then one pipeline
// per iteration, each a pass over the rows with the centroids as a side
// input and cluster.Sums combined; it stops by cluster.KMeans's rules.
// The output has the header and K rows.
//
// Malformed lines go to --dead-letters (default: the output path plus
// ".bad.csv") with their line numbers; the run fails when more than
// --max-bad of the lines are malformed. Pass results go through --work, a
// directory any worker can write and the launcher can read (default: a
// temporary local directory, which suits Prism; use gs://… on Dataflow).
//
// Beam's own flags select the runner, as for cmd/rfm; see beam/README.md.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/clientele-go/clientele/beam/clusterbeam"
	"github.com/clientele-go/clientele/beam/csvio"
)

func init() {
	register.DoFn4x1[context.Context, *clusterbeam.Stats, []csvio.Report, []string, error](&writeStatsFn{})
	register.DoFn2x1[context.Context, *clusterbeam.Step, error](&writeStepFn{})
}

type config struct {
	Input, Init, Output, DeadLetters, Work string
	MaxBad                                 float64
	ChunkBytes                             int64
	Lloyd                                  clusterbeam.Lloyd
}

func main() {
	var cfg config
	flag.StringVar(&cfg.Input, "input", "", "numeric CSV with a header")
	flag.StringVar(&cfg.Init, "init", "", "CSV of the K starting centroids, same header")
	flag.StringVar(&cfg.Output, "output", "", "CSV of the final centroids")
	flag.StringVar(&cfg.DeadLetters, "dead-letters", "", "CSV of malformed lines (default: OUTPUT.bad.csv)")
	flag.StringVar(&cfg.Work, "work", "", "directory for pass results (default: a new local temporary directory)")
	flag.Float64Var(&cfg.MaxBad, "max-bad", 0.01, "largest share of malformed lines tolerated, 0 to 1")
	flag.Int64Var(&cfg.ChunkBytes, "chunk-bytes", 64<<20, "bytes of input per parallel read")
	flag.IntVar(&cfg.Lloyd.MaxIter, "max-iter", 300, "iteration limit")
	flag.Float64Var(&cfg.Lloyd.Tol, "tol", 1e-4, "tolerance, relative to the mean feature variance")
	flag.Parse()
	beam.Init()
	if _, err := run(context.Background(), cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "kmeans:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config, log io.Writer) (*clusterbeam.Result, error) {
	switch {
	case cfg.Input == "" || cfg.Init == "" || cfg.Output == "":
		return nil, fmt.Errorf("--input, --init and --output are required")
	case !(cfg.MaxBad >= 0 && cfg.MaxBad <= 1):
		return nil, fmt.Errorf("--max-bad %v is not a share from 0 to 1", cfg.MaxBad)
	case cfg.ChunkBytes <= 0:
		return nil, fmt.Errorf("--chunk-bytes %d is not positive", cfg.ChunkBytes)
	}
	if cfg.DeadLetters == "" {
		cfg.DeadLetters = cfg.Output + ".bad.csv"
	}
	if cfg.Work == "" {
		dir, err := os.MkdirTemp("", "kmeans-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		cfg.Work = dir
	}
	start := time.Now()
	header, init, err := readInit(ctx, cfg.Init)
	if err != nil {
		return nil, err
	}

	// Pass 0: check the input.
	statsPath := cfg.Work + "/stats.json"
	p, s := beam.NewPipelineWithRoot()
	hdr, batches := csvio.Read(s, cfg.Input, csvio.Options{ChunkBytes: cfg.ChunkBytes})
	rows, bad := clusterbeam.ParseRows(s, hdr, batches)
	report := csvio.Check(s, csvio.CheckOptions{MaxShare: cfg.MaxBad, DeadLetters: cfg.DeadLetters}, batches, bad)
	stats := clusterbeam.Summarize(s, len(init), rows)
	beam.ParDo0(s, &writeStatsFn{Path: statsPath}, stats, beam.SideInput{Input: report}, beam.SideInput{Input: hdr})
	if err := beamx.Run(ctx, p); err != nil {
		return nil, err
	}
	var st struct {
		Stats  *clusterbeam.Stats
		Header string
	}
	if err := readJSON(ctx, statsPath, &st); err != nil {
		return nil, fmt.Errorf("the check pass wrote no statistics (no rows?): %w", err)
	}
	if st.Header != header {
		return nil, fmt.Errorf("--init has the header %q, --input %q", header, st.Header)
	}
	fmt.Fprintf(log, "kmeans: %d rows of %d features, K = %d; checked in %.1fs\n", st.Stats.Rows, st.Stats.Dim, len(init), time.Since(start).Seconds())

	// One pipeline per iteration.
	iter := 0
	pass := func(ctx context.Context, state clusterbeam.State) (*clusterbeam.Step, error) {
		iter++
		t := time.Now()
		path := fmt.Sprintf("%s/step-%d.json", cfg.Work, iter)
		p, s := beam.NewPipelineWithRoot()
		hdr, batches := csvio.Read(s, cfg.Input, csvio.Options{ChunkBytes: cfg.ChunkBytes})
		rows, _ := clusterbeam.ParseRows(s, hdr, batches)
		beam.ParDo0(s, &writeStepFn{Path: path}, clusterbeam.Assign(s, state, rows))
		if err := beamx.Run(ctx, p); err != nil {
			return nil, err
		}
		var step clusterbeam.Step
		if err := readJSON(ctx, path, &step); err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "kmeans: iteration %d: %d labels changed, inertia %.6g; %.2fs\n", iter, step.Changed, step.Sums.Inertia, time.Since(t).Seconds())
		return &step, nil
	}
	res, err := cfg.Lloyd.Fit(ctx, init, st.Stats, pass)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "kmeans: %d iterations, converged %v; %.1fs in all\n", res.Iterations, res.Converged, time.Since(start).Seconds())
	return res, writeCentroids(ctx, cfg.Output, header, res.Centroids)
}

// readInit reads the starting centroids.
func readInit(ctx context.Context, path string) (header string, init [][]float64, err error) {
	b, err := readFile(ctx, path)
	if err != nil {
		return "", nil, err
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(nil, 1<<24)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		switch {
		case line == 1:
			header = text
		case text != "":
			x, err := clusterbeam.ParseRow(text, strings.Count(header, ",")+1)
			if err != nil {
				return "", nil, fmt.Errorf("%s, line %d: %w", path, line, err)
			}
			init = append(init, x)
		}
	}
	if len(init) == 0 {
		return "", nil, fmt.Errorf("%s holds no centroids", path)
	}
	return header, init, sc.Err()
}

func writeCentroids(ctx context.Context, path, header string, cs [][]float64) error {
	var b strings.Builder
	b.WriteString(header + "\n")
	for _, c := range cs {
		for t, v := range c {
			if t > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
		b.WriteByte('\n')
	}
	return writeFile(ctx, path, []byte(b.String()))
}

func readFile(ctx context.Context, path string) ([]byte, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func writeFile(ctx context.Context, path string, data []byte) error {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func readJSON(ctx context.Context, path string, v any) error {
	b, err := readFile(ctx, path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func writeJSON(ctx context.Context, path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeFile(ctx, path, b)
}

// writeStatsFn writes the statistics and the header for the launcher,
// once the check has passed.
type writeStatsFn struct {
	Path string
}

func (f *writeStatsFn) ProcessElement(ctx context.Context, st *clusterbeam.Stats, _ []csvio.Report, header []string) error {
	if len(header) != 1 {
		return fmt.Errorf("the input has no header line")
	}
	return writeJSON(ctx, f.Path, map[string]any{"Stats": st, "Header": header[0]})
}

// writeStepFn writes the result of a pass for the launcher.
type writeStepFn struct {
	Path string
}

func (f *writeStepFn) ProcessElement(ctx context.Context, step *clusterbeam.Step) error {
	return writeJSON(ctx, f.Path, step)
}
