package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/golden"
	"github.com/clientele-go/clientele/sample"
	"github.com/google/go-cmp/cmp"
)

// TestSampleGolden runs the example on the built-in sample and compares
// its output with testdata/sample.golden (rewrite with -update).
func TestSampleGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, nil); err != nil {
		t.Fatal(err)
	}
	golden.CheckRounded(t, filepath.Join("testdata", "sample.golden"), buf.Bytes())
	// Names are masked: no full sample name appears.
	for _, p := range sample.Generate(sample.Config{People: 5000, Companies: -1, Seed: 1}).People[:200] {
		if strings.Contains(buf.String(), " "+p.Name+" ") {
			t.Errorf("output contains the unmasked name of %s", p.ID)
		}
	}
}

// TestCSVMatchesSample writes the sample's people and orders to CSV and
// runs the example on the files: apart from the data source, the output
// must be the same as for the built-in sample.
func TestCSVMatchesSample(t *testing.T) {
	dir := t.TempDir()
	data := sample.Generate(sample.Config{People: 5000, Companies: -1, Seed: 1})
	orders := filepath.Join(dir, "orders.csv")
	people := filepath.Join(dir, "people.csv")
	write := func(path string, fn func(*os.File) error) {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := fn(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	write(orders, func(f *os.File) error {
		return customer.WriteOrders(f, slices.Values(data.Orders), customer.CSVOptions{})
	})
	write(people, func(f *os.File) error {
		return customer.WritePeople(f, slices.Values(data.People), customer.CSVOptions{})
	})
	var fromCSV, fromSample bytes.Buffer
	if err := run(&fromCSV, []string{"-orders", orders, "-people", people}); err != nil {
		t.Fatal(err)
	}
	if err := run(&fromSample, nil); err != nil {
		t.Fatal(err)
	}
	body := func(s string) string { _, rest, _ := strings.Cut(s, "\n"); return rest }
	if diff := cmp.Diff(body(fromSample.String()), body(fromCSV.String())); diff != "" {
		t.Errorf("CSV output differs from the sample's (-sample +csv):\n%s", diff)
	}
	if first, _, _ := strings.Cut(fromCSV.String(), "\n"); !strings.Contains(first, "orders from") || !strings.Contains(first, "as of 2026-06-30") {
		t.Errorf("first line %q, want the CSV source and the latest order's date", first)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	oneOrder := filepath.Join(dir, "one.csv")
	if err := os.WriteFile(oneOrder, []byte("id,customer_id,at,amount\n1,c1,2026-01-02T10:00:00+08:00,5\n2,c1,not a time,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-unit", "month"},
		{"-asof", "30/06/2026"},
		{"-orders", filepath.Join(dir, "missing.csv")},
		{"-orders", oneOrder}, // a single customer: nothing to fit
		{"-bogus"},
	} {
		var buf bytes.Buffer
		if err := run(&buf, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error; output:\n%s", args, buf.String())
		}
	}
}

// TestRunBadHeader: a file whose header is not that of orders is an
// error that says so, not a file of bad rows.
func TestRunBadHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(path, []byte("id,name\nP1,Li\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(new(bytes.Buffer), []string{"-orders", path})
	if err == nil || !strings.Contains(err.Error(), "csv line 1 (customer_id): required column missing") {
		t.Errorf("run = %v, want the missing column named", err)
	}
}
