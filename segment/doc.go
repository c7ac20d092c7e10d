// Package segment divides customers into market segments by dimensions —
// geography, demographics, firmographics, behaviour and psychographic tags
// — and describes the segments.
//
// It is the package that composes the others: it reads customer records
// and summaries, tags from tagging, RFM scores from rfm and cluster labels
// from cluster.
//
// # Dimensions
//
// The reference facts the dimensions need are compiled into the package,
// with their sources named beside the tables:
//
//   - [CityTier]: the tier (一线 … 五线) of each of the 337 cities of the
//     2025 新一线 city ranking, accepting names with or without 市;
//   - [ProvinceRegion] and [ProvinceSide]: the seven-region split and the
//     Qinling–Huaihe north/south divide for every province;
//   - [SizeClass]: the National Bureau of Statistics 2017 enterprise size
//     classes (大型, 中型, 小型, 微型) with its AND/OR rules, by industry.
package segment
