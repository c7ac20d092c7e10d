package textwidth_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/clientele-go/clientele/internal/golden"
	"github.com/clientele-go/clientele/internal/textwidth"
)

// TestWriterMixed lays out a table of mixed Chinese and ASCII cells and
// compares it with the expected text, written by hand: every column
// starts at the same display cell on every line.
func TestWriterMixed(t *testing.T) {
	in := "segment\tcustomers\tshare\n" +
		"重要价值客户\t310\t16.1%\n" +
		"Champions\t12\t0.6%\n" +
		"一般挽留客户 (win-back)\t725\t37.7%\n" +
		"ＡＢＣ\t1\t0.1%\n"
	// The first column is 23 cells wide (一般挽留客户 is 12 cells, " (win-back)"
	// 11) plus 2 of padding.
	want := "" +
		"segment                  customers  share\n" +
		"重要价值客户             310        16.1%\n" +
		"Champions                12         0.6%\n" +
		"一般挽留客户 (win-back)  725        37.7%\n" +
		"ＡＢＣ                   1          0.1%\n"
	var b bytes.Buffer
	w := textwidth.NewWriter(&b, 2, false)
	if _, err := w.Write([]byte(in)); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if diff := golden.Diff(want, b.String()); diff != "" {
		t.Errorf("Writer mismatch (-want +got):\n%s", diff)
	}
	// Every line has its second column at the same display offset.
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		i := strings.Index(line, "  ")
		for i < len(line) && line[i] == ' ' {
			i++
		}
		if got := textwidth.Width(line[:i]); got != 25 {
			t.Errorf("line %q: second column at cell %d, want 25", line, got)
		}
	}
}

func TestWriterAlignRight(t *testing.T) {
	in := "\tF=1\tF=2\t\nR=2\t3 (¥12.00)\t1 (¥1,299.00)\t\nR=1\t中\t\t\n"
	// Columns: 3+2, 10+2 ("3 (¥12.00)"), 13+2 ("1 (¥1,299.00)"); 中 is 2
	// cells, so 10 spaces go before it.
	want := "" +
		"     " + "         F=1" + "            F=2" + "\n" +
		"  R=2" + "  3 (¥12.00)" + "  1 (¥1,299.00)" + "\n" +
		"  R=1" + "          中" + "               " + "\n"
	var b bytes.Buffer
	w := textwidth.NewWriter(&b, 2, true)
	w.Write([]byte(in))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if diff := golden.Diff(want, b.String()); diff != "" {
		t.Errorf("Writer mismatch (-want +got):\n%s", diff)
	}
}

// TestWriterMatchesTabwriter checks that on ASCII text the Writer lays
// out exactly what text/tabwriter does.
func TestWriterMatchesTabwriter(t *testing.T) {
	for _, in := range []string{
		"",
		"no tabs\n",
		"a\tb\tc\nlonger\tx\ny\n",
		"a\tb\n\nc\td\te\n",
		"x\t\ty\n\t\t\nlast line without newline\tz",
		"one\ttwo\nthree\tfour\tfive\nsix\n\tseven\t\n",
		"trailing tab\t\n\tleading\n",
	} {
		for _, right := range []bool{false, true} {
			if got, want := viaWriter(in, right, 1), viaTabwriter(in, right, 1); got != want {
				t.Errorf("Writer(%q, alignRight=%v) = %q, tabwriter gives %q", in, right, got, want)
			}
		}
	}
}

// FuzzWriter checks that the Writer agrees with text/tabwriter on ASCII
// text, written in any chunks.
func FuzzWriter(f *testing.F) {
	f.Add("a\tb\tc\nlonger\tx\ny\n", false, 3)
	f.Add("x\t\ty\n\t\t\nend\tz", true, 1)
	f.Fuzz(func(t *testing.T, in string, right bool, chunk int) {
		for _, r := range in {
			if r >= 0x7f || (r < 0x20 && r != '\t' && r != '\n') {
				return // tabwriter counts controls as one cell, and treats \v, \f specially
			}
		}
		chunk = max(1, chunk%16)
		if got, want := viaWriter(in, right, chunk), viaTabwriter(in, right, 1); got != want {
			t.Errorf("Writer(%q, alignRight=%v) = %q, tabwriter gives %q", in, right, got, want)
		}
	})
}

func viaWriter(in string, right bool, chunk int) string {
	var b bytes.Buffer
	w := textwidth.NewWriter(&b, 2, right)
	for len(in) > 0 {
		n := min(chunk, len(in))
		w.Write([]byte(in[:n]))
		in = in[n:]
	}
	w.Flush()
	return b.String()
}

func viaTabwriter(in string, right bool, _ int) string {
	var b bytes.Buffer
	var flags uint
	if right {
		flags = tabwriter.AlignRight
	}
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', flags)
	w.Write([]byte(in))
	w.Flush()
	return b.String()
}

type failWriter struct{ n int }

var errWrite = errors.New("disk full")

func (f *failWriter) Write(p []byte) (int, error) {
	f.n++
	return 0, errWrite
}

func TestWriterError(t *testing.T) {
	fw := &failWriter{}
	w := textwidth.NewWriter(fw, 2, false)
	w.Write([]byte("a\tb\nline\n"))
	if _, err := w.Write([]byte("c\td\n")); !errors.Is(err, errWrite) {
		t.Errorf("Write after a failed write: err = %v, want %v", err, errWrite)
	}
	if err := w.Flush(); !errors.Is(err, errWrite) {
		t.Errorf("Flush: err = %v, want %v", err, errWrite)
	}
	if fw.n != 1 {
		t.Errorf("underlying writer called %d times after its error, want 1", fw.n)
	}
}
