package clusterbeam

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/clientele-go/clientele/beam/csvio"
	"github.com/clientele-go/clientele/beam/internal/wire"
)

// Row is one data row and its position in the input.
type Row struct {
	// Pos is the row's position, unique per row (its line number when
	// read by [ParseRows]). When an empty cluster is re-seeded, the row
	// with the lower Pos wins among equally distant rows, as the lower
	// row index does in cluster.KMeans.
	Pos int64
	X   []float64
}

func appendRow(b []byte, r Row) []byte {
	return wire.AppendFloats(wire.AppendInt(b, r.Pos), r.X)
}

func encodeRow(r Row) []byte { return appendRow(nil, r) }

func decodeRow(b []byte) (Row, error) {
	rd := wire.NewReader(b)
	r := Row{Pos: rd.Int(), X: rd.Floats()}
	return r, rd.Err()
}

func init() {
	beam.RegisterCoder(reflect.TypeOf((*Row)(nil)).Elem(), encodeRow, decodeRow)
	register.DoFn4x1[csvio.Batch, []string, func(Row), func(csvio.Bad), error](&parseFn{})
	register.Emitter1[Row]()
	register.Emitter1[csvio.Bad]()
}

// ParseRows parses a numeric CSV read by csvio.Read (header is its
// PCollection<string>, batches its PCollection<Batch>): one feature per
// header column, fields separated by commas, each a number
// strconv.ParseFloat reads (surrounding spaces allowed), finite. It
// returns the rows (a PCollection<Row>, Pos set to the line number) and
// the lines that are not rows (a PCollection<csvio.Bad>: wrong field
// count, a field that is not a number or not finite).
func ParseRows(s beam.Scope, header, batches beam.PCollection) (rows, bad beam.PCollection) {
	s = s.Scope("clusterbeam.ParseRows")
	return beam.ParDo2(s, &parseFn{}, batches, beam.SideInput{Input: header})
}

type parseFn struct{}

func (f *parseFn) ProcessElement(b csvio.Batch, header []string, emit func(Row), bad func(csvio.Bad)) error {
	if len(header) != 1 || header[0] == "" {
		return errors.New("clusterbeam: the input has no header line")
	}
	d := strings.Count(header[0], ",") + 1
	for i, l := range b.Lines {
		x, err := ParseRow(l, d)
		if err != nil {
			bad(csvio.Bad{Line: b.Numbers[i], Reason: err.Error(), Text: l})
			continue
		}
		emit(Row{Pos: b.Numbers[i], X: x})
	}
	return nil
}

// ParseRow parses one line of d comma-separated finite numbers. Its
// errors name the column but not the value.
func ParseRow(line string, d int) ([]float64, error) {
	if n := strings.Count(line, ",") + 1; n != d {
		return nil, fmt.Errorf("clusterbeam: %d fields, the header has %d", n, d)
	}
	x := make([]float64, d)
	for t, field := range strings.Split(line, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(field), 64)
		switch {
		case err != nil:
			return nil, fmt.Errorf("clusterbeam: column %d is not a number", t+1)
		case math.IsInf(v, 0) || math.IsNaN(v):
			return nil, fmt.Errorf("clusterbeam: column %d is not finite", t+1)
		}
		x[t] = v
	}
	return x, nil
}
