package customer

import (
	"time"

	"github.com/shopspring/decimal"
)

// personInfo describes how persons merge. Field order is the CSV column
// order.
var personInfo = recordInfo[Person]{
	id:      func(p *Person) ID { return p.ID },
	created: func(p *Person) time.Time { return p.CreatedAt },
	updated: func(p *Person) time.Time { return p.UpdatedAt },
	fields: []fieldDef[Person]{
		scalarField("name", MergeNewest, func(p *Person) *string { return &p.Name }, textQuality, sameValue[string]),
		scalarField("gender", MergeNewest, func(p *Person) *Gender { return &p.Gender }, genderQuality, sameValue[Gender]),
		scalarField("birth_date", MergeNewest, func(p *Person) *time.Time { return &p.BirthDate }, timeQuality, timeEqual),
		scalarField("id_number", MergeNewest, func(p *Person) *string { return &p.IDNumber }, idNumberQuality, sameValue[string]),
		scalarField("city", MergeNewest, func(p *Person) *string { return &p.City }, textQuality, sameValue[string]),
		scalarField("province", MergeNewest, func(p *Person) *string { return &p.Province }, textQuality, sameValue[string]),
		scalarField("phone", MergeNewest, func(p *Person) *string { return &p.Phone }, phoneQuality, sameValue[string]),
		scalarField("email", MergeNewest, func(p *Person) *string { return &p.Email }, emailQuality, sameValue[string]),
		scalarField("occupation", MergeNewest, func(p *Person) *string { return &p.Occupation }, textQuality, sameValue[string]),
		scalarField("income_band", MergeNewest, func(p *Person) *string { return &p.IncomeBand }, textQuality, sameValue[string]),
		listField("interests", func(p *Person) *[]string { return &p.Interests }, emptyString),
		scalarField("acquisition_channel", MergeOldest, func(p *Person) *string { return &p.AcquisitionChannel }, textQuality, sameValue[string]),
		scalarField("source", MergeOldest, func(p *Person) *string { return &p.Source }, textQuality, sameValue[string]),
		listField("device_ids", func(p *Person) *[]string { return &p.DeviceIDs }, emptyString),
		scalarField("created_at", MergeOldest, func(p *Person) *time.Time { return &p.CreatedAt }, timeQuality, timeEqual),
		scalarField("updated_at", MergeNewest, func(p *Person) *time.Time { return &p.UpdatedAt }, timeQuality, timeEqual),
		attributesField(func(p *Person) *map[string]string { return &p.Attributes }),
	},
}

// companyInfo describes how companies merge.
var companyInfo = recordInfo[Company]{
	id:      func(c *Company) ID { return c.ID },
	created: func(c *Company) time.Time { return c.CreatedAt },
	updated: func(c *Company) time.Time { return c.UpdatedAt },
	fields: []fieldDef[Company]{
		scalarField("name", MergeNewest, func(c *Company) *string { return &c.Name }, textQuality, sameValue[string]),
		scalarField("credit_code", MergeNewest, func(c *Company) *string { return &c.CreditCode }, creditCodeQuality, sameValue[string]),
		scalarField("industry", MergeNewest, func(c *Company) *string { return &c.Industry }, textQuality, sameValue[string]),
		scalarField("employees", MergeNewest, func(c *Company) *int { return &c.Employees }, countQuality, sameValue[int]),
		scalarField("revenue", MergeNewest, func(c *Company) *decimal.Decimal { return &c.Revenue }, amountQuality, decimalEqual),
		scalarField("founded", MergeNewest, func(c *Company) *time.Time { return &c.Founded }, timeQuality, timeEqual),
		scalarField("city", MergeNewest, func(c *Company) *string { return &c.City }, textQuality, sameValue[string]),
		scalarField("province", MergeNewest, func(c *Company) *string { return &c.Province }, textQuality, sameValue[string]),
		listField("contacts", func(c *Company) *[]Contact { return &c.Contacts }, func(ct Contact) bool { return ct == Contact{} }),
		scalarField("decision_cycle_days", MergeNewest, func(c *Company) *int { return &c.DecisionCycleDays }, countQuality, sameValue[int]),
		listField("products", func(c *Company) *[]string { return &c.Products }, emptyString),
		scalarField("created_at", MergeOldest, func(c *Company) *time.Time { return &c.CreatedAt }, timeQuality, timeEqual),
		scalarField("updated_at", MergeNewest, func(c *Company) *time.Time { return &c.UpdatedAt }, timeQuality, timeEqual),
		attributesField(func(c *Company) *map[string]string { return &c.Attributes }),
	},
}
