package webhooks

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrAddressRefused means an endpoint's address is on this machine or a private network.
var ErrAddressRefused = errors.New("webhooks: private, loopback and link-local addresses are refused")

// notPublic are ranges the IP methods below do not cover: shared address space (carrier-grade
// NAT), "this network", IETF protocol assignments, benchmarking, reserved, and NAT64 (which
// would reach an IPv4 address of any kind).
var notPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("240.0.0.0/4"), netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
}

// publicAddr reports whether ip is an address on the public internet.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range notPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// checkURL checks an endpoint's URL when it is saved: https (http only with allowPrivate), a
// host, no credentials (they would be stored and shown in clear: the signature is how a
// receiver knows us). A host that is an IP or "localhost" is checked here for a clear answer;
// names are checked where it matters, on the address actually dialled (the client's dialer),
// so a name that resolves elsewhere later (DNS rebinding) gains nothing.
// It returns the URL to store, or the problem in words for the form.
func checkURL(raw string, allowPrivate bool) (string, string) {
	u, err := url.Parse(strings.TrimSpace(raw))
	switch {
	case err != nil || u.Host == "" || u.Hostname() == "" || u.Opaque != "":
		return "", "Enter an absolute URL, like https://example.com/webhooks/gatehouse."
	case u.Scheme != "https" && !(allowPrivate && u.Scheme == "http"):
		return "", "Use an https:// URL."
	case u.User != nil:
		return "", "Leave credentials out of the URL: receivers check the signature instead."
	case u.Fragment != "" || len(u.String()) > 2000:
		return "", "Use a URL without a #fragment, at most 2,000 characters long."
	}
	host := strings.ToLower(u.Hostname())
	if !allowPrivate {
		if ip, err := netip.ParseAddr(host); (err == nil && !publicAddr(ip)) || host == "localhost" || strings.HasSuffix(host, ".localhost") {
			return "", host + " is on this machine or a private network; only public addresses can receive webhooks."
		}
	}
	return u.String(), ""
}

// newClient is the HTTP client of outbound webhooks: the address is checked on every
// connection after DNS resolution (the dialer's Control sees the IP actually dialled), no
// proxy from the environment (it would dial in our place, past the check), no redirects
// followed (a 3xx is a failed attempt: a redirect could point inside), and a time limit.
func newClient(allowPrivate bool, timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: min(timeout, 5*time.Second), Control: func(network, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip, err := netip.ParseAddr(host)
		if err != nil || !publicAddr(ip) {
			return fmt.Errorf("%w (%s)", ErrAddressRefused, host)
		}
		return nil
	}}
	transport := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, addr)
		},
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   min(timeout, 5*time.Second),
		ResponseHeaderTimeout: timeout,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{
		Transport:     transport,
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
