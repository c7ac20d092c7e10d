package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
)

func TestQuickstartGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(t.Context(), &buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "quickstart.golden"), buf.Bytes())
}
