package report

import "errors"

// ErrConfig reports a page that cannot be drawn: a setting out of range
// (a negative AtRisk, a RiskThreshold outside [0, 1], a Unit that is not
// a whole number of days), or results that do not fit together (clusters
// whose rows, labels, centroids and feature names differ in number, a
// feature to plot that is not named, a migration matrix of the wrong
// shape).
var ErrConfig = errors.New("report: invalid configuration")
