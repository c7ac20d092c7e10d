package csvio

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// Keyed is one output line and the key that orders it in the file.
type Keyed struct {
	Key  int64
	Text string // one CSV record, without its line end (see [Format])
}

func init() {
	beam.RegisterType(reflect.TypeOf((*Keyed)(nil)).Elem())
	register.DoFn5x1[context.Context, []byte, func(*Keyed) bool, []Report, func(int64), error](&writeFn{})
	register.Iter1[Keyed]()
	register.Emitter1[int64]()
}

// Write writes header and then the lines of rows (a PCollection<Keyed>)
// to the file at path, sorted by Key (by Text among equal keys), so the
// file is the same for any runner and any bundling. It returns a
// PCollection<int64> of one element, the number of rows written.
//
// When gate is valid (a PCollection<Report>, as [Check] returns), the
// file is written only after gate has its element, so a failed check
// leaves no output. One worker writes the whole file, as Beam's
// textio.Write does, and sorts it in memory: about the size of the rows
// plus 40 bytes each.
func Write(s beam.Scope, path, header string, rows, gate beam.PCollection) beam.PCollection {
	s = s.Scope("csvio.Write")
	filesystem.ValidateScheme(path)
	if !gate.IsValid() {
		gate = beam.Create(s, Report{})
	}
	return beam.ParDo(s, &writeFn{Path: path, Header: header}, beam.Impulse(s),
		beam.SideInput{Input: rows}, beam.SideInput{Input: gate})
}

type writeFn struct {
	Path   string
	Header string
}

func (f *writeFn) ProcessElement(ctx context.Context, _ []byte, rows func(*Keyed) bool, _ []Report, emit func(int64)) error {
	var all []Keyed
	var k Keyed
	for rows(&k) {
		all = append(all, k)
	}
	slices.SortFunc(all, func(a, b Keyed) int {
		return cmp.Or(cmp.Compare(a.Key, b.Key), strings.Compare(a.Text, b.Text))
	})
	fs, err := filesystem.New(ctx, f.Path)
	if err != nil {
		return fmt.Errorf("csvio: %w", err)
	}
	defer fs.Close()
	fd, err := fs.OpenWrite(ctx, f.Path)
	if err != nil {
		return fmt.Errorf("csvio: creating %s: %w", f.Path, err)
	}
	w := bufio.NewWriterSize(fd, 1<<20)
	if f.Header != "" {
		w.WriteString(f.Header)
		w.WriteByte('\n')
	}
	for _, r := range all {
		w.WriteString(r.Text)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		fd.Close()
		return fmt.Errorf("csvio: writing %s: %w", f.Path, err)
	}
	if err := fd.Close(); err != nil {
		return fmt.Errorf("csvio: writing %s: %w", f.Path, err)
	}
	emit(int64(len(all)))
	return nil
}

// Format returns fields as one CSV record, quoted as encoding/csv quotes
// them, without a line end.
func Format(fields []string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(fields) // a strings.Builder does not fail
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}
