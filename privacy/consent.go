package privacy

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
	"time"
)

// Purpose is a use of personal data that a customer consents to.
type Purpose string

// Purposes of processing. [PurposeBasicService] is required to serve the
// customer at all; the others are optional and opt-in.
const (
	// PurposeBasicService covers what the service itself needs: orders,
	// delivery, after-sales. Required.
	PurposeBasicService Purpose = "basic_service"
	// PurposePersonalization covers recommendations and profiling.
	PurposePersonalization Purpose = "personalization"
	// PurposeMarketingSMS covers marketing text messages.
	PurposeMarketingSMS Purpose = "marketing_sms"
	// PurposeMarketingEmail covers marketing e-mail.
	PurposeMarketingEmail Purpose = "marketing_email"
	// PurposeThirdPartySharing covers giving data to partners.
	PurposeThirdPartySharing Purpose = "third_party_sharing"
)

// Required reports whether the purpose is required for the service:
// only [PurposeBasicService] is. An optional purpose is allowed only
// while the required one is.
func (p Purpose) Required() bool { return p == PurposeBasicService }

// ConsentEvent is one grant or withdrawal of consent.
type ConsentEvent struct {
	// Subject identifies the customer: the host's customer ID, not a
	// phone number or e-mail address.
	Subject string
	// Purpose is what the consent covers; any non-empty value is
	// accepted, the constants above are the usual ones.
	Purpose Purpose
	// Granted is true for a grant and false for a withdrawal.
	Granted bool
	// At is when the customer acted. It must not be zero.
	At time.Time
	// NoticeVersion identifies the privacy notice the customer saw, for
	// example "2026-03"; required for grants, optional for withdrawals.
	NoticeVersion string
}

// Validate reports an event that cannot be recorded. Errors wrap
// [ErrConsent] and name the bad field, never the subject: a host that
// keys consent by phone number or e-mail address would log it.
func (e ConsentEvent) Validate() error {
	switch {
	case e.Subject == "":
		return fmt.Errorf("privacy: consent event: empty Subject: %w", ErrConsent)
	case e.Purpose == "":
		return fmt.Errorf("privacy: consent event: empty Purpose: %w", ErrConsent)
	case e.At.IsZero():
		return fmt.Errorf("privacy: consent event: zero At: %w", ErrConsent)
	case e.Granted && e.NoticeVersion == "":
		return fmt.Errorf("privacy: consent grant: empty NoticeVersion: %w", ErrConsent)
	}
	return nil
}

// Ledger records consent events and answers whether a purpose is allowed
// for a customer at a given time. Events may be recorded in any order;
// for each subject they are kept sorted by time, and of two events at the
// same instant the one recorded later wins.
//
// The zero Ledger is empty and ready to use. A Ledger is safe for
// concurrent use and must not be copied after first use.
type Ledger struct {
	mu     sync.RWMutex
	events map[string][]ConsentEvent
}

// Record adds an event. It returns the error of [ConsentEvent.Validate]
// and records nothing for an invalid event.
func (l *Ledger) Record(e ConsentEvent) error {
	if err := e.Validate(); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.events == nil {
		l.events = map[string][]ConsentEvent{}
	}
	evs := l.events[e.Subject]
	// Insert after every event at or before e.At.
	i, _ := slices.BinarySearchFunc(evs, e.At, func(x ConsentEvent, t time.Time) int {
		if x.At.After(t) {
			return 1
		}
		return -1
	})
	l.events[e.Subject] = slices.Insert(evs, i, e)
	return nil
}

// InForce returns the latest event for subject and purpose at or before
// at, and false when there is none: the evidence behind [Ledger.Allowed].
func (l *Ledger) InForce(subject string, p Purpose, at time.Time) (ConsentEvent, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	evs := l.events[subject]
	for i := len(evs) - 1; i >= 0; i-- {
		if e := evs[i]; e.Purpose == p && !e.At.After(at) {
			return e, true
		}
	}
	return ConsentEvent{}, false
}

// Allowed reports whether subject's data may be used for purpose p at
// time at: the latest event for p at or before at is a grant and, for an
// optional purpose, [PurposeBasicService] is allowed too. Without any
// event nothing is allowed.
func (l *Ledger) Allowed(subject string, p Purpose, at time.Time) bool {
	e, ok := l.InForce(subject, p, at)
	if !ok || !e.Granted {
		return false
	}
	if p.Required() {
		return true
	}
	return l.Allowed(subject, PurposeBasicService, at)
}

// History returns subject's events sorted by time, in a new slice.
func (l *Ledger) History(subject string) []ConsentEvent {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return slices.Clone(l.events[subject])
}

// FilterConsented returns the members of audience whose subject (as given
// by the subject func) allows purpose p at time at, in input order, and
// the number it dropped. It checks ctx once per member and stops with
// ctx's error when it is cancelled. A nil ledger drops everyone.
func FilterConsented[T any](ctx context.Context, audience iter.Seq[T], subject func(T) string,
	l *Ledger, p Purpose, at time.Time) (kept []T, dropped int, err error) {
	for c := range audience {
		if err := ctx.Err(); err != nil {
			return kept, dropped, err
		}
		if l != nil && l.Allowed(subject(c), p, at) {
			kept = append(kept, c)
		} else {
			dropped++
		}
	}
	return kept, dropped, nil
}
