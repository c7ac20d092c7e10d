// Package money sums decimal.Decimal amounts exactly without allocating on
// the hot path.
//
// shopspring/decimal allocates on every operation, which is too slow when a
// pass adds up millions of order amounts. [Sum] keeps the total as an int64
// count of ten-thousandths (1e-4) and falls back to decimal arithmetic only
// for an amount with more than four decimal places or a total that would
// overflow int64, so the result is always exact.
package money
