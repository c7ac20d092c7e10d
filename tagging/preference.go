package tagging

import (
	"math"
)

// CategoryPreference tags a customer's preferred product categories (a
// multi-valued group whose values are category names): the TopN
// categories by spend (purchases minus refunds, from
// customer.Summary.Categories), largest first, ties by name, among those
// with positive spend, a non-empty name and at least MinShare of the
// customer's total positive category spend.
//
// A customer without purchases gets no category tag. The summary's
// Categories need not be sorted.
//
// CategoryPreference is configured by its fields and used as it is, as a
// [Tagger]; the zero value tags with the defaults. Bad settings (a
// negative TopN, a MinShare outside [0, 1]) are errors wrapping
// [ErrConfig]. A CategoryPreference is safe for concurrent use and does
// not allocate unless an amount has more than four decimal places.
type CategoryPreference struct {
	// Group is the group tagged. "" means GroupCategory.
	Group string
	// TopN is the number of categories tagged. 0 means 2.
	TopN int
	// MinShare is the share of the customer's category spend a category
	// needs to count as a preference. 0 means no minimum.
	MinShare float64
}

type categoryPreference struct {
	group    string
	topN     int
	minShare float64
}

func (t CategoryPreference) resolve() (categoryPreference, error) {
	c := categoryPreference{group: orDefault(t.Group, GroupCategory), topN: orDefault(t.TopN, 2), minShare: t.MinShare}
	if c.topN < 0 {
		return c, configError("CategoryPreference.TopN", "%d is negative", c.topN)
	}
	if err := checkShare("CategoryPreference.MinShare", c.minShare); err != nil {
		return c, err
	}
	return c, nil
}

func (t CategoryPreference) compile() (Tagger, error) {
	c, err := t.resolve()
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// Tag implements [Tagger].
func (t CategoryPreference) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	c, err := t.resolve()
	if err != nil {
		return dst, err
	}
	return c.Tag(p, dst)
}

func (t *categoryPreference) Name() string { return "category-preference" }

func (t *categoryPreference) Groups() []Group {
	return []Group{{Name: t.group, Multi: true}}
}

func (t *categoryPreference) Tag(p *Profile, dst []Tag) ([]Tag, error) {
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

// ChannelPreference tags the preferred sales channel from the purchases
// made online (online shop, app, mini program) and offline (stores)
// (customer.Summary.Online and Offline): "online" when online purchases
// are at least Dominant (0.8) of the two together, "offline" when offline
// ones are, and "omni-channel" otherwise, that is when the customer buys
// substantially in both. Purchases by phone or through partners count in
// neither; a customer with no online or offline purchase gets no channel
// tag.
//
// ChannelPreference is configured by its fields and used as it is, as a
// [Tagger]; the zero value tags with the defaults. A Dominant outside
// (0.5, 1] is an error wrapping [ErrConfig]. A ChannelPreference is safe
// for concurrent use and does not allocate.
type ChannelPreference struct {
	// Group is the group tagged. "" means GroupChannel.
	Group string
	// Dominant is the share of online (or of offline) purchases, among
	// purchases in either, at or above which the customer prefers that
	// channel. 0 means 0.8. It must be above 0.5.
	Dominant float64
}

type channelPreference struct {
	group    string
	dominant float64
}

func (t ChannelPreference) resolve() (channelPreference, error) {
	c := channelPreference{group: orDefault(t.Group, GroupChannel), dominant: orDefault(t.Dominant, 0.8)}
	if !(c.dominant > 0.5 && c.dominant <= 1) {
		return c, configError("ChannelPreference.Dominant", "%v is not in (0.5, 1]", c.dominant)
	}
	return c, nil
}

func (t ChannelPreference) compile() (Tagger, error) {
	c, err := t.resolve()
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// Tag implements [Tagger].
func (t ChannelPreference) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	c, err := t.resolve()
	if err != nil {
		return dst, err
	}
	return c.Tag(p, dst)
}

func (t *channelPreference) Name() string { return "channel-preference" }

func (t *channelPreference) Groups() []Group {
	return []Group{{Name: t.group, Values: []string{channelOnline, channelOffline, channelOmni}}}
}

func (t *channelPreference) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if !purchases(p) {
		return dst, nil
	}
	on, off := p.Summary.Online, p.Summary.Offline
	if on < 0 || off < 0 || on+off == 0 {
		return dst, nil
	}
	both := float64(on + off)
	v := channelOmni
	switch {
	case float64(on) >= t.dominant*both:
		v = channelOnline
	case float64(off) >= t.dominant*both:
		v = channelOffline
	}
	return append(dst, Tag{Group: t.group, Value: v}), nil
}
