package customer

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestProvincesMatchReferenceData checks the compiled province table
// against the project's reference copy of GB/T 2260 when it is present.
func TestProvincesMatchReferenceData(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "datasets", "cn", "provinces.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("reference data not available (%v); CI has it", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 35 {
		t.Fatalf("%s has %d rows, want 34 and a header", path, len(rows))
	}
	for _, row := range rows[1:] {
		code, name := row[0], row[1]
		got, ok := provinces[code]
		if !ok || got != name {
			t.Errorf("provinces[%s] = %q, %v; reference says %q", code, got, ok, name)
		}
	}
	for _, code := range []string{"00", "10", "66", "90", "91", ""} {
		if name, ok := provinces[code]; ok {
			t.Errorf("provinces[%q] = %q, want unknown", code, name)
		}
	}
}

// TestProvinceName checks the array the validators read against the
// provinces table for every two-digit code.
func TestProvinceName(t *testing.T) {
	for i := range 100 {
		code := fmt.Sprintf("%02d", i)
		if got, want := provinceName(code[0], code[1]), provinces[code]; got != want {
			t.Errorf("provinceName(%s) = %q, want %q", code, got, want)
		}
	}
}
