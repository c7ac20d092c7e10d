package rfmbeam

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/clientele-go/clientele/beam/csvio"
	"github.com/clientele-go/clientele/beam/internal/wire"
	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

// Order is one order as the RFM transforms carry it: the fields of a
// customer.Order that RFM reads, and the order's position in the input.
type Order struct {
	// Pos is the order's position in the input, unique per order (its
	// line number when read by [ParseOrders]). Among orders of one
	// customer that share an ID, the lowest Pos counts and the others
	// are duplicates, as the first one in the stream counts in
	// rfm.Compute; and customers come out of the pipeline ordered by the
	// Pos of their first used order, as rfm.Compute orders them.
	Pos        int64
	CustomerID customer.ID
	ID         string
	At         time.Time
	Amount     decimal.Decimal
}

// order returns o as a customer.Order.
func (o Order) order() customer.Order {
	return customer.Order{ID: o.ID, CustomerID: o.CustomerID, At: o.At, Amount: o.Amount}
}

func appendOrder(b []byte, o Order) []byte {
	b = wire.AppendInt(b, o.Pos)
	b = wire.AppendString(b, string(o.CustomerID))
	b = wire.AppendString(b, o.ID)
	b = wire.AppendTime(b, o.At)
	return wire.AppendDecimal(b, o.Amount)
}

func readOrder(r *wire.Reader) Order {
	return Order{Pos: r.Int(), CustomerID: customer.ID(r.String()), ID: r.String(), At: r.Time(), Amount: r.Decimal()}
}

func encodeOrder(o Order) []byte { return appendOrder(nil, o) }

func decodeOrder(b []byte) (Order, error) {
	r := wire.NewReader(b)
	o := readOrder(r)
	return o, r.Err()
}

func init() {
	beam.RegisterCoder(reflect.TypeOf((*Order)(nil)).Elem(), encodeOrder, decodeOrder)
	register.DoFn4x1[csvio.Batch, []string, func(Order), func(csvio.Bad), error](&parseFn{})
	register.Emitter1[Order]()
	register.Emitter1[csvio.Bad]()
}

// ParseOrders parses the order lines of a CSV file read by csvio.Read:
// header is its PCollection<string> and batches its PCollection<Batch>.
// It returns the orders (a PCollection<Order>, Pos set to the line
// number) and the lines that are not orders (a PCollection<csvio.Bad>).
//
// The lines are read exactly as customer.ReadOrders reads them, with
// customer.CSVOptions{} (columns matched by name: customer_id, order_id
// or id, date or at, amount; dates as YYYY-MM-DD or RFC 3339, midnight
// UTC when no offset is given), so the orders are those that
// customer.ReadOrders yields from the whole file without an error. A
// line with an odd number of quotes is bad on its own (encoding/csv would
// read on into the next line). A header that customer.ReadOrders rejects
// fails the pipeline.
func ParseOrders(s beam.Scope, header, batches beam.PCollection) (orders, bad beam.PCollection) {
	s = s.Scope("rfmbeam.ParseOrders")
	return beam.ParDo2(s, &parseFn{}, batches, beam.SideInput{Input: header})
}

type parseFn struct{}

func (f *parseFn) ProcessElement(b csvio.Batch, header []string, emit func(Order), bad func(csvio.Bad)) error {
	if len(header) != 1 || header[0] == "" {
		return errors.New("rfmbeam: the input has no header line")
	}
	return parseLines(header[0], b, emit, bad)
}

// parseLines reads the lines of b with customer.ReadOrders in one pass,
// and falls back to one line at a time when the results cannot be
// matched to the lines one for one.
func parseLines(header string, b csvio.Batch, emit func(Order), bad func(csvio.Bad)) error {
	var in strings.Builder
	in.WriteString(header)
	in.WriteByte('\n')
	kept := make([]int, 0, len(b.Lines)) // indexes into b of the lines read
	for i, l := range b.Lines {
		if strings.Count(l, `"`)%2 != 0 {
			continue
		}
		kept = append(kept, i)
		in.WriteString(l)
		in.WriteByte('\n')
	}
	type result struct {
		o   customer.Order
		err error
	}
	results := make([]result, 0, len(kept))
	matched := true
	for o, err := range customer.ReadOrders(strings.NewReader(in.String()), customer.CSVOptions{}) {
		var fe *customer.FieldError
		if err != nil && (!errors.As(err, &fe) || fe.Line <= 1) {
			return fmt.Errorf("rfmbeam: reading the header: %w", err)
		}
		if err != nil && fe.Line != len(results)+2 {
			matched = false
			break
		}
		results = append(results, result{o, err})
	}
	if !matched || len(results) != len(kept) {
		if len(b.Lines) == 1 {
			bad(csvio.Bad{Line: b.Numbers[0], Reason: "not one CSV record", Text: b.Lines[0]})
			return nil
		}
		for i := range b.Lines {
			one := csvio.Batch{Numbers: b.Numbers[i : i+1], Lines: b.Lines[i : i+1]}
			if err := parseLines(header, one, emit, bad); err != nil {
				return err
			}
		}
		return nil
	}
	next := 0
	for i, l := range b.Lines {
		line := b.Numbers[i]
		if next == len(kept) || kept[next] != i {
			bad(csvio.Bad{Line: line, Reason: "unbalanced quotes", Text: l})
			continue
		}
		r := results[next]
		next++
		if r.err != nil {
			var fe *customer.FieldError
			errors.As(r.err, &fe)
			at := *fe
			at.Line = int(line)
			bad(csvio.Bad{Line: line, Reason: at.Error(), Text: l})
			continue
		}
		emit(Order{Pos: line, CustomerID: r.o.CustomerID, ID: r.o.ID, At: r.o.At, Amount: r.o.Amount})
	}
	return nil
}
