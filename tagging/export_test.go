package tagging

// Compile returns the tagger a Pipeline runs in t's place: for the
// taggers configured by their fields, t with its settings checked and
// resolved, implementing Namer and Grouper; other taggers as they are.
// It exists for tests only.
func Compile(t Tagger) (Tagger, error) {
	if c, ok := t.(compiler); ok {
		return c.compile()
	}
	return t, nil
}
