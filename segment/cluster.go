package segment

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/clientele-go/clientele/cluster"
)

// Scaler maps a raw feature row to the space a model was fitted in.
// *cluster.Standardize and *cluster.MinMax implement it. AppendTransform
// appends the scaled values of x to dst and returns the result; it must
// not modify x and must be safe for concurrent use.
type Scaler interface {
	AppendTransform(dst, x []float64) ([]float64, error)
}

// Clusters adapts a fitted k-means model to a Segmenter: it builds the
// member's feature vector with Features, scales it with Scaler and puts
// the member in the segment of the nearest centroid. A member for whom
// Features reports false, or whose vector the scaler or model rejects
// (wrong length, NaN), is in no segment.
//
// Build it with NewClusters. A *Clusters is safe for concurrent use if
// Features and Scaler are.
type Clusters struct {
	model    *cluster.Model
	features func(m *Member, dst []float64) ([]float64, bool)
	scaler   Scaler
	segments []Segment
	buffers  sync.Pool // *[]float64 of 2×dimensions, for features and their scaled copy
}

var _ Segmenter = (*Clusters)(nil)
var _ Lister = (*Clusters)(nil)

// ClusterConfig configures NewClusters.
type ClusterConfig struct {
	// Model is the fitted model. Required.
	Model *cluster.Model
	// Features appends the member's feature vector to dst, in the order
	// the model was fitted on, and returns it with true; or false when the
	// member cannot be placed (for example a customer without purchases).
	// It must be safe for concurrent use and must not modify the member.
	// Required.
	Features func(m *Member, dst []float64) ([]float64, bool)
	// Scaler, when not nil, scales the features as the model's training
	// data were scaled. nil means the model was fitted on raw features.
	Scaler Scaler
	// Segments names the clusters: Segments[k] is cluster k's segment.
	// nil means IDs "cluster-0", "cluster-1", …; otherwise there must be
	// one per centroid, each with an ID.
	Segments []Segment
}

// NewClusters checks cfg and returns the Segmenter. It returns an error
// wrapping ErrConfig for a nil model or Features, a model without
// centroids, or Segments of the wrong length or without IDs.
func NewClusters(cfg ClusterConfig) (*Clusters, error) {
	switch {
	case cfg.Model == nil || len(cfg.Model.Centroids) == 0:
		return nil, fmt.Errorf("%w: cluster model without centroids", ErrConfig)
	case cfg.Features == nil:
		return nil, fmt.Errorf("%w: nil Features", ErrConfig)
	case cfg.Segments != nil && len(cfg.Segments) != len(cfg.Model.Centroids):
		return nil, fmt.Errorf("%w: %d segments for %d clusters", ErrConfig, len(cfg.Segments), len(cfg.Model.Centroids))
	}
	c := &Clusters{model: cfg.Model, features: cfg.Features, scaler: cfg.Scaler}
	d := len(cfg.Model.Centroids[0])
	c.buffers.New = func() any { b := make([]float64, 2*d); return &b }
	if cfg.Segments == nil {
		for k := range cfg.Model.Centroids {
			c.segments = append(c.segments, Segment{ID: "cluster-" + strconv.Itoa(k)})
		}
	} else {
		for k, s := range cfg.Segments {
			if s.ID == "" {
				return nil, fmt.Errorf("%w: cluster %d segment without an ID", ErrConfig, k)
			}
		}
		c.segments = append([]Segment(nil), cfg.Segments...)
	}
	return c, nil
}

// Assign implements Segmenter. It allocates the feature vector, and the
// scaled copy when there is a Scaler.
func (c *Clusters) Assign(m *Member, dst []string) []string {
	buf := c.buffers.Get().(*[]float64)
	defer c.buffers.Put(buf)
	d := len(c.model.Centroids[0])
	x, ok := c.features(m, (*buf)[:0])
	if !ok {
		return dst
	}
	if c.scaler != nil {
		// Scale into the second half of the buffer.
		z, err := c.scaler.AppendTransform((*buf)[d:d:2*d], x)
		if err != nil {
			return dst
		}
		x = z
	}
	k := c.model.Predict(x)
	if k < 0 || k >= len(c.segments) {
		return dst
	}
	return append(dst, c.segments[k].ID)
}

// Segments implements Lister: one segment per cluster, in cluster order.
func (c *Clusters) Segments() []Segment { return c.segments }
