package customer

import (
	"iter"
)

// RepointOrders returns the orders with each CustomerID that survivor
// maps replaced by its surviving ID, so that the orders of merged
// duplicates count for the merged customer. Orders of customers that
// survivor does not list pass unchanged. survivor is typically
// DedupResult.Survivor (or several results' maps combined). The sequence
// is as reusable as orders; it does not modify survivor.
func RepointOrders(orders iter.Seq[Order], survivor map[ID]ID) iter.Seq[Order] {
	return func(yield func(Order) bool) {
		for o := range orders {
			if s, ok := survivor[o.CustomerID]; ok {
				o.CustomerID = s
			}
			if !yield(o) {
				return
			}
		}
	}
}
