package rfm_test

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// fuzzOrders decodes 4 bytes per order: customer, order ID, time, amount.
func fuzzOrders(data []byte) []customer.Order {
	amounts := []string{"0", "1", "9.99", "-1", "-9.99", "0.005", "123.4567", "1e3", "-0.0001", "5.123456", "-0.00001"}
	var out []customer.Order
	for ; len(data) >= 4; data = data[4:] {
		var o customer.Order
		if c := data[0] % 6; c > 0 {
			o.CustomerID = customer.ID("C" + strconv.Itoa(int(c)))
		}
		if id := data[1] % 9; id > 0 {
			o.ID = "O" + strconv.Itoa(int(id))
		}
		if data[2] != 255 {
			// From 40 days before the as-of time to 2 days after, in
			// steps of 7 hours.
			o.At = asOf.Add(time.Duration(int(data[2])%144*7-40*24) * time.Hour)
		}
		o.Amount = dec(amounts[int(data[3])%len(amounts)])
		out = append(out, o)
	}
	return out
}

// fuzzIntColumns decodes 4 bytes per order as integer columns (IDs
// among negative, short, 12-digit, 13-digit and long negative numbers,
// times in one of the four units, amounts in fen) and returns them with
// the same orders as text.
func fuzzIntColumns(data []byte, unit byte) (rfm.Columns, []customer.Order) {
	ids := []int64{0, 7, -3, 123_456_789_012, 1_234_567_890_123, -1_000_000_000_000_005, math.MaxInt64, 42}
	fens := []int64{0, 1, 999, -1, -999, 12_345_678, math.MaxInt64 / 50, math.MinInt64 / 50}
	units := []time.Duration{time.Second, time.Millisecond, time.Microsecond, time.Nanosecond}
	cols := rfm.Columns{AtUnit: units[unit%4], CustomerNo: []int64{}, OrderNo: []int64{}, AtUnix: []int64{}}
	var text []customer.Order
	for ; len(data) >= 4; data = data[4:] {
		c, o := ids[data[0]%8], ids[data[1]%8]
		// From 40 days before the as-of time to 2 days after, in steps
		// of 7 hours less a second.
		at := asOf.Add(time.Duration(int(data[2])%144*7-40*24)*time.Hour - time.Second)
		fen := fens[data[3]%8]
		cols.CustomerNo = append(cols.CustomerNo, c)
		cols.OrderNo = append(cols.OrderNo, o)
		cols.AtUnix = append(cols.AtUnix, at.UnixNano()/int64(cols.AtUnit))
		cols.Amount = append(cols.Amount, fen)
		text = append(text, customer.Order{CustomerID: customer.ID(strconv.FormatInt(c, 10)), ID: strconv.FormatInt(o, 10), At: at, Amount: decimal.New(fen, -2)})
	}
	return cols, text
}

// FuzzCompute feeds random small order sets to Compute and the scorers:
// no panic, the values match the naive reference, every customer is
// scored exactly once with scores in 1..n, and segments and reports work.
func FuzzCompute(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0})
	f.Add([]byte{1, 1, 10, 1, 1, 1, 10, 1, 2, 2, 200, 3, 1, 3, 5, 2})
	f.Add([]byte{3, 0, 135, 4, 3, 0, 135, 4, 4, 5, 143, 6, 5, 6, 0, 0, 0, 7, 255, 8})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		opts := rfm.Options{
			FrequencyDays:   data[0]&1 == 1,
			MonetaryAverage: data[0]>>1&1 == 1,
			TrustOrderIDs:   data[0]>>2&1 == 1,
			WindowDays:      int(data[0] >> 3 & 3 * 10),
			Workers:         1 + int(data[0]>>5&1),
		}
		bins := 1 + int(data[1]%7)
		orders := fuzzOrders(data[2:])

		values, skipped, err := rfm.Compute(t.Context(), slices.Values(orders), asOf, opts)
		if err != nil {
			t.Fatalf("Compute: %v", err)
		}
		want, wantSkipped := reference(orders, asOf, opts)
		if diff := cmp.Diff(want, values, cmpopts.EquateEmpty()); diff != "" || skipped != wantSkipped {
			t.Fatalf("Compute(%+v) mismatch (skipped %+v, want %+v) (-want +got):\n%s", opts, skipped, wantSkipped, diff)
		}

		// The same kind of orders as integer columns give what their
		// text gives.
		cols, text := fuzzIntColumns(data[2:], data[0]>>6)
		got, gotSkipped, err := rfm.ComputeColumns(t.Context(), cols, asOf, opts)
		if err != nil {
			t.Fatalf("ComputeColumns: %v", err)
		}
		want, wantSkipped = reference(text, asOf, opts)
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" || gotSkipped != wantSkipped {
			t.Fatalf("ComputeColumns(%+v) on integers mismatch (skipped %+v, want %+v) (-want +got):\n%s", opts, gotSkipped, wantSkipped, diff)
		}

		seen := map[customer.ID]bool{}
		for _, v := range values {
			if seen[v.CustomerID] {
				t.Fatalf("customer %s has two values", v.CustomerID)
			}
			seen[v.CustomerID] = true
		}
		for _, sc := range []struct {
			s scorer
			n int
		}{{rfm.Quantile{Bins: bins}, bins}, {rfm.Quantile{Bins: bins, Unshifted: true}, bins}, {rfm.MeanSplit{}, 2}} {
			scores, err := sc.s.Score(values)
			if err != nil {
				t.Fatalf("%T.Score: %v", sc.s, err)
			}
			if len(scores) != len(values) {
				t.Fatalf("%T: %d scores for %d customers", sc.s, len(scores), len(values))
			}
			for i, s := range scores {
				if s.CustomerID != values[i].CustomerID {
					t.Fatalf("%T: scores %d are of customer %s, want %s", sc.s, i, s.CustomerID, values[i].CustomerID)
				}
				for _, x := range []int{s.R, s.F, s.M} {
					if x < 1 || x > sc.n {
						t.Fatalf("%T: score %+v outside 1..%d", sc.s, s, sc.n)
					}
				}
			}
			table := rfm.SegmentTable{Bins: sc.n, Rules: []rfm.SegmentRule{{Name: "top", R: rfm.Range{sc.n, sc.n}}}}
			if _, err := table.Assign(scores); err != nil {
				t.Fatalf("Assign: %v", err)
			}
			rep, err := rfm.NewReport(values, scores, table)
			if err != nil {
				t.Fatalf("NewReport: %v", err)
			}
			if rep.Customers != len(values) {
				t.Fatalf("report of %d customers, want %d", rep.Customers, len(values))
			}
		}
	})
}

