package customer

import (
	"fmt"
	"testing"
	"time"
)

// TestParseYYYYMMDD checks the calendar arithmetic of parseYYYYMMDD
// against package time: a date is real exactly when time.Date does not
// normalise it. All months 00-13 and days 00-32 of 1780-2120, and the
// end of February of every four-digit year.
func TestParseYYYYMMDD(t *testing.T) {
	check := func(y, m, d int) {
		s := fmt.Sprintf("%04d%02d%02d", y, m, d)
		ref := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		wantOK := m >= 1 && m <= 12 && d >= 1 && ref.Day() == d && int(ref.Month()) == m
		got, ok := parseYYYYMMDD(s)
		if ok != wantOK || ok && got != ref {
			t.Fatalf("parseYYYYMMDD(%s) = %v, %v; want %v, %v", s, got, ok, ref, wantOK)
		}
	}
	for y := 1780; y <= 2120; y++ {
		for m := range 14 {
			for d := range 33 {
				check(y, m, d)
			}
		}
	}
	for y := range 10000 {
		for d := 28; d <= 30; d++ {
			check(y, 2, d)
		}
	}
}
