package clv_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/clientele-go/clientele/rfm/clv"
)

// Fit the Pareto/NBD model, print lifetimes' summary table and compare
// its forecast of the holdout year with what the customers did.
func ExampleFitParetoNBD() {
	data, err := clvExampleData()
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := clv.FitParetoNBD(context.Background(), data, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("param   coef  se(coef)  lower 95%  upper 95%")
	for _, e := range m.Summary() {
		fmt.Printf("%-5s %6.3f %9.3f %10.3f %10.3f\n", e.Name, e.Value, e.StdErr, e.Lower, e.Upper)
	}
	var predicted, actual float64
	for _, c := range data {
		predicted += m.ConditionalExpectedPurchases(c.HoldoutLength, c)
		actual += c.HoldoutPurchases
	}
	fmt.Printf("holdout purchases: predicted %.0f, actual %.0f\n", predicted, actual)
	fmt.Printf("P(a new customer buys nothing in a year) = %.3f\n", m.ProbPurchases(0, 52))
	// Output:
	// param   coef  se(coef)  lower 95%  upper 95%
	// r      0.245     0.009      0.228      0.263
	// alpha  1.774     0.093      1.591      1.956
	// s      0.300     0.092      0.119      0.481
	// beta  29.503    14.321      1.434     57.573
	// holdout purchases: predicted 14746, actual 14137
	// P(a new customer buys nothing in a year) = 0.475
}

// Compare actual and predicted holdout purchases by calibration
// frequency, the usual check of a purchase model.
func ExampleCompareHoldout() {
	data, err := clvExampleData()
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := clv.FitBGNBD(context.Background(), data, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	buckets, err := clv.CompareHoldout(m, data, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range buckets {
		label := fmt.Sprintf("x=%d", b.X)
		if b.X == 4 {
			label += "+" // 4 or more
		}
		fmt.Printf("%-4s %5d customers: actual %5.2f, predicted %5.2f\n", label, b.Customers, b.Actual, b.Predicted)
	}
	// Output:
	// x=0   1624 customers: actual  0.47, predicted  0.52
	// x=1    286 customers: actual  2.54, predicted  2.36
	// x=2    230 customers: actual  2.20, predicted  2.85
	// x=3    204 customers: actual  2.53, predicted  3.47
	// x=4+   849 customers: actual 13.69, predicted 13.49
}

// Tabulate P(alive) by frequency and recency for customers 10 weeks old,
// the data of a heat map.
func ExampleFrequencyRecency() {
	m := clv.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669} // CDNOW, weeks
	grid, err := clv.FrequencyRecency(m, 3, 10, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print("x\\t_x")
	for j := 0; j < len(grid.Recencies); j += 2 {
		fmt.Printf(" %5.0f", grid.Recencies[j])
	}
	fmt.Println()
	for i, x := range grid.Frequencies {
		fmt.Printf("%5.0f ", x)
		for j := 0; j < len(grid.Recencies); j += 2 {
			fmt.Printf(" %5.2f", grid.ProbAlive[i][j])
		}
		fmt.Println()
	}
	// Output:
	// x\t_x     0     2     4     6     8    10
	//     0   0.64   NaN   NaN   NaN   NaN   NaN
	//     1   0.55  0.67  0.78  0.86  0.94  1.00
	//     2   0.44  0.60  0.74  0.85  0.94  1.00
	//     3   0.34  0.53  0.70  0.83  0.93  1.00
}

// Fit the BG/BB model to yearly donations, aggregated by pattern as in
// Fader, Hardie & Shang (2010), and find who is likely to give next year.
func ExampleFitBGBB() {
	data := []clv.DiscreteCBS{ // x donations in 1996–2001, the last in year t_x
		{X: 0, TX: 0, N: 6, Customers: 3464}, {X: 1, TX: 1, N: 6, Customers: 1091}, {X: 1, TX: 2, N: 6, Customers: 277},
		{X: 1, TX: 3, N: 6, Customers: 129}, {X: 1, TX: 4, N: 6, Customers: 78}, {X: 1, TX: 5, N: 6, Customers: 119},
		{X: 1, TX: 6, N: 6, Customers: 129}, {X: 2, TX: 2, N: 6, Customers: 613}, {X: 2, TX: 3, N: 6, Customers: 255},
		{X: 2, TX: 4, N: 6, Customers: 155}, {X: 2, TX: 5, N: 6, Customers: 173}, {X: 2, TX: 6, N: 6, Customers: 234},
		{X: 3, TX: 3, N: 6, Customers: 322}, {X: 3, TX: 4, N: 6, Customers: 181}, {X: 3, TX: 5, N: 6, Customers: 225},
		{X: 3, TX: 6, N: 6, Customers: 357}, {X: 4, TX: 4, N: 6, Customers: 240}, {X: 4, TX: 5, N: 6, Customers: 284},
		{X: 4, TX: 6, N: 6, Customers: 512}, {X: 5, TX: 5, N: 6, Customers: 335}, {X: 5, TX: 6, N: 6, Customers: 728},
		{X: 6, TX: 6, N: 6, Customers: 1203},
	}
	m, err := clv.FitBGBB(context.Background(), data, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("alpha=%.3f beta=%.3f gamma=%.3f delta=%.3f LL=%.1f\n", m.Alpha, m.Beta, m.Gamma, m.Delta, m.LogLikelihood)
	for _, c := range []clv.DiscreteCBS{{X: 6, TX: 6, N: 6}, {X: 2, TX: 4, N: 6}, {X: 1, TX: 1, N: 6}} {
		fmt.Printf("%d of 6, last in year %d: P(alive) %.2f, expected donations 2002-06 %.2f\n", c.X, c.TX, m.ProbAlive(c), m.ConditionalExpectedPurchases(5, c))
	}
	// Output:
	// alpha=1.204 beta=0.750 gamma=0.657 delta=2.783 LL=-33225.6
	// 6 of 6, last in year 6: P(alive) 0.93, expected donations 2002-06 3.75
	// 2 of 6, last in year 4: P(alive) 0.59, expected donations 2002-06 1.06
	// 1 of 6, last in year 1: P(alive) 0.07, expected donations 2002-06 0.09
}

// Save a fitted model as JSON, as a service would, and load it back.
func ExampleParetoNBD_MarshalJSON() {
	m := clv.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669, LogLikelihood: -9595, Customers: 2357}
	b, err := json.Marshal(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	var loaded clv.ParetoNBD
	if err := json.Unmarshal(b, &loaded); err != nil {
		fmt.Println(err)
		return
	}
	c := clv.CBS{X: 2, TX: 30.43, T: 38.86}
	fmt.Printf("P(alive) %.4f\n", loaded.ProbAlive(c))
	// Output:
	// {"model":"paretonbd","version":1,"params":{"r":0.553,"alpha":10.578,"s":0.606,"beta":11.669},"log_likelihood":-9595,"customers":2357}
	// P(alive) 0.8692
}

// Fit the MBG/NBD model, under which one-time buyers may have left too,
// and compare their P(alive) with the BG/NBD model's.
func ExampleFitMBGNBD() {
	data, err := clvExampleData()
	if err != nil {
		fmt.Println(err)
		return
	}
	mbg, err := clv.FitMBGNBD(context.Background(), data, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	bg, err := clv.FitBGNBD(context.Background(), data, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("MBG/NBD: r=%.3f alpha=%.2f a=%.3f b=%.3f\n", mbg.R, mbg.Alpha, mbg.A, mbg.B)
	oneTime := clv.CBS{T: 26}
	fmt.Printf("one-time buyer of 26 weeks: P(alive) %.2f (BG/NBD %.2f)\n", mbg.ProbAlive(oneTime), bg.ProbAlive(oneTime))
	// Output:
	// MBG/NBD: r=0.220 alpha=1.50 a=0.346 b=10.656
	// one-time buyer of 26 weeks: P(alive) 0.94 (BG/NBD 1.00)
}
