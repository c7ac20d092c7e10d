package golden

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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

// CheckRounded is Check for output that prints floating-point results
// rounded: a number may differ from the golden file's by one unit in its
// last printed digit, as when a value near a rounding boundary differs in
// its last bits between processors (arm64 fuses a*b+c into one
// multiply-add, and package math's assembly differs by architecture).
// Everything else, the text, the digits' count and the line layout, must
// match exactly.
func CheckRounded(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		Check(t, path, got)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !SameRounded(string(want), string(got)) {
		t.Errorf("%s mismatch beyond the last digit's rounding (-want +got):\n%s", path, Diff(string(want), string(got)))
	}
}

// number matches a decimal number: digits with an optional fraction.
var number = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)

// SameRounded reports whether want and got are the same text but for
// numbers that differ by at most one unit in their last digit (see
// CheckRounded). A number is a run of digits with an optional fraction;
// a sign before it is text. Digits that follow a letter or an underscore
// are part of a name, such as customer ID P0003440, and must match
// exactly.
func SameRounded(want, got string) bool {
	if want == got {
		return true
	}
	wn, gn := number.FindAllStringIndex(want, -1), number.FindAllStringIndex(got, -1)
	if len(wn) != len(gn) {
		return false
	}
	wi, gi := 0, 0
	for k := range wn {
		w, g := want[wn[k][0]:wn[k][1]], got[gn[k][0]:gn[k][1]]
		if want[wi:wn[k][0]] != got[gi:gn[k][0]] || !nextTo(w, g) || w != g && inName(want, wn[k][0]) {
			return false
		}
		wi, gi = wn[k][1], gn[k][1]
	}
	return want[wi:] == got[gi:]
}

// inName reports whether the digits at s[i:] continue a name: they
// follow a letter or an underscore.
func inName(s string, i int) bool {
	if i == 0 {
		return false
	}
	c := s[i-1]
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// nextTo reports whether the decimal numbers a and b are written with
// the same number of digits before and after the point and differ by at
// most one unit in the last.
func nextTo(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) != len(b) || strings.IndexByte(a, '.') != strings.IndexByte(b, '.') {
		return false
	}
	x, errA := strconv.ParseUint(strings.Replace(a, ".", "", 1), 10, 64)
	y, errB := strconv.ParseUint(strings.Replace(b, ".", "", 1), 10, 64)
	if errA != nil || errB != nil {
		return false
	}
	return x-y == 1 || y-x == 1
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
