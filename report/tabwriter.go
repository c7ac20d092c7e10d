package report

import (
	"io"

	"github.com/clientele-go/clientele/internal/textwidth"
)

// TabWriter writes text in aligned columns as text/tabwriter does (with
// a minimum cell width of 0 and spaces for padding), but measures text in
// display cells, so that columns holding Chinese line up: a Han
// character, a full-width letter or an emoji takes two cells, a combining
// mark none (Unicode's East Asian Width; ambiguous characters such as ×
// count as one).
//
// Cells end in '\t' and lines in '\n'; the text after a line's last tab
// is not part of a column. Only those two bytes are special: there is no
// escaping, HTML filtering or '\v' and '\f' handling. Output is buffered
// until Flush, or until a line without a tab, after which no column can
// change. A TabWriter is not safe for concurrent use.
type TabWriter struct {
	w *textwidth.Writer
}

// NewTabWriter returns a TabWriter writing to w that pads each column
// with padding spaces (negative means 0) after its widest cell. Cells are
// left-aligned, or right-aligned with alignRight.
func NewTabWriter(w io.Writer, padding int, alignRight bool) *TabWriter {
	return &TabWriter{textwidth.NewWriter(w, padding, alignRight)}
}

// Write buffers p and returns len(p); the error is that of an earlier
// write to the underlying writer, if any.
func (t *TabWriter) Write(p []byte) (int, error) { return t.w.Write(p) }

// Flush writes what is buffered and returns the first error of the
// underlying writer.
func (t *TabWriter) Flush() error { return t.w.Flush() }
