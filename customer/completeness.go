package customer

import (
	"fmt"
	"iter"
	"math"
)

// CompletenessTarget is the seed's data-quality KPI: a basic-information
// completion rate of at least 80%, read as [CompletenessReport].Score ≥
// 0.8 over a data set.
const CompletenessTarget = 0.8

// FieldWeight is the weight of one field in a completeness score.
type FieldWeight struct {
	// Field is the field's CSV column name: "name", "phone", "contacts",
	// …, or "attributes.<key>" for a host attribute.
	Field string
	// Weight is the field's share of the score relative to the other
	// fields; it must be positive and finite.
	Weight float64
}

// Completeness measures how completely records are filled in: a record's
// score is the weighted share of the listed fields that are filled, from
// 0 to 1. A field is filled when it is not empty: a string with more than
// white space, a known gender, a non-zero time, a non-empty list, a
// non-zero number. Whether the value is valid is [Validator]'s concern,
// not completeness's.
//
// The zero value counts the basic information of the seed's templates. A
// Completeness is safe for concurrent use.
type Completeness struct {
	// Person lists the person fields that count and their weights. nil
	// means the basic information of the seed's customer template (name,
	// gender, age, region, contact details, occupation and income), with
	// name and phone, which identify and reach the customer, counting
	// double:
	//
	//	name 2, phone 2, gender 1, birth_date 1, city 1, email 1,
	//	occupation 1, income_band 1
	//
	// Behavioural and channel fields (interests, device IDs, source) are
	// not basic information and do not count by default; list them to
	// include them.
	Person []FieldWeight
	// Company lists the company fields that count and their weights. nil
	// means the seed's company template (name, credit code, industry,
	// size, revenue, location, contacts), with name, credit code and
	// contacts counting double:
	//
	//	name 2, credit_code 2, contacts 2, industry 1, employees 1,
	//	revenue 1, city 1, founded 1
	Company []FieldWeight
}

// CompletenessReport describes the completeness of a data set.
type CompletenessReport struct {
	// Records is the number of records measured.
	Records int
	// Score is the mean record score, which equals the weighted mean of
	// the fields' fill rates; 0 for no records. Compare it with
	// CompletenessTarget.
	Score float64
	// Complete counts the records with every listed field filled.
	Complete int
	// Fields holds each listed field's fill rate, in the order listed.
	Fields []FieldFill
}

// FieldFill is the fill rate of one field over a data set.
type FieldFill struct {
	Field  string  // as listed in the weights
	Weight float64 // as listed in the weights
	Filled int     // records with the field filled
	Rate   float64 // Filled / Records; 0 for no records
}

// People measures the completeness of a data set of persons in one pass.
// A single record's score is the Score of a data set of one. It fails with
// an error wrapping [ErrConfig] when c.Person cannot be used: an empty
// non-nil list, an unknown or repeated field, or a weight that is not
// positive and finite.
func (c Completeness) People(people iter.Seq[Person]) (CompletenessReport, error) {
	fs, err := compileWeights(c.Person, defaultPersonFieldWeights, personFilled)
	if err != nil {
		return CompletenessReport{}, err
	}
	return measure(fs, people), nil
}

// Companies measures the completeness of a data set of companies in one
// pass, as [Completeness.People] does for persons, with c.Company.
func (c Completeness) Companies(companies iter.Seq[Company]) (CompletenessReport, error) {
	fs, err := compileWeights(c.Company, defaultCompanyFieldWeights, companyFilled)
	if err != nil {
		return CompletenessReport{}, err
	}
	return measure(fs, companies), nil
}

func measure[T any](fs *weightedFields[T], records iter.Seq[T]) CompletenessReport {
	filled := make([]int, len(fs.fields))
	rep := CompletenessReport{}
	for r := range records {
		rep.Records++
		all := true
		for i, f := range fs.fields {
			if f.filled(&r) {
				filled[i]++
			} else {
				all = false
			}
		}
		if all {
			rep.Complete++
		}
	}
	rep.Fields = make([]FieldFill, len(fs.fields))
	sum := 0.0
	for i, f := range fs.fields {
		ff := FieldFill{Field: f.name, Weight: f.weight, Filled: filled[i]}
		if rep.Records > 0 {
			ff.Rate = float64(filled[i]) / float64(rep.Records)
		}
		sum += float64(f.weight * ff.Rate)
		rep.Fields[i] = ff
	}
	rep.Score = sum / fs.total
	return rep
}

// weightedFields is a checked weight list.
type weightedFields[T any] struct {
	fields []weightedField[T]
	total  float64
}

type weightedField[T any] struct {
	name   string
	weight float64
	filled func(*T) bool
}

func (fs *weightedFields[T]) score(r *T) float64 {
	sum := 0.0
	for _, f := range fs.fields {
		if f.filled(r) {
			sum += f.weight
		}
	}
	return sum / fs.total
}

func compileWeights[T any](ws []FieldWeight, def func() []FieldWeight, filled func(string) func(*T) bool) (*weightedFields[T], error) {
	if ws == nil {
		ws = def()
	}
	if len(ws) == 0 {
		return nil, fmt.Errorf("%w: Completeness needs at least one field", ErrConfig)
	}
	fs := &weightedFields[T]{fields: make([]weightedField[T], 0, len(ws))}
	for i, w := range ws {
		f := filled(w.Field)
		if f == nil {
			return nil, fmt.Errorf("%w: Completeness field %d %q is unknown", ErrConfig, i, clip(w.Field))
		}
		if !(w.Weight > 0) || math.IsInf(w.Weight, 1) {
			return nil, fmt.Errorf("%w: Completeness field %q: weight is not positive and finite", ErrConfig, clip(w.Field))
		}
		for _, g := range fs.fields {
			if g.name == w.Field {
				return nil, fmt.Errorf("%w: Completeness field %q is listed twice", ErrConfig, clip(w.Field))
			}
		}
		fs.fields = append(fs.fields, weightedField[T]{name: w.Field, weight: w.Weight, filled: f})
		fs.total += w.Weight
	}
	if math.IsInf(fs.total, 1) {
		return nil, fmt.Errorf("%w: Completeness weights overflow", ErrConfig)
	}
	return fs, nil
}

// mustWeights compiles a built-in weight list, which is valid.
func mustWeights[T any](ws []FieldWeight, filled func(string) func(*T) bool) *weightedFields[T] {
	fs, err := compileWeights(ws, nil, filled)
	if err != nil {
		panic("customer: built-in completeness weights: " + err.Error())
	}
	return fs
}
