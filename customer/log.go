package customer

import (
	"log/slog"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/privacy"
)

// String returns a one-line description of p with personal data masked
// (张*, 138****5678, z***@example.com, 1101**********002X) and the birth
// date reduced to its year, so that fmt's %v, %+v and %s never print raw
// personal data. Device IDs are counted, not shown.
func (p Person) String() string {
	var b strings.Builder
	b.WriteString("Person{ID:")
	b.WriteString(string(p.ID))
	kv(&b, "Name", privacy.MaskName(p.Name))
	kv(&b, "Gender", p.Gender.String())
	if !p.BirthDate.IsZero() {
		kv(&b, "BirthYear", strconv.Itoa(p.BirthDate.Year()))
	}
	kv(&b, "IDNumber", privacy.MaskIDNumber(p.IDNumber))
	kv(&b, "City", p.City)
	kv(&b, "Phone", privacy.MaskPhone(p.Phone))
	kv(&b, "Email", privacy.MaskEmail(p.Email))
	if n := len(p.DeviceIDs); n > 0 {
		kv(&b, "DeviceIDs", strconv.Itoa(n))
	}
	b.WriteString("}")
	return b.String()
}

// GoString implements fmt.GoStringer so that %#v is masked too.
func (p Person) GoString() string { return p.String() }

// LogValue implements [slog.LogValuer]: a group of the ID and the masked
// personal fields, as in [Person.String].
func (p Person) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 9)
	attrs = append(attrs, slog.String("id", string(p.ID)))
	attrs = appendNonEmpty(attrs, "name", privacy.MaskName(p.Name))
	attrs = appendNonEmpty(attrs, "gender", p.Gender.String())
	if !p.BirthDate.IsZero() {
		attrs = append(attrs, slog.Int("birth_year", p.BirthDate.Year()))
	}
	attrs = appendNonEmpty(attrs, "id_number", privacy.MaskIDNumber(p.IDNumber))
	attrs = appendNonEmpty(attrs, "city", p.City)
	attrs = appendNonEmpty(attrs, "phone", privacy.MaskPhone(p.Phone))
	attrs = appendNonEmpty(attrs, "email", privacy.MaskEmail(p.Email))
	if n := len(p.DeviceIDs); n > 0 {
		attrs = append(attrs, slog.Int("device_ids", n))
	}
	return slog.GroupValue(attrs...)
}

// String returns a one-line description of c with its contacts' personal
// data masked. The company name and credit code are business registration
// data and are shown, but for an individual business (see
// [Company.LogName]), whose name is masked as a person's.
func (c Company) String() string {
	var b strings.Builder
	b.WriteString("Company{ID:")
	b.WriteString(string(c.ID))
	kv(&b, "Name", c.LogName())
	kv(&b, "CreditCode", c.CreditCode)
	kv(&b, "Industry", c.Industry)
	kv(&b, "City", c.City)
	if len(c.Contacts) > 0 {
		b.WriteString(" Contacts:[")
		for i, ct := range c.Contacts {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(ct.String())
		}
		b.WriteString("]")
	}
	b.WriteString("}")
	return b.String()
}

// GoString implements fmt.GoStringer so that %#v is masked too.
func (c Company) GoString() string { return c.String() }

// LogValue implements [slog.LogValuer] with contacts masked and the
// name as [Company.LogName] gives it.
func (c Company) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("id", string(c.ID))}
	attrs = appendNonEmpty(attrs, "name", c.LogName())
	attrs = appendNonEmpty(attrs, "credit_code", c.CreditCode)
	attrs = appendNonEmpty(attrs, "industry", c.Industry)
	attrs = appendNonEmpty(attrs, "city", c.City)
	for i, ct := range c.Contacts {
		attrs = append(attrs, slog.Any("contact"+strconv.Itoa(i), ct))
	}
	return slog.GroupValue(attrs...)
}

// LogName returns the name that String and LogValue show: c.Name, or,
// when c's credit code marks an individual business (个体工商户: its
// first two characters are 9, registered with 工商, and 2, the
// organization type, per GB 32100-2015), c.Name masked as a personal
// name by [privacy.MaskName] (李建国 → 李**, 李建国小吃店 → 李*****). An
// individual business may register without a trade name, and its
// records then carry the operator's own name; a trade name often holds
// it too. The credit code is read after [NormalizeCreditCode] and need
// not be valid: a mistyped code that starts with 92 still masks.
func (c Company) LogName() string {
	if code := NormalizeCreditCode(c.CreditCode); strings.HasPrefix(code, "92") {
		return privacy.MaskName(c.Name)
	}
	return c.Name
}

// String returns the contact with name, phone and e-mail masked.
func (ct Contact) String() string {
	var b strings.Builder
	b.WriteString("Contact{")
	b.WriteString("Name:")
	b.WriteString(privacy.MaskName(ct.Name))
	kv(&b, "Title", ct.Title)
	kv(&b, "Phone", privacy.MaskPhone(ct.Phone))
	kv(&b, "Email", privacy.MaskEmail(ct.Email))
	b.WriteString("}")
	return b.String()
}

// GoString implements fmt.GoStringer so that %#v is masked too.
func (ct Contact) GoString() string { return ct.String() }

// LogValue implements [slog.LogValuer] with personal data masked.
func (ct Contact) LogValue() slog.Value {
	var attrs []slog.Attr
	attrs = appendNonEmpty(attrs, "name", privacy.MaskName(ct.Name))
	attrs = appendNonEmpty(attrs, "title", ct.Title)
	attrs = appendNonEmpty(attrs, "phone", privacy.MaskPhone(ct.Phone))
	attrs = appendNonEmpty(attrs, "email", privacy.MaskEmail(ct.Email))
	return slog.GroupValue(attrs...)
}

func kv(b *strings.Builder, k, v string) {
	if v == "" {
		return
	}
	b.WriteString(" ")
	b.WriteString(k)
	b.WriteString(":")
	b.WriteString(v)
}

func appendNonEmpty(attrs []slog.Attr, k, v string) []slog.Attr {
	if v == "" {
		return attrs
	}
	return append(attrs, slog.String(k, v))
}
