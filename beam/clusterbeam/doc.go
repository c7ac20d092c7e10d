// Package clusterbeam runs Lloyd's k-means (package cluster of
// github.com/clientele-go/clientele) on Apache Beam: every iteration is
// one pass over the rows, with the centroids as a side input and a
// cluster.Sums accumulator combined across bundles and workers, driven by
// a loop in the launching program.
//
// It sits in the nested module github.com/clientele-go/clientele/beam,
// so that the core library does not depend on Beam, and builds on
// cluster's public API only.
//
// # Usage
//
//	// Pass 0: check the input, as cluster.KMeans does.
//	header, batches := csvio.Read(s, "rows.csv", csvio.Options{})
//	rows, bad := clusterbeam.ParseRows(s, header, batches)
//	stats := clusterbeam.Summarize(s, k, rows) // write it where the launcher can read it
//
//	// Then one pipeline per iteration:
//	res, err := clusterbeam.Lloyd{}.Fit(ctx, init, st, func(ctx context.Context, state clusterbeam.State) (*clusterbeam.Step, error) {
//		p, s := beam.NewPipelineWithRoot()
//		header, batches := csvio.Read(s, "rows.csv", csvio.Options{})
//		rows, _ := clusterbeam.ParseRows(s, header, batches)
//		step := clusterbeam.Assign(s, state, rows)
//		... write step, run p, read step back ...
//	})
//
// cmd/kmeans is that program.
//
// # Exactness
//
// Labels come from cluster.Model.Predict, which picks the same centroid
// as the kernels of cluster.KMeans; the update, the re-seeding of empty
// clusters, the tolerance and the stopping rules follow cluster.KMeans
// with Algorithm cluster.Lloyd. Only the order in which a runner adds the
// partial sums differs, so the centroids agree to rounding (the tests ask
// for 1e-9 relative), not bit for bit; a row almost exactly between two
// centroids could then take the other one.
package clusterbeam
