package apps

import (
	"sync"
	"sync/atomic"
	"time"

	"gatehouse/server/store"
)

// cacheFor bounds how long a forward-auth answer is reused. Correctness does not rest on it:
// every change of a contact's access drops their answers on every instance at once (LISTEN in
// store.WatchAccess); it only caps what a lost notification could cost.
const (
	cacheFor   = 30 * time.Second
	cacheLimit = 100_000 // entries; past it the cache starts over (memory stays bounded)
)

type cacheKey struct {
	token [32]byte // SHA-256 of the site cookie
	app   string
}

type cached struct {
	id    store.ForwardAuthIdentity
	until time.Time
}

// answers remembers recent positive forward-auth answers. It is used only while the process
// listens for access changes (Listening), so a revoke anywhere is seen here at once.
type answers struct {
	listening atomic.Bool
	mu        sync.RWMutex
	gen       uint64 // bumped by every invalidation: an answer read before one is not kept
	entries   map[cacheKey]cached
	byContact map[string]map[cacheKey]struct{}
}

func newAnswers() *answers {
	return &answers{entries: map[cacheKey]cached{}, byContact: map[string]map[cacheKey]struct{}{}}
}

func (a *answers) get(k cacheKey, now time.Time) (store.ForwardAuthIdentity, uint64, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if !a.listening.Load() {
		return store.ForwardAuthIdentity{}, a.gen, false
	}
	c, ok := a.entries[k]
	if !ok || !now.Before(c.until) {
		return store.ForwardAuthIdentity{}, a.gen, false
	}
	return c.id, a.gen, true
}

func (a *answers) put(k cacheKey, id store.ForwardAuthIdentity, until time.Time, gen uint64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if gen != a.gen || !a.listening.Load() {
		return
	}
	if len(a.entries) >= cacheLimit {
		a.reset()
	}
	a.entries[k] = cached{id: id, until: until}
	keys := a.byContact[id.ContactID]
	if keys == nil {
		keys = map[cacheKey]struct{}{}
		a.byContact[id.ContactID] = keys
	}
	keys[k] = struct{}{}
}

// Changed drops what is known about a contact ("*": about everyone).
func (a *answers) Changed(contactID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.gen++
	if contactID == "*" {
		a.reset()
		return
	}
	for k := range a.byContact[contactID] {
		delete(a.entries, k)
	}
	delete(a.byContact, contactID)
}

// Listening turns the cache on (everything from now on will be heard) or off.
func (a *answers) Listening(on bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.gen++
	a.reset() // what was cached before may have missed a change
	a.listening.Store(on)
}

func (a *answers) reset() {
	a.entries = map[cacheKey]cached{}
	a.byContact = map[string]map[cacheKey]struct{}{}
}

// appCache keeps forward-auth apps in memory (every check names one), under the same rule as
// answers: only while listening, cleared by any app change.
type appCache struct {
	mu   sync.Mutex
	gen  uint64
	apps map[string]store.App
}

func (c *appCache) get(id string, listening bool) (store.App, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.apps[id]
	return a, ok && listening
}

func (c *appCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *appCache) put(a store.App, gen uint64, listening bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || !listening {
		return
	}
	if c.apps == nil || len(c.apps) > 10_000 {
		c.apps = map[string]store.App{}
	}
	c.apps[a.ID] = a
}

func (c *appCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.apps = nil
}
