package customer

import (
	"cmp"
	"slices"
	"time"
)

// merge ranks the input records members and merges them.
func (e *engine[T]) merge(members []int32, in []T) node[T] {
	id := func(v int32) ID { return e.info.id(&in[v]) }
	if e.complete != nil {
		// The default rule: completeness, then the latest update, then ID.
		type ranked struct {
			v     int32
			score float64
			at    time.Time
		}
		rs := make([]ranked, len(members))
		for i, v := range members {
			r := &in[v]
			rs[i] = ranked{v, e.complete.score(r), recency(e.info.updated(r), e.info.created(r))}
		}
		slices.SortFunc(rs, func(a, b ranked) int {
			return cmp.Or(cmp.Compare(b.score, a.score), laterFirst(a.at, b.at), cmp.Compare(id(a.v), id(b.v)))
		})
		for i := range rs {
			members[i] = rs[i].v
		}
	} else {
		slices.SortFunc(members, func(a, b int32) int {
			return cmp.Or(e.rank(&in[a], &in[b]), cmp.Compare(id(a), id(b)))
		})
	}
	ms := make([]*T, len(members))
	for i, m := range members {
		ms[i] = &in[m]
	}
	rec, prov := mergeRecords(e.info, ms, e.rules, true)
	return node[T]{rec: rec, members: members, prov: prov}
}
