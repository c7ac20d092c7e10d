package tagging

import (
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
)

// FuzzDayNumber checks dayNumber against customer.CalendarDays, which
// counts calendar days by converting both times to civil dates.
func FuzzDayNumber(f *testing.F) {
	f.Add(int64(0), int64(0), int32(0), uint8(0))
	f.Add(int64(1782835199), int64(1782750600), int32(8*3600), uint8(0)) // 30 June 2026 CST, 28 June UTC
	f.Add(int64(-86401), int64(86399), int32(-5*3600), uint8(1))
	f.Add(int64(1711846800), int64(1711760400), int32(0), uint8(2)) // around a DST change in Europe
	f.Add(int64(-3999999999), int64(3999999999), int32(14*3600), uint8(3))
	zones := []*time.Location{time.UTC, mustLoad("America/New_York"), mustLoad("Europe/Berlin"), mustLoad("Asia/Shanghai")}
	f.Fuzz(func(t *testing.T, from, to int64, offset int32, zone uint8) {
		// ±126 years around 1970: beyond any order date, and within the
		// ±292 years over which CalendarDays (through time.Duration) is exact.
		const limit = 4e9
		if from > limit || from < -limit || to > limit || to < -limit {
			return
		}
		var loc *time.Location
		if zone%5 == 4 || zones[zone%5] == nil {
			loc = time.FixedZone("X", int(offset%(18*3600)))
		} else {
			loc = zones[zone%5]
		}
		a, b := time.Unix(from, 0).UTC(), time.Unix(to, 0).In(loc)
		want := customer.CalendarDays(a, b)
		got := int(dayNumber(b, loc) - dayNumber(a, loc))
		if got != want {
			t.Errorf("dayNumber difference %v to %v = %d, CalendarDays = %d", a, b, got, want)
		}
	})
}

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil // no tzdata: the fuzz target falls back to fixed zones
	}
	return loc
}
