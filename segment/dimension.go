package segment

import (
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// dimension is a family of segmentation criteria, in the order reports
// list them. The seeds' advice is to segment by one or two dimensions
// that fit the business goal; a rule that combines more is reported (see
// Table.MaxDimensions). The API names dimensions by their String form.
type dimension uint8

const (
	geography      dimension = iota + 1 // city, tier, province, region, north/south
	demographics                        // age, gender, income band, occupation
	firmographics                       // industry, years since founding, employees, revenue, size class
	behaviour                           // purchases, frequency, AOV, spend, recency, channel, category, loyalty, RFM
	psychographics                      // lifestyle and value tags (needs, host tags)
)

var dimensionNames = [...]string{"", "geography", "demographics", "firmographics", "behaviour", "psychographics"}

// String returns the dimension's name, e.g. "geography".
func (d dimension) String() string {
	if int(d) < len(dimensionNames) {
		return dimensionNames[d]
	}
	return ""
}

// parseDimension returns the dimension named s, and false for an unknown
// name.
func parseDimension(s string) (dimension, bool) {
	i := slices.Index(dimensionNames[1:], s)
	return dimension(i + 1), i >= 0
}

// dimensionStrings returns the names of ds.
func dimensionStrings(ds []dimension) []string {
	if len(ds) == 0 {
		return nil
	}
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

// behaviourGroups are the tag groups of tagging's built-in taggers that
// describe behaviour; tags in other groups (needs, lifestyle and value
// tags a host adds) are psychographic.
var behaviourGroups = map[string]bool{
	"spend": true, "activity": true, "lifecycle": true, "category": true,
	"channel": true, "loyalty": true, "decision-cycle": true,
}

// TagDimension returns the dimension of a tag group: "behaviour" for the
// groups of tagging's built-in behavioural taggers (spend, activity,
// lifecycle, category, channel, loyalty, decision-cycle) and
// "psychographics" for every other group (need, and the lifestyle and
// value groups hosts add).
func TagDimension(group string) string { return tagDimension(group).String() }

func tagDimension(group string) dimension {
	if behaviourGroups[group] {
		return behaviour
	}
	return psychographics
}

// defaultAgeBands returns the lower bounds of the age bands portraits use
// when Options.AgeBands is nil.
func defaultAgeBands() []int { return []int{18, 25, 30, 35, 40, 50, 60} }

// ageBand returns the label of the band an age falls in, given the bands'
// ascending lower bounds: "<18" below the first, "18-24" between two
// bounds, "60+" from the last. It returns "" when bounds is empty.
func ageBand(age int, bounds []int) string {
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
	out := []string{ageBand(bounds[0]-1, bounds)}
	for _, b := range bounds {
		out = append(out, ageBand(b, bounds))
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

// memberAge returns the age in completed years of a person member at the
// member's as-of date, and false for a company, a person without a birth
// date or one born after the as-of date.
func memberAge(m *Member) (int, bool) {
	if m.Person == nil {
		return 0, false
	}
	return m.Person.Age(m.Date())
}

// companyYears returns the number of completed years since a company
// member was founded, at the member's as-of date, and false for a person
// or a company without a (plausible) founding date.
func companyYears(m *Member) (int, bool) {
	if m.Company == nil {
		return 0, false
	}
	return m.Company.Age(m.Date())
}

// memberCity returns the city of a member (the person's or the company's).
func memberCity(m *Member) string {
	switch {
	case m.Person != nil:
		return m.Person.City
	case m.Company != nil:
		return m.Company.City
	}
	return ""
}

// memberSize returns the NBS size class of a company member (SizeClass of
// its industry, employees and revenue), and SizeUnknown for a person.
func memberSize(m *Member) Size {
	if m.Company == nil {
		return SizeUnknown
	}
	return SizeClass(m.Company.Industry, m.Company.Employees, m.Company.Revenue, decimal.Decimal{})
}
