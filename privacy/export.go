package privacy

import (
	"encoding"
	"fmt"
	"reflect"
	"strconv"
	"unsafe"
)

// Field is one exported column of a record: its name and its value as
// text, after a [Policy] was applied.
type Field struct {
	// Name is the field's `json` tag name, or its Go name; fields of
	// nested structs are dotted: "Home.City".
	Name string
	// Value is the field's value as text (see [Redactor.Fields]).
	Value string
}

// Columns returns the names of the fields that [Redactor.Fields] exports
// under p for values of v's type, in struct order: the header of a CSV
// export. v is a struct or pointer to one (it may be nil; only its type
// matters). Errors are those of [Apply]. A nil r means a zero Redactor
// without a plan cache.
func (r *Redactor) Columns(p Policy, v any) ([]string, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if r == nil {
		r = &Redactor{}
	}
	pl, _, err := r.target(reflect.TypeOf(v))
	if err != nil {
		return nil, err
	}
	var cols []string
	for i := range pl.fields {
		if f := &pl.fields[i]; exported(f, p) {
			cols = append(cols, f.column)
		}
	}
	return cols, nil
}

// exported reports whether a field appears in Fields' output under p.
// Containers of structs appear (as text) when their own level is kept.
func exported(f *field, p Policy) bool {
	act := p.Action(f.level)
	switch {
	case act == ActionDrop:
		return false
	case f.node.leaf == nString || act == ActionKeep:
		return true
	}
	return false // masking or pseudonymising a non-string drops it
}

// Fields applies p to v (a struct or a non-nil pointer to one) and returns
// its fields in struct order, without the dropped ones, for a CSV or JSON
// export; [Redactor.Columns] gives the same names without a value. Nested
// struct values are flattened into dotted names. Values are written as
// text: strings as they are, numbers and booleans with strconv, types
// implementing encoding.TextMarshaler (time.Time, decimal.Decimal) by
// their text, nil pointers as "", and anything else with fmt's %v of
// the already-masked copy. v is not modified. Errors are those of
// [Apply]; a TextMarshaler error is returned wrapped, naming the field.
// A nil r means a zero Redactor without a plan cache.
func (r *Redactor) Fields(p Policy, v any) ([]Field, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if r == nil {
		r = &Redactor{}
	}
	pl, isPtr, err := r.target(reflect.TypeOf(v))
	if err != nil {
		return nil, err
	}
	src := reflect.ValueOf(v)
	if isPtr {
		if src.IsNil() {
			return nil, fmt.Errorf("%w: Fields of a nil %v", ErrConfig, src.Type())
		}
		src = src.Elem()
	}
	c := reflect.New(pl.typ)
	c.Elem().Set(src)
	if err := r.copyInto(pl, c.UnsafePointer(), mode{policy: p}); err != nil {
		return nil, err
	}
	var out []Field
	for i := range pl.fields {
		f := &pl.fields[i]
		if !exported(f, p) {
			continue
		}
		val := reflect.NewAt(f.node.typ, unsafe.Add(c.UnsafePointer(), f.off)).Elem()
		text, err := formatValue(val)
		if err != nil {
			return nil, fmt.Errorf("privacy: field %s: %w", f.path, err)
		}
		out = append(out, Field{Name: f.column, Value: text})
	}
	return out, nil
}

// formatValue writes v as text for an export.
func formatValue(v reflect.Value) (string, error) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "", nil
		}
		v = v.Elem()
	}
	if v.CanInterface() {
		if m, ok := v.Interface().(encoding.TextMarshaler); ok {
			b, err := m.MarshalText()
			return string(b), err
		}
	}
	switch v.Kind() {
	case reflect.String:
		return v.String(), nil
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(v.Uint(), 10), nil
	case reflect.Float32:
		return strconv.FormatFloat(v.Float(), 'g', -1, 32), nil
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64), nil
	}
	if v.CanInterface() {
		return fmt.Sprint(v.Interface()), nil
	}
	return "", nil
}
