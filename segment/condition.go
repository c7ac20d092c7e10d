package segment

import (
	"slices"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

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

// Dimensions returns the names of the dimensions the condition reads
// (see ParseCondition): one, or for a tag condition over several groups,
// each group's (see TagDimension), in the order geography, demographics,
// firmographics, behaviour, psychographics.
func (c Condition) Dimensions() []string { return dimensionStrings(c.dims()) }

func (c Condition) dims() []dimension {
	if c.field != fTag {
		if c.field == fNone {
			return nil
		}
		return []dimension{fields[c.field].dim}
	}
	var out []dimension
	for _, t := range c.tags {
		if d := tagDimension(t.Group); !slices.Contains(out, d) {
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
