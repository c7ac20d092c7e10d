package segment

import "strconv"

// Dimension is a family of segmentation criteria. The seeds' advice is to
// segment by one or two dimensions that fit the business goal; a rule
// that combines more is reported (see Table.MaxDimensions).
type Dimension uint8

// Dimensions.
const (
	Geography      Dimension = iota + 1 // city, tier, province, region, north/south
	Demographics                        // age, gender, income band, occupation
	Firmographics                       // industry, years since founding, employees, revenue, size class
	Behaviour                           // purchases, frequency, AOV, spend, recency, channel, category, loyalty, RFM
	Psychographics                      // lifestyle and value tags (needs, host tags)
)

var dimensionNames = [...]string{"unknown", "geography", "demographics", "firmographics", "behaviour", "psychographics"}

// String returns the dimension's name in lower case, e.g. "geography".
func (d Dimension) String() string {
	if int(d) < len(dimensionNames) {
		return dimensionNames[d]
	}
	return dimensionNames[0]
}

// behaviourGroups are the tag groups of tagging's built-in taggers that
// describe behaviour; tags in other groups (needs, lifestyle and value
// tags a host adds) are psychographic.
var behaviourGroups = map[string]bool{
	"spend": true, "activity": true, "lifecycle": true, "category": true,
	"channel": true, "loyalty": true, "decision-cycle": true,
}

// TagDimension returns the dimension of a tag group: Behaviour for the
// groups of tagging's built-in behavioural taggers (spend, activity,
// lifecycle, category, channel, loyalty, decision-cycle) and
// Psychographics for every other group (need, and the lifestyle and value
// groups hosts add).
func TagDimension(group string) Dimension {
	if behaviourGroups[group] {
		return Behaviour
	}
	return Psychographics
}

// DefaultAgeBands returns the lower bounds of the age bands profiles use
// when Options.AgeBands is nil: under 18, 18–24, 25–29, 30–34, 35–39,
// 40–49, 50–59 and 60 and over. Each call returns a new slice.
func DefaultAgeBands() []int { return []int{18, 25, 30, 35, 40, 50, 60} }

// AgeBand returns the label of the band an age falls in, given the bands'
// ascending lower bounds: "<18" below the first, "18-24" between two
// bounds, "60+" from the last. It returns "" when bounds is empty.
func AgeBand(age int, bounds []int) string {
	if len(bounds) == 0 {
		return ""
	}
	if age < bounds[0] {
		return "<" + strconv.Itoa(bounds[0])
	}
	for i := 1; i < len(bounds); i++ {
		if age < bounds[i] {
			return strconv.Itoa(bounds[i-1]) + "-" + strconv.Itoa(bounds[i]-1)
		}
	}
	return strconv.Itoa(bounds[len(bounds)-1]) + "+"
}

// ageBandLabels returns the labels of every band, in order.
func ageBandLabels(bounds []int) []string {
	out := []string{AgeBand(bounds[0]-1, bounds)}
	for _, b := range bounds {
		out = append(out, AgeBand(b, bounds))
	}
	return out
}

// ageBandIndex returns the index of age's band among ageBandLabels.
func ageBandIndex(age int, bounds []int) int {
	i := 0
	for i < len(bounds) && age >= bounds[i] {
		i++
	}
	return i
}

// MemberAge returns the age in completed years of a person member at the
// member's as-of date, and false for a company, a person without a birth
// date or one born after the as-of date.
func MemberAge(m *Member) (int, bool) {
	if m.Person == nil {
		return 0, false
	}
	return m.Person.Age(m.Date())
}

// CompanyYears returns the number of completed years since a company
// member was founded, at the member's as-of date, and false for a person
// or a company without a (plausible) founding date.
func CompanyYears(m *Member) (int, bool) {
	if m.Company == nil {
		return 0, false
	}
	return m.Company.Age(m.Date())
}

// MemberCity returns the city of a member (the person's or the company's),
// and MemberTier its tier in the city ranking (see CityTier).
func MemberCity(m *Member) string {
	switch {
	case m.Person != nil:
		return m.Person.City
	case m.Company != nil:
		return m.Company.City
	}
	return ""
}

// MemberTier returns the tier of the member's city and whether the city
// is known to the ranking.
func MemberTier(m *Member) (Tier, bool) { return CityTier(MemberCity(m)) }

// MemberSize returns the NBS size class of a company member (SizeClass of
// its industry, employees and revenue), and SizeUnknown for a person.
// A company with revenue but no headcount is classified by revenue alone,
// where its industry's rule uses revenue.
func MemberSize(m *Member) Size {
	if m.Company == nil {
		return SizeUnknown
	}
	return SizeClass(m.Company.Industry, m.Company.Employees, m.Company.Revenue)
}