// FuzzTable builds segment tables and thresholds from bytes: Validate and
// Thresholds.Score reject bad ones with ErrConfig and never panic,
// and for good ones Assign agrees with Match on every combination, and
// threshold scores stay within 1..len+1.
func FuzzTable(f *testing.F) {
	f.Add([]byte{5, 1, 5, 1, 5, 1, 5})
	f.Add([]byte{3, 2, 1, 0, 0, 3, 3, 1, 1, 1, 1, 1, 1})
	f.Add([]byte{0, 9, 9, 9, 9, 9, 9, 4, 4, 0, 0, 2, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		table := rfm.SegmentTable{Bins: int(data[0]%8) - 1, Fallback: "rest"}
		for i, rest := 0, data[1:]; len(rest) >= 6; i, rest = i+1, rest[6:] {
			rng := func(a, b byte) rfm.Range { return rfm.Range{Min: int(a % 8), Max: int(b % 8)} }
			name := ""
			if rest[0]&0x80 == 0 {
				name = "r" + strconv.Itoa(i)
			}
			table.Rules = append(table.Rules, rfm.SegmentRule{Name: name, R: rng(rest[0], rest[1]), F: rng(rest[2], rest[3]), M: rng(rest[4], rest[5])})
		}
		n := 5
		if table.Bins > 0 {
			n = table.Bins
		}
		all := allScores(n)
		idx, err := table.Assign(all)
		if verr := table.Validate(); (verr == nil) != (err == nil) {
			t.Fatalf("Validate = %v but Assign = %v", verr, err)
		}
		if err != nil {
			if !errors.Is(err, rfm.ErrConfig) {
				t.Fatalf("Assign error %v does not wrap ErrConfig", err)
			}
		} else {
			for i, s := range all {
				if idx[i] != table.Match(s) {
					t.Fatalf("%+v: Assign %d, Match %d", s, idx[i], table.Match(s))
				}
			}
		}

		th := rfm.Thresholds{}
		for i, b := range data {
			switch i % 3 {
			case 0:
				th.Recency = append(th.Recency, int(b))
			case 1:
				th.Frequency = append(th.Frequency, int(b))
			default:
				th.Monetary = append(th.Monetary, decimal.New(int64(b)-100, -1))
			}
		}
		values := []rfm.Values{{}, {Recency: 300, Frequency: 300, Monetary: dec("30")}, {Recency: 50, Frequency: 7, Monetary: dec("-3.25")}}
		scores, err := th.Score(values)
		if err != nil {
			if !errors.Is(err, rfm.ErrConfig) {
				t.Fatalf("Thresholds error %v does not wrap ErrConfig", err)
			}
			return
		}
		for _, s := range scores {
			if s.R < 1 || s.R > len(th.Recency)+1 || s.F < 1 || s.F > len(th.Frequency)+1 || s.M < 1 || s.M > len(th.Monetary)+1 {
				t.Fatalf("scores %+v outside the thresholds' range", s)
			}
		}
	})
}
