package privacy

import (
	"fmt"
	"reflect"
	"sync"
	"unsafe"
)

// Redactor masks, exports and erases tagged structs. It reads two struct
// tags on exported fields:
//
//	mask:"phone"           the masker for a string field, or for the
//	                       strings in a pointer, slice, array or map field
//	sensitivity:"public"   the field's [Level]: sensitive (敏感, the
//	                       default), general (一般) or public (公开)
//
// The built-in mask kinds are name, phone, email, id (or idnumber),
// bankcard, address ([MaskName], [MaskPhone] and so on), middle
// ([MaskMiddle] keeping one rune at each end) and full (every rune
// hidden); [Redactor.Maskers] adds more. The special tag mask:"-"
// marks a field that is copied as it is, without looking inside; it is
// the only way to accept a func, chan, interface or unsafe.Pointer field.
//
// An untagged field is [Sensitive], wherever it sits: a level tagged on a
// field that holds structs (directly or through a pointer, slice, array or
// map) does not spread to the fields inside, which follow their own tags.
// A level tagged on a field that holds strings applies to all of them.
// Nested structs, pointers, slices, arrays and maps are followed; map
// keys are copied, never masked. Unexported fields are copied as they
// are, as encoding/json ignores them: keep personal data in exported
// fields. A struct type with no exported fields (time.Time) is a plain
// value.
//
// The first use of a type builds and caches a plan for it; an unknown
// mask kind, a bad tag or an unsupported field kind is an error wrapping
// [ErrConfig] then, and on every later use: fields are never skipped
// silently.
//
// The zero Redactor is ready to use. A Redactor is safe for concurrent
// use; it must not be copied after first use, and Maskers must not change
// after first use.
type Redactor struct {
	// Maskers maps extra `mask` tag values to append-style masking
	// functions such as [AppendMaskPhone]; an entry named like a built-in
	// kind replaces it. nil means the built-in kinds only.
	//
	// A function appends the masked form of s to dst and returns the
	// extended buffer. It is called concurrently, must not keep or modify
	// dst beyond the append, must not panic on any input (invalid UTF-8
	// included) and should be idempotent. Write a closure to give
	// [AppendMaskMiddle] its counts: mask:"plate" with
	//
	//	func(dst []byte, s string) []byte { return privacy.AppendMaskMiddle(dst, s, 2, 1) }
	Maskers map[string]func(dst []byte, s string) []byte

	plans [Public + 1]sync.Map // by default Level: reflect.Type → *planResult
	pool  sync.Pool            // *state scratch space
}

// appendFunc is the shape of a masking function: [AppendMaskPhone] and
// the values of [Redactor.Maskers].
type appendFunc = func(dst []byte, s string) []byte

// appendMaskMiddle is the mask:"middle" kind: one rune kept at each end.
func appendMaskMiddle(dst []byte, s string) []byte { return AppendMaskMiddle(dst, s, 1, 1) }

// builtinMasker returns the built-in masker for a `mask` tag value, or nil.
func builtinMasker(kind string) appendFunc {
	switch kind {
	case "name":
		return AppendMaskName
	case "phone":
		return AppendMaskPhone
	case "email":
		return AppendMaskEmail
	case "id", "idnumber":
		return AppendMaskIDNumber
	case "bankcard":
		return AppendMaskBankCard
	case "address":
		return AppendMaskAddress
	case "middle":
		return appendMaskMiddle
	case "full":
		return appendMaskFull
	}
	return nil
}

type nodeKind uint8

const (
	nPlain  nodeKind = iota // no references to follow: copied by value
	nString                 // a string
	nStruct                 // a struct with exported fields: sub
	nPtr                    // pointer: elem
	nSlice                  // slice: elem
	nArray                  // array: elem
	nMap                    // map: elem describes the values
	nOpaque                 // mask:"-": copied as it is
)

// node describes how to copy a value of one type.
type node struct {
	kind nodeKind
	typ  reflect.Type
	sub  *plan // nStruct
	elem *node // nPtr, nSlice, nArray, nMap
	leaf nodeKind
}

// field is one leaf of a flattened struct plan.
type field struct {
	path   string // Go path, "Contact.Phone"
	column string // export name: json tag name or Go name, dotted
	off    uintptr
	node   *node
	masker appendFunc
	kind   string // mask tag value
	level  Level
}

// plan is the flattened list of a struct type's fields.
type plan struct {
	typ    reflect.Type
	fields []field
}

