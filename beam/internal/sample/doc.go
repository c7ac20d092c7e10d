// Package sample writes deterministic test inputs for the Beam pipelines:
// order CSVs with the defects RFM must handle (repeated order IDs,
// refunds, orders after the as-of date, malformed and blank lines) and
// numeric CSVs of Gaussian blobs for k-means.
package sample
