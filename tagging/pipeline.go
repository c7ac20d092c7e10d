package tagging

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// maxTaggers bounds the pipeline length so that a tag's source fits in a
// uint16.
const maxTaggers = 1 << 16

// Pipeline runs taggers in order on a profile, then resolves the result
// into a [Set]: duplicate tags are merged, values in multi-valued groups
// are kept, and several values in an exclusive group are a [Conflict]
// resolved by Options.FirstWins and reported.
//
// A group is multi-valued when Options.Groups says so, or, when it does
// not mention the group, when any tagger's [Grouper] declaration says so;
// otherwise it is exclusive.
//
// A Pipeline is immutable and safe for concurrent use if its taggers are
// (as the [Tagger] contract requires). It implements [Tagger], [Namer] and
// [Grouper], so pipelines nest.
type Pipeline struct {
	taggers []Tagger
	names   []string
	groups  []Group
	index   map[string]int // group name -> groups index
	first   bool           // Options.FirstWins
}

// NewPipeline checks the taggers and options and returns a pipeline that
// runs the taggers in the order given. It keeps the taggers slice's
// elements, not the slice. The taggers configured by their fields (the
// built-ins, [Conditional] and [Thresholds]) have their settings checked
// and resolved here, once. Errors wrap [ErrConfig]: a nil tagger, a bad
// setting of a tagger or of opts.
func NewPipeline(taggers []Tagger, opts Options) (*Pipeline, error) {
	if len(taggers) >= maxTaggers {
		return nil, fmt.Errorf("%w: %d taggers, at most %d", ErrConfig, len(taggers), maxTaggers-1)
	}
	if opts.Workers < 0 {
		return nil, fmt.Errorf("%w: Options.Workers is negative (%d)", ErrConfig, opts.Workers)
	}
	if opts.Total < 0 {
		return nil, fmt.Errorf("%w: Options.Total is negative (%d)", ErrConfig, opts.Total)
	}
	pl := &Pipeline{
		taggers: slices.Clone(taggers),
		names:   make([]string, len(taggers)),
		index:   make(map[string]int),
		first:   opts.FirstWins,
	}
	for i, g := range opts.Groups {
		if g.Name == "" {
			return nil, fmt.Errorf("%w: Options.Groups[%d] has no name", ErrConfig, i)
		}
		if _, dup := pl.index[g.Name]; dup {
			return nil, fmt.Errorf("%w: Options.Groups declares group %q twice", ErrConfig, clip(g.Name))
		}
		pl.declare(g)
	}
	fixed := len(pl.groups)
	for i, t := range taggers {
		if t == nil {
			return nil, fmt.Errorf("%w: tagger[%d] is nil", ErrConfig, i)
		}
		if c, ok := t.(compiler); ok {
			ct, err := c.compile()
			if err != nil {
				return nil, &prefixed{"tagging: tagger[" + strconv.Itoa(i) + "]: ", err}
			}
			t = ct
			pl.taggers[i] = ct
		}
		pl.names[i] = nameOf(t, i)
		if gr, ok := t.(Grouper); ok {
			for _, g := range gr.Groups() {
				if g.Name == "" {
					return nil, fmt.Errorf("%w: tagger %q declares a group without a name", ErrConfig, clip(pl.names[i]))
				}
				if j, ok := pl.index[g.Name]; ok {
					if j >= fixed { // merge tagger declarations; Options.Groups stay as given
						pl.groups[j].Multi = pl.groups[j].Multi || g.Multi
						if pl.groups[j].Values == nil {
							pl.groups[j].Values = slices.Clone(g.Values)
						}
					}
					continue
				}
				pl.declare(g)
			}
		}
	}
	return pl, nil
}

func (pl *Pipeline) declare(g Group) {
	g.Values = slices.Clone(g.Values)
	pl.index[g.Name] = len(pl.groups)
	pl.groups = append(pl.groups, g)
}

// Groups returns the groups the pipeline knows, Options.Groups first and
// then those its taggers declare, in pipeline order. The result is a copy.
func (pl *Pipeline) Groups() []Group {
	out := slices.Clone(pl.groups)
	for i := range out {
		out[i].Values = slices.Clone(out[i].Values)
	}
	return out
}

