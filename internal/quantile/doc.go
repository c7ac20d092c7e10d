// Package quantile computes the inner breaks of R's type-7 sample
// quantiles (quantile.default, the method R's rfm package uses) from the
// few order statistics they need, so that rfm.Quantile, which has all the
// values, and the Beam scoring step, which finds the order statistics
// in passes over a distributed population, compute the same breaks.
package quantile
