package rfmbeam

import (
	"strconv"
	"testing"

	"github.com/clientele-go/clientele/customer"

	"github.com/clientele-go/clientele/rfm"
)

func BenchmarkExtract(b *testing.B) {
	fn, _ := NewCombineFn(asOf, rfm.Options{})
	os := customerOrders()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		id := customer.ID(strconv.Itoa(i))
		acc := fn.CreateAccumulator()
		for _, o := range os {
			o.CustomerID = id
			acc = fn.AddInput(acc, o)
		}
		fn.ExtractOutput(acc)
	}
}

func BenchmarkEncodeOrder(b *testing.B) {
	o := customerOrders()[0]
	b.ReportAllocs()
	for b.Loop() {
		decodeOrder(encodeOrder(o))
	}
}
