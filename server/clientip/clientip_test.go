package clientip

import (
	"net/netip"
	"testing"
)

func TestClient(t *testing.T) {
	p, err := ParseProxies([]string{"10.0.0.0/8", "192.0.2.7", "2001:db8:ffff::/48"})
	if err != nil {
		t.Fatal(err)
	}
	lb := netip.MustParseAddr("10.1.2.3")
	cases := []struct {
		name      string
		peer      netip.Addr
		forwarded []string
		want      string
	}{
		{"direct, header ignored", netip.MustParseAddr("198.51.100.1"), []string{"203.0.113.9"}, "198.51.100.1"},
		{"behind the balancer", lb, []string{"203.0.113.9"}, "203.0.113.9"},
		{"spoofed leftmost entries", lb, []string{"1.2.3.4, 5.6.7.8, 203.0.113.9"}, "203.0.113.9"},
		{"garbage on the left", lb, []string{"not-an-ip, 203.0.113.9"}, "203.0.113.9"},
		{"two proxies of ours", lb, []string{"6.6.6.6, 203.0.113.9, 192.0.2.7"}, "203.0.113.9"},
		{"a second header", lb, []string{"6.6.6.6", "203.0.113.9, 10.9.9.9"}, "203.0.113.9"},
		{"no header", lb, nil, "10.1.2.3"},
		{"only our hops", lb, []string{"10.2.2.2"}, "10.2.2.2"},
		{"garbage appended by our proxy", lb, []string{"203.0.113.9, junk"}, "10.1.2.3"},
		{"with a port", lb, []string{"203.0.113.9:4711"}, "203.0.113.9"},
		{"IPv6 client", lb, []string{"2001:db8:1:2::5"}, "2001:db8:1:2::5"},
		{"IPv6 proxy", netip.MustParseAddr("2001:db8:ffff::1"), []string{"[2001:db8:1:2::5]:80"}, "2001:db8:1:2::5"},
		{"mapped peer", netip.MustParseAddr("::ffff:10.1.2.3"), []string{"203.0.113.9"}, "203.0.113.9"},
	}
	for _, tc := range cases {
		if got := p.Client(tc.peer, tc.forwarded).String(); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if _, err := ParseProxies([]string{"bogus"}); err == nil {
		t.Error("a bogus proxy was accepted")
	}
}

func TestBucket(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.9":          "203.0.113.9",
		"::ffff:203.0.113.9":   "203.0.113.9",
		"2001:db8:1:2::5":      "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1": "2001:db8:1:2::/64",
		"2001:db8:1:3::5":      "2001:db8:1:3::/64",
		"":                     "",
	} {
		if got := Bucket(in); got != want {
			t.Errorf("Bucket(%q) = %q, want %q", in, got, want)
		}
	}
}
