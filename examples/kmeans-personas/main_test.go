package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
)

func TestPersonasGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "personas.golden"), buf.Bytes())
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
