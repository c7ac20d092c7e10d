package privacy

import (
	"fmt"
	"strings"
)

// Level is the sensitivity of a personal data field, declared with the
// struct tag `sensitivity:"..."`. The zero value is [Sensitive], the most
// protective: a field nobody classified is treated as sensitive.
type Level uint8

// Sensitivity levels, from most to least protected.
const (
	// Sensitive (敏感) data harms the person if leaked: ID numbers, phone
	// numbers, precise addresses, bank cards, health or financial data.
	Sensitive Level = iota
	// General (一般) data identifies or describes a person with less
	// harm: names, e-mail addresses, city, membership level.
	General
	// Public (公开) data is not personal or is aggregated: order counts,
	// segment labels, a province.
	Public
)

// String returns "sensitive", "general" or "public".
func (l Level) String() string {
	switch l {
	case Sensitive:
		return "sensitive"
	case General:
		return "general"
	case Public:
		return "public"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// parseLevel parses a sensitivity tag value: "sensitive", "general" or
// "public" (any case), or the Chinese 敏感, 一般, 公开. The error names
// the bad value; the caller wraps it in [ErrConfig].
func parseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "sensitive", "敏感":
		return Sensitive, nil
	case "general", "一般":
		return General, nil
	case "public", "公开":
		return Public, nil
	}
	return 0, fmt.Errorf("bad sensitivity tag %q", s)
}

// Action is what a [Policy] does with a field. The zero value is
// [ActionDrop], the most protective.
type Action uint8

// Actions a policy can take on a field.
const (
	// ActionDrop removes the field: it becomes its zero value, and
	// [Redactor.Fields] leaves its column out.
	ActionDrop Action = iota
	// ActionMask replaces a string by its masked form, using the field's
	// `mask` tag or, without one, hiding every rune. Non-string fields
	// under ActionMask are dropped.
	ActionMask
	// ActionPseudonymize replaces a string by its pseudonym for the
	// policy's partner (see [Pseudonymizer]). Non-string fields are
	// dropped.
	ActionPseudonymize
	// ActionKeep keeps the field as it is.
	ActionKeep
)

// String returns "drop", "mask", "pseudonymize" or "keep".
func (a Action) String() string {
	switch a {
	case ActionDrop:
		return "drop"
	case ActionMask:
		return "mask"
	case ActionPseudonymize:
		return "pseudonymize"
	case ActionKeep:
		return "keep"
	}
	return fmt.Sprintf("Action(%d)", uint8(a))
}

// Policy says, for one purpose such as a partner export, what happens to
// fields of each sensitivity level. The zero Policy drops everything.
//
//	partner := privacy.Policy{
//		Purpose:   "partner-export",
//		Public:    privacy.ActionKeep,
//		General:   privacy.ActionMask,
//		Sensitive: privacy.ActionPseudonymize,
//		Pseudonyms: pz, Partner: "acme",
//	}
type Policy struct {
	// Purpose names the use the policy serves; it is informational.
	Purpose string
	// Sensitive, General and Public are the actions for fields of each
	// level; the zero value is ActionDrop.
	Sensitive, General, Public Action
	// Pseudonyms derives pseudonyms for ActionPseudonymize; it must be
	// set when any level uses that action.
	Pseudonyms *Pseudonymizer
	// Partner is the partner whose pseudonyms ActionPseudonymize writes.
	Partner string
}

// Action returns the action for fields of level l. Unknown levels are
// dropped.
func (p Policy) Action(l Level) Action {
	switch l {
	case Sensitive:
		return p.Sensitive
	case General:
		return p.General
	case Public:
		return p.Public
	}
	return ActionDrop
}

// check reports a policy that cannot be applied.
func (p Policy) check() error {
	if p.Pseudonyms == nil && (p.Sensitive == ActionPseudonymize || p.General == ActionPseudonymize || p.Public == ActionPseudonymize) {
		return fmt.Errorf("%w: policy %q pseudonymises but Policy.Pseudonyms is nil", ErrConfig, p.Purpose)
	}
	for _, a := range []Action{p.Sensitive, p.General, p.Public} {
		if a > ActionKeep {
			return fmt.Errorf("%w: policy %q has unknown action %v", ErrConfig, p.Purpose, a)
		}
	}
	return nil
}