type planKey struct {
	typ reflect.Type
	def Level
}

type planResult struct {
	p   *plan
	err error
}

// planFor returns the cached plan of struct type t whose untagged fields
// default to level def.
func (r *Redactor) planFor(t reflect.Type, def Level) (*plan, error) {
	if v, ok := r.plans[def].Load(t); ok {
		res := v.(*planResult)
		return res.p, res.err
	}
	b := &planBuilder{r: r, building: map[planKey]*plan{}}
	p, err := b.structPlan(t, def)
	if err != nil {
		r.plans[def].LoadOrStore(t, &planResult{err: err})
		return nil, err
	}
	for k, bp := range b.building {
		r.plans[k.def].LoadOrStore(k.typ, &planResult{p: bp})
	}
	return p, nil
}

type planBuilder struct {
	r        *Redactor
	building map[planKey]*plan
}

func (b *planBuilder) masker(kind string) appendFunc {
	if m, ok := b.r.Maskers[kind]; ok && m != nil {
		return m
	}
	return builtinMasker(kind)
}

func (b *planBuilder) structPlan(t reflect.Type, def Level) (*plan, error) {
	key := planKey{t, def}
	if p, ok := b.building[key]; ok {
		return p, nil // recursive type: filled in by the outer call
	}
	p := &plan{typ: t}
	b.building[key] = p
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		path := t.String() + "." + f.Name
		level := def
		if tag, ok := f.Tag.Lookup("sensitivity"); ok {
			l, err := parseLevel(tag)
			if err != nil {
				return nil, fmt.Errorf("%w: field %s: %w", ErrConfig, path, err)
			}
			level = l
		}
		kind := f.Tag.Get("mask")
		column := f.Name
		if name, _, _ := cutComma(f.Tag.Get("json")); name != "" && name != "-" {
			column = name
		}
		if kind == "-" {
			p.fields = append(p.fields, field{path: f.Name, column: column, off: f.Offset,
				node: &node{kind: nOpaque, typ: f.Type, leaf: nOpaque}, kind: kind, level: level})
			continue
		}
		var m appendFunc
		if kind != "" {
			if m = b.masker(kind); m == nil {
				return nil, fmt.Errorf("%w: field %s: unknown mask kind %q", ErrConfig, path, kind)
			}
		}
		n, err := b.node(f.Type, Sensitive, path)
		if err != nil {
			return nil, err
		}
		if m != nil && n.leaf != nString {
			return nil, fmt.Errorf("%w: field %s: mask %q on %s, which holds no strings", ErrConfig, path, kind, f.Type)
		}
		if n.kind == nStruct {
			// Inline a nested struct value: its fields sit at fixed
			// offsets inside this one.
			for _, sf := range n.sub.fields {
				sf.path = f.Name + "." + sf.path
				sf.column = column + "." + sf.column
				sf.off += f.Offset
				p.fields = append(p.fields, sf)
			}
			continue
		}
		p.fields = append(p.fields, field{path: f.Name, column: column, off: f.Offset, node: n, masker: m, kind: kind, level: level})
	}
	return p, nil
}

