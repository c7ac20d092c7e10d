package customer

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

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

func emptyString(s string) bool { return s == "" }
