package apps

import (
	"context"
	"crypto/sha256"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"

	"gatehouse/server/store"
)

// Forward-auth lifetimes: the code carries a portal sign-in to a site (SECURITY.md: single
// use, 60 s); touchEvery is how often a site's use moves its portal session's idle deadline.
const (
	CodeLifetime = 60 * time.Second
	touchEvery   = time.Minute
)

// Errors forward-auth answers with a page or a status.
var (
	ErrNoAccess    = errors.New("apps: no valid forward-auth cookie for this app")
	ErrBadReturn   = errors.New("apps: the return address is not on one of the app's sites")
	ErrNotAdmitted = errors.New("apps: the contact does not pass the app's rule")
	ErrBadCode     = errors.New("apps: the sign-in code is unknown, used or expired")
	ErrWrongSite   = errors.New("apps: the callback came through a host the app does not have")
)

// Gate answers forward-auth. It keeps recent answers in memory while it hears every access
// change (it is the store.AccessWatcher to run with WatchAccess).
type Gate struct {
	store *store.Store
	now   func() time.Time
	*answers
	apps appCache
}

// NewGate returns the forward-auth gate.
func NewGate(st *store.Store, now func() time.Time) *Gate {
	return &Gate{store: st, now: now, answers: newAnswers()}
}

// Changed and Listening make the gate a store.AccessWatcher for answers and apps alike.
func (g *Gate) Changed(contactID string) {
	g.answers.Changed(contactID)
	if contactID == "*" {
		g.apps.clear()
	}
}

// Listening turns the caches on or off.
func (g *Gate) Listening(on bool) {
	g.answers.Listening(on)
	g.apps.clear()
}

// App returns a forward-auth app (kind proxy).
func (g *Gate) App(ctx context.Context, id string) (store.App, error) {
	if a, ok := g.apps.get(id, g.answers.listening.Load()); ok {
		return a, nil
	}
	gen := g.apps.generation()
	a, err := g.store.AppByID(ctx, id)
	if err != nil {
		return a, err
	}
	if a.Kind != store.AppProxy {
		return a, ErrNotProxy
	}
	g.apps.put(a, gen, g.answers.listening.Load())
	return a, nil
}

// CookieName is the site cookie of an app: one per app (several apps may share a host), with
// the __Host- prefix over https so a sibling subdomain cannot plant it.
func CookieName(appID string, secure bool) string {
	name := "gatehouse_" + strings.ReplaceAll(appID, "-", "")
	if secure {
		return "__Host-" + name
	}
	return name
}

// Check answers one forward-auth request: who the site cookie speaks for, if it is live for
// this app, its portal session is live and the contact passes the app's rule. At most one
// query; none when a recent answer is remembered.
func (g *Gate) Check(ctx context.Context, appID, token string) (store.ForwardAuthIdentity, error) {
	if token == "" || len(token) > 100 {
		return store.ForwardAuthIdentity{}, ErrNoAccess
	}
	now := g.now()
	k := cacheKey{token: sha256.Sum256([]byte(token)), app: appID}
	id, gen, ok := g.answers.get(k, now)
	if ok {
		return id, nil
	}
	id, err := g.store.ForwardAuthCheck(ctx, k.token[:], appID, now)
	if errors.Is(err, store.ErrNotFound) {
		return id, ErrNoAccess
	}
	if err != nil {
		return id, err
	}
	// Using a protected site is using the portal session it came from: its idle deadline
	// moves as the portal's own pages would move it.
	if now.Sub(id.LastSeenAt) >= touchEvery {
		if err := g.store.TouchSession(ctx, id.SessionID, now); err != nil {
			return id, err
		}
		id.LastSeenAt = now
	}
	until := earliest(now.Add(cacheFor), id.ExpiresAt, id.LastSeenAt.Add(time.Duration(id.IdleSeconds)*time.Second))
	g.answers.put(k, id, until, gen)
	return id, nil
}

// ReturnURL checks that rd is an http(s) address on one of the app's hosts (never another
// site: that would make Gatehouse an open redirect).
func ReturnURL(app store.App, rd string) (*url.URL, error) {
	u, err := url.Parse(rd)
	if err != nil || len(rd) > 4000 || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Host == "" {
		return nil, ErrBadReturn
	}
	if !slices.Contains(app.Hosts, strings.ToLower(u.Host)) {
		return nil, ErrBadReturn
	}
	return u, nil
}

// LaunchURL is where "Open" leads for an app.
func LaunchURL(a store.App) string {
	if a.LaunchURL != "" {
		return a.LaunchURL
	}
	if a.Kind == store.AppProxy && len(a.Hosts) > 0 {
		return "https://" + a.Hosts[0] + "/"
	}
	if len(a.RedirectURIs) > 0 {
		if u, err := url.Parse(a.RedirectURIs[0]); err == nil {
			return u.Scheme + "://" + u.Host + "/"
		}
	}
	return ""
}

func earliest(t time.Time, more ...time.Time) time.Time {
	for _, m := range more {
		if m.Before(t) {
			t = m
		}
	}
	return t
}
