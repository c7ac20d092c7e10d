package tagging

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// Keyword maps declared interests to a need: a person whose
// customer.Person.Interests contain Match gets the need Value.
type Keyword struct {
	// Match is the text looked for inside each interest, e.g. "eco". ASCII
	// letters match in either case; other characters (汉字 included) must
	// match exactly. Surrounding spaces are ignored. Required.
	Match string
	// Value is the need given, e.g. "eco-friendly". Required.
	Value string
}

// Needs tags what customers need (a multi-valued group):
//
//   - "price-sensitive": more than DiscountShare of the purchases used a
//     discount or coupon (customer.Summary.DiscountShare), given at least
//     MinOrders purchases;
//   - "quality": at least PremiumShare of the category spend is in
//     PremiumCategories, or the average order value is at least PremiumAOV;
//   - a feature preference (the Keyword's Value) for each keyword found in
//     a person's declared interests. Companies declare no interests.
//
// Customers without purchases can still get keyword needs.
//
// Needs is configured by its fields and used as it is, as a [Tagger]; the
// zero value gives the defaults, in which only the price-sensitive rule
// is on (the quality and keyword rules need host data). Bad settings (a
// share outside [0, 1], a negative MinOrders or PremiumAOV, a keyword
// with an empty Match or Value) are errors wrapping [ErrConfig]. A Needs
// is safe for concurrent use as long as its slices are not modified, and
// does not allocate unless an amount has more than four decimal places.
// Inside a [Pipeline] (and from [Builtin]) its settings are checked and
// indexed once; used on its own, each call checks them again.
type Needs struct {
	// Group is the group tagged. "" means GroupNeed.
	Group string
	// DiscountShare is the share of purchases made with a discount or
	// coupon above which a customer is price-sensitive. 0 means 0.5; 1
	// turns the rule off.
	DiscountShare float64
	// MinOrders is the number of purchases a customer needs before the
	// price-sensitive rule judges them, since one discounted purchase says
	// little. 0 means 3.
	MinOrders int
	// PremiumCategories are product categories whose buyers are
	// quality-oriented. nil turns this part of the quality rule off.
	PremiumCategories []string
	// PremiumShare is the share of the customer's category spend (each
	// category's purchases minus refunds, counted when positive) that must
	// be in PremiumCategories. 0 means 0.5.
	PremiumShare float64
	// PremiumAOV is the average order value at or above which a customer is
	// quality-oriented, in yuan; typically the top-decile AOV of the
	// customer base, from [AOVQuantile]. Zero turns this part off.
	PremiumAOV decimal.Decimal
	// Keywords map declared interests to needs. nil or empty means no
	// feature tags: an empty table is not an error.
	Keywords []Keyword
}

type needs struct {
	group         string
	discountShare float64
	minOrders     int
	premium       []string
	premiumSet    map[string]bool // when premium is long; only when compiled
	premiumShare  float64
	premiumAOV    decimal.Decimal
	premiumAOVU   int64
	aovExact      bool
	keywords      []Keyword // as given, or, when compiled, Match trimmed and ASCII-lower-cased
	compiled      bool
}

// resolve checks t and returns its settings, sharing t's slices.
func (t Needs) resolve() (needs, error) {
	n := needs{
		group:         orDefault(t.Group, GroupNeed),
		discountShare: orDefault(t.DiscountShare, 0.5),
		minOrders:     orDefault(t.MinOrders, 3),
		premium:       t.PremiumCategories,
		premiumShare:  orDefault(t.PremiumShare, 0.5),
		premiumAOV:    t.PremiumAOV,
		keywords:      t.Keywords,
	}
	if err := checkShare("Needs.DiscountShare", n.discountShare); err != nil {
		return n, err
	}
	if err := checkShare("Needs.PremiumShare", n.premiumShare); err != nil {
		return n, err
	}
	if n.minOrders < 0 {
		return n, configError("Needs.MinOrders", "%d is negative", n.minOrders)
	}
	if n.premiumAOV.Sign() < 0 {
		return n, configError("Needs.PremiumAOV", "%s is negative", n.premiumAOV)
	}
	n.premiumAOVU, n.aovExact = money.Units(n.premiumAOV)
	for i, k := range t.Keywords {
		m := strings.TrimSpace(k.Match)
		switch {
		case m == "":
			return n, configError("Needs.Keywords["+strconv.Itoa(i)+"]", "empty Match")
		case k.Value == "":
			return n, configError("Needs.Keywords["+strconv.Itoa(i)+"]", "empty Value")
		case !utf8.ValidString(m) || !utf8.ValidString(k.Value):
			return n, configError("Needs.Keywords["+strconv.Itoa(i)+"]", "invalid UTF-8")
		}
	}
	return n, nil
}

