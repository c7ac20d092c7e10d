package customer

import (
	"fmt"
	"maps"
	"slices"
)

// MergeRule says which input value a merged record keeps for one field
// (see DedupOptions.Fields). The zero value means the field's default
// rule. Whatever the rule, a value that is usable beats one that is not:
// a valid mobile number beats a masked one, which beats any other text; a
// valid e-mail address, ID number or credit code beats an invalid one;
// text beats white space; a positive count or amount beats a negative
// one. Ties go to the order of the cluster's records under the survivor
// rule.
type MergeRule uint8

// Merge rules.
const (
	// MergeNewest keeps the value of the most recently updated record
	// (UpdatedAt, or CreatedAt when UpdatedAt is zero; records with
	// neither come last).
	MergeNewest MergeRule = iota + 1
	// MergeOldest keeps the value of the earliest created record
	// (CreatedAt, or UpdatedAt when CreatedAt is zero; records with
	// neither come last).
	MergeOldest
	// MergeSurvivor keeps the survivor's value, or the next record's in
	// survivor order when the survivor's is empty.
	MergeSurvivor
	// MergeUnion keeps every distinct element of a list field, the
	// survivor's first. It applies to list fields only.
	MergeUnion
)

// checkRules validates per-field rule overrides against info's fields.
func checkRules[T any](info *recordInfo[T], rules map[string]MergeRule) error {
	for _, name := range slices.Sorted(maps.Keys(rules)) {
		rule := rules[name]
		i := slices.IndexFunc(info.fields, func(f fieldDef[T]) bool { return f.name == name })
		switch {
		case i < 0:
			return fmt.Errorf("%w: Fields: merge rule for unknown field %q", ErrConfig, clip(name))
		case rule > MergeUnion:
			return fmt.Errorf("%w: Fields[%q]: unknown merge rule %d", ErrConfig, name, rule)
		case rule == MergeUnion && !info.fields[i].list:
			return fmt.Errorf("%w: Fields[%q]: MergeUnion needs a list field", ErrConfig, name)
		}
	}
	return nil
}
