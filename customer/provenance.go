package customer

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/clientele-go/clientele/privacy"
)

// Provenance records how a merged record came about, so that nothing of
// its inputs is lost: its own field values, plus Replaced and Repeated,
// are exactly the non-empty field values of all the input records it
// merges, each with its source (list elements count one by one).
type Provenance struct {
	// ID is the merged record's ID, which is its survivor's.
	ID ID
	// Absorbed lists the IDs of the other input records merged into it,
	// in ascending order.
	Absorbed []ID
	// Replaced lists the non-empty input values that lost to a different
	// value, field by field in the record's field order.
	Replaced []FieldValue
	// Repeated lists the non-empty input values that equal the value
	// kept (the same phone typed twice, an interest two records share),
	// other than the kept one itself.
	Repeated []FieldValue
}

// FieldValue is one field value of an input record.
//
// Value has the field's Go type: string for text fields and list
// elements ("interests", "device_ids", "products", "attributes.<key>"),
// [Gender], [time.Time], int, [decimal.Decimal], or [Contact] for
// "contacts". It holds the data as it was input, personal data included;
// String and LogValue mask it.
type FieldValue struct {
	Field  string // CSV column name, or "attributes.<key>"
	Value  any    // the value as input, of the field's type
	Source ID     // the input record the value comes from
}

// String returns "field value (from ID)" with personal data masked as
// [Person.String] masks it: names, phones, e-mail addresses, ID numbers,
// device IDs and attribute values are masked and birth dates shown by
// year only.
func (v FieldValue) String() string {
	return v.Field + " " + v.masked() + " (from " + string(v.Source) + ")"
}

// GoString implements fmt.GoStringer so that %#v is masked too.
func (v FieldValue) GoString() string { return v.String() }

// LogValue implements [slog.LogValuer] with the value masked.
func (v FieldValue) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("field", v.Field),
		slog.String("value", v.masked()),
		slog.String("source", string(v.Source)),
	)
}

func (v FieldValue) masked() string {
	switch x := v.Value.(type) {
	case string:
		switch {
		case v.Field == "name":
			return privacy.MaskName(x)
		case v.Field == "phone":
			return privacy.MaskPhone(x)
		case v.Field == "email":
			return privacy.MaskEmail(x)
		case v.Field == "id_number":
			return privacy.MaskIDNumber(x)
		case v.Field == "device_ids":
			return privacy.MaskMiddle(x, 4, 2)
		case strings.HasPrefix(v.Field, "attributes."):
			return privacy.MaskMiddle(x, 1, 1)
		}
		return x
	case time.Time:
		if v.Field == "birth_date" {
			return strconv.Itoa(x.Year())
		}
		if v.Field == "founded" {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.RFC3339)
	case Contact:
		return x.String()
	case fmt.Stringer:
		return x.String()
	case int:
		return strconv.Itoa(x)
	}
	return "?"
}