func (t Needs) compile() (Tagger, error) {
	n, err := t.resolve()
	if err != nil {
		return nil, err
	}
	n.premium = slices.Clone(n.premium)
	if len(n.premium) > 8 {
		n.premiumSet = make(map[string]bool, len(n.premium))
		for _, c := range n.premium {
			n.premiumSet[c] = true
		}
	}
	n.keywords, n.compiled = nil, true
	for _, k := range t.Keywords {
		n.keywords = append(n.keywords, Keyword{Match: lowerASCII(strings.TrimSpace(k.Match)), Value: k.Value})
	}
	return &n, nil
}

// Tag implements [Tagger].
func (t Needs) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	n, err := t.resolve()
	if err != nil {
		return dst, err
	}
	return n.Tag(p, dst)
}

func (t *needs) Name() string { return "needs" }

func (t *needs) Groups() []Group {
	values := []string{needPriceSensitive, needQuality}
	for _, k := range t.keywords {
		if !slices.Contains(values, k.Value) {
			values = append(values, k.Value)
		}
	}
	return []Group{{Name: t.group, Multi: true, Values: values}}
}

func (t *needs) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	n0 := len(dst)
	if s := p.Summary; purchases(p) {
		if s.Orders >= t.minOrders && s.DiscountShare() > t.discountShare {
			dst = append(dst, Tag{Group: t.group, Value: needPriceSensitive})
		}
		if t.quality(p) {
			dst = append(dst, Tag{Group: t.group, Value: needQuality})
		}
	}
	if p.Person != nil && len(t.keywords) > 0 {
		for _, k := range t.keywords {
			if hasValue(dst[n0:], k.Value) {
				continue
			}
			match := k.Match
			if !t.compiled {
				match = strings.TrimSpace(match)
			}
			for _, in := range p.Person.Interests {
				if containsFoldASCII(in, match) {
					dst = append(dst, Tag{Group: t.group, Value: k.Value})
					break
				}
			}
		}
	}
	return dst, nil
}

// quality reports whether p's customer is quality-oriented.
func (t *needs) quality(p *Profile) bool {
	s := p.Summary
	if !t.premiumAOV.IsZero() && s.AvgOrderValue.Sign() > 0 {
		if u, ok := money.Units(s.AvgOrderValue); ok && t.aovExact {
			if u >= t.premiumAOVU {
				return true
			}
		} else if s.AvgOrderValue.Cmp(t.premiumAOV) >= 0 {
			return true
		}
	}
	if !slices.ContainsFunc(s.Categories, func(c customer.CategoryStat) bool { return t.isPremium(c.Category) }) {
		return false // also when there are no premium categories; saves reading the amounts
	}
	var total, prem float64
	for i := range s.Categories {
		c := &s.Categories[i]
		v := amount(c.Spend)
		if v <= 0 {
			continue
		}
		total += v
		if t.isPremium(c.Category) {
			prem += v
		}
	}
	return prem > 0 && prem >= t.premiumShare*total
}

func (t *needs) isPremium(category string) bool {
	if t.premiumSet != nil {
		return t.premiumSet[category]
	}
	return slices.Contains(t.premium, category)
}

// amount returns d in yuan as a float64 for computing shares, without
// allocating when d has at most four decimal places.
func amount(d decimal.Decimal) float64 {
	if u, ok := money.Units(d); ok {
		return float64(u) / 1e4
	}
	return d.InexactFloat64()
}

func hasValue(tags []Tag, v string) bool {
	for _, t := range tags {
		if t.Value == v {
			return true
		}
	}
	return false
}

// lowerASCII lower-cases the ASCII letters of s.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// containsFoldASCII reports whether sub occurs in s, ASCII letters
// compared without case. It does not allocate.
func containsFoldASCII(s, sub string) bool {
	if len(sub) == 0 {
		return true
	}
	first := foldASCII[sub[0]]
	for i := 0; i+len(sub) <= len(s); i++ {
		if foldASCII[s[i]] != first {
			continue
		}
		j := 1
		for j < len(sub) && foldASCII[s[i+j]] == foldASCII[sub[j]] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// foldASCII maps each byte to itself, ASCII upper-case letters to lower.
var foldASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()
