package customer

import (
	"strings"
)

// defaultPersonFieldWeights returns the person fields Completeness
// counts when Completeness.Person is nil.
func defaultPersonFieldWeights() []FieldWeight {
	return []FieldWeight{
		{"name", 2}, {"phone", 2}, {"gender", 1}, {"birth_date", 1},
		{"city", 1}, {"email", 1}, {"occupation", 1}, {"income_band", 1},
	}
}

// defaultCompanyFieldWeights returns the company fields Completeness
// counts when Completeness.Company is nil.
func defaultCompanyFieldWeights() []FieldWeight {
	return []FieldWeight{
		{"name", 2}, {"credit_code", 2}, {"contacts", 2}, {"industry", 1},
		{"employees", 1}, {"revenue", 1}, {"city", 1}, {"founded", 1},
	}
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func listFilled(v []string) bool {
	for _, s := range v {
		if !isBlank(s) {
			return true
		}
	}
	return false
}

func attrFilled[T any](name string, attrs func(*T) map[string]string) func(*T) bool {
	key, ok := strings.CutPrefix(name, "attributes.")
	if !ok || key == "" {
		return nil
	}
	return func(r *T) bool { return !isBlank(attrs(r)[key]) }
}

// personFilled returns the fill test of a person field, or nil.
func personFilled(name string) func(*Person) bool {
	switch name {
	case "name":
		return func(p *Person) bool { return !isBlank(p.Name) }
	case "gender":
		return func(p *Person) bool { return p.Gender != GenderUnknown }
	case "birth_date":
		return func(p *Person) bool { return !p.BirthDate.IsZero() }
	case "id_number":
		return func(p *Person) bool { return !isBlank(p.IDNumber) }
	case "city":
		return func(p *Person) bool { return !isBlank(p.City) }
	case "province":
		return func(p *Person) bool { return !isBlank(p.Province) }
	case "phone":
		return func(p *Person) bool { return !isBlank(p.Phone) }
	case "email":
		return func(p *Person) bool { return !isBlank(p.Email) }
	case "occupation":
		return func(p *Person) bool { return !isBlank(p.Occupation) }
	case "income_band":
		return func(p *Person) bool { return !isBlank(p.IncomeBand) }
	case "interests":
		return func(p *Person) bool { return listFilled(p.Interests) }
	case "acquisition_channel":
		return func(p *Person) bool { return !isBlank(p.AcquisitionChannel) }
	case "source":
		return func(p *Person) bool { return !isBlank(p.Source) }
	case "device_ids":
		return func(p *Person) bool { return listFilled(p.DeviceIDs) }
	case "created_at":
		return func(p *Person) bool { return !p.CreatedAt.IsZero() }
	case "updated_at":
		return func(p *Person) bool { return !p.UpdatedAt.IsZero() }
	}
	return attrFilled(name, func(p *Person) map[string]string { return p.Attributes })
}

// companyFilled returns the fill test of a company field, or nil.
func companyFilled(name string) func(*Company) bool {
	switch name {
	case "name":
		return func(c *Company) bool { return !isBlank(c.Name) }
	case "credit_code":
		return func(c *Company) bool { return !isBlank(c.CreditCode) }
	case "industry":
		return func(c *Company) bool { return !isBlank(c.Industry) }
	case "employees":
		return func(c *Company) bool { return c.Employees != 0 }
	case "revenue":
		return func(c *Company) bool { return !c.Revenue.IsZero() }
	case "founded":
		return func(c *Company) bool { return !c.Founded.IsZero() }
	case "city":
		return func(c *Company) bool { return !isBlank(c.City) }
	case "province":
		return func(c *Company) bool { return !isBlank(c.Province) }
	case "contacts":
		return func(c *Company) bool {
			for _, ct := range c.Contacts {
				if !isBlank(ct.Name) || !isBlank(ct.Phone) || !isBlank(ct.Email) {
					return true
				}
			}
			return false
		}
	case "decision_cycle_days":
		return func(c *Company) bool { return c.DecisionCycleDays != 0 }
	case "products":
		return func(c *Company) bool { return listFilled(c.Products) }
	case "created_at":
		return func(c *Company) bool { return !c.CreatedAt.IsZero() }
	case "updated_at":
		return func(c *Company) bool { return !c.UpdatedAt.IsZero() }
	}
	return attrFilled(name, func(c *Company) map[string]string { return c.Attributes })
}
