package customer

import (
	"cmp"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clientele-go/clientele/privacy"
	"github.com/shopspring/decimal"
)

// MergeRule says which input value a merged record keeps for one field
// (see DedupOptions.Fields). The zero value means the field's default
// rule. Whatever the rule, a value that is usable beats one that is not:
// a valid mobile number beats a masked one, which beats any other text; a
// valid e-mail address, ID number or credit code beats an invalid one;
// text beats white space; a positive count or amount beats a negative
// one. Ties go to the order of the cluster's records under the survivor
// rule.
type MergeRule uint8

// Merge rules.
const (
	// MergeNewest keeps the value of the most recently updated record
	// (UpdatedAt, or CreatedAt when UpdatedAt is zero; records with
	// neither come last).
	MergeNewest MergeRule = iota + 1
	// MergeOldest keeps the value of the earliest created record
	// (CreatedAt, or UpdatedAt when CreatedAt is zero; records with
	// neither come last).
	MergeOldest
	// MergeSurvivor keeps the survivor's value, or the next record's in
	// survivor order when the survivor's is empty.
	MergeSurvivor
	// MergeUnion keeps every distinct element of a list field, the
	// survivor's first. It applies to list fields only.
	MergeUnion
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

// fieldDef describes how one field of T merges.
type fieldDef[T any] struct {
	name  string
	list  bool
	def   MergeRule
	merge func(m *merger[T], rule MergeRule)
}

// recordInfo gives the generic code access to a record's identity and
// time stamps.
type recordInfo[T any] struct {
	id      func(*T) ID
	created func(*T) time.Time
	updated func(*T) time.Time
	fields  []fieldDef[T]
}

// merger merges one cluster.
type merger[T any] struct {
	ms     []*T // in survivor order
	ids    []ID
	rank   []int // 0..len(ms)-1
	newest []int
	oldest []int
	out    *T
	prov   *Provenance // nil: no provenance wanted
}

func (m *merger[T]) order(rule MergeRule) []int {
	switch rule {
	case MergeNewest:
		return m.newest
	case MergeOldest:
		return m.oldest
	}
	return m.rank
}

func (m *merger[T]) record(repeated bool, field string, value any, i int) {
	fv := FieldValue{Field: field, Value: value, Source: m.ids[i]}
	if repeated {
		m.prov.Repeated = append(m.prov.Repeated, fv)
	} else {
		m.prov.Replaced = append(m.prov.Replaced, fv)
	}
}

// mergeRecords merges ms, which must be in survivor order, field by
// field. rules overrides the default rules by field name. With prov, it
// also returns the provenance.
func mergeRecords[T any](info *recordInfo[T], ms []*T, rules map[string]MergeRule, prov bool) (T, *Provenance) {
	out := *ms[0]
	k := len(ms)
	orders := make([]int, 3*k)
	m := merger[T]{ms: ms, out: &out, ids: make([]ID, k), rank: orders[:k:k], newest: orders[k : 2*k : 2*k], oldest: orders[2*k:]}
	for i, r := range ms {
		m.ids[i] = info.id(r)
		m.rank[i], m.newest[i], m.oldest[i] = i, i, i
	}
	slices.SortStableFunc(m.newest, func(a, b int) int {
		return laterFirst(recency(info.updated(ms[a]), info.created(ms[a])), recency(info.updated(ms[b]), info.created(ms[b])))
	})
	slices.SortStableFunc(m.oldest, func(a, b int) int {
		return earlierFirst(recency(info.created(ms[a]), info.updated(ms[a])), recency(info.created(ms[b]), info.updated(ms[b])))
	})
	if prov {
		absorbed := slices.Clone(m.ids[1:])
		slices.Sort(absorbed)
		m.prov = &Provenance{
			ID:       m.ids[0],
			Absorbed: absorbed,
			Replaced: make([]FieldValue, 0, 8*(k-1)),
			Repeated: make([]FieldValue, 0, 4*(k-1)),
		}
	}
	for i := range info.fields {
		f := &info.fields[i]
		rule := rules[f.name]
		if rule == 0 {
			rule = f.def
		}
		f.merge(&m, rule)
	}
	return out, m.prov
}

func recency(t, fallback time.Time) time.Time {
	if t.IsZero() {
		return fallback
	}
	return t
}

// laterFirst orders later times first and zero times last.
func laterFirst(a, b time.Time) int {
	switch {
	case a.IsZero() || b.IsZero():
		return cmp.Compare(boolInt(a.IsZero()), boolInt(b.IsZero()))
	}
	return b.Compare(a)
}

// earlierFirst orders earlier times first and zero times last.
func earlierFirst(a, b time.Time) int {
	switch {
	case a.IsZero() || b.IsZero():
		return cmp.Compare(boolInt(a.IsZero()), boolInt(b.IsZero()))
	}
	return a.Compare(b)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scalar describes a single-valued field. quality is 0 for an empty
// value (never recorded), and higher for better values.
func scalarField[T, V any](name string, def MergeRule, get func(*T) *V, quality func(*V) int, equal func(a, b *V) bool) fieldDef[T] {
	return fieldDef[T]{name: name, def: def, merge: func(m *merger[T], rule MergeRule) {
		order := m.order(rule)
		win, best := -1, 0
		for _, i := range order {
			if q := quality(get(m.ms[i])); q > best {
				win, best = i, q
			}
		}
		if win < 0 {
			return
		}
		w := get(m.ms[win])
		*get(m.out) = *w
		if m.prov == nil {
			return
		}
		for _, i := range order {
			if v := get(m.ms[i]); i != win && quality(v) > 0 {
				m.record(equal(v, w), name, *v, i)
			}
		}
	}}
}

// list describes a list field; empty elements are dropped by MergeUnion.
func listField[T any, E comparable](name string, get func(*T) *[]E, empty func(E) bool) fieldDef[T] {
	return fieldDef[T]{name: name, list: true, def: MergeUnion, merge: func(m *merger[T], rule MergeRule) {
		var out []E
		if rule == MergeUnion {
			var seen map[E]bool
			for _, i := range m.rank {
				for _, e := range *get(m.ms[i]) {
					if empty(e) {
						continue
					}
					dup := false
					if seen != nil {
						dup = seen[e]
					} else {
						dup = slices.Contains(out, e)
					}
					switch {
					case dup:
						if m.prov != nil {
							m.record(true, name, e, i)
						}
						continue
					case seen == nil && len(out) >= 16:
						seen = make(map[E]bool, 2*len(out))
						for _, x := range out {
							seen[x] = true
						}
					}
					if seen != nil {
						seen[e] = true
					}
					out = append(out, e)
				}
			}
			*get(m.out) = out
			return
		}
		order := m.order(rule)
		win := -1
		for _, i := range order {
			if slices.ContainsFunc(*get(m.ms[i]), func(e E) bool { return !empty(e) }) {
				win = i
				break
			}
		}
		if win < 0 {
			*get(m.out) = nil
			return
		}
		w := *get(m.ms[win])
		*get(m.out) = slices.Clone(w)
		if m.prov == nil {
			return
		}
		for _, i := range order {
			if i == win {
				continue
			}
			for _, e := range *get(m.ms[i]) {
				if !empty(e) {
					m.record(slices.Contains(w, e), name, e, i)
				}
			}
		}
	}}
}

// attributes describes the host attribute map; each key merges as a
// text field named "attributes.<key>".
func attributesField[T any](get func(*T) *map[string]string) fieldDef[T] {
	return fieldDef[T]{name: "attributes", def: MergeNewest, merge: func(m *merger[T], rule MergeRule) {
		n := 0
		for _, r := range m.ms {
			n += len(*get(r))
		}
		if n == 0 {
			if *get(m.out) != nil {
				*get(m.out) = map[string]string{} // never share the input's map
			}
			return
		}
		keys := make(map[string]bool, n)
		for _, r := range m.ms {
			for k := range *get(r) {
				keys[k] = true
			}
		}
		out := make(map[string]string, len(keys))
		order := m.order(rule)
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			win, best := -1, 0
			for _, i := range order {
				if v, ok := (*get(m.ms[i]))[k]; ok {
					if q := textQuality(&v); q > best {
						win, best = i, q
					}
				}
			}
			if win < 0 {
				continue
			}
			w := (*get(m.ms[win]))[k]
			out[k] = w
			if m.prov == nil {
				continue
			}
			for _, i := range order {
				if v, ok := (*get(m.ms[i]))[k]; ok && i != win && v != "" {
					m.record(v == w, "attributes."+k, v, i)
				}
			}
		}
		*get(m.out) = out
	}}
}

func sameValue[V comparable](a, b *V) bool { return *a == *b }

func timeEqual(a, b *time.Time) bool { return a.Equal(*b) }

func decimalEqual(a, b *decimal.Decimal) bool { return a.Equal(*b) }

// textQuality: 0 empty, 1 white space only, 2 text.
func textQuality(s *string) int {
	switch {
	case *s == "":
		return 0
	case isBlank(*s):
		return 1
	}
	return 2
}

func timeQuality(t *time.Time) int {
	if t.IsZero() {
		return 0
	}
	return 1
}

func genderQuality(g *Gender) int {
	if *g == GenderUnknown {
		return 0
	}
	return 1
}

// countQuality: 0 zero, 1 negative, 2 positive.
func countQuality(n *int) int {
	switch {
	case *n == 0:
		return 0
	case *n < 0:
		return 1
	}
	return 2
}

func amountQuality(d *decimal.Decimal) int {
	switch d.Sign() {
	case 0:
		return 0
	case -1:
		return 1
	}
	return 2
}

// phoneQuality: 0 empty, 1 unusable, 2 masked, 3 valid.
func phoneQuality(s *string) int {
	if q := textQuality(s); q < 2 {
		return q
	}
	p, ok := parsePhone(*s)
	switch {
	case !ok:
		return 1
	case p.masked:
		return 2
	}
	return 3
}

func emailQuality(s *string) int {
	if q := textQuality(s); q < 2 {
		return q
	}
	if _, ok := validEmail(*s); ok {
		return 3
	}
	return 2
}

func idNumberQuality(s *string) int {
	if q := textQuality(s); q < 2 {
		return q
	}
	if _, ok := validIDNumber(*s); ok {
		return 3
	}
	return 2
}

// creditCodeQuality prefers strictly valid codes, then codes valid only
// leniently.
func creditCodeQuality(s *string) int {
	if q := textQuality(s); q < 2 {
		return q
	}
	if _, ok := validCreditCode(*s, false); ok {
		return 4
	}
	if _, ok := validCreditCode(*s, true); ok {
		return 3
	}
	return 2
}

func emptyString(s string) bool { return s == "" }

// personInfo describes how persons merge. Field order is the CSV column
// order.
var personInfo = recordInfo[Person]{
	id:      func(p *Person) ID { return p.ID },
	created: func(p *Person) time.Time { return p.CreatedAt },
	updated: func(p *Person) time.Time { return p.UpdatedAt },
	fields: []fieldDef[Person]{
		scalarField("name", MergeNewest, func(p *Person) *string { return &p.Name }, textQuality, sameValue[string]),
		scalarField("gender", MergeNewest, func(p *Person) *Gender { return &p.Gender }, genderQuality, sameValue[Gender]),
		scalarField("birth_date", MergeNewest, func(p *Person) *time.Time { return &p.BirthDate }, timeQuality, timeEqual),
		scalarField("id_number", MergeNewest, func(p *Person) *string { return &p.IDNumber }, idNumberQuality, sameValue[string]),
		scalarField("city", MergeNewest, func(p *Person) *string { return &p.City }, textQuality, sameValue[string]),
		scalarField("province", MergeNewest, func(p *Person) *string { return &p.Province }, textQuality, sameValue[string]),
		scalarField("phone", MergeNewest, func(p *Person) *string { return &p.Phone }, phoneQuality, sameValue[string]),
		scalarField("email", MergeNewest, func(p *Person) *string { return &p.Email }, emailQuality, sameValue[string]),
		scalarField("occupation", MergeNewest, func(p *Person) *string { return &p.Occupation }, textQuality, sameValue[string]),
		scalarField("income_band", MergeNewest, func(p *Person) *string { return &p.IncomeBand }, textQuality, sameValue[string]),
		listField("interests", func(p *Person) *[]string { return &p.Interests }, emptyString),
		scalarField("acquisition_channel", MergeOldest, func(p *Person) *string { return &p.AcquisitionChannel }, textQuality, sameValue[string]),
		scalarField("source", MergeOldest, func(p *Person) *string { return &p.Source }, textQuality, sameValue[string]),
		listField("device_ids", func(p *Person) *[]string { return &p.DeviceIDs }, emptyString),
		scalarField("created_at", MergeOldest, func(p *Person) *time.Time { return &p.CreatedAt }, timeQuality, timeEqual),
		scalarField("updated_at", MergeNewest, func(p *Person) *time.Time { return &p.UpdatedAt }, timeQuality, timeEqual),
		attributesField(func(p *Person) *map[string]string { return &p.Attributes }),
	},
}

// companyInfo describes how companies merge.
var companyInfo = recordInfo[Company]{
	id:      func(c *Company) ID { return c.ID },
	created: func(c *Company) time.Time { return c.CreatedAt },
	updated: func(c *Company) time.Time { return c.UpdatedAt },
	fields: []fieldDef[Company]{
		scalarField("name", MergeNewest, func(c *Company) *string { return &c.Name }, textQuality, sameValue[string]),
		scalarField("credit_code", MergeNewest, func(c *Company) *string { return &c.CreditCode }, creditCodeQuality, sameValue[string]),
		scalarField("industry", MergeNewest, func(c *Company) *string { return &c.Industry }, textQuality, sameValue[string]),
		scalarField("employees", MergeNewest, func(c *Company) *int { return &c.Employees }, countQuality, sameValue[int]),
		scalarField("revenue", MergeNewest, func(c *Company) *decimal.Decimal { return &c.Revenue }, amountQuality, decimalEqual),
		scalarField("founded", MergeNewest, func(c *Company) *time.Time { return &c.Founded }, timeQuality, timeEqual),
		scalarField("city", MergeNewest, func(c *Company) *string { return &c.City }, textQuality, sameValue[string]),
		scalarField("province", MergeNewest, func(c *Company) *string { return &c.Province }, textQuality, sameValue[string]),
		listField("contacts", func(c *Company) *[]Contact { return &c.Contacts }, func(ct Contact) bool { return ct == Contact{} }),
		scalarField("decision_cycle_days", MergeNewest, func(c *Company) *int { return &c.DecisionCycleDays }, countQuality, sameValue[int]),
		listField("products", func(c *Company) *[]string { return &c.Products }, emptyString),
		scalarField("created_at", MergeOldest, func(c *Company) *time.Time { return &c.CreatedAt }, timeQuality, timeEqual),
		scalarField("updated_at", MergeNewest, func(c *Company) *time.Time { return &c.UpdatedAt }, timeQuality, timeEqual),
		attributesField(func(c *Company) *map[string]string { return &c.Attributes }),
	},
}

// checkRules validates per-field rule overrides against info's fields.
func checkRules[T any](info *recordInfo[T], rules map[string]MergeRule) error {
	for _, name := range slices.Sorted(maps.Keys(rules)) {
		rule := rules[name]
		i := slices.IndexFunc(info.fields, func(f fieldDef[T]) bool { return f.name == name })
		switch {
		case i < 0:
			return fmt.Errorf("%w: Fields: merge rule for unknown field %q", ErrConfig, clip(name))
		case rule > MergeUnion:
			return fmt.Errorf("%w: Fields[%q]: unknown merge rule %d", ErrConfig, name, rule)
		case rule == MergeUnion && !info.fields[i].list:
			return fmt.Errorf("%w: Fields[%q]: MergeUnion needs a list field", ErrConfig, name)
		}
	}
	return nil
}
