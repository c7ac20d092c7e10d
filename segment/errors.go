package segment

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Errors returned by this package wrap one of them, so
// callers test with errors.Is; a *RuleError or *ConditionError adds where
// the problem is.
var (
	// ErrConfig reports an unusable setting, naming it: a negative
	// Workers, a negative share, age bands out of order, a nil segmenter
	// or model, a segment without an ID, a rule table without rules, a
	// condition that cannot be parsed or makes no sense (an unknown field,
	// an operator the field does not take, a value that is not a number,
	// an unknown tier or region), and the like.
	ErrConfig = errors.New("segment: invalid configuration")
	// ErrMismatch reports two inputs that should describe the same
	// members but do not, such as a Period whose Result was computed on
	// a different number of members.
	ErrMismatch = errors.New("segment: inputs do not match")
	// ErrDuplicateID reports a customer ID that occurs twice where IDs
	// must be unique (the members of one period of a review, the
	// customers, summaries, scores or tag results joined by [Members]),
	// or an empty one where it is needed to join.
	ErrDuplicateID = errors.New("segment: duplicate customer ID")
)

// ConditionError reports a condition that cannot be parsed. It wraps
// ErrConfig. It never contains member data: only the condition text,
// which is host configuration.
type ConditionError struct {
	Text   string // the condition as written
	Reason string // what is wrong, e.g. "unknown field"
}

// Error returns a message such as `segment: condition "agee >= 3":
// unknown field "agee"`.
func (e *ConditionError) Error() string {
	return fmt.Sprintf("segment: condition %q: %s", e.Text, e.Reason)
}

// Unwrap returns ErrConfig.
func (e *ConditionError) Unwrap() error { return ErrConfig }

// RuleError reports a bad rule of a Table, by its position and segment ID.
type RuleError struct {
	Rule      int    // index in Table.Rules; -1 for the catch-all
	Segment   string // the rule's segment ID
	Condition int    // index in Rule.When; -1 when no single condition is at fault
	Err       error  // the cause: a *ConditionError or another error wrapping ErrConfig
}

// Error returns a message such as `segment: rule 2 ("family"), condition
// 1: condition "age > x": ...`: the cause's message without its own
// "segment: ".
func (e *RuleError) Error() string {
	where := fmt.Sprintf("segment: rule %d (%q)", e.Rule, e.Segment)
	if e.Rule < 0 {
		where = fmt.Sprintf("segment: catch-all (%q)", e.Segment)
	}
	if e.Condition >= 0 {
		where += fmt.Sprintf(", condition %d", e.Condition)
	}
	// The cause is this package's too: its "segment: " would stutter.
	return where + ": " + strings.TrimPrefix(e.Err.Error(), "segment: ")
}

// Unwrap returns the cause.
func (e *RuleError) Unwrap() error { return e.Err }
