package tagging

import (
	"slices"
	"strings"
)

// resolve sorts tags (and src, if not nil, in step) by group and value,
// merges duplicates, and leaves one value in each exclusive group by the
// policy. It returns the number of tags kept, at the front of tags, and,
// if report is set, the conflicts. It allocates only for conflicts and
// for more than 32 tags.
func (pl *Pipeline) resolve(tags []Tag, src []uint16, report bool) (int, []Conflict) {
	sortByGroup(tags, src)
	var conflicts []Conflict
	w := 0
	put := func(i int) {
		tags[w] = tags[i]
		if src != nil {
			src[w] = src[i]
		}
		w++
	}
	for a := 0; a < len(tags); {
		b := a + 1
		for b < len(tags) && tags[b].Group == tags[a].Group {
			b++
		}
		switch {
		case b-a == 1:
			put(a)
		case !pl.multi(tags[a].Group):
			k := b - 1
			if pl.first {
				k = a
			}
			clash := false
			for i := a; i < b; i++ {
				if tags[i].Value != tags[k].Value {
					clash = true
					break
				}
			}
			if clash && report && src != nil {
				conflicts = append(conflicts, pl.conflict(tags[a:b], src[a:b], k-a))
			}
			put(k)
		default:
			sortByValue(tags[a:b], sub(src, a, b))
			last := ""
			for i := a; i < b; i++ {
				if i > a && tags[i].Value == last {
					continue
				}
				last = tags[i].Value
				put(i)
			}
		}
		a = b
	}
	return w, conflicts
}

func sub(src []uint16, a, b int) []uint16 {
	if src == nil {
		return nil
	}
	return src[a:b]
}

// conflict describes the run tags (all one group, in pipeline order) of
// which tags[k] was kept.
func (pl *Pipeline) conflict(tags []Tag, src []uint16, k int) Conflict {
	c := Conflict{Group: tags[k].Group, Kept: Candidate{Value: tags[k].Value, Source: pl.names[src[k]]}}
	for i, t := range tags {
		if t.Value == c.Kept.Value || slices.ContainsFunc(c.Dropped, func(d Candidate) bool { return d.Value == t.Value }) {
			continue
		}
		c.Dropped = append(c.Dropped, Candidate{Value: t.Value, Source: pl.names[src[i]]})
	}
	return c
}

// sortByGroup sorts tags stably by group, moving src in step.
func sortByGroup(tags []Tag, src []uint16) {
	if len(tags) > 32 {
		sortLarge(tags, src, func(a, b Tag) int { return strings.Compare(a.Group, b.Group) })
		return
	}
	for i := 1; i < len(tags); i++ {
		for j := i; j > 0 && tags[j-1].Group > tags[j].Group; j-- {
			tags[j-1], tags[j] = tags[j], tags[j-1]
			if src != nil {
				src[j-1], src[j] = src[j], src[j-1]
			}
		}
	}
}

// sortByValue sorts tags stably by value, moving src in step.
func sortByValue(tags []Tag, src []uint16) {
	if len(tags) > 32 {
		sortLarge(tags, src, func(a, b Tag) int { return strings.Compare(a.Value, b.Value) })
		return
	}
	for i := 1; i < len(tags); i++ {
		for j := i; j > 0 && tags[j-1].Value > tags[j].Value; j-- {
			tags[j-1], tags[j] = tags[j], tags[j-1]
			if src != nil {
				src[j-1], src[j] = src[j], src[j-1]
			}
		}
	}
}

func sortLarge(tags []Tag, src []uint16, cmp func(a, b Tag) int) {
	type entry struct {
		t Tag
		s uint16
	}
	es := make([]entry, len(tags))
	for i := range tags {
		es[i].t = tags[i]
		if src != nil {
			es[i].s = src[i]
		}
	}
	slices.SortStableFunc(es, func(a, b entry) int { return cmp(a.t, b.t) })
	for i := range es {
		tags[i] = es[i].t
		if src != nil {
			src[i] = es[i].s
		}
	}
}
