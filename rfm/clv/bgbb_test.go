package clv_test

import (
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/rfm/clv"
)

// bgbbDonations is the donation data of Fader, Hardie & Shang (2010): the
// 11,104 members of the 1995 cohort of a US nonprofit and whether they
// donated in each of 1996–2001, aggregated by (x, t_x) with n = 6, as
// printed in the paper and in lifetimes' datasets/donations.csv.
var bgbbDonations = []clv.DiscreteCBS{
	{X: 0, TX: 0, N: 6, Customers: 3464}, {X: 1, TX: 1, N: 6, Customers: 1091}, {X: 1, TX: 2, N: 6, Customers: 277},
	{X: 1, TX: 3, N: 6, Customers: 129}, {X: 1, TX: 4, N: 6, Customers: 78}, {X: 1, TX: 5, N: 6, Customers: 119},
	{X: 1, TX: 6, N: 6, Customers: 129}, {X: 2, TX: 2, N: 6, Customers: 613}, {X: 2, TX: 3, N: 6, Customers: 255},
	{X: 2, TX: 4, N: 6, Customers: 155}, {X: 2, TX: 5, N: 6, Customers: 173}, {X: 2, TX: 6, N: 6, Customers: 234},
	{X: 3, TX: 3, N: 6, Customers: 322}, {X: 3, TX: 4, N: 6, Customers: 181}, {X: 3, TX: 5, N: 6, Customers: 225},
	{X: 3, TX: 6, N: 6, Customers: 357}, {X: 4, TX: 4, N: 6, Customers: 240}, {X: 4, TX: 5, N: 6, Customers: 284},
	{X: 4, TX: 6, N: 6, Customers: 512}, {X: 5, TX: 5, N: 6, Customers: 335}, {X: 5, TX: 6, N: 6, Customers: 728},
	{X: 6, TX: 6, N: 6, Customers: 1203},
}

// TestDonationsBGBB reproduces the BG/BB results of Fader, Hardie &
// Shang (2010) on their donation data: α = 1.204, β = 0.750, γ = 0.657,
// δ = 2.783, LL = −33,225.6; P(alive in 2002) 0.11, 0.59 and 0.93 for
// the donors with (x, t_x) = (0, 0), (2, 4) and (6, 6) (their Table 6);
// and, from Hardie's BG/BB spreadsheet as lifetimes asserts them, 12,884.2
// expected donations in 2002–2006 and 3,454.9 and 1,253.1 expected donors
// with 0 and 6 donations in 1996–2001. The scipy maximum and standard
// errors are from testdata/models_reference.py.
func TestDonationsBGBB(t *testing.T) {
	m, err := clv.FitBGBB(t.Context(), bgbbDonations, clv.FitOptions{})
	if err != nil {
		t.Fatalf("FitBGBB(donations) error: %v", err)
	}
	if m.Customers != 11104 {
		t.Errorf("FitBGBB(donations) Customers = %d, want 11104", m.Customers)
	}
	for i, p := range []struct {
		published, scipy, se float64
	}{
		{1.204, 1.203522, 0.069391}, {0.750, 0.749716, 0.029448}, {0.657, 0.656718, 0.051009}, {2.783, 2.783442, 0.320816},
	} {
		e := m.Summary()[i]
		if math.Abs(e.Value-p.published) >= 1.5e-3 || math.Abs(e.Value-p.scipy) > 1e-5*p.scipy {
			t.Errorf("FitBGBB(donations) %s = %.6f, want %v (FHS 2010) and scipy's %v", e.Name, e.Value, p.published, p.scipy)
		}
		if math.Abs(e.StdErr-p.se) > 1e-3*p.se {
			t.Errorf("FitBGBB(donations) %s StdErr = %.6f, want scipy's %v", e.Name, e.StdErr, p.se)
		}
	}
	if !clvSigDigits(m.LogLikelihood, -33225.6, 6) || math.Abs(m.LogLikelihood - -33225.5813) > 1e-3 {
		t.Errorf("FitBGBB(donations) LogLikelihood = %.4f, want -33225.6 (FHS 2010), -33225.5813 (scipy)", m.LogLikelihood)
	}
	if ll, err := clv.BGBBLogLikelihood(*m, bgbbDonations); err != nil || math.Abs(ll-m.LogLikelihood) > 1e-8 {
		t.Errorf("row-by-row log-likelihood = %v, %v; fit reported %v", ll, err, m.LogLikelihood)
	}
	for _, tc := range []struct {
		c    clv.DiscreteCBS
		want float64
	}{
		{clv.DiscreteCBS{X: 0, TX: 0, N: 6}, 0.11}, {clv.DiscreteCBS{X: 2, TX: 4, N: 6}, 0.59}, {clv.DiscreteCBS{X: 6, TX: 6, N: 6}, 0.93},
	} {
		if got := m.ProbAlive(tc.c); math.Abs(got-tc.want) > 0.005 {
			t.Errorf("ProbAlive(%+v) = %.4f, want %v (FHS 2010, Table 6)", tc.c, got, tc.want)
		}
	}
	var total float64
	for _, c := range bgbbDonations {
		total += float64(c.Customers) * m.ConditionalExpectedPurchases(5, c)
	}
	if math.Abs(total-12884.2) > 0.5 {
		t.Errorf("Σ ConditionalExpectedPurchases(5) = %.2f, want 12884.2 (Hardie's spreadsheet)", total)
	}
	for _, tc := range []struct {
		x    int
		want float64
	}{{0, 3454.9}, {6, 1253.1}} {
		if got := 11104 * m.ProbPurchases(tc.x, 6); math.Abs(got-tc.want) > 0.5 {
			t.Errorf("11104·ProbPurchases(%d, 6) = %.2f, want %v (Hardie's spreadsheet)", tc.x, got, tc.want)
		}
	}
}

