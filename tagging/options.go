package tagging

// Options configures a [Pipeline] and [Apply]. The zero value runs on
// GOMAXPROCS workers, keeps the last value in a conflict and reports no
// progress.
type Options struct {
	// Workers is the number of goroutines Apply tags on. 0 means
	// GOMAXPROCS; 1 tags on the calling goroutine. Results are identical
	// whatever the number. Negative is an error.
	Workers int
	// Groups declares groups beyond those the taggers declare (see
	// [Grouper]), and overrides a tagger's declaration of the same group.
	// A group nobody declares is exclusive, and manual tags may not use it.
	// nil means none.
	Groups []Group
	// FirstWins sets how a conflict (several values given to one profile
	// in an exclusive group) is resolved. false, the default, keeps the
	// value given by the latest tagger in pipeline order, so a host rule
	// placed after the built-in taggers overrides them; true keeps the
	// value given by the earliest tagger, so that pipeline order is
	// priority order.
	FirstWins bool
	// Total is the number of profiles, if the host knows it, passed on to
	// Progress. 0 means unknown.
	Total int
	// Progress, if not nil, is called by Apply on the goroutine that
	// ranges over its results, after each batch of results is delivered
	// (every 1,024 profiles, and after the last, shorter batch), with the
	// number of results delivered so far and Total; a run over no profiles
	// reports (0, Total) once. nil means no reports.
	Progress func(done, total int)
}

// Conflict reports that taggers gave a profile several values in one
// exclusive group, and which one Options.FirstWins kept.
type Conflict struct {
	Group   string
	Kept    Candidate   // the value kept
	Dropped []Candidate // the other values, in pipeline order
}

// Candidate is a value a tagger gave in a [Conflict].
type Candidate struct {
	Value  string
	Source string // name of the tagger that gave it (first, if several did)
}
