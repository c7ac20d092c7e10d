package tagging

import (
	"math"
)

// CategoryConfig configures [CategoryPreference]. The zero value gives
// the defaults.
type CategoryConfig struct {
	// Group is the group tagged. "" means GroupCategory.
	Group string
	// TopN is the number of categories tagged. 0 means 2.
	TopN int
	// MinShare is the share of the customer's category spend a category
	// needs to count as a preference. 0 means no minimum.
	MinShare float64
}

// CategoryPreference tags a customer's preferred product categories (a
// multi-valued group whose values are category names): the TopN
// categories by spend (purchases minus refunds, from
// customer.Summary.Categories), largest first, ties by name, among those
// with positive spend, a non-empty name and at least MinShare of the
// customer's total positive category spend.
//
// A customer without purchases gets no category tag. The summary's
// Categories need not be sorted. A CategoryPreference is immutable, safe
// for concurrent use and does not allocate unless an amount has more than
// four decimal places.
type CategoryPreference struct {
	group    string
	topN     int
	minShare float64
}

// NewCategoryPreference returns a CategoryPreference tagger. It fails
// with an error wrapping [ErrConfig] for a negative TopN or a MinShare
// outside [0, 1].
func NewCategoryPreference(cfg CategoryConfig) (*CategoryPreference, error) {
	t := &CategoryPreference{group: orDefault(cfg.Group, GroupCategory), topN: orDefault(cfg.TopN, 2), minShare: cfg.MinShare}
	if t.topN < 0 {
		return nil, configError("CategoryConfig.TopN", "%d is negative", t.topN)
	}
	if err := checkShare("CategoryConfig.MinShare", t.minShare); err != nil {
		return nil, err
	}
	return t, nil
}

// Name returns "category-preference".
func (t *CategoryPreference) Name() string { return "category-preference" }

// Groups declares the multi-valued category group.
func (t *CategoryPreference) Groups() []Group {
	return []Group{{Name: t.group, Multi: true}}
}

// Tag implements [Tagger].
func (t *CategoryPreference) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if !purchases(p) {
		return dst, nil
	}
	cats := p.Summary.Categories
	var total float64
	for i := range cats {
		if v := amount(cats[i].Spend); v > 0 {
			total += v
		}
	}
	if total <= 0 {
		return dst, nil
	}
	min := t.minShare * total
	// Selection of the top N without sorting: N is small and so is the
	// number of categories; the previous pick bounds the next one.
	prevV, prevName := math.Inf(1), ""
	for range t.topN {
		best, bestV := -1, 0.0
		for i := range cats {
			c := &cats[i]
			v := amount(c.Spend)
			if c.Category == "" || v <= 0 || v < min {
				continue
			}
			// Only categories ranked after the previous pick.
			if v > prevV || v == prevV && c.Category <= prevName {
				continue
			}
			if best < 0 || v > bestV || v == bestV && c.Category < cats[best].Category {
				best, bestV = i, v
			}
		}
		if best < 0 {
			break
		}
		prevV, prevName = bestV, cats[best].Category
		dst = append(dst, Tag{Group: t.group, Value: prevName})
	}
	return dst, nil
}

// ChannelConfig configures [ChannelPreference]. The zero value gives the
// defaults.
type ChannelConfig struct {
	// Group is the group tagged. "" means GroupChannel.
	Group string
	// Dominant is the share of online (or of offline) purchases, among
	// purchases in either, at or above which the customer prefers that
	// channel. 0 means 0.8. It must be above 0.5.
	Dominant float64
}

// ChannelPreference tags the preferred sales channel from the purchases
// made online (online shop, app, mini program) and offline (stores)
// (customer.Summary.Online and Offline): ChannelOnline when online
// purchases are at least Dominant (0.8) of the two together,
// ChannelOffline when offline ones are, and ChannelOmni otherwise, that
// is when the customer buys substantially in both. Purchases by phone or
// through partners count in neither; a customer with no online or offline
// purchase gets no channel tag.
//
// A ChannelPreference is immutable, safe for concurrent use and does not
// allocate.
type ChannelPreference struct {
	group    string
	dominant float64
}

// NewChannelPreference returns a ChannelPreference tagger. It fails with
// an error wrapping [ErrConfig] unless 0.5 < Dominant ≤ 1.
func NewChannelPreference(cfg ChannelConfig) (*ChannelPreference, error) {
	t := &ChannelPreference{group: orDefault(cfg.Group, GroupChannel), dominant: orDefault(cfg.Dominant, 0.8)}
	if !(t.dominant > 0.5 && t.dominant <= 1) {
		return nil, configError("ChannelConfig.Dominant", "%v is not in (0.5, 1]", t.dominant)
	}
	return t, nil
}

// Name returns "channel-preference".
func (t *ChannelPreference) Name() string { return "channel-preference" }

// Groups declares the exclusive channel group.
func (t *ChannelPreference) Groups() []Group {
	return []Group{{Name: t.group, Values: []string{ChannelOnline, ChannelOffline, ChannelOmni}}}
}

// Tag implements [Tagger].
func (t *ChannelPreference) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if !purchases(p) {
		return dst, nil
	}
	on, off := p.Summary.Online, p.Summary.Offline
	if on < 0 || off < 0 || on+off == 0 {
		return dst, nil
	}
	both := float64(on + off)
	v := ChannelOmni
	switch {
	case float64(on) >= t.dominant*both:
		v = ChannelOnline
	case float64(off) >= t.dominant*both:
		v = ChannelOffline
	}
	return append(dst, Tag{Group: t.group, Value: v}), nil
}