// TestBGBBIdentities checks small cases by hand and the identities
// Σ_x P(X(n) = x) = 1 and Σ_x x·P = E[X(n)].
func TestBGBBIdentities(t *testing.T) {
	m := clv.BGBB{Alpha: 1.2, Beta: 0.75, Gamma: 0.66, Delta: 2.8}
	for _, n := range []int{0, 1, 2, 6, 30} {
		var total, mean float64
		for x := 0; x <= n; x++ {
			p := m.ProbPurchases(x, n)
			total += p
			mean += float64(x) * p
		}
		if want := m.ExpectedPurchases(n); math.Abs(total-1) > 1e-12 || math.Abs(mean-want) > 1e-12 {
			t.Errorf("n = %d: Σ P = %.15f, Σ x·P = %.15f; want 1 and ExpectedPurchases = %.15f", n, total, mean, want)
		}
	}
	// One opportunity by hand: alive with probability E[1−θ] = δ/(γ+δ),
	// then transacts with probability α/(α+β).
	alive, buy := 2.8/(0.66+2.8), 1.2/(1.2+0.75)
	if got, want := m.ProbPurchases(1, 1), alive*buy; math.Abs(got-want) > 1e-14 {
		t.Errorf("ProbPurchases(1, 1) = %v, want %v", got, want)
	}
	// The likelihood of a customer with one opportunity and no
	// transaction: 1 − P(alive and transacts).
	if ll, _ := clv.BGBBLogLikelihood(m, []clv.DiscreteCBS{{N: 1}}); math.Abs(ll-math.Log(1-alive*buy)) > 1e-14 {
		t.Errorf("log-likelihood of (0, 0, 1) = %v, want ln(1 − %v)", ll, alive*buy)
	}
	// A brand-new customer is alive; the conditional expectation of one
	// with no history is the unconditional one.
	if p := m.ProbAlive(clv.DiscreteCBS{}); math.Abs(p-alive) > 1e-14 {
		t.Errorf("ProbAlive(new) = %v, want P(alive at opportunity 1) = %v", p, alive)
	}
	if got, want := m.ConditionalExpectedPurchases(7, clv.DiscreteCBS{}), m.ExpectedPurchases(7); math.Abs(got-want) > 1e-14 {
		t.Errorf("ConditionalExpectedPurchases(7, new) = %v, want ExpectedPurchases(7) = %v", got, want)
	}
	for _, c := range []clv.DiscreteCBS{{X: 1, TX: 0, N: 2}, {X: 3, TX: 2, N: 4}, {TX: 5, N: 4}, {N: -1}} {
		if _, err := clv.FitBGBB(t.Context(), append([]clv.DiscreteCBS{{X: 1, TX: 1, N: 2}}, c), clv.FitOptions{}); !errors.Is(err, clv.ErrInvalidCBS) {
			t.Errorf("FitBGBB with %+v: error %v, want ErrInvalidCBS", c, err)
		}
		if !math.IsNaN(m.ProbAlive(c)) {
			t.Errorf("ProbAlive(%+v) is not NaN", c)
		}
	}
	if _, err := clv.FitBGBB(t.Context(), []clv.DiscreteCBS{{N: 3, Customers: 10}}, clv.FitOptions{}); !errors.Is(err, clv.ErrNotIdentifiable) {
		t.Errorf("FitBGBB without repeat transactions: error %v, want ErrNotIdentifiable", err)
	}
}
