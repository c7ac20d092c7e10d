package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func TestPersonasGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "personas.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("kmeans-personas output mismatch (-want +got):\n%s", diff)
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		z    []float64
		want string
	}{
		{[]float64{0, 0.2, -0.4, 0.1, 0}, "typical"},
		{[]float64{-1.2, 0.6, 2, 0, 0}, "high-spend, recent, frequent"},
		{[]float64{0.7, -3, 0, 0.9, -0.51}, "occasional, deal-seeking, lapsing"},
	}
	for _, tt := range tests {
		if got := name(tt.z); got != tt.want {
			t.Errorf("name(%v) = %q, want %q", tt.z, got, tt.want)
		}
	}
}
