package segment

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

// fieldID identifies what a condition reads.
type fieldID uint8

const (
	fNone fieldID = iota
	// demographics
	fAge
	fGender
	fIncome
	fOccupation
	// geography
	fCity
	fTier
	fProvince
	fRegion
	fSide
	// firmographics
	fIndustry
	fCompanyAge
	fEmployees
	fRevenue
	fSize
	// behaviour
	fDecisionCycle
	fOrders
	fFrequency
	fRecency
	fAOV
	fSpend
	fOnlineShare
	fOfflineShare
	fDiscountShare
	fRepeatRate
	fCategory
	fChannel
	fR
	fF
	fM
	// tags
	fTag
)

// kind is the type of a field's values.
type kind uint8

const (
	kNumber kind = iota + 1 // float64 bounds
	kMoney                  // decimal bounds, compared exactly
	kText                   // free text, compared case-insensitively
	kEnum                   // a closed set held as a bit mask
	kTag                    // tags
)

type fieldInfo struct {
	name string
	dim  Dimension
	kind kind
}

// fields describes every field; the index is the fieldID.
var fields = [...]fieldInfo{
	fNone:          {},
	fAge:           {"age", Demographics, kNumber},
	fGender:        {"gender", Demographics, kEnum},
	fIncome:        {"income", Demographics, kText},
	fOccupation:    {"occupation", Demographics, kText},
	fCity:          {"city", Geography, kText},
	fTier:          {"tier", Geography, kEnum},
	fProvince:      {"province", Geography, kText},
	fRegion:        {"region", Geography, kEnum},
	fSide:          {"side", Geography, kEnum},
	fIndustry:      {"industry", Firmographics, kText},
	fCompanyAge:    {"company_age", Firmographics, kNumber},
	fEmployees:     {"employees", Firmographics, kNumber},
	fRevenue:       {"revenue", Firmographics, kMoney},
	fSize:          {"size", Firmographics, kEnum},
	fDecisionCycle: {"decision_cycle", Behaviour, kNumber},
	fOrders:        {"orders", Behaviour, kNumber},
	fFrequency:     {"frequency", Behaviour, kNumber},
	fRecency:       {"recency", Behaviour, kNumber},
	fAOV:           {"aov", Behaviour, kMoney},
	fSpend:         {"spend", Behaviour, kMoney},
	fOnlineShare:   {"online_share", Behaviour, kNumber},
	fOfflineShare:  {"offline_share", Behaviour, kNumber},
	fDiscountShare: {"discount_share", Behaviour, kNumber},
	fRepeatRate:    {"repeat_rate", Behaviour, kNumber},
	fCategory:      {"category", Behaviour, kText},
	fChannel:       {"channel", Behaviour, kText},
	fR:             {"r", Behaviour, kNumber},
	fF:             {"f", Behaviour, kNumber},
	fM:             {"m", Behaviour, kNumber},
	fTag:           {"tag", Psychographics, kTag},
}

var fieldByName = func() map[string]fieldID {
	m := make(map[string]fieldID, len(fields))
	for i := 1; i < len(fields); i++ {
		m[fields[i].name] = fieldID(i)
	}
	return m
}()

// op is a comparison.
type op uint8

const (
	opEq op = iota + 1
	opNe
	opGt
	opGe
	opLt
	opLe
	opBetween
	opIn
	opNotIn
)

var opNames = [...]string{"", "=", "!=", ">", ">=", "<", "<=", "between", "in", "not in"}

// enumValues lists, per enum field, its values in bit order with their
// accepted spellings; the first spelling is canonical.
var enumValues = map[fieldID][][]string{
	fGender: {{"male", "m", "男"}, {"female", "f", "女"}},
	fTier:   {{"一线", "tier1"}, {"新一线", "new-tier1"}, {"二线", "tier2"}, {"三线", "tier3"}, {"四线", "tier4"}, {"五线", "tier5"}},
	fRegion: {{"华北"}, {"东北"}, {"华东"}, {"华中"}, {"华南"}, {"西南"}, {"西北"}},
	fSide:   {{"北方", "north"}, {"南方", "south"}},
	fSize:   {{"大型", "large"}, {"中型", "medium"}, {"小型", "small"}, {"微型", "micro"}},
}

