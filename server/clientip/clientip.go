// Package clientip decides who a request comes from, for throttles, sessions and the audit
// log: the connection's peer, or, when the peer is a trusted proxy, the rightmost
// X-Forwarded-For entry that is not a trusted proxy. Load balancers append the address they
// saw on the right; everything to its left was written by the client and proves nothing.
// It also groups IPv6 addresses by /64 for throttles (one subscriber gets a whole /64) and caps
// concurrent connections per client (conns.go).
package clientip

import (
	"fmt"
	"net/netip"
	"strings"
)

// Proxies are the addresses whose X-Forwarded-For is believed (GATEHOUSE_TRUSTED_PROXIES).
type Proxies struct{ prefixes []netip.Prefix }

// ParseProxies reads IPs and CIDRs ("10.0.0.0/8", "192.0.2.7", "2001:db8::/32").
func ParseProxies(list []string) (Proxies, error) {
	var p Proxies
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if a, err := netip.ParseAddr(s); err == nil {
			a = a.Unmap()
			p.prefixes = append(p.prefixes, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		pre, err := netip.ParsePrefix(s)
		if err != nil {
			return Proxies{}, fmt.Errorf("clientip: %q is neither an IP nor a CIDR", s)
		}
		if pre.Addr().Is4In6() {
			pre = netip.PrefixFrom(pre.Addr().Unmap(), pre.Bits()-96)
		}
		p.prefixes = append(p.prefixes, pre.Masked())
	}
	return p, nil
}

// Trusted reports whether a is a configured proxy.
func (p Proxies) Trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, pre := range p.prefixes {
		if pre.Contains(a) {
			return true
		}
	}
	return false
}

// Client is the address a request comes from. peer is the connection's remote address;
// forwarded are the X-Forwarded-For header values in the order received (a proxy may add a
// header rather than extend one). When the peer is not a trusted proxy the header is ignored.
// Otherwise the entries are read from the right, skipping trusted proxies: the first one that
// is not trusted is the client. An entry that does not parse stops the walk: the last hop read
// is then the best known (it handed us the garbage).
func (p Proxies) Client(peer netip.Addr, forwarded []string) netip.Addr {
	client := peer.Unmap()
	if !p.Trusted(client) {
		return client
	}
	var entries []string
	for _, h := range forwarded {
		entries = append(entries, strings.Split(h, ",")...)
	}
	for i := len(entries) - 1; i >= 0; i-- {
		a, ok := parseEntry(entries[i])
		if !ok {
			return client
		}
		client = a
		if !p.Trusted(a) {
			return a
		}
	}
	return client // every hop is a proxy of ours (a health check from inside)
}

// parseEntry reads one X-Forwarded-For entry: an address, possibly with a port ("[::1]:80",
// "192.0.2.1:80", as some proxies write).
func parseEntry(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

// Bucket is the throttle key of an address: IPv4 addresses as they are, IPv6 addresses by
// their /64, since one home or server is given a whole /64 and can pick any address in it.
// Anything that is not an address is returned as it is.
func Bucket(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	return netip.PrefixFrom(a, 64).Masked().String()
}
