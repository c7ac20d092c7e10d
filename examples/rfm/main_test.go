package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestRunGolden compares the output with golden files. The CSV case was
// checked by hand: as of 2026-06-30 the seven buyers have recency 2, 161,
// 1, 231, 1, 136 and 0 days; R's type-7 breaks (quantile + 1) are 2, 2.4,
// 83.4 and 157, so recency scores 4, 1, 5, 1, 5, 2 and 5; frequency 3, 1,
// 3, 1, 1, 1, 1 gives breaks 2, 2, 2 and 3.6 and scores 4 or 1. In the
// R×F grid that makes C001 Loyal, C003 Champions, C005 and C008 New
// Customers and C002, C004 and C007 Hibernating (recency mean 176,
// median 161, money 3519.00 with median 520.00). The replayed C-2 is a
// duplicate, H-2 is after the as-of date, C006 has only a refund and
// G-2's amount is unreadable.
func TestRunGolden(t *testing.T) {
	tests := []struct {
		name, golden string
		args         []string
	}{
		{"sample", "sample.golden", nil},
		{"sample value model", "sample_value.golden", []string{"-table", "value"}},
		{"csv", "csv.golden", []string{"-orders", filepath.Join("testdata", "orders.csv"), "-asof", "2026-06-30", "-table", "grid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := filepath.Join(t.TempDir(), "grid.svg")
			var buf bytes.Buffer
			if err := run(&buf, append(tt.args, "-svg", svg)); err != nil {
				t.Fatal(err)
			}
			out := strings.ReplaceAll(buf.String(), svg, "grid.svg")
			golden.Check(t, filepath.Join("testdata", tt.golden), []byte(out))
			data, err := os.ReadFile(svg)
			if err != nil {
				t.Fatal(err)
			}
			if err := xml.Unmarshal(data, new(struct{})); err != nil {
				t.Errorf("heat map is not XML: %v", err)
			}
			if tt.name == "csv" {
				golden.Check(t, filepath.Join("testdata", "csv_grid.svg.golden"), data)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-table", "nope"},
		{"-asof", "30/06/2026"},
		{"-orders", filepath.Join("testdata", "missing.csv")},
	} {
		if err := run(new(bytes.Buffer), args); err == nil {
			t.Errorf("run(%q) = nil, want an error", args)
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

// TestRunGB18030 reads the test orders as Excel on Chinese Windows saves
// them, with Chinese headers in GB18030, and gives the CSV golden output.
func TestRunGB18030(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "orders.csv"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "id,customer_id,at,amount,channel", "订单号,客户ID,下单时间,金额,渠道", 1)
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "orders.csv")
	if err := os.WriteFile(path, []byte(gbk), 0o644); err != nil {
		t.Fatal(err)
	}
	svg := filepath.Join(t.TempDir(), "grid.svg")
	var buf bytes.Buffer
	if err := run(&buf, []string{"-orders", path, "-encoding", "GB18030", "-asof", "2026-06-30", "-table", "grid", "-svg", svg}); err != nil {
		t.Fatal(err)
	}
	out := strings.NewReplacer(path, filepath.Join("testdata", "orders.csv"), svg, "grid.svg").Replace(buf.String())
	golden.Check(t, filepath.Join("testdata", "csv.golden"), []byte(out))
}
