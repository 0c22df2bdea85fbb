package webhooks

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestURLsAreCheckedWhenSaved(t *testing.T) {
	for raw, want := range map[string]bool{
		"https://hooks.example.com/in":          true,
		"https://hooks.example.com:8443/in?a=b": true,
		"http://hooks.example.com/in":           false, // https only
		"https://user:pw@hooks.example.com/in":  false,
		"https://127.0.0.1/in":                  false,
		"https://[::1]/in":                      false,
		"https://10.1.2.3/in":                   false,
		"https://169.254.169.254/latest":        false, // cloud metadata
		"https://100.64.0.1/in":                 false,
		"https://[::ffff:192.168.0.1]/in":       false,
		"https://localhost/in":                  false,
		"https://api.localhost/in":              false,
		"https://hooks.example.com/in#frag":     false,
		"hooks.example.com/in":                  false,
		"ftp://hooks.example.com/in":            false,
	} {
		if _, problem := checkURL(raw, false); (problem == "") != want {
			t.Errorf("%s: accepted = %v, want %v (%s)", raw, problem == "", want, problem)
		}
	}
	// The escape hatch for tests and closed networks allows http and private addresses.
	if _, problem := checkURL("http://127.0.0.1:9000/in", true); problem != "" {
		t.Errorf("with private addresses allowed: %s", problem)
	}
}

func TestPublicAddresses(t *testing.T) {
	for addr, want := range map[string]bool{
		"93.184.216.34": true, "2606:2800:220:1:248:1893:25c8:1946": true,
		"127.0.0.1": false, "10.0.0.1": false, "172.16.0.1": false, "192.168.1.1": false, "169.254.1.1": false,
		"0.0.0.0": false, "100.100.0.1": false, "198.18.0.1": false, "224.0.0.1": false, "255.255.255.255": false,
		"::1": false, "fe80::1": false, "fc00::1": false, "::ffff:10.0.0.1": false, "64:ff9b::a00:1": false,
	} {
		if got := publicAddr(netip.MustParseAddr(addr)); got != want {
			t.Errorf("%s: public = %v, want %v", addr, got, want)
		}
	}
}

// The address is checked at connection time, on the IP actually dialled: a name that
// resolves to loopback (here "localhost", as a rebinding name would) is refused by the dialer,
// even though no check ran on it before.
func TestClientRefusesPrivateAddressesAtConnectionTime(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	t.Setenv("HTTPS_PROXY", srv.URL) // an environment proxy would dial in our place
	t.Setenv("HTTP_PROXY", srv.URL)
	c := newClient(false, 2*time.Second)
	for _, u := range []string{srv.URL, "http://localhost" + port} {
		req, _ := http.NewRequestWithContext(context.Background(), "POST", u, nil)
		_, err := c.Do(req)
		if !errors.Is(err, ErrAddressRefused) {
			t.Errorf("%s: %v, want the address refused", u, err)
		}
		if describe(err) != "Refused: the address is on this machine or a private network." {
			t.Errorf("described as %q", describe(err))
		}
	}
	if hits != 0 {
		t.Fatalf("%d requests reached the loopback server", hits)
	}
}

// Redirects are not followed (the next hop could be inside); the 3xx is the answer.
func TestClientFollowsNoRedirect(t *testing.T) {
	inside := 0
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { inside++ }))
	defer target.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	res, err := newClient(true, 2*time.Second).Post(srv.URL, "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 307 || inside != 0 {
		t.Fatalf("status %d, redirect target hit %d times", res.StatusCode, inside)
	}
}

func TestExcerptKeepsTextPostgreSQLCanStore(t *testing.T) {
	long := strings.Repeat("é", 2000)
	if got := excerpt([]byte(long)); len(got) > excerptLimit || !strings.HasPrefix(long, got) {
		t.Fatalf("excerpt of %d bytes cut badly: %d", len(long), len(got))
	}
	if got := excerpt([]byte("a\x00b\xffc")); got != "abc" {
		t.Fatalf("excerpt %q", got)
	}
}
