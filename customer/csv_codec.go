package customer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// This file holds the field codecs the CSV schemas share.

// timeLayouts are the layouts parseTime tries, in order: RFC 3339, dates,
// times without a zone, and the forms SQL databases print times with a
// zone in (PostgreSQL's "2006-01-02 15:04:05+08", Go's Time.String that
// some SQLite drivers store). Year first only: 1/2/2026 is the 2nd of
// January in one country and the 1st of February in another. Month, day
// and hour may have one digit (a "1" or "2" in a layout takes one or
// two): Excel on Chinese Windows saves times as 2026/1/2 13:45, and
// formats dates as 2026年1月2日.
var timeLayouts = []string{
	time.RFC3339Nano, "2006-1-2", "2006-1-2 15:04:05", "2006-1-2T15:04:05", "2006-1-2 15:04", "2006-1-2T15:04",
	"2006/1/2", "2006/1/2 15:04:05", "2006/1/2 15:04", "20060102",
	"2006年1月2日", "2006年1月2日 15:04:05", "2006年1月2日 15:04",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05Z07", "2006-01-02 15:04:05 -0700 MST",
}

func parseTime(s string, f *csvFormat) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	// The layouts that accept a string all give the same time (only
	// "…Z" fits two), so the order they are tried in does not matter.
	outOfRange := ""
	for k := range timeLayouts {
		i := (f.timeHint + k) % len(timeLayouts) // the last one that fit first
		t, err := time.ParseInLocation(timeLayouts[i], s, f.loc)
		if err == nil {
			f.timeHint = i
			return t, nil
		}
		// The form fits but the value does not (2026-02-30, 25:00): say
		// which part, from the error's message, which unlike the error
		// does not quote the input.
		var pe *time.ParseError
		if errors.As(err, &pe) && strings.HasSuffix(pe.Message, "out of range") {
			outOfRange = strings.TrimPrefix(pe.Message, ": ")
		}
	}
	if outOfRange != "" {
		return time.Time{}, fmt.Errorf("%w: no such date or time (%s)", ErrInvalidDate, outOfRange)
	}
	return time.Time{}, fmt.Errorf("%w: not a date or time (want YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, each with an optional H:MM[:SS], or RFC 3339)", ErrInvalidDate)
}

func formatTime(t time.Time, _ *csvFormat) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// formatDate writes a date-only value as YYYY-MM-DD when it is midnight in
// the reader's location, so it reads back identically, else in full.
func formatDate(t time.Time, f *csvFormat) string {
	if t.IsZero() {
		return ""
	}
	if t.Location() == f.loc && t.Equal(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, f.loc)) {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339Nano)
}

func parseDecimal(s string, kind error) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return decimal.Decimal{}, nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return decimal.Decimal{}, fmt.Errorf("%w: not a decimal number%s", kind, numberHint(s))
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.Exponent() < -32 || d.Exponent() > 32 {
		return decimal.Decimal{}, fmt.Errorf("%w: not a decimal number", kind)
	}
	return d, nil
}

// numberHint says why s, which is not a plain decimal, was refused, when
// it is a number as spreadsheets format them.
func numberHint(s string) string {
	switch {
	case strings.ContainsAny(s, "¥￥$元"):
		return " (a currency sign or unit: write 1299.50, not ¥1,299.50)"
	case strings.Contains(s, ","):
		return " (a thousands separator or decimal comma: write 1299.50, not 1,299.50)"
	}
	return ""
}

func formatDecimal(d decimal.Decimal) string {
	if d.IsZero() && d.Exponent() == 0 {
		return ""
	}
	return d.String()
}

func parseInt(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%w: not an integer", ErrInvalidValue)
	}
	return n, nil
}

func formatInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "f", "no", "n", "否":
		return false, nil
	case "1", "true", "t", "yes", "y", "是":
		return true, nil
	}
	return false, fmt.Errorf("%w: not a boolean (true/false, 1/0, 是/否)", ErrInvalidValue)
}

func splitList(s string, f *csvFormat) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, f.sep)
}

// joinList joins a list field; it fails rather than write a list that
// would not read back as written.
func joinList(v []string, f *csvFormat) (string, error) {
	for _, s := range v {
		if s == "" || strings.Contains(s, f.sep) {
			return "", fmt.Errorf("%w: list element empty or containing the separator %q", ErrInvalidValue, f.sep)
		}
	}
	return strings.Join(v, f.sep), nil
}
