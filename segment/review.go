package segment

import (
	"fmt"
	"iter"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// Period is one period of a review: the members as they were in it and
// their segmentation. For the behaviour metrics to describe the period,
// the members' Summaries must be of the period's orders only (summarise
// Between(orders, start, end) with customer.Summarize).
type Period struct {
	Members []Member
	Result  *Result // Run's result on Members
}

// Between returns the orders dated from from (inclusive) to to
// (exclusive): the orders of one review period. The sequence is as
// reusable as orders.
func Between(orders iter.Seq[customer.Order], from, to time.Time) iter.Seq[customer.Order] {
	return func(yield func(customer.Order) bool) {
		for o := range orders {
			if !o.At.Before(from) && o.At.Before(to) && !yield(o) {
				return
			}
		}
	}
}

// ReviewOptions configures Compare. The zero value compares without
// campaign costs and with the default completeness weights.
type ReviewOptions struct {
	// Costs holds the campaign cost spent on each segment (by the before
	// period's segment ID) during the after period, in yuan. Segments
	// without a cost get no ROI. nil means none; a negative cost or an
	// ID the before period does not have is an error.
	Costs map[string]decimal.Decimal
	// Completeness weighs the fields of the data-quality KPI. The zero
	// value uses customer's default weights.
	Completeness customer.Completeness
}

// Review compares two periods: per segment of the first, how its members
// behaved in the second; how customers moved between segments; and the
// completeness of the records in each period.
type Review struct {
	Segments  []SegmentReview `json:"segments"`
	Migration Migration       `json:"migration"`
	Before    Quality         `json:"before_quality"`
	After     Quality         `json:"after_quality"`
}

// SegmentReview holds the metrics of one segment of the before period,
// over the members it had then (the cohort), whatever segment they are in
// afterwards. Members in several segments count in each.
type SegmentReview struct {
	Segment Segment `json:"segment"`
	// Members is the size of the cohort; Retained how many of them are
	// members in the after period too.
	Members  int `json:"members"`
	Retained int `json:"retained"`
	// Buyers bought in the before period, Converted in the after period,
	// Repurchased in both.
	Buyers      int `json:"buyers"`
	Converted   int `json:"converted"`
	Repurchased int `json:"repurchased"`
	// ConversionRate is Converted / Members; RepurchaseRate is
	// Repurchased / Buyers. Both are 0 when the divisor is.
	ConversionRate float64 `json:"conversion_rate"`
	RepurchaseRate float64 `json:"repurchase_rate"`
	// AOVBefore and AOVAfter are the cohort's net spend divided by its
	// purchases in each period, rounded half away from zero to the fen;
	// zero without purchases. AOVChange is their difference and
	// AOVChangeRate its ratio to AOVBefore (0 when AOVBefore is zero).
	AOVBefore     decimal.Decimal `json:"aov_before"`
	AOVAfter      decimal.Decimal `json:"aov_after"`
	AOVChange     decimal.Decimal `json:"aov_change"`
	AOVChangeRate float64         `json:"aov_change_rate"`
	// Revenue is the cohort's net spend in the after period, Cost the
	// campaign cost (ReviewOptions.Costs) and ROI (Revenue − Cost) / Cost,
	// rounded half away from zero to four decimal places; HasROI is false,
	// and ROI zero, without a positive cost.
	Revenue decimal.Decimal `json:"revenue"`
	Cost    decimal.Decimal `json:"cost"`
	ROI     decimal.Decimal `json:"roi"`
	HasROI  bool            `json:"has_roi"`
	// Completeness is the mean completeness score of the cohort's records
	// in the before period (see customer.Completeness).
	Completeness float64 `json:"completeness"`
}

// Labels of the extra rows and columns of a Migration.
const (
	noSegment = "(none)"   // valid members in no segment
	absent    = "(absent)" // customers missing from the other period
)

// Migration is the matrix of customers moving between segments from one
// period to the next, matched by customer ID and counted by their first
// (primary) segment.
type Migration struct {
	// From lists the rows: the before period's segment IDs, then
	// "(none)" for valid members in no segment, then "(absent)" for the
	// customers only in the after period. To lists the columns likewise
	// for the after period ("(absent)": customers only in the before
	// period).
	From []string `json:"from"`
	To   []string `json:"to"`
	// Counts[i][j] is the number of customers in From[i] before and To[j]
	// after.
	Counts [][]int `json:"counts"`
	// Stayed counts the customers in a segment in both periods whose
	// segment ID did not change, Moved those whose ID changed. Stability
	// is Stayed / (Stayed + Moved), 0 when both are 0.
	Stayed    int     `json:"stayed"`
	Moved     int     `json:"moved"`
	Stability float64 `json:"stability"`
}

// Quality is the data-quality KPI of one period's records.
type Quality struct {
	Persons   customer.CompletenessReport `json:"persons"`
	Companies customer.CompletenessReport `json:"companies"`
	// Score is the mean completeness over persons and companies together.
	Score float64 `json:"score"`
	// MeetsTarget reports Score ≥ customer.CompletenessTarget.
	MeetsTarget bool `json:"meets_target"`
}

// periodData is one member's behaviour in a period.
type periodData struct {
	orders int
	net    decimal.Decimal
}

// Compare reviews the after period against the before period. It returns
// an error wrapping ErrMismatch for a period without a Result or whose
// Result was computed on a different number of members, ErrDuplicateID
// for a customer ID that occurs twice among one period's valid members,
// ErrConfig for bad costs, and the completeness weights' error. It does
// not modify its inputs.
func Compare(before, after Period, opts ReviewOptions) (*Review, error) {
	for k, p := range []Period{before, after} {
		if p.Result == nil || p.Result.Members != len(p.Members) {
			return nil, fmt.Errorf("%w: period %d: result is not of its %d members", ErrMismatch, k, len(p.Members))
		}
	}
	for id, c := range opts.Costs {
		if before.Result.Index(id) < 0 {
			return nil, fmt.Errorf("%w: cost for segment %q, which the before period does not have", ErrConfig, id)
		}
		if c.Sign() < 0 {
			return nil, fmt.Errorf("%w: negative cost for segment %q", ErrConfig, id)
		}
	}
	idxBefore, err := indexByID(before, "before")
	if err != nil {
		return nil, err
	}
	idxAfter, err := indexByID(after, "after")
	if err != nil {
		return nil, err
	}
	data := func(m *Member) periodData {
		if m.Summary == nil {
			return periodData{}
		}
		return periodData{orders: m.Summary.Orders, net: m.Summary.Net}
	}

	rb := before.Result
	rev := &Review{Segments: make([]SegmentReview, len(rb.Segments))}
	type acc struct {
		ordersBefore, ordersAfter int
		netBefore, netAfter       money.Sum
		members                   []int
	}
	accs := make([]acc, len(rb.Segments))
	for i := range before.Members {
		segs := rb.Of(i)
		if len(segs) == 0 {
			continue
		}
		m := &before.Members[i]
		b := data(m)
		var a periodData
		j, retained := idxAfter[m.ID()]
		if retained {
			a = data(&after.Members[j])
		}
		for _, k := range segs {
			sr, ac := &rev.Segments[k], &accs[k]
			sr.Members++
			ac.members = append(ac.members, i)
			if retained {
				sr.Retained++
			}
			if b.orders > 0 {
				sr.Buyers++
			}
			if a.orders > 0 {
				sr.Converted++
				if b.orders > 0 {
					sr.Repurchased++
				}
			}
			ac.ordersBefore += b.orders
			ac.ordersAfter += a.orders
			ac.netBefore.Add(b.net)
			ac.netAfter.Add(a.net)
		}
	}
	aov := func(net money.Sum, orders int) decimal.Decimal {
		if orders == 0 {
			return decimal.Decimal{}
		}
		return net.Decimal().DivRound(decimal.NewFromInt(int64(orders)), 2)
	}
	for k := range rev.Segments {
		sr, ac := &rev.Segments[k], &accs[k]
		sr.Segment = rb.Segments[k]
		sr.ConversionRate = share(sr.Converted, sr.Members)
		sr.RepurchaseRate = share(sr.Repurchased, sr.Buyers)
		sr.AOVBefore = aov(ac.netBefore, ac.ordersBefore)
		sr.AOVAfter = aov(ac.netAfter, ac.ordersAfter)
		sr.AOVChange = sr.AOVAfter.Sub(sr.AOVBefore)
		if !sr.AOVBefore.IsZero() {
			sr.AOVChangeRate = sr.AOVChange.Div(sr.AOVBefore).InexactFloat64()
		}
		sr.Revenue = ac.netAfter.Decimal()
		if c, ok := opts.Costs[sr.Segment.ID]; ok {
			sr.Cost = c
			if c.Sign() > 0 {
				sr.HasROI = true
				sr.ROI = sr.Revenue.Sub(c).DivRound(c, 4)
			}
		}
		q, err := quality(opts.Completeness, before.Members, ac.members)
		if err != nil {
			return nil, err
		}
		sr.Completeness = q.Score
	}

	rev.Migration = migrate(before, after, idxBefore, idxAfter)
	if rev.Before, err = quality(opts.Completeness, before.Members, nil); err != nil {
		return nil, err
	}
	if rev.After, err = quality(opts.Completeness, after.Members, nil); err != nil {
		return nil, err
	}
	return rev, nil
}

// indexByID maps the IDs of a period's valid members to their indexes.
func indexByID(p Period, name string) (map[customer.ID]int, error) {
	idx := make(map[customer.ID]int, len(p.Members))
	for i := range p.Members {
		m := &p.Members[i]
		if !m.valid() {
			continue
		}
		if _, dup := idx[m.ID()]; dup {
			return nil, fmt.Errorf("%w: member %d of the %s period", ErrDuplicateID, i, name)
		}
		idx[m.ID()] = i
	}
	return idx, nil
}

// migrate builds the migration matrix.
func migrate(before, after Period, idxBefore, idxAfter map[customer.ID]int) Migration {
	rb, ra := before.Result, after.Result
	var mg Migration
	for _, s := range rb.Segments {
		mg.From = append(mg.From, s.ID)
	}
	for _, s := range ra.Segments {
		mg.To = append(mg.To, s.ID)
	}
	mg.From = append(mg.From, noSegment, absent)
	mg.To = append(mg.To, noSegment, absent)
	mg.Counts = make([][]int, len(mg.From))
	for i := range mg.Counts {
		mg.Counts[i] = make([]int, len(mg.To))
	}
	noneRow, absentRow := len(mg.From)-2, len(mg.From)-1
	noneCol, absentCol := len(mg.To)-2, len(mg.To)-1
	for i := range before.Members {
		if rb.inv[i] {
			continue
		}
		row := noneRow
		if k, ok := rb.Primary(i); ok {
			row = k
		}
		col := absentCol
		if j, ok := idxAfter[before.Members[i].ID()]; ok {
			col = noneCol
			if k, ok := ra.Primary(j); ok {
				col = k
			}
		}
		mg.Counts[row][col]++
		if row < noneRow && col < noneCol {
			if rb.Segments[row].ID == ra.Segments[col].ID {
				mg.Stayed++
			} else {
				mg.Moved++
			}
		}
	}
	for j := range after.Members {
		if ra.inv[j] {
			continue
		}
		if _, ok := idxBefore[after.Members[j].ID()]; ok {
			continue
		}
		col := noneCol
		if k, ok := ra.Primary(j); ok {
			col = k
		}
		mg.Counts[absentRow][col]++
	}
	mg.Stability = share(mg.Stayed, mg.Stayed+mg.Moved)
	return mg
}

// quality measures the completeness of the members at the given indexes,
// or of every valid member when idx is nil.
func quality(c customer.Completeness, members []Member, idx []int) (Quality, error) {
	each := func(yield func(*Member) bool) {
		if idx == nil {
			for i := range members {
				if members[i].valid() && !yield(&members[i]) {
					return
				}
			}
			return
		}
		for _, i := range idx {
			if !yield(&members[i]) {
				return
			}
		}
	}
	var q Quality
	var err error
	q.Persons, err = c.People(func(yield func(customer.Person) bool) {
		for m := range each {
			if m.Person != nil && !yield(*m.Person) {
				return
			}
		}
	})
	if err != nil {
		return Quality{}, err
	}
	q.Companies, err = c.Companies(func(yield func(customer.Company) bool) {
		for m := range each {
			if m.Company != nil && !yield(*m.Company) {
				return
			}
		}
	})
	if err != nil {
		return Quality{}, err
	}
	if n := q.Persons.Records + q.Companies.Records; n > 0 {
		q.Score = (q.Persons.Score*float64(q.Persons.Records) + q.Companies.Score*float64(q.Companies.Records)) / float64(n)
	}
	q.MeetsTarget = q.Score >= customer.CompletenessTarget
	return q, nil
}
