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
