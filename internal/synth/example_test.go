package synth_test

import (
	"fmt"

	"github.com/clientele-go/clientele/internal/synth"
)

// ExampleGenerate builds a small data set: the same Config, Seed included,
// gives the same people and orders on every run and platform.
func ExampleGenerate() {
	ds := synth.Generate(synth.Config{People: 5, Seed: 1})
	fmt.Println(len(ds.People), "people,", len(ds.Companies), "company,", len(ds.Orders), "orders")
	for _, p := range ds.People[:3] {
		fmt.Println(p.ID, p.Name, p.City)
	}
	// Output:
	// 5 people, 1 company, 23 orders
	// P0000000 董明 嘉兴
	// P0000001 梁语 深圳
	// P0000002 上官倩雅 深圳
}
