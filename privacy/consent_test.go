package privacy_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/privacy"
)

func day(d int) time.Time { return time.Date(2026, 1, d, 12, 0, 0, 0, time.UTC) }

func TestLedgerAllowed(t *testing.T) {
	var l privacy.Ledger
	events := []privacy.ConsentEvent{
		// Recorded out of order on purpose.
		{Subject: "c1", Purpose: privacy.PurposeMarketingSMS, Granted: true, At: day(5), NoticeVersion: "v2"},
		{Subject: "c1", Purpose: privacy.PurposeBasicService, Granted: true, At: day(1), NoticeVersion: "v1"},
		{Subject: "c1", Purpose: privacy.PurposeMarketingSMS, Granted: false, At: day(10)},
		{Subject: "c2", Purpose: privacy.PurposeMarketingSMS, Granted: true, At: day(1), NoticeVersion: "v1"},
		{Subject: "c3", Purpose: privacy.PurposeBasicService, Granted: true, At: day(1), NoticeVersion: "v1"},
		{Subject: "c3", Purpose: privacy.PurposeMarketingEmail, Granted: true, At: day(1), NoticeVersion: "v1"},
		{Subject: "c3", Purpose: privacy.PurposeBasicService, Granted: false, At: day(20)},
		// Same instant: the later record wins.
		{Subject: "c4", Purpose: privacy.PurposeBasicService, Granted: true, At: day(1), NoticeVersion: "v1"},
		{Subject: "c4", Purpose: privacy.PurposeBasicService, Granted: false, At: day(1)},
	}
	for _, e := range events {
		if err := l.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		subject string
		purpose privacy.Purpose
		at      time.Time
		want    bool
	}{
		{"before the grant", "c1", privacy.PurposeMarketingSMS, day(4), false},
		{"at the grant", "c1", privacy.PurposeMarketingSMS, day(5), true},
		{"between grant and withdrawal", "c1", privacy.PurposeMarketingSMS, day(9), true},
		{"after withdrawal", "c1", privacy.PurposeMarketingSMS, day(10), false},
		{"never asked", "c1", privacy.PurposeMarketingEmail, day(9), false},
		{"required purpose", "c1", privacy.PurposeBasicService, day(30), true},
		{"optional without the required one", "c2", privacy.PurposeMarketingSMS, day(5), false},
		{"optional while required holds", "c3", privacy.PurposeMarketingEmail, day(19), true},
		{"optional after the required one is withdrawn", "c3", privacy.PurposeMarketingEmail, day(20), false},
		{"same-instant later record wins", "c4", privacy.PurposeBasicService, day(1), false},
		{"unknown subject", "c9", privacy.PurposeBasicService, day(1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := l.Allowed(tt.subject, tt.purpose, tt.at); got != tt.want {
				t.Errorf("Allowed(%s, %s, %v) = %v, want %v", tt.subject, tt.purpose, tt.at, got, tt.want)
			}
		})
	}
	e, ok := l.InForce("c1", privacy.PurposeMarketingSMS, day(7))
	if !ok || e.NoticeVersion != "v2" {
		t.Errorf("InForce = %+v, %v; want the v2 grant", e, ok)
	}
	hist := l.History("c1")
	if !slices.IsSortedFunc(hist, func(a, b privacy.ConsentEvent) int { return a.At.Compare(b.At) }) || len(hist) != 3 {
		t.Errorf("History not sorted or wrong length: %+v", hist)
	}
}

func TestConsentEventValidate(t *testing.T) {
	ok := privacy.ConsentEvent{Subject: "c1", Purpose: privacy.PurposeMarketingSMS, Granted: true, At: day(1), NoticeVersion: "v1"}
	// A host that keys consent by phone number must not see it logged.
	phoneKeyed := privacy.ConsentEvent{Subject: "13800138000", Granted: true, At: day(1)}
	if err := phoneKeyed.Validate(); err == nil || strings.Contains(err.Error(), "8000") {
		t.Errorf("Validate() = %v, want an error without the subject", err)
	}
	tests := []struct {
		name   string
		modify func(*privacy.ConsentEvent)
	}{
		{"empty subject", func(e *privacy.ConsentEvent) { e.Subject = "" }},
		{"empty purpose", func(e *privacy.ConsentEvent) { e.Purpose = "" }},
		{"zero time", func(e *privacy.ConsentEvent) { e.At = time.Time{} }},
		{"grant without notice", func(e *privacy.ConsentEvent) { e.NoticeVersion = "" }},
	}
	var l privacy.Ledger
	for _, tt := range tests {
		e := ok
		tt.modify(&e)
		if err := l.Record(e); !errors.Is(err, privacy.ErrConsent) {
			t.Errorf("%s: Record err = %v, want ErrConsent", tt.name, err)
		}
	}
	if len(l.History("c1")) != 0 {
		t.Error("an invalid event was recorded")
	}
	withdrawal := privacy.ConsentEvent{Subject: "c1", Purpose: privacy.PurposeMarketingSMS, At: day(1)}
	if err := withdrawal.Validate(); err != nil {
		t.Errorf("withdrawal without notice version: %v", err)
	}
}

func TestFilterConsented(t *testing.T) {
	var l privacy.Ledger
	for _, id := range []string{"a", "c"} {
		_ = l.Record(privacy.ConsentEvent{Subject: id, Purpose: privacy.PurposeBasicService, Granted: true, At: day(1), NoticeVersion: "v1"})
		_ = l.Record(privacy.ConsentEvent{Subject: id, Purpose: privacy.PurposeMarketingSMS, Granted: true, At: day(1), NoticeVersion: "v1"})
	}
	audience := []string{"a", "b", "c", "d"}
	kept, dropped, err := privacy.FilterConsented(t.Context(), slices.Values(audience), func(s string) string { return s },
		&l, privacy.PurposeMarketingSMS, day(2))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "c"}, kept); diff != "" || dropped != 2 {
		t.Errorf("FilterConsented dropped %d, kept mismatch (-want +got):\n%s", dropped, diff)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, _, err := privacy.FilterConsented(ctx, slices.Values(audience), func(s string) string { return s },
		&l, privacy.PurposeMarketingSMS, day(2)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled FilterConsented: err = %v", err)
	}
}

func TestLedgerConcurrent(t *testing.T) {
	var l privacy.Ledger
	done := make(chan bool)
	for i := range 4 {
		go func() {
			for d := range 20 {
				_ = l.Record(privacy.ConsentEvent{Subject: "c", Purpose: privacy.PurposeBasicService, Granted: (i+d)%2 == 0, At: day(d + 1), NoticeVersion: "v"})
				l.Allowed("c", privacy.PurposeBasicService, day(d+1))
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
	if n := len(l.History("c")); n != 80 {
		t.Errorf("History has %d events, want 80", n)
	}
}
