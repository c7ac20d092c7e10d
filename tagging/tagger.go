package tagging

import "strconv"

// Tagger computes tags for a profile.
//
// Tag appends the tags p earns to dst and returns the extended slice, in
// the manner of strconv.AppendInt, so a caller that reuses dst makes the
// common case allocation-free. It returns dst unchanged when no tag
// applies; that is not an error.
//
// The contract, which [taggingtest.Run] checks:
//
//   - Tag may be called concurrently from several goroutines, on different
//     profiles or the same one; [Apply] does so when Workers > 1.
//   - Tag must not modify p or anything p points to, and must not keep p,
//     dst or the returned slice after it returns.
//   - Tag only appends: it must leave dst[:len(dst)] as it was. It may
//     read it: inside a [Pipeline], dst holds the tags earlier taggers gave
//     the same profile (before conflicts are resolved), which is how a
//     [Conditional] can build on them.
//   - Tag is deterministic: the same profile and the same dst give the
//     same tags.
//   - Every tag appended has a non-empty group and value. A tagger that
//     also implements [Grouper] appends only to the groups it declares,
//     and at most one value to each exclusive one.
//   - A non-nil error means the tagger could not judge this profile; the
//     pipeline then drops whatever it appended and reports the error with
//     the profile, and the other taggers still run.
//
// Taggers must not panic on any profile that passes [Profile.Validate]:
// a nil Summary, a Summary without purchases and a company profile are all
// ordinary input. [Apply] recovers a panic and reports it as [ErrTagger],
// but only as a last resort.
type Tagger interface {
	Tag(p *Profile, dst []Tag) ([]Tag, error)
}

// TaggerFunc adapts a function to a [Tagger].
type TaggerFunc func(p *Profile, dst []Tag) ([]Tag, error)

// Tag calls f(p, dst).
func (f TaggerFunc) Tag(p *Profile, dst []Tag) ([]Tag, error) { return f(p, dst) }

// Namer is implemented by taggers that have a name, used in errors,
// conflict reports and Result.Source. Taggers without one are named
// "tagger[i]" after their position in the pipeline. A [Pipeline] names
// the taggers configured by their fields itself: the built-ins by kind
// ("spend", "needs", …, as [Builtin] lists them), a [Conditional] or
// [Thresholds] by its Title.
type Namer interface {
	Name() string
}

// Grouper is implemented by taggers that declare the groups they fill, so
// that a [Pipeline] knows which groups are exclusive and which are
// multi-valued, and which groups manual tags may use. Groups must return
// the same declarations every time; the pipeline calls it once. A
// Pipeline knows the groups of the taggers configured by their fields
// (the built-ins, [Conditional], [Thresholds]) without it.
type Grouper interface {
	Groups() []Group
}

// nameOf returns t's name, or "tagger[i]".
func nameOf(t Tagger, i int) string {
	if n, ok := t.(Namer); ok {
		if s := n.Name(); s != "" {
			return s
		}
	}
	return "tagger[" + strconv.Itoa(i) + "]"
}