// Group returns the declaration of the named group and whether the
// pipeline knows it.
func (pl *Pipeline) Group(name string) (Group, bool) {
	i, ok := pl.index[name]
	if !ok {
		return Group{Name: name}, false
	}
	g := pl.groups[i]
	g.Values = slices.Clone(g.Values)
	return g, true
}

// Name returns "pipeline".
func (pl *Pipeline) Name() string { return "pipeline" }

// multi reports whether group is multi-valued.
func (pl *Pipeline) multi(group string) bool {
	i, ok := pl.index[group]
	return ok && pl.groups[i].Multi
}

// Tag implements [Tagger]: it runs the taggers on p, appending their
// resolved tags to dst, sorted by group and value. Conflicts are resolved
// by Options.FirstWins but not reported (use [Pipeline.Run]). The first tagger
// error stops the run; Tag then returns dst unchanged and the error.
func (pl *Pipeline) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	n0 := len(dst)
	for i, t := range pl.taggers {
		n := len(dst)
		out, err := call(t, p, dst)
		if err == nil {
			err = checkAppended(out, n)
		}
		if err != nil {
			return dst[:n0], fmt.Errorf("tagging: tagger %q: %w", clip(pl.names[i]), err)
		}
		dst = out
	}
	n, _ := pl.resolve(dst[n0:], nil, false)
	return dst[:n0+n], nil
}

// work is the per-goroutine scratch space of a pipeline run.
type work struct {
	tags []Tag
	src  []uint16
}

// run runs the taggers on p into w and resolves the tags. On return
// w.tags and w.src hold the resolved tags and their sources. Tagger
// failures are joined into err, each a *ProfileError naming the tagger;
// the failing tagger's tags are dropped and the others still run.
func (pl *Pipeline) run(p *Profile, index int, w *work) (conflicts []Conflict, err error) {
	w.tags, w.src = w.tags[:0], w.src[:0]
	var errs []error
	for i, t := range pl.taggers {
		n := len(w.tags)
		out, terr := call(t, p, w.tags)
		if terr == nil {
			terr = checkAppended(out, n)
		}
		if terr != nil {
			errs = append(errs, &ProfileError{Index: index, ID: p.ID(), Tagger: pl.names[i], Err: terr})
			continue
		}
		w.tags = out
		for range out[n:] {
			w.src = append(w.src, uint16(i))
		}
	}
	n, conflicts := pl.resolve(w.tags, w.src, true)
	w.tags, w.src = w.tags[:n], w.src[:n]
	for _, e := range errs {
		err = join(err, e)
	}
	return conflicts, err
}

// call runs one tagger, turning a panic into an error.
func call(t Tagger, p *Profile, dst []Tag) (out []Tag, err error) {
	defer func() {
		if r := recover(); r != nil {
			out = nil
			// A host's panic message may hold personal data; only the
			// runtime's own messages are known to be safe.
			if re, ok := r.(runtime.Error); ok {
				err = fmt.Errorf("%w: panic: %v", ErrTagger, re)
			} else {
				err = fmt.Errorf("%w: panic (%T value withheld)", ErrTagger, r)
			}
		}
	}()
	return t.Tag(p, dst)
}

// checkAppended checks that a tagger given n tags returned at least n and
// that the new ones are valid.
func checkAppended(out []Tag, n int) error {
	if len(out) < n {
		return fmt.Errorf("%w: returned %d tags when given %d", ErrTagger, len(out), n)
	}
	for _, t := range out[n:] {
		if t.Group == "" || t.Value == "" {
			return fmt.Errorf("%w: gave %w", ErrTagger, t.Validate())
		}
	}
	return nil
}

// prefixed is err with its message placed after prefix, which replaces
// the package prefix err's message starts with.
type prefixed struct {
	prefix string
	err    error
}

func (e *prefixed) Error() string { return e.prefix + strings.TrimPrefix(e.err.Error(), "tagging: ") }
func (e *prefixed) Unwrap() error { return e.err }
