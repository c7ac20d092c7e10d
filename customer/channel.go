package customer

// Channel is the sales channel of an order. Hosts may use their own
// values. [Summary] counts purchases in ChannelOnline, ChannelApp and
// ChannelMiniProgram as online and in ChannelOffline as in a store.
type Channel string

// Known channels.
const (
	ChannelOnline      Channel = "online"       // web shop or marketplace
	ChannelApp         Channel = "app"          // the brand's mobile app
	ChannelMiniProgram Channel = "mini_program" // WeChat or Alipay mini program
	ChannelOffline     Channel = "offline"      // physical store, POS
	ChannelPhone       Channel = "phone"        // call centre or telesales
	ChannelPartner     Channel = "partner"      // distributor or partner
)

// online reports whether c is one of the online channels: online, app or
// mini_program.
func (c Channel) online() bool {
	return c == ChannelOnline || c == ChannelApp || c == ChannelMiniProgram
}

// offline reports whether c is the offline channel (a store).
func (c Channel) offline() bool { return c == ChannelOffline }
