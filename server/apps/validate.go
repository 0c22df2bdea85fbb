package apps

import (
	"context"
	"errors"
	"net"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gatehouse/server/store"
)

const (
	maxURIs  = 20
	maxHosts = 20
	maxRefs  = 100
)

// validate checks an app's fields; the offers and communities of its rule must exist.
func validate(ctx context.Context, tx *store.Store, in Input, creating bool) error {
	f := map[string]string{}
	if n := utf8.RuneCountInString(clean(in.Name)); n == 0 || n > 100 {
		f["name"] = "Give the app a name of at most 100 characters."
	}
	switch in.Kind {
	case store.AppOIDC:
		if msg := checkRedirects(in.RedirectURIs, true); msg != "" {
			f["redirect_uris"] = msg
		}
		if msg := checkRedirects(in.PostLogoutRedirectURIs, false); msg != "" {
			f["post_logout_redirect_uris"] = msg
		}
		if len(in.Hosts) > 0 {
			f["hosts"] = "Sites (hosts) are for apps behind a proxy; an OpenID Connect app has redirect URIs."
		}
	case store.AppProxy:
		if in.Public {
			f["public"] = "Only an OpenID Connect app can be a public client."
		}
		if len(in.RedirectURIs) > 0 || len(in.PostLogoutRedirectURIs) > 0 {
			f["redirect_uris"] = "Redirect URIs are for OpenID Connect apps; a proxied app has hosts."
		}
		if msg := checkHosts(in.Hosts); msg != "" {
			f["hosts"] = msg
		}
	default:
		if creating {
			f["kind"] = `Choose "oidc" (Sign in with Gatehouse) or "proxy" (forward-auth).`
		}
	}
	if in.LaunchURL != "" {
		if u, err := url.Parse(in.LaunchURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(in.LaunchURL) > 2000 {
			f["launch_url"] = "Give an http(s) address, or leave it empty."
		}
	}
	if msg := checkRule(in.Rule); msg != "" {
		f["rule"] = msg
	}
	if len(f) > 0 {
		return &ValidationError{Fields: f}
	}
	return checkRefs(ctx, tx, in.Rule)
}

// checkRedirects: exact absolute URLs, https (or http on this machine, for development), no
// fragment (OAuth 2.0 forbids one), at least one when required.
func checkRedirects(uris []string, required bool) string {
	if required && len(uris) == 0 {
		return "Add the app's redirect URI (its OpenID Connect callback address)."
	}
	if len(uris) > maxURIs {
		return "Use at most 20 addresses."
	}
	for _, raw := range uris {
		u, err := url.Parse(raw)
		switch {
		case err != nil || u.Host == "" || len(raw) > 2000 || u.User != nil:
			return "Each address must be a full URL such as https://app.example.com/callback."
		case u.Fragment != "" || strings.Contains(raw, "#"):
			return "An address cannot have a #fragment."
		case u.Scheme == "https":
		case u.Scheme == "http" && loopback(u.Hostname()):
		default:
			return "Use https (http only for localhost or 127.0.0.1)."
		}
	}
	return ""
}

var hostPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?$`)

// checkHosts: host names (with a port if the site uses one), no scheme or path.
func checkHosts(hosts []string) string {
	if len(hosts) == 0 {
		return "Add the host name of the protected site, such as videos.example.com."
	}
	if len(hosts) > maxHosts {
		return "Use at most 20 hosts."
	}
	for _, h := range normaliseHosts(hosts) {
		if !hostPattern.MatchString(h) {
			return "Give host names only (videos.example.com, or with a port), without https:// or a path."
		}
	}
	return ""
}

func checkRule(r Rule) string {
	kinds := 0
	if r.AnyMember {
		kinds++
	}
	if r.StaffOnly {
		kinds++
	}
	if len(r.OfferIDs)+len(r.CommunityIDs) > 0 {
		kinds++
	}
	switch {
	case kinds == 0:
		return "Say who may enter: any member, staff only, or the holders of some offers or members of some communities."
	case kinds > 1:
		return "Choose one: any member, staff only, or offers and communities."
	case len(r.OfferIDs) > maxRefs || len(r.CommunityIDs) > maxRefs:
		return "Use at most 100 offers and 100 communities."
	}
	return ""
}

// checkRefs makes sure the rule names offers and communities that exist.
func checkRefs(ctx context.Context, tx *store.Store, r Rule) error {
	for _, id := range r.OfferIDs {
		if _, err := tx.OfferByID(ctx, id); errors.Is(err, store.ErrNotFound) {
			return &ValidationError{Fields: map[string]string{"rule": "One of the offers does not exist."}}
		} else if err != nil {
			return err
		}
	}
	for _, id := range r.CommunityIDs {
		if _, err := tx.CommunityByID(ctx, id); errors.Is(err, store.ErrNotFound) {
			return &ValidationError{Fields: map[string]string{"rule": "One of the communities does not exist."}}
		} else if err != nil {
			return err
		}
	}
	return nil
}

func normaliseHosts(hosts []string) []string {
	out := make([]string, 0, len(hosts))
	for _, h := range hosts {
		out = append(out, strings.ToLower(strings.TrimSpace(h)))
	}
	return out
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// clean trims a name and drops control characters (it may end up in a header).
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s))
}
