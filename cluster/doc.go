// Package cluster groups numeric vectors with k-means.
//
// It knows nothing of customers: it takes rows of float64 features in and
// gives cluster labels and centroids out, with the standard library only.
// Package segment (or any host) builds the vectors.
//
// # Usage
//
// Scale the features, fit, read the centroids back in original units:
//
//	var sc cluster.Standardize
//	Z, err := sc.FitTransform(X)
//	m, err := cluster.KMeans{K: 4, Seed: 1}.Fit(ctx, cluster.Data{Rows: Z})
//	centres, err := sc.Inverse(m.Centroids)
//
// Every fit, prediction and score takes its rows as a [Data]: either one
// slice per row, or one flat row-major slice that is read in place, with
// optional sample weights.
//
// [KMeans] matches scikit-learn's KMeans: greedy k-means++ seeding, Lloyd
// iterations (or the Hamerly variant, which gives the same labels faster),
// the same convergence rule and the same handling of empty clusters. From
// the same starting centroids it produces the same labels, centroids and
// inertia as scikit-learn's Lloyd. Work is split over Workers goroutines
// in fixed chunks reduced in a fixed order, so the result is bit-identical
// whatever the worker count.
//
// [MiniBatchKMeans] fits large or streaming data in mini-batches; [Online]
// takes batches one at a time with PartialFit, and [Sums] lets a host
// compute the assignment sums on separate shards and merge them.
//
// [Silhouette], [DaviesBouldin] and [CalinskiHarabasz] score a clustering; [ChooseK] fits a range of K and reports inertia and
// silhouette for each.
//
// # Errors
//
// Bad input and bad settings are errors, never panics: each wraps a
// sentinel such as [ErrNotFinite] or [ErrConfig] (every bad setting, named
// in the message), and an [*InputError] names the row and column at fault.
package cluster
