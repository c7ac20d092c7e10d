package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/clientele-go/clientele/beam/internal/sample"
	"github.com/clientele-go/clientele/cluster"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestMain(m *testing.M) { ptest.Main(m) }

// readRows reads a numeric CSV with encoding/csv, independently of the
// pipeline's parser, skipping the lines that are not all numbers.
func readRows(t *testing.T, path string) [][]float64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]float64
next:
	for _, rec := range recs[1:] {
		if len(rec) != len(recs[0]) {
			continue
		}
		x := make([]float64, len(rec))
		for i, f := range rec {
			if x[i], err = strconv.ParseFloat(strings.TrimSpace(f), 64); err != nil {
				continue next
			}
		}
		rows = append(rows, x)
	}
	return rows
}

// TestMatchesKMeans runs the program on Prism and compares the final
// centroids, the iterations and the convergence with cluster.KMeans
// (Lloyd) from the same starting centroids: from rows of the data, and
// from centroids of which one is far from every row, so that its cluster
// starts empty and is re-seeded.
func TestMatchesKMeans(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "rows.csv")
	var buf bytes.Buffer
	init, err := sample.Blobs{Rows: 1500, Dim: 3, Centers: 4, Std: 3, Seed: 5}.Write(&buf, 4)
	if err != nil {
		t.Fatal(err)
	}
	// Malformed lines, under the default 1%.
	data := strings.Replace(buf.String(), "\n", "\n1,2\nx,1,2\n", 1)
	if err := os.WriteFile(input, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(init, "\n")
	far := strings.Join([]string{lines[0], lines[1], lines[2], "1000,1000,1000", lines[4], ""}, "\n")
	rows := readRows(t, input)
	for _, c := range []struct{ name, init string }{{"rows", init}, {"empty cluster", far}} {
		t.Run(c.name, func(t *testing.T) {
			initPath := filepath.Join(dir, "init.csv")
			if err := os.WriteFile(initPath, []byte(c.init), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg := config{Input: input, Init: initPath, Output: filepath.Join(dir, "out.csv"), MaxBad: 0.01, ChunkBytes: 8 << 10}
			var log bytes.Buffer
			res, err := run(t.Context(), cfg, &log)
			t.Log(log.String())
			if err != nil {
				t.Fatal(err)
			}
			want, err := cluster.KMeans{K: 4, InitCentroids: readRows(t, initPath), Algorithm: cluster.Lloyd}.Fit(t.Context(), cluster.Data{Rows: rows})
			if err != nil {
				t.Fatal(err)
			}
			got := readRows(t, cfg.Output)
			if diff := cmp.Diff(want.Centroids, got, cmpopts.EquateApprox(1e-9, 0)); diff != "" {
				t.Errorf("centroids mismatch (-want +got):\n%s", diff)
			}
			if res.Iterations != want.Iterations || res.Converged != want.Converged {
				t.Errorf("%d iterations, converged %v; cluster.KMeans: %d, %v", res.Iterations, res.Converged, want.Iterations, want.Converged)
			}
			b, err := os.ReadFile(cfg.Output + ".bad.csv")
			if err != nil {
				t.Fatal(err)
			}
			bad, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil || len(bad) != 3 || bad[1][0] != "2" || bad[2][0] != "3" {
				t.Errorf("dead letters %q (%v), want lines 2 and 3", bad, err)
			}
		})
	}
}
