package textwidth

import (
	"io"
	"strings"
)

// Writer lays out text in columns as text/tabwriter does with a
// minimum width of 0 and spaces for padding, but measures every cell
// with [Width], so that columns holding Chinese line up.
//
// The input is lines ending in '\n' whose cells end in '\t'; the text
// after a line's last tab is not part of a column and is written as is.
// A column is a run of adjacent lines that all have a tab-terminated
// cell at that position; its width is the widest of those cells plus
// the padding. Cells are padded on the right, or on the left with
// alignRight. Only '\t' and '\n' are special: there are no escapes, no
// HTML filtering and no '\v' or '\f' handling. Everything is buffered
// until [Writer.Flush] or a line without any tab, after which the
// layout cannot change.
//
// A Writer is not safe for concurrent use. Its zero value is not usable;
// call [NewWriter].
type Writer struct {
	out        io.Writer
	padding    int
	alignRight bool

	buf    []byte   // the text of the cells, without tabs and newlines
	start  int      // start in buf of the current cell
	lines  [][]cell // the lines; the last one is in progress
	widths []int    // column widths while formatting
	err    error    // the first write error; later writes are skipped
}

type cell struct {
	size  int // bytes in buf
	width int // display cells
}

// NewWriter returns a Writer that writes to w, padding every column by
// padding spaces (negative means 0), left-aligned unless alignRight.
func NewWriter(w io.Writer, padding int, alignRight bool) *Writer {
	return &Writer{out: w, padding: max(padding, 0), alignRight: alignRight, lines: [][]cell{nil}}
}

// Write buffers p. It returns len(p) and the error of an earlier write to
// the underlying writer, if any.
func (b *Writer) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := strings.IndexAny(string(p), "\t\n")
		if i < 0 {
			b.buf = append(b.buf, p...)
			break
		}
		b.buf = append(b.buf, p[:i]...)
		cells := b.endCell()
		if p[i] == '\n' {
			b.lines = append(b.lines, nil)
			if cells == 1 {
				// A line without tabs ends every column: what is
				// buffered can be written now.
				b.flush()
			}
		}
		p = p[i+1:]
	}
	return n, b.err
}

// endCell ends the cell in progress and returns the number of cells of the
// current line.
func (b *Writer) endCell() int {
	line := &b.lines[len(b.lines)-1]
	*line = append(*line, cell{size: len(b.buf) - b.start, width: Width(string(b.buf[b.start:]))})
	b.start = len(b.buf)
	return len(*line)
}

// Flush writes everything buffered, the text after the last newline
// included, and returns the first error of the underlying writer.
func (b *Writer) Flush() error {
	if len(b.buf) > b.start {
		b.endCell()
	}
	b.flush()
	return b.err
}

func (b *Writer) flush() {
	b.format(0, 0, len(b.lines))
	b.buf, b.start = b.buf[:0], 0
	b.lines = append(b.lines[:0], nil)
	b.widths = b.widths[:0]
}

// format writes lines line0 up to line1, whose text starts at buf[pos],
// laying out the columns from len(b.widths) on, and returns the position
// after them. It is text/tabwriter's algorithm.
func (b *Writer) format(pos, line0, line1 int) int {
	column := len(b.widths)
	for this := line0; this < line1; this++ {
		if column >= len(b.lines[this])-1 {
			continue
		}
		// A column block starts here: write the lines before it, then
		// find its end and width.
		pos = b.writeLines(pos, line0, this)
		line0 = this
		width := 0
		for ; this < line1; this++ {
			line := b.lines[this]
			if column >= len(line)-1 {
				break
			}
			width = max(width, line[column].width+b.padding)
		}
		b.widths = append(b.widths, width)
		pos = b.format(pos, line0, this)
		b.widths = b.widths[:len(b.widths)-1]
		line0 = this
	}
	return b.writeLines(pos, line0, line1)
}

func (b *Writer) writeLines(pos, line0, line1 int) int {
	var out []byte
	for i := line0; i < line1; i++ {
		for j, c := range b.lines[i] {
			text := b.buf[pos : pos+c.size]
			pos += c.size
			pad := 0
			if j < len(b.widths) {
				pad = b.widths[j] - c.width
			}
			if b.alignRight && c.size > 0 {
				out = appendSpaces(out, pad)
				out = append(out, text...)
			} else {
				out = append(out, text...)
				out = appendSpaces(out, pad)
			}
		}
		if i+1 < len(b.lines) {
			out = append(out, '\n')
		}
	}
	b.write(out)
	return pos
}

func appendSpaces(dst []byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, ' ')
	}
	return dst
}

func (b *Writer) write(p []byte) {
	if b.err != nil || len(p) == 0 {
		return
	}
	n, err := b.out.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	b.err = err
}
