package segment

import (
	"fmt"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/tagging"
)

// Members joins what is known about customers into the members [Run]
// takes: each person and company with its summary, RFM scores and tags,
// matched by customer ID, so that a host goes from orders to segments
// without building maps:
//
//	sums, _, err := customer.Summarize(ctx, slices.Values(orders), asOf, customer.SummaryOptions{})
//	values, _, err := rfm.Compute(ctx, slices.Values(orders), asOf, rfm.Options{})
//	scores, err := rfm.Quantile{}.Score(values)
//	var results []tagging.Result
//	for r, err := range tagging.Apply(ctx, tagging.Profiles(people, sums, asOf), taggers, tagging.Options{}) {
//		// handle err
//		results = append(results, r)
//	}
//	members, unmatched, err := segment.Members{AsOf: asOf, People: people, Summaries: sums, Scores: scores, Tags: results}.Join()
//	res, err := segment.Run(ctx, members, rs, segment.Options{})
//
// Every field is optional. The members point into the slices given, which
// must not change while the members are used.
type Members struct {
	// AsOf is the date the members are segmented at (their Profile.AsOf).
	// Zero means each member's summary's date; a member without a summary
	// then has no date and Run skips it as invalid.
	AsOf time.Time
	// People and Companies are the customers, one member each: persons
	// first, then companies, in order. Their IDs must be non-empty and
	// unique across both.
	People    []customer.Person
	Companies []customer.Company
	// Summaries are the customers' buying behaviour, typically
	// customer.Summarize's output, matched by Summary.CustomerID. A
	// customer without one has a nil Member.Summary: a prospect.
	Summaries []customer.Summary
	// Scores are the customers' RFM scores, matched by Scores.CustomerID.
	// A customer without scores has a nil Member.RFM.
	Scores []rfm.Scores
	// Tags are the customers' tagging results (what tagging.Apply
	// yields), matched by Result.ID. A member's Tags are Result.Merged():
	// the computed tags with the manual ones laid over them; its Manual
	// is Result.Manual. A customer without a result has no tags.
	Tags []tagging.Result
}

// Unmatched is what [Members.Join] could not pair: the summaries, scores
// and tag results of customers that are neither among the people nor the
// companies (listed by ID, in input order, so that none is lost
// silently), and the number of members without each.
type Unmatched struct {
	Summaries []customer.ID
	Scores    []customer.ID
	Tags      []customer.ID
	// NoSummary, NoScores and NoTags count the members that got no
	// summary, no scores and no tags: all of them when the field of
	// Members is nil.
	NoSummary, NoScores, NoTags int
}

// Join returns one [Member] per person and per company, persons first,
// each in input order, with the summary, scores and tags of the same
// customer ID; and what could not be paired. An empty or repeated ID
// among the people and companies, or a repeated ID among the summaries,
// the scores or the tag results, is an error wrapping [ErrDuplicateID]
// that names the position; an empty ID among the latter cannot match and
// is listed in Unmatched. Join does not modify its inputs.
func (ms Members) Join() ([]Member, Unmatched, error) {
	var un Unmatched
	n := len(ms.People) + len(ms.Companies)
	at := make(map[customer.ID]int, n) // customer ID -> member index
	out := make([]Member, 0, n)
	add := func(kind string, i int, id customer.ID, m Member) error {
		if id == "" {
			return fmt.Errorf("%w: %s[%d] has an empty customer ID", ErrDuplicateID, kind, i)
		}
		if _, dup := at[id]; dup {
			return fmt.Errorf("%w: %s[%d]: customer ID %s repeats", ErrDuplicateID, kind, i, quoteID(id))
		}
		at[id] = len(out)
		m.AsOf = ms.AsOf
		out = append(out, m)
		return nil
	}
	for i := range ms.People {
		p := &ms.People[i]
		if err := add("People", i, p.ID, Member{Profile: tagging.Profile{Person: p}}); err != nil {
			return nil, Unmatched{}, err
		}
	}
	for i := range ms.Companies {
		c := &ms.Companies[i]
		if err := add("Companies", i, c.ID, Member{Profile: tagging.Profile{Company: c}}); err != nil {
			return nil, Unmatched{}, err
		}
	}

	// pair calls set for each member with an element of a side, and
	// lists the IDs no member has.
	seen := make(map[customer.ID]int)
	pair := func(kind string, count int, idOf func(i int) customer.ID, set func(m *Member, i int), unmatched *[]customer.ID) error {
		clear(seen)
		for i := range count {
			id := idOf(i)
			if id != "" {
				if j, dup := seen[id]; dup {
					return fmt.Errorf("%w: %s[%d]: customer ID %s repeats %s[%d]", ErrDuplicateID, kind, i, quoteID(id), kind, j)
				}
				seen[id] = i
			}
			k, ok := at[id]
			if !ok {
				*unmatched = append(*unmatched, id)
				continue
			}
			set(&out[k], i)
		}
		return nil
	}
	err := pair("Summaries", len(ms.Summaries), func(i int) customer.ID { return ms.Summaries[i].CustomerID },
		func(m *Member, i int) { m.Summary = &ms.Summaries[i] }, &un.Summaries)
	if err == nil {
		err = pair("Scores", len(ms.Scores), func(i int) customer.ID { return ms.Scores[i].CustomerID },
			func(m *Member, i int) { m.RFM = &ms.Scores[i] }, &un.Scores)
	}
	tagged := 0
	if err == nil {
		err = pair("Tags", len(ms.Tags), func(i int) customer.ID { return ms.Tags[i].ID },
			func(m *Member, i int) { m.Tags, m.Manual = ms.Tags[i].Merged(), ms.Tags[i].Manual; tagged++ }, &un.Tags)
	}
	if err != nil {
		return nil, Unmatched{}, err
	}
	un.NoSummary = len(out) - (len(ms.Summaries) - len(un.Summaries))
	un.NoScores = len(out) - (len(ms.Scores) - len(un.Scores))
	un.NoTags = len(out) - tagged
	return out, un, nil
}

// quoteID quotes a customer ID for an error message, shortened.
func quoteID(id customer.ID) string {
	s := string(id)
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return strconv.Quote(s)
}
