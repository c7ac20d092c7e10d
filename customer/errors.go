package customer

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors. Errors about data wrap one of the ErrInvalid* kinds
// below together with the reason, so callers can test either with
// [errors.Is]:
//
//	errors.Is(err, customer.ErrInvalidIDNumber) // which field kind
//	errors.Is(err, customer.ErrCheckCharacter)  // why
//
// Errors about options wrap [ErrConfig] instead.
var (
	// ErrEmpty reports a required value that is empty.
	ErrEmpty = errors.New("customer: empty value")
	// ErrInvalidPhone reports a value that is not a mainland mobile number.
	ErrInvalidPhone = errors.New("customer: invalid mobile number")
	// ErrInvalidEmail reports a value that is not a usable e-mail address.
	ErrInvalidEmail = errors.New("customer: invalid e-mail address")
	// ErrInvalidIDNumber reports a value that is not a valid 18-character
	// resident ID number (GB 11643).
	ErrInvalidIDNumber = errors.New("customer: invalid resident ID number")
	// ErrInvalidCreditCode reports a value that is not a valid unified
	// social credit code (GB 32100).
	ErrInvalidCreditCode = errors.New("customer: invalid unified social credit code")
	// ErrInvalidDate reports a date that is impossible or inconsistent.
	ErrInvalidDate = errors.New("customer: invalid date")
	// ErrInvalidAmount reports a money amount that cannot be used.
	ErrInvalidAmount = errors.New("customer: invalid amount")
	// ErrInvalidValue reports any other field value that cannot be used.
	ErrInvalidValue = errors.New("customer: invalid value")

	// ErrLength: the value has the wrong length.
	ErrLength = errors.New("wrong length")
	// ErrCharacter: the value contains a character not allowed there.
	ErrCharacter = errors.New("character not allowed")
	// ErrCheckCharacter: the check character does not match the rest.
	ErrCheckCharacter = errors.New("check character mismatch")
	// ErrOrganizationCode: the organisation code inside a credit code fails
	// its own GB 11714 check.
	ErrOrganizationCode = errors.New("organization code check character mismatch")
	// ErrRegion: an unknown province or division code.
	ErrRegion = errors.New("unknown region code")
	// ErrBirthDate: a birth date that is not a calendar date, or is out of range.
	ErrBirthDate = errors.New("impossible birth date")
	// ErrFuture: a date after the as-of date.
	ErrFuture = errors.New("date after the as-of date")
	// ErrInvalidUTF8: the value is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrMismatch: two fields of one record contradict each other.
	ErrMismatch = errors.New("fields disagree")
	// ErrNegative: a value that must not be negative is.
	ErrNegative = errors.New("negative value")

	// ErrDuplicateID reports an ID that occurs more than once where IDs
	// must be unique.
	ErrDuplicateID = errors.New("customer: duplicate ID")
	// ErrUnknownCustomer reports an order whose customer is not known.
	ErrUnknownCustomer = errors.New("customer: unknown customer")

	// ErrMissingColumn reports a CSV header or SQL result without a
	// required column.
	ErrMissingColumn = errors.New("customer: required column missing")
	// ErrDuplicateColumn reports two CSV header or SQL result columns
	// that map to one field.
	ErrDuplicateColumn = errors.New("customer: column appears twice")
	// ErrFieldCount reports a CSV row with more or fewer fields than the
	// header, or a row given to [SQLTable.Upsert] with more or fewer
	// values than the table has columns.
	ErrFieldCount = errors.New("customer: wrong number of fields")

	// ErrConfig reports options that cannot be used: a negative
	// DedupOptions.Workers, matcher weights that are not finite, an
	// unknown merge rule, a CSV delimiter that cannot be one, and so on.
	// Every such error wraps it and names the field, so errors.Is tells
	// a host's mistake from bad data, which wraps the kinds above.
	ErrConfig = errors.New("customer: invalid configuration")
)

// FieldError reports a problem with one field of a record, or with a
// whole row of CSV or SQL input. Value holds a masked form of the
// offending value (never the raw phone number, e-mail address or ID
// number) and may be empty.
//
// [Validator] and [Dedup] set ID; the CSV readers ([ReadPeople], …) set
// Line, and Column when one cell is at fault; the SQL reader [ScanRows]
// and [SQLTable.Upsert] set Row, and Column when one column is at fault.
// The readers leave ID and Value empty.
type FieldError struct {
	ID     ID     // the record's ID, if known
	Field  string // field name as in CSV headers, e.g. "phone", "id_number"; "" for a whole row
	Value  string // masked value, safe to log
	Line   int    // CSV line where the record starts, 1-based; 0 outside CSV
	Row    int    // SQL result or input row, 1-based; 0 outside SQL
	Column int    // CSV or SQL column, 1-based; 0 when the whole row is at fault
	Err    error  // wraps a kind (ErrInvalidPhone, ...) and a reason (ErrLength, ...)
}

// Error returns "customer: record "ID": field "value": reason" for
// records, "customer: csv line L, column C (field): reason" for CSV rows
// and "customer: sql row R, column C (field): reason" for SQL rows,
// leaving out what is unknown.
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString("customer: ")
	if e.Line > 0 || e.Row > 0 || e.Column > 0 {
		switch {
		case e.Line > 0:
			b.WriteString("csv line ")
			b.WriteString(strconv.Itoa(e.Line))
		case e.Row > 0:
			b.WriteString("sql row ")
			b.WriteString(strconv.Itoa(e.Row))
		}
		if e.Column > 0 {
			if e.Line > 0 || e.Row > 0 {
				b.WriteString(", ")
			}
			b.WriteString("column ")
			b.WriteString(strconv.Itoa(e.Column))
		}
		if e.Field != "" {
			b.WriteString(" (" + e.Field + ")")
		}
		b.WriteString(": ")
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "customer: "))
		return b.String()
	}
	if e.ID != "" {
		b.WriteString("record ")
		b.WriteString(strconv.Quote(clip(string(e.ID))))
		b.WriteString(": ")
	}
	b.WriteString(e.Field)
	if e.Value != "" {
		b.WriteString(" ")
		b.WriteString(strconv.Quote(clip(e.Value)))
	}
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "customer: "))
	return b.String()
}

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

// reasonError pairs a field kind (ErrInvalidPhone, ...) with the reason
// (ErrLength, ...) and an optional detail, so errors.Is finds both.
type reasonError struct {
	kind, reason error
	detail       string
}

func (e *reasonError) Error() string {
	s := e.kind.Error() + ": " + strings.TrimPrefix(e.reason.Error(), "customer: ")
	if e.detail != "" {
		s += " (" + e.detail + ")"
	}
	return s
}

func (e *reasonError) Unwrap() []error { return []error{e.kind, e.reason} }

func invalid(kind, reason error, detail string) error {
	return &reasonError{kind: kind, reason: reason, detail: detail}
}

// clip shortens s for an error message and replaces invalid UTF-8.
func clip(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
