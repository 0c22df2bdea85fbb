package apps

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	"gatehouse/server/store"
	"gatehouse/server/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

type fixture struct {
	gate    *Gate
	here    *store.Store // the instance that answers forward-auth
	other   *store.Store // another instance on the same database
	app     store.App
	offer   store.Offer
	contact store.Contact
	session store.Session
}

// newFixture: two instances on one database; the first answers forward-auth and listens for
// access changes; a member holds the offer the app's rule names and has a portal session.
func newFixture(t *testing.T) *fixture {
	ctx := context.Background()
	dsn := testdb.URL(t)
	f := &fixture{}
	for _, st := range []**store.Store{&f.here, &f.other} {
		s, err := store.Open(ctx, dsn, 4)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		*st = s
	}
	f.contact = store.Contact{Email: "ann@example.com", Name: "Ann"}
	must(t, f.other.CreateContact(ctx, &f.contact))
	f.offer = store.Offer{Name: "Pottery course"}
	must(t, f.other.CreateOffer(ctx, &f.offer))
	must(t, f.other.CreateGrant(ctx, &store.Grant{ContactID: f.contact.ID, OfferID: f.offer.ID, GrantedAt: time.Now()}))
	f.session = store.Session{ContactID: f.contact.ID, TokenHash: []byte("portal-session-hash"), IdleTimeoutSeconds: 3600,
		ExpiresAt: time.Now().Add(24 * time.Hour), LastSeenAt: time.Now()}
	must(t, f.other.CreateSession(ctx, &f.session))
	f.app = store.App{Name: "Videos", Kind: store.AppProxy, Hosts: []string{"videos.example.com"}, RuleOfferIDs: []string{f.offer.ID}}
	must(t, f.other.CreateApp(ctx, &f.app))

	f.gate = NewGate(f.here, time.Now)
	watch, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	go f.here.WatchAccess(watch, f.gate, slog.New(slog.DiscardHandler))
	deadline := time.Now().Add(5 * time.Second)
	for !f.gate.answers.listening.Load() {
		if time.Now().After(deadline) {
			t.Fatal("the access listener did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// signIn runs the hand-over: a code from the portal, redeemed on the site.
func (f *fixture) signIn(t *testing.T) SiteCookie {
	t.Helper()
	state, stateHash := NewState()
	cb, err := f.gate.Start(context.Background(), f.session, f.app, "https://videos.example.com/lesson/1?t=30", stateHash)
	must(t, err)
	u, _ := url.Parse(cb)
	if u.Host != "videos.example.com" || u.Path != CallbackPath {
		t.Fatalf("callback: %s", cb)
	}
	ck, err := f.gate.Redeem(context.Background(), u.Query().Get("code"), "videos.example.com", u.Query().Get("rd"), state)
	must(t, err)
	if ck.Return != "https://videos.example.com/lesson/1?t=30" || !ck.Secure || ck.Name != CookieName(f.app.ID, true) {
		t.Fatalf("cookie: %+v", ck)
	}
	return ck
}

// outWithin waits until the site cookie stops working, and fails after limit.
func (f *fixture) outWithin(t *testing.T, token string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		_, err := f.gate.Check(context.Background(), f.app.ID, token)
		if errors.Is(err, ErrNoAccess) {
			return time.Since(start)
		}
		must(t, err)
		if time.Since(start) > limit {
			t.Fatalf("still admitted %s after the change", limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A change made by another instance reaches this one's cache at once (LISTEN/NOTIFY): a
// revoked offer, an ended portal session and a disabled account each shut the site within a
// second, although the answer was cached.
func TestRevokeElsewhereClosesTheSiteWithinASecond(t *testing.T) {
	ctx := context.Background()
	for name, change := range map[string]func(f *fixture) error{
		"offer revoked": func(f *fixture) error { return f.other.RevokeGrant(ctx, f.contact.ID, f.offer.ID, time.Now()) },
		"portal session ended": func(f *fixture) error {
			_, err := f.other.RevokeSessions(ctx, f.contact.ID, "", time.Now())
			return err
		},
		"account disabled": func(f *fixture) error { return f.other.SetDisabled(ctx, f.contact.ID, time.Now()) },
		"rule changed": func(f *fixture) error {
			f.app.RuleOfferIDs, f.app.RuleStaffOnly = nil, true
			return f.other.UpdateApp(ctx, &f.app)
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			ck := f.signIn(t)
			id, err := f.gate.Check(ctx, f.app.ID, ck.Value)
			must(t, err)
			if id.ContactID != f.contact.ID || id.Email != "ann@example.com" || len(id.Offers) != 1 || id.Offers[0] != f.offer.Slug {
				t.Fatalf("identity: %+v", id)
			}
			if _, _, cached := f.gate.answers.get(cacheKey{token: sha(ck.Value), app: f.app.ID}, time.Now()); !cached {
				t.Fatal("the answer should be cached")
			}
			must(t, change(f))
			took := f.outWithin(t, ck.Value, time.Second)
			t.Logf("%s: out after %s", name, took)
		})
	}
}

// The hand-over refuses what it must: a return address on another site (no open redirect), a
// code used twice, a code redeemed through a host the app does not have, a member the rule
// leaves out, a cookie of another app.
func TestHandOverRefusals(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for _, rd := range []string{"https://evil.example/", "https://videos.example.com.evil.example/", "https://user@evil.example/",
		"javascript:alert(1)", "//evil.example/", "https://videos.example.com@evil.example/"} {
		if _, err := f.gate.Start(ctx, f.session, f.app, rd, nil); !errors.Is(err, ErrBadReturn) {
			t.Errorf("rd %q: %v", rd, err)
		}
	}
	// A code redeemed in a browser that did not start the sign-in (an attacker's own code
	// planted in a victim's browser) is refused.
	_, stateHash := NewState()
	cb, err := f.gate.Start(ctx, f.session, f.app, "https://videos.example.com/", stateHash)
	must(t, err)
	u, _ := url.Parse(cb)
	otherState, _ := NewState()
	if _, err := f.gate.Redeem(ctx, u.Query().Get("code"), "videos.example.com", "https://videos.example.com/", otherState); !errors.Is(err, ErrBadCode) {
		t.Fatalf("redeemed with another browser's state: %v", err)
	}
	state, stateHash := NewState()
	cb, err = f.gate.Start(ctx, f.session, f.app, "https://videos.example.com/", stateHash)
	must(t, err)
	u, _ = url.Parse(cb)
	code := u.Query().Get("code")
	if _, err := f.gate.Redeem(ctx, code, "portal.example.com", "https://videos.example.com/", state); !errors.Is(err, ErrWrongSite) {
		t.Fatalf("redeemed through another host: %v", err)
	}
	state, stateHash = NewState()
	cb, err = f.gate.Start(ctx, f.session, f.app, "https://videos.example.com/", stateHash)
	must(t, err)
	u, _ = url.Parse(cb)
	code = u.Query().Get("code")
	_, err = f.gate.Redeem(ctx, code, "videos.example.com", "https://videos.example.com/", state)
	must(t, err)
	if _, err := f.gate.Redeem(ctx, code, "videos.example.com", "https://videos.example.com/", state); !errors.Is(err, ErrBadCode) {
		t.Fatalf("a code used twice: %v", err)
	}
	other := store.App{Name: "Other", Kind: store.AppProxy, Hosts: []string{"other.example.com"}, RuleAnyMember: true}
	must(t, f.other.CreateApp(ctx, &other))
	ck := f.signIn(t)
	if _, err := f.gate.Check(ctx, other.ID, ck.Value); !errors.Is(err, ErrNoAccess) {
		t.Fatalf("a site cookie of one app opened another: %v", err)
	}
	must(t, f.other.RevokeGrant(ctx, f.contact.ID, f.offer.ID, time.Now()))
	if _, err := f.gate.Start(ctx, f.session, f.app, "https://videos.example.com/", nil); !errors.Is(err, ErrNotAdmitted) {
		t.Fatalf("a member the rule leaves out: %v", err)
	}
}

func sha(s string) [32]byte { return cacheKey{token: [32]byte(hash(s))}.token }
