package clv_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/shopspring/decimal"
)

// Summarise three customers' orders for the lifetime-value models: a
// calibration period to the end of March and a holdout in April, in
// weeks.
func ExampleSummarizeCBS() {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }
	orders := []customer.Order{
		{ID: "1", CustomerID: "A", At: day(3, 1), Amount: decimal.RequireFromString("10.00")},
		{ID: "2", CustomerID: "A", At: day(3, 1), Amount: decimal.RequireFromString("5.00")}, // same day: one purchase
		{ID: "3", CustomerID: "A", At: day(3, 8), Amount: decimal.RequireFromString("20.00")},
		{ID: "4", CustomerID: "A", At: day(3, 22), Amount: decimal.RequireFromString("30.00")},
		{ID: "5", CustomerID: "A", At: day(4, 9), Amount: decimal.RequireFromString("12.00")},
		{ID: "6", CustomerID: "B", At: day(3, 17), Amount: decimal.RequireFromString("8.00")},
		{ID: "7", CustomerID: "C", At: day(4, 3), Amount: decimal.RequireFromString("9.00")}, // first bought in the holdout
	}
	data, skipped, err := clv.SummarizeCBS(context.Background(), slices.Values(orders), clv.CBSOptions{
		CalibrationEnd: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC),
		Unit:           7 * 24 * time.Hour, // weeks
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range data {
		fmt.Printf("%s: x=%v t_x=%.2f T=%.2f m=%v; holdout %v purchase(s) for %v\n",
			c.CustomerID, c.X, c.TX, c.T, c.M, c.HoldoutPurchases, c.HoldoutSpend)
	}
	fmt.Printf("holdout %.2f weeks; %d customer new in the holdout\n", data[0].HoldoutLength, skipped.NewInHoldout)
	// Output:
	// A: x=2 t_x=3.00 T=4.29 m=25; holdout 1 purchase(s) for 12
	// B: x=0 t_x=0.00 T=2.00 m=0; holdout 0 purchase(s) for 0
	// holdout 4.29 weeks; 1 customer new in the holdout
}

// week is the unit of the examples' summaries and models.
const week = 7 * 24 * time.Hour

// clvExampleData summarises two years of purchases of 5,000 synthetic
// customers, with the third year as holdout, in weeks.
func clvExampleData() ([]clv.CBS, error) {
	asOf := synth.DefaultAsOf
	data, _, err := clv.SummarizeCBS(context.Background(), synth.Orders(synth.Config{People: 5000, Companies: -1, Seed: 7}), clv.CBSOptions{
		CalibrationEnd: asOf.AddDate(-1, 0, 0),
		HoldoutEnd:     asOf,
		Unit:           week,
	})
	return data, err
}

// Fit the BG/NBD model and check its forecast of the holdout year.
func ExampleFitBGNBD() {
	data, err := clvExampleData()
	if err != nil {
		fmt.Println(err)
		return
	}
	bg, err := clv.FitBGNBD(context.Background(), data, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("BG/NBD: r=%.3f alpha=%.2f a=%.3f b=%.3f\n", bg.R, bg.Alpha, bg.A, bg.B)
	var predicted, actual float64
	for _, c := range data {
		predicted += bg.ConditionalExpectedPurchases(c.HoldoutLength, c)
		actual += c.HoldoutPurchases
	}
	fmt.Printf("holdout purchases: predicted %.0f, actual %.0f\n", predicted, actual)
	fmt.Printf("a new customer's repeat purchases in a year: %.2f\n", bg.ConditionalExpectedPurchases(52, clv.CBS{}))
	// Output:
	// BG/NBD: r=0.209 alpha=1.47 a=0.358 b=12.433
	// holdout purchases: predicted 14344, actual 14137
	// a new customer's repeat purchases in a year: 5.67
}

// Fit the Gamma-Gamma spend model, check its independence assumption and
// estimate the spend per purchase of one customer.
func ExampleFitGammaGamma() {
	data, err := clvExampleData()
	if err != nil {
		fmt.Println(err)
		return
	}
	gg, err := clv.FitGammaGamma(context.Background(), data, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("Gamma-Gamma: p=%.3f q=%.3f gamma=%.1f, fitted on %d customers\n", gg.P, gg.Q, gg.Gamma, gg.Customers)
	fmt.Printf("correlation of frequency and spend: %.2f\n", gg.Correlation)
	c := data[0]
	fmt.Printf("%s: %v purchases averaging %s, expected %s\n", c.CustomerID, c.X, c.M.StringFixed(2), gg.ConditionalExpectedValue(c).StringFixed(2))
	// Output:
	// Gamma-Gamma: p=1.660 q=2.219 gamma=278.4, fitted on 1569 customers
	// correlation of frequency and spend: 0.02
	// P0000002: 3 purchases averaging 170.23, expected 211.29
}

// Predict each customer's 12-month value and list the most valuable
// customers and the valuable customers most likely lost.
func ExampleLifetimeValues() {
	ctx := context.Background()
	data, err := clvExampleData()
	if err != nil {
		fmt.Println(err)
		return
	}
	bg, err := clv.FitBGNBD(ctx, data, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	gg, err := clv.FitGammaGamma(ctx, data, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	vals, err := clv.LifetimeValues(ctx, data, bg, gg, clv.CLVOptions{Unit: week, Months: 12, DiscountRate: 0.01})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range clv.TopCLV(vals, 3) {
		fmt.Printf("top: %s CLV %s, P(alive) %.2f\n", v.CustomerID, v.Value.StringFixed(0), v.ProbAlive)
	}
	for _, v := range clv.ChurnRisk(vals, 0.3, 3) {
		fmt.Printf("at risk: %s P(alive) %.2f, at stake %s\n", v.CustomerID, v.ProbAlive, v.ValueAtRisk.StringFixed(0))
	}
	// Output:
	// top: P0004096 CLV 91813, P(alive) 0.99
	// top: P0000111 CLV 82297, P(alive) 0.95
	// top: P0000454 CLV 65346, P(alive) 0.98
	// at risk: P0004644 P(alive) 0.00, at stake 52535
	// at risk: P0000054 P(alive) 0.00, at stake 35344
	// at risk: P0002980 P(alive) 0.03, at stake 24011
}
