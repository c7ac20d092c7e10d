package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/golden"
	"github.com/clientele-go/clientele/sample"
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

// TestOwnData writes the sample's persons and orders to CSV files and
// builds the report from them with -orders, -people and -asof: the page
// must be the sample's, byte for byte, but for the subtitle, which names
// the file.
func TestOwnData(t *testing.T) {
	dir := t.TempDir()
	data := sample.Generate(sample.Config{People: 600, Companies: -1, Seed: 1})
	ordersCSV, peopleCSV := filepath.Join(dir, "orders.csv"), filepath.Join(dir, "people.csv")
	writeCSV(t, ordersCSV, func(f *os.File) error {
		return customer.WriteOrders(f, slices.Values(data.Orders), customer.CSVOptions{})
	})
	writeCSV(t, peopleCSV, func(f *os.File) error {
		return customer.WritePeople(f, slices.Values(data.People), customer.CSVOptions{})
	})
	fromSample, fromFiles := filepath.Join(dir, "sample.html"), filepath.Join(dir, "files.html")
	if err := run(new(bytes.Buffer), []string{"-out", fromSample, "-customers", "600"}); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	if err := run(&stdout, []string{"-out", fromFiles, "-orders", ordersCSV, "-people", peopleCSV, "-asof", "2026-06-30"}); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%s: %d orders read, 0 rows skipped\n%s: 600 persons read, 0 rows skipped\n%s\n", ordersCSV, len(data.Orders), peopleCSV, fromFiles)
	if stdout.String() != want {
		t.Errorf("printed %q, want %q", stdout.String(), want)
	}
	subtitle := regexp.MustCompile(`<p class="sub">[^<]*<`)
	a, b := readPage(t, fromSample), readPage(t, fromFiles)
	if got := subtitle.FindString(b); got != `<p class="sub">orders.csv：`+strconv.Itoa(len(data.Orders))+` 笔订单（含退款）<` {
		t.Errorf("subtitle %s", got)
	}
	if subtitle.ReplaceAllString(a, "") != subtitle.ReplaceAllString(b, "") {
		t.Error("the report from the files differs from the sample's")
	}
}

// TestOwnDataErrors: a file of the wrong kind or a bad flag is an error
// that says what is wrong; a history too short for a part leaves it out
// with a note.
func TestOwnDataErrors(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.csv")
	writeCSV(t, people, func(f *os.File) error { _, err := f.WriteString("id,name\nP1,Li\n"); return err })
	short := filepath.Join(dir, "short.csv")
	writeCSV(t, short, func(f *os.File) error {
		_, err := f.WriteString("客户ID,下单时间,金额\nA,2026/6/1 10:00,10\nB,2026/6/2 10:00,20\nA,2026/6/3,oops\n")
		return err
	})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-orders", people}, "csv line 1 (customer_id): required column missing"},
		{[]string{"-orders", short, "-asof", "30/06/2026"}, "want YYYY-MM-DD"},
		{[]string{"-people", people}, "-people and -asof go with -orders"},
	} {
		err := run(new(bytes.Buffer), append(c.args, "-out", filepath.Join(dir, "r.html")))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("run(%q) = %v, want an error saying %q", c.args, err, c.want)
		}
	}
	var stdout bytes.Buffer
	if err := run(&stdout, []string{"-orders", short, "-out", filepath.Join(dir, "r.html")}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 orders read, 1 rows skipped", "note: the clusters left out", "note: lifetime value left out"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output %q does not say %q", stdout.String(), want)
		}
	}
}

func writeCSV(t *testing.T, path string, write func(*os.File) error) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func readPage(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
