package csvio

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// Options configures [Read].
type Options struct {
	// ChunkBytes is the size of the byte ranges the file is cut into; each
	// is one element that a runner may hand to any worker. 0 means 64 MiB;
	// negative is an error.
	ChunkBytes int64
	// BatchLines is the number of lines per [Batch]. 0 means 1024;
	// negative is an error.
	BatchLines int
}

// Batch is a run of data lines of one file with their line numbers.
// Blank lines are left out (as encoding/csv skips them), so the numbers
// may have gaps.
type Batch struct {
	Numbers []int64  // 1-based line numbers, ascending, one per line
	Lines   []string // the lines, without their line ends ("\n" or "\r\n")
}

// chunk is the byte range [Start, End) of a file: it owns the lines that
// start in it.
type chunk struct {
	Path       string
	Index      int64
	Start, End int64
}

// chunkLines is the number of lines that start in chunk Index.
type chunkLines struct {
	Index int64
	Lines int64
}

func init() {
	// Beam's registry is process-wide by design: types and functions must
	// be registered before beam.Init, on the launcher and on every worker.
	beam.RegisterType(reflect.TypeOf((*chunk)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*chunkLines)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Batch)(nil)).Elem())
	register.DoFn3x1[context.Context, []byte, func(chunk), error](&splitFn{})
	register.Emitter1[chunk]()
	register.DoFn3x1[context.Context, chunk, func(chunkLines), error](&countFn{})
	register.Emitter1[chunkLines]()
	register.DoFn5x1[context.Context, chunk, []chunkLines, func(string), func(Batch), error](&readFn{})
	register.Emitter1[string]()
	register.Emitter1[Batch]()
}

// Read reads the text file at path, which may be on any filesystem
// registered with Beam (import
// github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local, gcs or
// s3 for their schemes), and returns its first line (the header, a
// PCollection<string> of one element, none for an empty file) and its
// other non-blank lines (a PCollection<Batch>) with their exact line
// numbers.
//
// The file is cut into chunks of opts.ChunkBytes, which workers read in
// parallel, each from its own offset; a first pass counts the lines of
// every chunk, so that each chunk knows the number of its first line.
// The file is read twice and must not change in between. A line is
// ended by "\n" alone: a CSV record whose quoted field holds a line break
// is read as two lines.
func Read(s beam.Scope, path string, opts Options) (header, batches beam.PCollection) {
	s = s.Scope("csvio.Read")
	if opts.ChunkBytes < 0 || opts.BatchLines < 0 {
		panic(fmt.Sprintf("csvio: Read: negative Options (ChunkBytes %d, BatchLines %d)", opts.ChunkBytes, opts.BatchLines))
	}
	if opts.ChunkBytes == 0 {
		opts.ChunkBytes = 64 << 20
	}
	if opts.BatchLines == 0 {
		opts.BatchLines = 1024
	}
	filesystem.ValidateScheme(path)
	chunks := beam.ParDo(s, &splitFn{Path: path, ChunkBytes: opts.ChunkBytes}, beam.Impulse(s))
	chunks = beam.Reshuffle(s, chunks)
	counts := beam.ParDo(s, &countFn{}, chunks)
	return beam.ParDo2(s, &readFn{BatchLines: opts.BatchLines}, chunks, beam.SideInput{Input: counts})
}

// splitFn cuts the file into chunks.
type splitFn struct {
	Path       string
	ChunkBytes int64
}

func (f *splitFn) ProcessElement(ctx context.Context, _ []byte, emit func(chunk)) error {
	fs, err := filesystem.New(ctx, f.Path)
	if err != nil {
		return fmt.Errorf("csvio: %w", err)
	}
	defer fs.Close()
	size, err := fs.Size(ctx, f.Path)
	if err != nil {
		return fmt.Errorf("csvio: size of %s: %w", f.Path, err)
	}
	for i, start := int64(0), int64(0); start < size; i, start = i+1, start+f.ChunkBytes {
		emit(chunk{Path: f.Path, Index: i, Start: start, End: min(start+f.ChunkBytes, size)})
	}
	return nil
}

