// Package golden compares test output with golden files under testdata/
// and rewrites them when the test binary runs with -update:
//
//	go test ./examples/quickstart -update
//
// It is for tests only.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is the -update flag of every test binary that imports golden.
var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// Check compares got with the golden file at path, relative to the test's
// package directory, and reports a line diff (-want +got) on mismatch.
// With -update it first rewrites the file (creating its directory).
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// Diff returns "" when want and got are equal, and otherwise the lines
// from the first difference to the last, prefixed "-" (want) and "+" (got),
// with two lines of context before.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	first := 0
	for first < len(w) && first < len(g) && w[first] == g[first] {
		first++
	}
	lw, lg := len(w), len(g)
	for lw > first && lg > first && w[lw-1] == g[lg-1] {
		lw--
		lg--
	}
	var b strings.Builder
	for _, l := range w[max(0, first-2):first] {
		b.WriteString("  " + l + "\n")
	}
	for _, l := range w[first:lw] {
		b.WriteString("- " + l + "\n")
	}
	for _, l := range g[first:lg] {
		b.WriteString("+ " + l + "\n")
	}
	return b.String()
}
