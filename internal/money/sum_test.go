package money_test

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

func TestUnits(t *testing.T) {
	tests := []struct {
		in    string
		units int64
		ok    bool
	}{
		{"0", 0, true},
		{"1", 10000, true},
		{"-12.34", -123400, true},
		{"0.0001", 1, true},
		{"0.00001", 0, false},
		{"1.500000", 15000, true},
		{"99999999999999.9999", 999999999999999999, true},
		{"922337203685477.5807", 0, false}, // 19 digits: left to the decimal fallback
		{"1e20", 0, false},
		{"0e30", 0, true},
		{"123456789012345678901234", 0, false},
		// At most 18 digits fit in an int64 coefficient, at any exponent.
		{"-99999999999999.9999", -999999999999999999, true},
		{"1.00000000000000000", 10000, true},    // 10^17 at exponent -17
		{"1.000000000000000000", 0, false},      // 10^18: 19 digits
		{"0.999999999999999999", 0, false},      // 18 digits, but 18 places
		{"99999999999999999.9", 0, false},       // 18 digits, too large in units
		{"1e-30", 0, false},                     // beyond the table of bounds
		{"100000000000000000000e-30", 0, false}, // 21 digits beyond the table
	}
	for _, tt := range tests {
		d := decimal.RequireFromString(tt.in)
		u, ok := money.Units(d)
		if u != tt.units || ok != tt.ok {
			t.Errorf("Units(%s) = %d, %v; want %d, %v", tt.in, u, ok, tt.units, tt.ok)
		}
	}
	if u, ok := money.Units(decimal.Decimal{}); u != 0 || !ok {
		t.Errorf("Units(zero Decimal) = %d, %v; want 0, true", u, ok)
	}
}

func TestUnitsDoesNotAllocate(t *testing.T) {
	ds := []decimal.Decimal{{}, decimal.New(3980, -2), decimal.New(-5, 0), decimal.New(15, -7), decimal.RequireFromString("123456789012345678901234")}
	for _, d := range ds {
		if n := testing.AllocsPerRun(100, func() { money.Units(d) }); n != 0 {
			t.Errorf("Units(%s) allocates %v times", d, n)
		}
	}
}

func TestSumMatchesDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	values := []string{"0.01", "-5.5", "0.00007", "922337203685477", "1e-9", "99999999999999.9999", "-0.0001"}
	for trial := range 50 {
		var s money.Sum
		want := decimal.Zero
		for range 200 {
			var d decimal.Decimal
			if r.IntN(3) == 0 {
				d = decimal.RequireFromString(values[r.IntN(len(values))])
			} else {
				d = decimal.New(r.Int64N(2_000_000)-1_000_000, -int32(r.IntN(4)))
			}
			s.Add(d)
			want = want.Add(d)
		}
		if got := s.Decimal(); !got.Equal(want) {
			t.Fatalf("trial %d: Sum = %s, want %s", trial, got, want)
		}
		if s.Sign() != want.Sign() || s.IsZero() != want.IsZero() {
			t.Fatalf("trial %d: Sign/IsZero disagree with %s", trial, want)
		}
	}
}

func TestSumMerge(t *testing.T) {
	var a, b money.Sum
	a.Add(decimal.RequireFromString("900000000000000"))
	b.Add(decimal.RequireFromString("900000000000000"))
	b.Add(decimal.RequireFromString("0.000001"))
	a.Merge(b)
	want := decimal.RequireFromString("1800000000000000.000001")
	if got := a.Decimal(); !got.Equal(want) {
		t.Fatalf("Merge = %s, want %s", got, want)
	}
	if _, ok := a.Units(); ok {
		t.Fatal("Units of an overflowing sum reported ok")
	}
}

func BenchmarkSumAdd(b *testing.B) {
	d := decimal.RequireFromString("129.90")
	var s money.Sum
	b.ReportAllocs()
	for b.Loop() {
		s.Add(d)
	}
}

// TestDivRound checks rounding half away from zero on hand-computed
// quotients, and divisors near the int64 limit, where computing 2r
// overflows.
func TestDivRound(t *testing.T) {
	const max = 1<<63 - 1
	for _, tc := range []struct{ x, n, want int64 }{
		{5, 2, 3}, {-5, 2, -3}, {4, 3, 1}, {-4, 3, -1}, {5, 3, 2}, {-5, 3, -2},
		{7, 1, 7}, {0, 9, 0}, {149, 100, 1}, {150, 100, 2}, {-150, 100, -2},
		{max, 2, 1 << 62}, // 2^62 - 0.5 rounds up
		{max - 1, max, 1}, // 2r = 2·max - 2 overflows; r ≥ n - r holds
		{-(max - 1), max, -1},
		{max / 2, max, 0}, // just below a half
	} {
		if got := money.DivRound(tc.x, tc.n); got != tc.want {
			t.Errorf("DivRound(%d, %d) = %d, want %d", tc.x, tc.n, got, tc.want)
		}
	}
}

func TestAddInt64(t *testing.T) {
	const max, min = 1<<63 - 1, -1 << 63
	for _, tc := range []struct {
		a, b, want int64
		ok         bool
	}{
		{1, 2, 3, true}, {max, 0, max, true}, {max, 1, 0, false}, {min, -1, 0, false},
		{min, 0, min, true}, {max, min, -1, true}, {-5, 3, -2, true},
	} {
		if got, ok := money.AddInt64(tc.a, tc.b); got != tc.want || ok != tc.ok {
			t.Errorf("AddInt64(%d, %d) = %d, %v; want %d, %v", tc.a, tc.b, got, ok, tc.want, tc.ok)
		}
	}
}
