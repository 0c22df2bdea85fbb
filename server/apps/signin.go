package apps

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"

	"gatehouse/server/store"
)

// Start hands a portal sign-in to a protected site: it checks the return address and the
// app's rule, and returns the site's callback address with a one-time code (single use,
// 60 s) that only the browser holding the site's state cookie (stateHash is its hash, from
// the site's /_gatehouse/start) can redeem. The portal's own session cookie never leaves the
// portal's host.
func (g *Gate) Start(ctx context.Context, sess store.Session, app store.App, rd string, stateHash []byte) (string, error) {
	ret, err := ReturnURL(app, rd)
	if err != nil {
		return "", err
	}
	ok, err := g.store.AppAdmits(ctx, app.ID, sess.ContactID)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", ErrNotAdmitted
	}
	code := random(32)
	now := g.now()
	if err := g.store.CreateForwardAuthCode(ctx, &store.ForwardAuthCode{
		CodeHash: hash(code), AppID: app.ID, ContactID: sess.ContactID, SessionID: sess.ID, StateHash: stateHash, CreatedAt: now, ExpiresAt: now.Add(CodeLifetime),
	}); err != nil {
		return "", err
	}
	cb := url.URL{Scheme: ret.Scheme, Host: ret.Host, Path: CallbackPath,
		RawQuery: url.Values{"app": {app.ID}, "code": {code}, "rd": {ret.String()}}.Encode()}
	return cb.String(), nil
}

// StartPath and CallbackPath are where a protected site's proxy sends /_gatehouse/* to
// Gatehouse: a sign-in starts and ends on the site.
const (
	StartPath    = "/_gatehouse/start"
	CallbackPath = "/_gatehouse/callback"
)

// NewState returns a state for a sign-in that starts on a site: the cookie's value, and the
// hash the portal carries to the code.
func NewState() (cookie string, stateHash []byte) {
	cookie = random(32)
	return cookie, hash(cookie)
}

// StateCookieName is the name of the state cookie a site start sets for app (host-only;
// __Host- over https).
func StateCookieName(appID string, secure bool) string {
	name := "gatehouse_state_" + strings.ReplaceAll(appID, "-", "")
	if secure {
		return "__Host-" + name
	}
	return name
}

// SiteCookie is the cookie a callback sets on the protected site.
type SiteCookie struct {
	App     store.App
	Name    string
	Value   string
	Expires time.Time
	Secure  bool
	Return  string // where to go next: rd, or the app's launch address
}

// Redeem turns a code into the site's cookie. host is the host the browser reached the
// callback through (the site's, via its proxy): it must be one of the app's, so the cookie
// lands on the site the code was made for; state is the site's state cookie of this browser,
// which must be the one the sign-in started with. The cookie is bound to the app and to the
// portal session the code came from, and ends with it.
func (g *Gate) Redeem(ctx context.Context, code, host, rd, state string) (SiteCookie, error) {
	if code == "" || len(code) > 100 || state == "" || len(state) > 100 {
		return SiteCookie{}, ErrBadCode
	}
	var out SiteCookie
	err := g.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		now := g.now()
		c, err := tx.ClaimForwardAuthCode(ctx, hash(code), now)
		if errors.Is(err, store.ErrNotFound) {
			return ErrBadCode
		}
		if err != nil {
			return err
		}
		if subtle.ConstantTimeCompare(c.StateHash, hash(state)) != 1 {
			return ErrBadCode // started in another browser, or planted by someone else
		}
		app, err := tx.AppByID(ctx, c.AppID)
		if err != nil {
			return err
		}
		if !slices.Contains(app.Hosts, strings.ToLower(host)) {
			return ErrWrongSite
		}
		out.App = app
		ret, err := ReturnURL(app, rd)
		if err != nil {
			ret, _ = url.Parse(LaunchURL(app)) // a bad rd is ignored: the site's start page
		}
		out.Return, out.Secure = ret.String(), ret.Scheme == "https"
		expires, err := tx.SessionExpiry(ctx, c.SessionID)
		if err != nil {
			return err
		}
		token := random(32)
		if err := tx.CreateForwardAuthSession(ctx, &store.ForwardAuthSession{
			TokenHash: hash(token), AppID: app.ID, ContactID: c.ContactID, SessionID: c.SessionID, CreatedAt: now, ExpiresAt: expires,
		}); err != nil {
			return err
		}
		if err := tx.RecordAppSignIn(ctx, app.ID, c.ContactID, now); err != nil {
			return err
		}
		out.Name, out.Value, out.Expires = CookieName(app.ID, out.Secure), token, expires
		return nil
	})
	return out, err
}
