package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/clientele-go/clientele/beam/internal/sample"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
)

func TestMain(m *testing.M) { ptest.Main(m) }

// reference computes the expected output with the single-process
// library: customer.ReadOrders, rfm.Compute, rfm.Quantile{} and the
// standard segments.
func reference(t *testing.T, input string, cfg config) (rows [][]string, bad []string, skipped rfm.Skipped) {
	t.Helper()
	f, err := os.Open(input)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var orders []customer.Order
	for o, err := range customer.ReadOrders(f, customer.CSVOptions{}) {
		if fe, ok := errors.AsType[*customer.FieldError](err); ok {
			bad = append(bad, strconv.Itoa(fe.Line))
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		orders = append(orders, o)
	}
	values, skipped, err := rfm.Compute(t.Context(), slices.Values(orders), cfg.AsOf, rfm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scores, err := rfm.Quantile{}.Score(values)
	if err != nil {
		t.Fatal(err)
	}
	table := rfm.StandardSegments()
	rows = [][]string{strings.Split("customer_id,recency,frequency,monetary,r,f,m,segment", ",")}
	for i, v := range values {
		s := scores[i]
		rows = append(rows, []string{string(v.CustomerID), strconv.Itoa(v.Recency), strconv.Itoa(v.Frequency),
			v.Monetary.String(), strconv.Itoa(s.R), strconv.Itoa(s.F), strconv.Itoa(s.M), table.Name(table.Match(s))})
	}
	return rows, bad, skipped
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// TestMatchesCompute runs the pipeline on Prism over a file with
// duplicates, refunds, future orders and malformed lines, cut into chunks
// of several sizes (so lines and customers straddle chunks read by
// different bundles), and compares the output with the single-process
// result, row for row.
func TestMatchesCompute(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "orders.csv")
	var buf bytes.Buffer
	if err := (sample.Orders{Customers: 150, Orders: 2000, Seed: 7, Defects: true}).Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(input, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	asOf, err := parseAsOf("2025-01-01")
	if err != nil {
		t.Fatal(err)
	}
	want, wantBad, skipped := reference(t, input, config{AsOf: asOf})
	if len(wantBad) == 0 || skipped.Duplicate == 0 || skipped.Future == 0 {
		t.Fatalf("the sample lacks defects: %d bad lines, skipped %+v", len(wantBad), skipped)
	}
	for _, chunk := range []int64{64 << 20, 4096, 512} {
		t.Run(strconv.FormatInt(chunk, 10), func(t *testing.T) {
			cfg := config{Input: input, Output: filepath.Join(dir, "out.csv"), AsOf: asOf, MaxBad: 0.1, ChunkBytes: chunk}
			var log bytes.Buffer
			if err := run(t.Context(), cfg, &log); err != nil {
				t.Fatal(err)
			}
			t.Log(log.String())
			if diff := cmp.Diff(want, readCSV(t, cfg.Output)); diff != "" {
				t.Errorf("output mismatch (-want +got):\n%s", diff)
			}
			var gotBad []string
			for _, r := range readCSV(t, cfg.Output+".bad.csv")[1:] {
				gotBad = append(gotBad, r[0])
			}
			if diff := cmp.Diff(wantBad, gotBad); diff != "" {
				t.Errorf("dead letters mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTooManyBad checks that the run fails, naming the share and the
// first bad lines, when more lines are malformed than allowed, and that
// it then writes the dead letters but no output.
func TestTooManyBad(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "orders.csv")
	data := "customer_id,order_id,date,amount\nA,1,2024-01-01,10\nB,2,2024-01-01,ten\nC,3,2024-02-30,1\nD,4,2024-01-02,4\n"
	if err := os.WriteFile(input, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	asOf, _ := parseAsOf("2025-01-01")
	cfg := config{Input: input, Output: filepath.Join(dir, "out.csv"), AsOf: asOf, MaxBad: 0.25, ChunkBytes: 64 << 20}
	err := run(t.Context(), cfg, os.Stderr)
	if err == nil {
		t.Fatal("run succeeded with half the lines malformed")
	}
	for _, want := range []string{"2 of 4 data lines are malformed", "line 3:", "line 4:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if _, err := os.Stat(cfg.Output); err == nil {
		t.Error("the output was written although the check failed")
	}
	if got := readCSV(t, cfg.Output+".bad.csv"); len(got) != 3 || got[1][0] != "3" || got[2][0] != "4" {
		t.Errorf("dead letters = %q, want lines 3 and 4", got)
	}
}
