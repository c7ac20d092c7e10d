package rfm

import (
	"math"
	"time"
)

// dayClock turns instants into calendar day numbers (days since
// 1970-01-01) in one location. It remembers the zone period (standard or
// daylight time) of the last instant it converted, so consecutive orders
// in the same period cost an addition and a division instead of a full
// calendar conversion. A dayClock is not safe for concurrent use.
type dayClock struct {
	loc        *time.Location
	start, end int64 // the cached zone period [start, end), Unix seconds
	offset     int64 // its offset east of UTC, seconds
}

func newDayClock(loc *time.Location) dayClock {
	// An empty period (start > end) forces a lookup on first use.
	return dayClock{loc: loc, start: 1, end: 0}
}

// day returns the number of the calendar date of t in the clock's
// location: the date of 1970-01-01 is 0, the day before it -1.
func (c *dayClock) day(t time.Time) int64 {
	u := t.Unix()
	if u < c.start || u >= c.end {
		lt := t.In(c.loc)
		_, off := lt.Zone()
		c.offset = int64(off)
		s, e := lt.ZoneBounds()
		c.start, c.end = math.MinInt64, math.MaxInt64
		if !s.IsZero() {
			c.start = s.Unix()
		}
		if !e.IsZero() {
			c.end = e.Unix()
		}
	}
	return floorDivInt64(u+c.offset, 86400)
}

func floorDivInt64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
