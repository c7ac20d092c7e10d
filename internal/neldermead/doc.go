// Package neldermead minimises a function of a few variables without
// derivatives, by the Nelder–Mead simplex method, for the maximum
// likelihood fits of package rfm/clv.
//
// [Minimize] is deterministic: the same function, start and [Settings]
// give the same [Result] bit for bit. It checks a context once per
// iteration and starts no goroutines.
package neldermead
