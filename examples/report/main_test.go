package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
)

// TestReportGolden builds the report on a small sample in both languages
// and compares an outline of the page (headings, key figures, each
// chart's caption, its SVG elements and its table sizes) with
// testdata/outline.<lang>.golden (rewrite with -update). The charts
// themselves have golden files in package report.
func TestReportGolden(t *testing.T) {
	for _, lang := range []string{"zh-CN", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "r.html")
			var stdout bytes.Buffer
			if err := run(&stdout, []string{"-out", out, "-lang", lang, "-customers", "600"}); err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(stdout.String()); got != out {
				t.Errorf("printed %q, want the path %q", got, out)
			}
			page, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			// Customer identifiers (P and seven digits) appear only masked.
			if id := regexp.MustCompile(`P\d{7}`).Find(page); id != nil {
				t.Errorf("the page shows the customer ID %s", id)
			}
			golden.Check(t, filepath.Join("testdata", "outline."+lang+".golden"), []byte(outline(string(page))))
		})
	}
}

// TestDefaultOut checks that without -out the report goes to report.html
// in the working directory, whose path is printed.
func TestDefaultOut(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var stdout bytes.Buffer
	if err := run(&stdout, []string{"-customers", "300"}); err != nil {
		t.Fatal(err)
	}
	want, err := filepath.Abs("report.html")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(stdout.String()); got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
	if fi, err := os.Stat(want); err != nil || fi.Size() == 0 {
		t.Errorf("report.html: %v", err)
	}
}

var (
	tagText = regexp.MustCompile(`<(h1|h2|h3|dt|dd|caption|p class="sub"|p class="note")>([^<]*)<`)
	figure  = regexp.MustCompile(`<figure id="([^"]+)"`)
	element = regexp.MustCompile(`<(rect|text|path|line|circle)[ >]`)
)

// outline lists, in page order, the headings, key figures and notes, and
// for each figure the number of SVG elements of each kind and the rows of
// its tables.
func outline(page string) string {
	var b strings.Builder
	parts := figure.Split(page, -1)
	ids := figure.FindAllStringSubmatch(page, -1)
	for i, part := range parts {
		if i > 0 {
			counts := map[string]int{}
			for _, m := range element.FindAllStringSubmatch(part, -1) {
				counts[m[1]]++
			}
			b.WriteString("figure " + ids[i-1][1] + ":")
			for _, k := range []string{"rect", "text", "path", "line", "circle"} {
				if counts[k] > 0 {
					b.WriteString(" " + k + "=" + strconv.Itoa(counts[k]))
				}
			}
			b.WriteString(" table rows=" + strconv.Itoa(strings.Count(part, "<tr>")) + "\n")
		}
		for _, m := range tagText.FindAllStringSubmatch(part, -1) {
			tag := strings.Fields(m[1])[0]
			if strings.Contains(m[1], "class=") {
				tag = m[1][strings.Index(m[1], `"`)+1 : len(m[1])-1]
			}
			b.WriteString("  " + tag + ": " + m[2] + "\n")
		}
	}
	return b.String()
}
