package segment

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

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
//     female, 男, 女, 男性, 女性), income and occupation (compared with the
//     person's IncomeBand and Occupation, ignoring case);
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
// The dimensions are named "geography", "demographics", "firmographics",
// "behaviour" and "psychographics".
//
// A condition on a value the member does not have is false whatever the
// operator (a person without a birth date is neither "age < 30" nor "age
// >= 30"), except for tags, whose absence is known. Money bounds may have
// at most four decimal places. Errors are *ConditionError values wrapping
// ErrConfig; ParseCondition never panics.
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
