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
// iterations (or the Hamerly variant, which gives the same labels with
// fewer distances on well-separated data; [Auto] picks by the data), the
// same convergence rule and the same handling of empty clusters. From the
// same starting centroids it produces the same labels, centroids and
// inertia as scikit-learn's Lloyd. Work is split over Workers goroutines
// in fixed chunks reduced in a fixed order, so the result is bit-identical
// whatever the worker count. A fitted [Model] predicts labels, gives the
// distances to every centroid ([Model.Transform]) and scores new data
// ([Model.Score]).
//
// # Performance
//
// Distances are computed by vector kernels: on amd64, assembly for AVX-512
// or AVX2 with FMA, picked at run time from CPUID; elsewhere, or when
// built with the purego tag, pure Go. Every kernel computes each squared
// distance exactly as the pure-Go reference does (the same operations in
// the same order), so the result is also bit-identical across processors
// and build tags. Lloyd's labels come from a faster kernel that ranks the
// centroids by ‖c‖² − 2x·c, one fused multiply-add per feature and
// centroid; rows whose two best centroids are close enough for its
// rounding to matter are recomputed exactly, so labels never differ from
// the reference.
// [KMeans.Float32] halves the memory each iteration reads, at float32
// precision.
//
// [MiniBatchKMeans] fits large or streaming data in mini-batches; [Online]
// takes batches one at a time with PartialFit, and [Sums] lets a host
// compute the assignment sums on separate shards and merge them.
//
// [Standardize] (z-scores as scikit-learn's StandardScaler, or median
// and interquartile range as its RobustScaler) and [MinMax] scale the
// features, with scikit-learn's with_mean/with_std, quantile_range and
// feature_range options, and take a log1p of heavy-tailed columns such
// as money first.
//
// [Silhouette], [DaviesBouldin] and [CalinskiHarabasz] score a
// clustering, [Silhouette.Samples] scores every row; [ChooseK] fits a
// range of K and reports inertia and silhouette for each.
//
// # Errors
//
// Bad input and bad settings are errors, never panics: each wraps a
// sentinel such as [ErrNotFinite] or [ErrConfig] (every bad setting, named
// in the message), and an [*InputError] names the row and column at fault.
package cluster