// open opens c's file positioned at offset from, seeking when the
// filesystem allows and skipping bytes otherwise.
func open(ctx context.Context, c chunk, from int64) (io.ReadCloser, error) {
	fs, err := filesystem.New(ctx, c.Path)
	if err != nil {
		return nil, fmt.Errorf("csvio: %w", err)
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, c.Path)
	if err != nil {
		return nil, fmt.Errorf("csvio: opening %s: %w", c.Path, err)
	}
	if from > 0 {
		if sk, ok := rc.(io.Seeker); ok {
			_, err = sk.Seek(from, io.SeekStart)
		} else {
			_, err = io.CopyN(io.Discard, rc, from)
		}
		if err != nil {
			rc.Close()
			return nil, fmt.Errorf("csvio: reading %s at offset %d: %w", c.Path, from, err)
		}
	}
	return rc, nil
}

// countFn counts the lines that start in a chunk: those at offset 0 and
// after every "\n" in [Start-1, End-1).
type countFn struct{}

func (f *countFn) ProcessElement(ctx context.Context, c chunk, emit func(chunkLines)) error {
	from := max(c.Start-1, 0)
	rc, err := open(ctx, c, from)
	if err != nil {
		return err
	}
	defer rc.Close()
	var n int64
	if c.Start == 0 && c.End > 0 {
		n++
	}
	buf := make([]byte, 1<<20)
	left := c.End - 1 - from
	for left > 0 {
		m, err := rc.Read(buf[:min(int64(len(buf)), left)])
		n += int64(bytes.Count(buf[:m], []byte{'\n'}))
		left -= int64(m)
		if err == io.EOF && left > 0 {
			return fmt.Errorf("csvio: %s is shorter than when it was split; it must not change while it is read", c.Path)
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("csvio: reading %s: %w", c.Path, err)
		}
	}
	emit(chunkLines{Index: c.Index, Lines: n})
	return nil
}

// readFn reads the lines that start in a chunk, numbered from the line
// counts of the chunks before it.
type readFn struct {
	BatchLines int
}

func (f *readFn) ProcessElement(ctx context.Context, c chunk, counts []chunkLines, header func(string), emit func(Batch)) error {
	line := int64(1)
	for _, cl := range counts {
		if cl.Index < c.Index {
			line += cl.Lines
		}
	}
	from := max(c.Start-1, 0)
	rc, err := open(ctx, c, from)
	if err != nil {
		return err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<20)
	pos := from
	if c.Start > 0 {
		// Skip to the first line that starts at or after Start.
		skipped, err := br.ReadSlice('\n')
		for err == bufio.ErrBufferFull {
			pos += int64(len(skipped))
			skipped, err = br.ReadSlice('\n')
		}
		pos += int64(len(skipped))
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("csvio: reading %s: %w", c.Path, err)
		}
	}
	var b Batch
	flush := func() {
		if len(b.Lines) > 0 {
			emit(b)
			b = Batch{}
		}
	}
	for pos < c.End {
		text, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("csvio: reading %s: %w", c.Path, err)
		}
		if len(text) == 0 {
			break
		}
		pos += int64(len(text))
		text = trimEOL(text)
		switch {
		case line == 1:
			header(text)
		case text != "":
			b.Numbers = append(b.Numbers, line)
			b.Lines = append(b.Lines, text)
			if len(b.Lines) == f.BatchLines {
				flush()
			}
		}
		line++
		if err == io.EOF {
			break
		}
	}
	flush()
	return nil
}

func trimEOL(s string) string {
	if n := len(s); n > 0 && s[n-1] == '\n' {
		s = s[:n-1]
		if n := len(s); n > 0 && s[n-1] == '\r' {
			s = s[:n-1]
		}
	}
	return s
}
