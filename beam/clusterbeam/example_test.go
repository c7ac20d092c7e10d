package clusterbeam_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/clientele-go/clientele/beam/clusterbeam"
	"github.com/clientele-go/clientele/beam/csvio"
)

func TestMain(m *testing.M) { ptest.Main(m) }

func init() {
	register.DoFn1x1[*clusterbeam.Stats, error](&saveStats{})
	register.DoFn1x1[*clusterbeam.Step, error](&saveStep{})
}

// saveStats and saveStep hand a pipeline's one result back to the
// launcher through a file (a local one: on a distributed runner it must
// be on storage that the workers and the launcher share, as in
// cmd/kmeans).
type saveStats struct{ Path string }

func (f *saveStats) ProcessElement(st *clusterbeam.Stats) error { return saveJSON(f.Path, st) }

type saveStep struct{ Path string }

func (f *saveStep) ProcessElement(st *clusterbeam.Step) error { return saveJSON(f.Path, st) }

func saveJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func loadJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// ExampleLloyd_Fit clusters two groups of four points, around (1.5, 1.5)
// and (8.5, 8.5), from the starting centroids (0, 0) and (10, 10): one
// pipeline checks the rows, then one pipeline per iteration assigns them.
//
// Iteration 1 puts each group with its nearer start and moves the
// centroids to the groups' means; iteration 2 changes no label, so the fit
// has converged. The inertia is that of iteration 2: every point is
// 0.5² + 0.5² = 0.5 from its centroid, 8 × 0.5 = 4.
func ExampleLloyd_Fit() {
	dir, err := os.MkdirTemp("", "clusterbeam-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	input := filepath.Join(dir, "rows.csv")
	data := "x,y\n1,1\n1,2\n2,1\n2,2\n8,8\n8,9\n9,8\n9,9\n"
	if err := os.WriteFile(input, []byte(data), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	start := [][]float64{{0, 0}, {10, 10}}

	// Pass 0: the statistics that Fit checks the rows against.
	statsPath := filepath.Join(dir, "stats.json")
	p, s := beam.NewPipelineWithRoot()
	header, batches := csvio.Read(s, input, csvio.Options{})
	rows, _ := clusterbeam.ParseRows(s, header, batches)
	beam.ParDo0(s, &saveStats{Path: statsPath}, clusterbeam.Summarize(s, len(start), rows))
	if err := ptest.Run(p); err != nil {
		fmt.Println(err)
		return
	}
	var st clusterbeam.Stats
	if err := loadJSON(statsPath, &st); err != nil {
		fmt.Println(err)
		return
	}

	// Then one pipeline per iteration.
	iter := 0
	pass := func(ctx context.Context, state clusterbeam.State) (*clusterbeam.Step, error) {
		iter++
		path := filepath.Join(dir, fmt.Sprintf("step-%d.json", iter))
		p, s := beam.NewPipelineWithRoot()
		header, batches := csvio.Read(s, input, csvio.Options{})
		rows, _ := clusterbeam.ParseRows(s, header, batches)
		beam.ParDo0(s, &saveStep{Path: path}, clusterbeam.Assign(s, state, rows))
		if err := ptest.Run(p); err != nil {
			return nil, err
		}
		var step clusterbeam.Step
		return &step, loadJSON(path, &step)
	}
	res, err := clusterbeam.Lloyd{}.Fit(context.Background(), start, &st, pass)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d iterations, converged %v, inertia %.2f\n", res.Iterations, res.Converged, res.Inertia)
	for _, c := range res.Centroids {
		fmt.Printf("%.2f %.2f\n", c[0], c[1])
	}
	// Output:
	// 2 iterations, converged true, inertia 4.00
	// 1.50 1.50
	// 8.50 8.50
}
