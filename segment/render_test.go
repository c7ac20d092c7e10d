package segment_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
	"github.com/clientele-go/clientele/segment"
	"github.com/google/go-cmp/cmp"
)

// checkGolden compares got with testdata/name, rewriting it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

func smallResult(t *testing.T) *segment.Result {
	t.Helper()
	tbl := smallTable(true)
	tbl.Rules[1].Segment.Strategy = segment.Strategy{Marketing: "key accounts | events", Service: "account team"}
	rs, err := tbl.Compile()
	if err != nil {
		t.Fatal(err)
	}
	res, err := segment.Run(t.Context(), smallMembers(), rs, segment.Options{MinShare: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestWriteMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := smallResult(t).WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "small.md.golden", buf.Bytes())
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := smallResult(t).WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "small.csv.golden", buf.Bytes())
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || len(rows[0]) != 25 {
		t.Errorf("%d rows of %d columns, want 4 of 25", len(rows), len(rows[0]))
	}
}

func TestWriteJSON(t *testing.T) {
	res := smallResult(t)
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "small.json.golden", buf.Bytes())
	// The profiles read back as they were.
	var back struct {
		Profiles []segment.Portrait `json:"profiles"`
		Warnings []struct {
			Kind string `json:"kind"`
		} `json:"warnings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(res.Portraits, back.Profiles); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
	if len(back.Warnings) != 1 || back.Warnings[0].Kind != "small-segment" {
		t.Errorf("warnings %+v", back.Warnings)
	}
}
