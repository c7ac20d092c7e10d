package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
)

// TestRunGolden compares the output with testdata/export.golden. The
// pseudonyms in the golden file were checked independently with Python's
// hmac module (master key = SHA-256 of the demo phrase, partner
// "acme-logistics", phones normalised to 11 digits).
func TestRunGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "export.golden"), buf.Bytes())
}

// TestRunLeaksNothing checks the export against the raw data: no phone,
// e-mail, ID number, full name or street address of any customer may
// appear, and customers without consent do not appear at all.
func TestRunLeaksNothing(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, r := range sampleRecords() {
		for _, raw := range []string{r.Phone, r.Email, r.IDNumber, r.Name, r.Address} {
			if strings.Contains(out, raw) {
				t.Errorf("export contains raw value %q of %s", raw, r.ID)
			}
		}
	}
	for _, id := range []string{"C003", "C004", "C005"} {
		if strings.Contains(out, id) {
			t.Errorf("export contains %s, who did not consent (or withdrew)", id)
		}
	}
	for _, id := range []string{"C001", "C002"} {
		if !strings.Contains(out, id) {
			t.Errorf("export lacks %s, who consented", id)
		}
	}
}
