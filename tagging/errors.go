package tagging

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/customer"
)

// Sentinel errors. Errors returned by this package wrap one of them, so
// callers test with [errors.Is]; a [*ProfileError] adds which profile and
// which field or tagger is at fault.
var (
	// ErrConfig reports an invalid setting, naming the field: a nil
	// tagger, a negative Workers, thresholds out of order (a spending
	// level whose High is below its Low), a share outside [0, 1], an empty
	// keyword, a group declared twice in Options.Groups, an invalid
	// [Conditional] or [Thresholds], a cross-tab of a pair [Stats] does not
	// track, and the like.
	ErrConfig = errors.New("tagging: invalid configuration")
	// ErrInvalidProfile reports a profile that cannot be tagged: neither
	// or both of Person and Company set, no customer ID, no as-of date,
	// or a summary that belongs to another customer or another date.
	ErrInvalidProfile = errors.New("tagging: invalid profile")
	// ErrInvalidTag reports a tag with an empty group or value, or a
	// manual tag without its source or as-of date.
	ErrInvalidTag = errors.New("tagging: invalid tag")
	// ErrUnknownGroup reports a manual tag whose group no tagger and no
	// Options.Groups entry declares.
	ErrUnknownGroup = errors.New("tagging: unknown tag group")
	// ErrTagger reports a tagger that broke its contract: it panicked,
	// returned fewer tags than it was given, or gave a tag with an empty
	// group or value. A tagger's own errors are passed on as they are,
	// not in ErrTagger.
	ErrTagger = errors.New("tagging: tagger failed")
	// ErrEmpty reports an input with nothing to compute on, such as
	// [AOVQuantile] over customers without purchases.
	ErrEmpty = errors.New("tagging: no data")
)

// ProfileError reports a problem with one profile. It wraps a sentinel
// such as [ErrInvalidProfile], [ErrUnknownGroup] or [ErrInvalidTag], or
// the error a tagger returned. It never contains personal data: it names
// the profile by its position and customer ID, and the field or tagger at
// fault.
type ProfileError struct {
	Index  int         // position of the profile in the input, from 0; -1 when unknown
	ID     customer.ID // the profile's customer ID, if known
	Field  string      // the field at fault, e.g. "manual[2].group"; "" when a tagger failed
	Tagger string      // the tagger that failed (its Name, or "tagger[i]"); "" for field problems
	Err    error       // the cause
}

// Error returns a message such as
// `tagging: profile 12 (ID "P0000012"): manual[0].group: unknown tag group`.
func (e *ProfileError) Error() string {
	var b strings.Builder
	b.WriteString("tagging: profile")
	if e.Index >= 0 {
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(e.Index))
	}
	if e.ID != "" {
		b.WriteString(" (ID ")
		b.WriteString(strconv.Quote(clip(string(e.ID))))
		b.WriteByte(')')
	}
	b.WriteString(": ")
	if e.Tagger != "" {
		b.WriteString("tagger ")
		b.WriteString(strconv.Quote(clip(e.Tagger)))
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	if e.Err == nil {
		b.WriteString("<nil>")
	} else {
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "tagging: "))
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *ProfileError) Unwrap() error { return e.Err }

// clip shortens s for an error message and replaces invalid UTF-8.
func clip(s string) string {
	const limit = 64
	if len(s) > limit {
		s = s[:limit] + "..."
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// configError returns an error wrapping ErrConfig about a config field,
// such as "tagging: invalid configuration: Spend.High: -1 is negative".
func configError(field, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrConfig, field, fmt.Sprintf(format, args...))
}