// cutComma splits a tag value at its first comma.
func cutComma(s string) (before, after string, found bool) {
	for i := range len(s) {
		if s[i] == ',' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func (b *planBuilder) node(t reflect.Type, def Level, path string) (*node, error) {
	switch t.Kind() {
	case reflect.String:
		return &node{kind: nString, typ: t, leaf: nString}, nil
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return &node{kind: nPlain, typ: t, leaf: nPlain}, nil
	case reflect.Struct:
		exported := false
		for i := range t.NumField() {
			exported = exported || t.Field(i).IsExported()
		}
		if !exported {
			return &node{kind: nPlain, typ: t, leaf: nPlain}, nil
		}
		sub, err := b.structPlan(t, def)
		if err != nil {
			return nil, err
		}
		return &node{kind: nStruct, typ: t, sub: sub, leaf: nStruct}, nil
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		elem, err := b.node(t.Elem(), def, path)
		if err != nil {
			return nil, err
		}
		kind := map[reflect.Kind]nodeKind{reflect.Pointer: nPtr, reflect.Slice: nSlice, reflect.Array: nArray, reflect.Map: nMap}[t.Kind()]
		return &node{kind: kind, typ: t, elem: elem, leaf: elem.leaf}, nil
	}
	return nil, fmt.Errorf("%w: field %s of kind %s cannot be masked (tag it mask:\"-\" to copy it as it is)", ErrConfig, path, t.Kind())
}

// maxDepth bounds how many pointers, slices and maps a copy follows, so a
// pointer cycle is an error instead of a stack overflow.
const maxDepth = 100

// mode says what happens to each field during a copy.
type mode struct {
	mask   bool // Masked: mask tagged strings, keep the rest
	policy Policy
}

// action returns what the mode does with a field.
func (m *mode) action(f *field) Action {
	if m.mask {
		if f.masker != nil {
			return ActionMask
		}
		return ActionKeep
	}
	return m.policy.Action(f.level)
}

// fixup records a masked string written to scratch, to be pointed at
// once all strings of one copy are in a single allocation.
type fixup struct {
	dst        *string
	start, end int
}

// state is the scratch space of one copy; pooled.
type state struct {
	mode      mode
	buf       []byte
	fixups    []fixup
	immediate int // > 0 inside a map value: write strings at once
	depth     int
}

// copyInto applies p to the struct value at base, which holds a shallow
// copy of the input, and resolves the masked strings with one allocation.
func (r *Redactor) copyInto(p *plan, base unsafe.Pointer, md mode) error {
	st, _ := r.pool.Get().(*state)
	if st == nil {
		st = &state{buf: make([]byte, 0, 512)}
	}
	st.mode = md
	err := st.apply(p, base)
	if err == nil && len(st.fixups) > 0 {
		all := string(st.buf)
		for _, fx := range st.fixups {
			*fx.dst = all[fx.start:fx.end]
		}
	}
	st.mode = mode{}
	st.buf = st.buf[:0]
	clear(st.fixups)
	st.fixups = st.fixups[:0]
	st.immediate, st.depth = 0, 0
	if cap(st.buf) <= 64<<10 {
		r.pool.Put(st)
	}
	return err
}

func (st *state) apply(p *plan, base unsafe.Pointer) error {
	for i := range p.fields {
		f := &p.fields[i]
		ptr := unsafe.Add(base, f.off)
		act := st.mode.action(f)
		n := f.node
		switch {
		case n.kind == nOpaque:
			if act != ActionKeep {
				zero(n.typ, ptr)
			}
			continue
		case n.leaf == nStruct:
			// Structs inside follow their own fields' levels.
		case act == ActionKeep:
			if n.kind == nString || n.leaf == nPlain && n.kind != nPtr && n.kind != nSlice && n.kind != nMap {
				continue // nothing to copy deeper
			}
		case act == ActionDrop || n.leaf != nString:
			zero(n.typ, ptr)
			continue
		}
		if err := st.copyNode(f, n, ptr, act); err != nil {
			return err
		}
	}
	return nil
}

// zero sets the value of type t at p to its zero value.
func zero(t reflect.Type, p unsafe.Pointer) {
	reflect.NewAt(t, p).Elem().SetZero()
}

func (st *state) copyNode(f *field, n *node, p unsafe.Pointer, act Action) error {
	switch n.kind {
	case nString:
		st.transform(f, (*string)(p), act)
	case nPlain, nOpaque:
	case nStruct:
		return st.apply(n.sub, p)
	case nArray:
		size := n.elem.typ.Size()
		for i := range n.typ.Len() {
			if err := st.copyNode(f, n.elem, unsafe.Add(p, uintptr(i)*size), act); err != nil {
				return err
			}
		}
	case nPtr, nSlice, nMap:
		return st.copyRef(f, n, p, act)
	}
	return nil
}

// copyRef replaces the pointer, slice or map at p by a deep copy.
func (st *state) copyRef(f *field, n *node, p unsafe.Pointer, act Action) error {
	if st.depth++; st.depth > maxDepth {
		return fmt.Errorf("privacy: field %s: %w", f.path, ErrTooDeep)
	}
	defer func() { st.depth-- }()
	v := reflect.NewAt(n.typ, p).Elem()
	if v.IsNil() {
		return nil
	}
	switch n.kind {
	case nPtr:
		c := reflect.New(n.typ.Elem())
		c.Elem().Set(v.Elem())
		if err := st.copyNode(f, n.elem, c.UnsafePointer(), act); err != nil {
			return err
		}
		v.Set(c)
	case nSlice:
		c := reflect.MakeSlice(n.typ, v.Len(), v.Len())
		reflect.Copy(c, v)
		if n.elem.kind != nPlain {
			for i := range c.Len() {
				if err := st.copyNode(f, n.elem, c.Index(i).Addr().UnsafePointer(), act); err != nil {
					return err
				}
			}
		}
		v.Set(c)
	case nMap:
		c := reflect.MakeMapWithSize(n.typ, v.Len())
		tmp := reflect.New(n.typ.Elem()).Elem()
		st.immediate++
		defer func() { st.immediate-- }()
		for it := v.MapRange(); it.Next(); {
			tmp.Set(it.Value())
			if err := st.copyNode(f, n.elem, tmp.Addr().UnsafePointer(), act); err != nil {
				return err
			}
			c.SetMapIndex(it.Key(), tmp)
		}
		v.Set(c)
	}
	return nil
}

// transform writes the masked or pseudonymised form of *s.
func (st *state) transform(f *field, s *string, act Action) {
	start := len(st.buf)
	switch act {
	case ActionKeep:
		return
	case ActionMask:
		m := f.masker
		if m == nil {
			m = appendMaskFull
		}
		st.buf = m(st.buf, *s)
	case ActionPseudonymize:
		v := *s
		switch f.kind {
		case "phone":
			v = NormalizePhone(v)
		case "email":
			v = NormalizeText(v)
		}
		st.buf = st.mode.policy.Pseudonyms.appendPseudonym(st.buf, st.mode.policy.Partner, v)
	default:
		*s = ""
		return
	}
	if st.immediate > 0 {
		*s = string(st.buf[start:])
		st.buf = st.buf[:start]
		return
	}
	st.fixups = append(st.fixups, fixup{dst: s, start: start, end: len(st.buf)})
}

// target returns the plan for values of type t (a struct or a pointer to
// one) and whether t is a pointer.
func (r *Redactor) target(t reflect.Type) (*plan, bool, error) {
	isPtr := false
	if t != nil && t.Kind() == reflect.Pointer {
		t, isPtr = t.Elem(), true
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil, false, fmt.Errorf("%w: %v is not a struct or a pointer to one", ErrConfig, t)
	}
	p, err := r.planFor(t, Sensitive)
	return p, isPtr, err
}

// Masked returns a deep copy of v with every field tagged `mask:"..."`
// masked; other fields are copied unchanged. v must be a struct or a
// pointer to one; a nil pointer gives a nil result. v itself is never
// modified, and the copy shares no pointer, slice or map reachable
// through exported fields with it, except fields tagged mask:"-" and
// unexported fields, which are copied shallowly. A nil r means a zero Redactor without
// a plan cache.
//
// Once the type's plan is cached, a masked copy of a struct of strings
// costs two allocations: the copy and one string holding all the masked
// values. Pointers, slices and maps add one allocation each for their
// copies.
func Masked[T any](r *Redactor, v T) (T, error) {
	return copyWith(r, v, mode{mask: true})
}

// Apply returns a deep copy of v with p applied to every field by its
// sensitivity level: kept, masked, pseudonymised or dropped (set to its
// zero value). Fields inside nested structs, pointers, slices and maps
// follow their own levels. v must be a struct or a pointer to one; it is
// never modified. A bad policy (an action out of range, or
// ActionPseudonymize without Pseudonyms) is an error wrapping [ErrConfig],
// as are the errors of the plan (see [Redactor]).
func Apply[T any](r *Redactor, p Policy, v T) (T, error) {
	if err := p.check(); err != nil {
		var zero T
		return zero, err
	}
	return copyWith(r, v, mode{policy: p})
}

func copyWith[T any](r *Redactor, v T, md mode) (T, error) {
	var zero T
	if r == nil {
		r = &Redactor{}
	}
	pl, isPtr, err := r.target(reflect.TypeFor[T]())
	if err != nil {
		return zero, err
	}
	if !isPtr {
		out := v
		if err := r.copyInto(pl, unsafe.Pointer(&out), md); err != nil {
			return zero, err
		}
		return out, nil
	}
	src := reflect.ValueOf(any(v)) // a pointer: boxing does not allocate
	if src.IsNil() {
		return zero, nil
	}
	c := reflect.New(pl.typ)
	c.Elem().Set(src.Elem())
	if err := r.copyInto(pl, c.UnsafePointer(), md); err != nil {
		return zero, err
	}
	return c.Interface().(T), nil
}
