package privacy

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"unsafe"
)

// ErasureReport says what [Erase] cleared.
type ErasureReport struct {
	// Erased lists the paths of the fields that held a value and were
	// cleared, in struct order: "Phone", "Home.Line", "Contacts[1].Email",
	// "Notes[]" for a map (map keys are never written out, they may be
	// personal too).
	Erased []string
	// Kept lists the paths of the [Public] fields left in place, the
	// non-identifying aggregates.
	Kept []string
}

// Erase clears, in place, every field of *v whose sensitivity level is
// not [Public] and reports what it cleared: the "right to erasure" step
// that removes a customer's personal data while keeping the
// non-identifying aggregates tagged `sensitivity:"public"` (order counts,
// totals, segment). Untagged fields are [Sensitive] and so are erased.
// Structs inside pointers, slices and maps follow their own fields'
// levels; other containers are cleared whole. Values reachable from v are
// modified too, since they are part of the record.
//
// v must be a non-nil pointer to a struct: anything else is an error
// wrapping [ErrConfig], as are the plan errors of [Redactor]. Data nested
// too deep is [ErrTooDeep]. A nil r means a zero Redactor without a plan
// cache.
func Erase(r *Redactor, v any) (ErasureReport, error) {
	var rep ErasureReport
	if r == nil {
		r = &Redactor{}
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return rep, fmt.Errorf("%w: Erase needs a non-nil pointer to a struct, got %T", ErrConfig, v)
	}
	pl, _, err := r.target(rv.Type())
	if err != nil {
		return rep, err
	}
	err = eraseStruct(pl, rv.UnsafePointer(), "", &rep, 0)
	return rep, err
}

func eraseStruct(p *plan, base unsafe.Pointer, prefix string, rep *ErasureReport, depth int) error {
	for i := range p.fields {
		f := &p.fields[i]
		ptr := unsafe.Add(base, f.off)
		path := prefix + f.path
		if f.node.leaf == nStruct && f.node.kind != nOpaque {
			if err := eraseNode(f.node, ptr, path, rep, depth); err != nil {
				return err
			}
			continue
		}
		if f.level == Public {
			rep.Kept = append(rep.Kept, path)
			continue
		}
		v := reflect.NewAt(f.node.typ, ptr).Elem()
		if !v.IsZero() {
			v.SetZero()
			rep.Erased = append(rep.Erased, path)
		}
	}
	return nil
}

// eraseNode erases the structs inside a container node.
func eraseNode(n *node, p unsafe.Pointer, path string, rep *ErasureReport, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("privacy: field %s: %w", path, ErrTooDeep)
	}
	switch n.kind {
	case nStruct:
		return eraseStruct(n.sub, p, path+".", rep, depth)
	case nArray:
		size := n.elem.typ.Size()
		for i := range n.typ.Len() {
			if err := eraseNode(n.elem, unsafe.Add(p, uintptr(i)*size), path+"["+strconv.Itoa(i)+"]", rep, depth); err != nil {
				return err
			}
		}
		return nil
	}
	v := reflect.NewAt(n.typ, p).Elem()
	if v.IsNil() {
		return nil
	}
	switch n.kind {
	case nPtr:
		return eraseNode(n.elem, v.UnsafePointer(), path, rep, depth+1)
	case nSlice:
		for i := range v.Len() {
			if err := eraseNode(n.elem, v.Index(i).Addr().UnsafePointer(), path+"["+strconv.Itoa(i)+"]", rep, depth+1); err != nil {
				return err
			}
		}
	case nMap:
		// Map order is random: gather the paths, then report each once,
		// sorted, so the report is deterministic.
		var sub ErasureReport
		tmp := reflect.New(n.typ.Elem()).Elem()
		for it := v.MapRange(); it.Next(); {
			tmp.Set(it.Value())
			if err := eraseNode(n.elem, tmp.Addr().UnsafePointer(), path+"[]", &sub, depth+1); err != nil {
				return err
			}
			v.SetMapIndex(it.Key(), tmp)
		}
		slices.Sort(sub.Erased)
		slices.Sort(sub.Kept)
		rep.Erased = append(rep.Erased, slices.Compact(sub.Erased)...)
		rep.Kept = append(rep.Kept, slices.Compact(sub.Kept)...)
	}
	return nil
}