// Condition is one test of a rule, parsed from text by ParseCondition,
// such as "age between 18 and 30" or "tier in 一线, 新一线". The zero value
// is not a valid condition. A Condition is immutable and safe for
// concurrent use.
type Condition struct {
	field fieldID
	op    op
	nums  [2]float64         // kNumber bounds: [lo, hi]
	units [2]int64           // kMoney bounds in money units (1e-4 yuan)
	texts []string           // kText values, canonical
	mask  uint16             // kEnum values, bit i = value i
	tags  []tagging.Tag      // kTag values
	money [2]decimal.Decimal // kMoney bounds as decimals, for members whose values do not fit units
}

// ParseCondition parses a condition written as "field operator value":
//
//	age between 18 and 30
//	tier in 一线, 新一线, 二线
//	online_share >= 60%
//	aov between 200 and 2000
//	employees >= 5000
//	industry in 工业, 软件和信息技术服务业
//	tag = need=price-sensitive
//	tag not in lifecycle=churned, lifecycle=dormant
//
// Operators are =, !=, >, >=, <, <= and "between A and B" (inclusive) for
// numeric fields, and =, !=, "in" and "not in" (a list separated by
// commas, "，" or "、") for the others. Numbers may end in % (60% is 0.6).
// The fields, by dimension:
//
//   - demographics: age (years at the member's as-of date), gender (male,
//     female, 男, 女), income and occupation (compared with the person's
//     IncomeBand and Occupation, ignoring case);
//   - geography: city (with or without 市), tier (一线, 新一线, 二线 … 五线),
//     province (浙江, 浙江省 or 33), region (华北 … 西北), side (北方, 南方);
//     province, region and side come from the record's province, or else
//     from its city;
//   - firmographics: industry (the company's industry as written, or its
//     NBS row: "industry = 工业" matches a company in 制造业), company_age
//     (years since founding), employees, revenue (yuan), size (大型, 中型,
//     小型, 微型, by SizeClass);
//   - behaviour, from the customer.Summary: orders (purchases; 0 without a
//     summary), frequency (purchases per month in the activity window),
//     recency (days since the last purchase), aov, spend (net, yuan),
//     online_share, offline_share, discount_share, repeat_rate ((purchases−1)
//     / purchases), category (the category with the most spend), channel
//     (the channel with the most purchases); decision_cycle (a company's
//     procurement cycle in days); r, f and m (the member's RFM scores);
//   - tags: tag, with values written group=value; "=" and "in" hold when
//     the member has the tag (any of them), "!=" and "not in" when it has
//     none of them. Tags in the groups of tagging's behavioural taggers
//     count as behaviour, other groups as psychographics (see
//     TagDimension).
//
// A condition on a value the member does not have is false whatever the
// operator (a person without a birth date is neither "age < 30" nor "age
// >= 30"), except for tags, whose absence is known. Money bounds may have
// at most four decimal places. Errors are *ConditionError values wrapping
// ErrCondition; ParseCondition never panics.
func ParseCondition(s string) (Condition, error) {
	text := strings.TrimSpace(s)
	bad := func(reason string) (Condition, error) {
		return Condition{}, &ConditionError{Text: s, Reason: reason}
	}
	name, rest, _ := strings.Cut(text, " ")
	name = strings.TrimSpace(name)
	// Allow "age>=18" without spaces.
	if i := strings.IndexAny(name, "=!<>"); i > 0 {
		name, rest = name[:i], text[i:]
	}
	if name == "" {
		return bad("empty condition")
	}
	f, ok := fieldByName[strings.ToLower(name)]
	if !ok {
		return bad("unknown field " + strconv.Quote(name))
	}
	info := fields[f]
	rest = strings.TrimSpace(rest)
	var o op
	for _, cand := range []struct {
		word string
		op   op
		sep  bool // needs a space after it
	}{
		{"not in", opNotIn, true}, {"between", opBetween, true}, {"in", opIn, true},
		{">=", opGe, false}, {"<=", opLe, false}, {"!=", opNe, false},
		{">", opGt, false}, {"<", opLt, false}, {"=", opEq, false},
	} {
		after, found := cutPrefixFold(rest, cand.word)
		if !found || cand.sep && after != "" && after[0] != ' ' {
			continue
		}
		o, rest = cand.op, strings.TrimSpace(after)
		break
	}
	if o == 0 {
		return bad("missing operator after " + strconv.Quote(name))
	}
	if rest == "" {
		return bad("missing value")
	}
	c := Condition{field: f, op: o}
	numeric := info.kind == kNumber || info.kind == kMoney
	switch {
	case numeric && (o == opIn || o == opNotIn):
		return bad(info.name + " takes =, !=, <, <=, >, >= or between, not " + opNames[o])
	case !numeric && o != opEq && o != opNe && o != opIn && o != opNotIn:
		return bad(info.name + " takes =, !=, in or not in, not " + opNames[o])
	}
	if numeric {
		lo, hi := rest, rest
		if o == opBetween {
			var found bool
			lo, hi, found = cutFold(rest, " and ")
			if !found {
				return bad(`between needs "A and B"`)
			}
		}
		for k, v := range [2]string{lo, hi} {
			v = strings.TrimSpace(v)
			if info.kind == kMoney {
				d, err := decimal.NewFromString(v)
				if err != nil || strings.ContainsAny(v, "eE") {
					return bad("not an amount: " + strconv.Quote(v))
				}
				u, ok := money.Units(d)
				if !ok {
					return bad("amount with more than four decimal places or too large: " + strconv.Quote(v))
				}
				c.units[k], c.money[k] = u, decimal.New(u, money.Exp)
				continue
			}
			x, err := parseNumber(v)
			if err != nil {
				return bad("not a number: " + strconv.Quote(v))
			}
			c.nums[k] = x
		}
		if o == opBetween && (c.nums[0] > c.nums[1] || c.units[0] > c.units[1]) {
			return bad("between bounds out of order")
		}
		return c, nil
	}
	values := splitList(rest)
	if len(values) == 0 {
		return bad("missing value")
	}
	if (o == opEq || o == opNe) && len(values) > 1 {
		return bad(opNames[o] + " takes one value; use in or not in for a list")
	}
	for _, v := range values {
		if v == "" {
			return bad("empty value in list")
		}
		switch info.kind {
		case kEnum:
			bit, ok := enumBit(f, v)
			if !ok {
				return bad("unknown " + info.name + " " + strconv.Quote(v))
			}
			c.mask |= 1 << bit
		case kTag:
			g, val, ok := strings.Cut(v, "=")
			t := tagging.Tag{Group: strings.TrimSpace(g), Value: strings.TrimSpace(val)}
			if !ok || t.Validate() != nil {
				return bad("not a tag (group=value): " + strconv.Quote(v))
			}
			if !slices.Contains(c.tags, t) {
				c.tags = append(c.tags, t)
			}
		default:
			v = canonicalText(f, v)
			if v == "" {
				return bad("unknown " + info.name)
			}
			if !slices.Contains(c.texts, v) {
				c.texts = append(c.texts, v)
			}
		}
	}
	return c, nil
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && asciiEqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// cutFold is strings.Cut with an ASCII-case-insensitive separator.
func cutFold(s, sep string) (before, after string, found bool) {
	for i := 0; i+len(sep) <= len(s); i++ {
		if asciiEqualFold(s[i:i+len(sep)], sep) {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

// asciiEqualFold compares two strings of equal length byte by byte,
// folding ASCII letters only.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// parseNumber parses a finite number, optionally with a % suffix.
func parseNumber(v string) (float64, error) {
	scale := 1.0
	if p, ok := strings.CutSuffix(v, "%"); ok {
		v, scale = strings.TrimSpace(p), 100
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || strings.ContainsAny(v, "xXpP_") {
		return 0, strconv.ErrSyntax
	}
	return x / scale, nil
}

// splitList splits a value list at commas (ASCII or full-width) and 、,
// trimming each element; empty elements are kept for the caller to
// reject.
func splitList(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == ',' || r == '，' || r == '、' {
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + len(string(r))
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

func enumBit(f fieldID, v string) (uint, bool) {
	for i, spellings := range enumValues[f] {
		for _, sp := range spellings {
			if strings.EqualFold(v, sp) {
				return uint(i), true
			}
		}
	}
	return 0, false
}

// canonicalText returns the form a text value is stored and compared in,
// or "" for a province the table does not know.
func canonicalText(f fieldID, v string) string {
	switch f {
	case fCity:
		return cityKey(v)
	case fProvince:
		if r := lookupProvince(v); r != nil {
			return r.name
		}
		return ""
	}
	return v
}

// cityKey returns the ranking's short name of a city it knows, and
// otherwise the name trimmed and without a final 市.
func cityKey(city string) string {
	if r := lookupCity(city); r != nil {
		return r.name
	}
	return stripCity(city)
}

// stripCity trims a city name and drops any final 市.
func stripCity(city string) string {
	for {
		city = strings.TrimSpace(city)
		short, ok := strings.CutSuffix(city, "市")
		if !ok {
			return city
		}
		city = short
	}
}

// String returns the condition in the canonical form ParseCondition
// reads back to an equal condition: lower-case field, single spaces, enum
// values in their canonical spelling and order, numbers in shortest form
// (60% as 0.6), provinces and ranked cities by short name.
func (c Condition) String() string {
	if c.field == fNone {
		return ""
	}
	info := fields[c.field]
	var b strings.Builder
	b.WriteString(info.name)
	b.WriteByte(' ')
	b.WriteString(opNames[c.op])
	b.WriteByte(' ')
	num := func(k int) string {
		if info.kind == kMoney {
			return decimal.New(c.units[k], money.Exp).String()
		}
		return strconv.FormatFloat(c.nums[k], 'g', -1, 64)
	}
	switch info.kind {
	case kNumber, kMoney:
		b.WriteString(num(0))
		if c.op == opBetween {
			b.WriteString(" and ")
			b.WriteString(num(1))
		}
	case kEnum:
		first := true
		for i, spellings := range enumValues[c.field] {
			if c.mask&(1<<i) != 0 {
				if !first {
					b.WriteString(", ")
				}
				first = false
				b.WriteString(spellings[0])
			}
		}
	case kTag:
		for i, t := range c.tags {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(t.String())
		}
	default:
		b.WriteString(strings.Join(c.texts, ", "))
	}
	return b.String()
}

// Dimensions returns the dimensions the condition reads: one, or for a
// tag condition over several groups, each group's (see TagDimension), in
// Dimension order.
func (c Condition) Dimensions() []Dimension {
	if c.field != fTag {
		if c.field == fNone {
			return nil
		}
		return []Dimension{fields[c.field].dim}
	}
	var out []Dimension
	for _, t := range c.tags {
		if d := TagDimension(t.Group); !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

// Match reports whether m meets the condition, at m's as-of date.
func (c *Condition) Match(m *Member) bool {
	x := facts{m: m}
	return c.match(&x)
}

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
		x.city = lookupCity(MemberCity(x.m))
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
		a, ok := MemberAge(m)
		return float64(a), ok
	case fCompanyAge:
		a, ok := CompanyYears(m)
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
			return uint(r.tier - Tier1), true
		}
	case fRegion:
		if p := x.province(); p != nil && p.region != RegionUnknown {
			return uint(p.region - NorthChina), true
		}
	case fSide:
		if p := x.province(); p != nil && p.side != SideUnknown {
			return uint(p.side - North), true
		}
	case fSize:
		if s := MemberSize(m); s != SizeUnknown {
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
		v = stripCity(MemberCity(m))
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
