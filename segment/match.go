package segment

import (
	"strings"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// facts are a member's values, looked up at most once per evaluation.
type facts struct {
	m        *Member
	cityDone bool
	city     *cityRow
	provDone bool
	prov     *provinceRow
}

func (x *facts) cityRow() *cityRow {
	if !x.cityDone {
		x.cityDone = true
		x.city = lookupCity(memberCity(x.m))
	}
	return x.city
}

// province returns the row of the member's province: the record's own,
// else its city's.
func (x *facts) province() *provinceRow {
	if !x.provDone {
		x.provDone = true
		var p string
		switch {
		case x.m.Person != nil:
			p = x.m.Person.Province
		case x.m.Company != nil:
			p = x.m.Company.Province
		}
		if p != "" {
			x.prov = lookupProvince(p)
		}
		if x.prov == nil {
			if r := x.cityRow(); r != nil {
				x.prov = lookupProvince(r.province)
			}
		}
	}
	return x.prov
}

// purchases returns the member's summary when it has a purchase.
func (x *facts) purchases() *customer.Summary {
	if s := x.m.Summary; s != nil && s.Orders > 0 {
		return s
	}
	return nil
}

func (c *Condition) match(x *facts) bool {
	switch fields[c.field].kind {
	case kNumber:
		v, ok := c.number(x)
		return ok && c.inRange(v)
	case kMoney:
		d, ok := c.amount(x)
		if !ok {
			return false
		}
		if u, fits := money.Units(d); fits {
			return c.inUnits(u)
		}
		return c.inDecimal(d)
	case kEnum:
		bit, ok := c.enum(x)
		if !ok {
			return false
		}
		in := c.mask&(1<<bit) != 0
		return in == (c.op == opEq || c.op == opIn)
	case kTag:
		has := false
		for _, t := range c.tags {
			if x.m.Tags.Has(t) {
				has = true
				break
			}
		}
		return has == (c.op == opEq || c.op == opIn)
	}
	v, ok := c.text(x)
	if !ok {
		return false
	}
	in := false
	for _, want := range c.texts {
		if c.field == fIndustry {
			if v == want || NBSIndustry(v) == want {
				in = true
				break
			}
		} else if strings.EqualFold(v, want) {
			in = true
			break
		}
	}
	return in == (c.op == opEq || c.op == opIn)
}

func (c *Condition) inRange(v float64) bool { return holds(c.op, v, c.nums[0], c.nums[1]) }

func (c *Condition) inUnits(v int64) bool { return holds(c.op, v, c.units[0], c.units[1]) }

// holds reports whether v satisfies the comparison op against lo (or, for
// a range, lies in [lo, hi]).
func holds[T int64 | float64](o op, v, lo, hi T) bool {
	switch o {
	case opEq:
		return v == lo
	case opNe:
		return v != lo
	case opGt:
		return v > lo
	case opGe:
		return v >= lo
	case opLt:
		return v < lo
	case opLe:
		return v <= lo
	}
	return lo <= v && v <= hi
}

func (c *Condition) inDecimal(v decimal.Decimal) bool {
	lo, hi := v.Cmp(c.money[0]), v.Cmp(c.money[1])
	switch c.op {
	case opEq:
		return lo == 0
	case opNe:
		return lo != 0
	case opGt:
		return lo > 0
	case opGe:
		return lo >= 0
	case opLt:
		return lo < 0
	case opLe:
		return lo <= 0
	}
	return lo >= 0 && hi <= 0
}

// number returns the member's value of a numeric field.
func (c *Condition) number(x *facts) (float64, bool) {
	m := x.m
	switch c.field {
	case fAge:
		a, ok := memberAge(m)
		return float64(a), ok
	case fCompanyAge:
		a, ok := companyYears(m)
		return float64(a), ok
	case fEmployees:
		if m.Company != nil && m.Company.Employees > 0 {
			return float64(m.Company.Employees), true
		}
	case fDecisionCycle:
		if m.Company != nil && m.Company.DecisionCycleDays > 0 {
			return float64(m.Company.DecisionCycleDays), true
		}
	case fOrders:
		if m.Summary == nil {
			return 0, true
		}
		return float64(m.Summary.Orders), true
	case fFrequency:
		if m.Summary == nil {
			return 0, true
		}
		return m.Summary.PurchasesPerMonth, true
	case fRecency:
		if s := x.purchases(); s != nil {
			d, ok := s.DaysSinceLast()
			return float64(d), ok
		}
	case fOnlineShare:
		if s := x.purchases(); s != nil {
			return s.OnlineShare(), true
		}
	case fOfflineShare:
		if s := x.purchases(); s != nil {
			return s.OfflineShare(), true
		}
	case fDiscountShare:
		if s := x.purchases(); s != nil {
			return s.DiscountShare(), true
		}
	case fRepeatRate:
		if s := x.purchases(); s != nil {
			return float64(s.Orders-1) / float64(s.Orders), true
		}
	case fR, fF, fM:
		if m.RFM == nil {
			return 0, false
		}
		switch c.field {
		case fR:
			return float64(m.RFM.R), true
		case fF:
			return float64(m.RFM.F), true
		}
		return float64(m.RFM.M), true
	}
	return 0, false
}

// amount returns the member's value of a money field.
func (c *Condition) amount(x *facts) (decimal.Decimal, bool) {
	m := x.m
	switch c.field {
	case fAOV:
		if s := x.purchases(); s != nil {
			return s.AvgOrderValue, true
		}
	case fSpend:
		if m.Summary == nil {
			return decimal.Decimal{}, true
		}
		return m.Summary.Net, true
	case fRevenue:
		if m.Company != nil && m.Company.Revenue.Sign() > 0 {
			return m.Company.Revenue, true
		}
	}
	return decimal.Decimal{}, false
}

// enum returns the bit of the member's value of an enum field.
func (c *Condition) enum(x *facts) (uint, bool) {
	m := x.m
	switch c.field {
	case fGender:
		if m.Person != nil {
			switch m.Person.Gender {
			case customer.Male:
				return 0, true
			case customer.Female:
				return 1, true
			}
		}
	case fTier:
		if r := x.cityRow(); r != nil {
			return uint(r.tier - tier1), true
		}
	case fRegion:
		if p := x.province(); p != nil && p.region != regionUnknown {
			return uint(p.region - northChina), true
		}
	case fSide:
		if p := x.province(); p != nil && p.side != sideUnknown {
			return uint(p.side - north), true
		}
	case fSize:
		if s := memberSize(m); s != SizeUnknown {
			return uint(s - Large), true
		}
	}
	return 0, false
}

// text returns the member's value of a text field, trimmed.
func (c *Condition) text(x *facts) (string, bool) {
	m := x.m
	var v string
	switch c.field {
	case fIncome:
		if m.Person != nil {
			v = m.Person.IncomeBand
		}
	case fOccupation:
		if m.Person != nil {
			v = m.Person.Occupation
		}
	case fCity:
		if r := x.cityRow(); r != nil {
			return r.name, true
		}
		v = stripCity(memberCity(m))
	case fProvince:
		if p := x.province(); p != nil {
			return p.name, true
		}
	case fIndustry:
		if m.Company != nil {
			v = m.Company.Industry
		}
	case fCategory:
		if s := x.purchases(); s != nil && len(s.Categories) > 0 {
			v = s.Categories[0].Category
		}
	case fChannel:
		if s := x.purchases(); s != nil && len(s.Channels) > 0 {
			v = string(s.Channels[0].Channel)
		}
	}
	v = strings.TrimSpace(v)
	return v, v != ""
}
