package auth

import (
	"context"
	"errors"

	"gatehouse/server/events"
	"gatehouse/server/oauth"
	"gatehouse/server/store"
)

// Outcomes of signing in with a provider that the sign-in problem page explains. Telling them
// apart reveals nothing: the person has just proved they own the provider account.
var (
	ErrNoAccount        = errors.New("auth: no account for this provider identity")
	ErrEmailUnverified  = errors.New("auth: the provider does not vouch for the email address")
	ErrAccountDisabled  = errors.New("auth: the account is disabled")
	ErrIdentityTaken    = errors.New("auth: the provider account is linked to another contact")
	ErrLastSignInMethod = errors.New("auth: that is the account's only way to sign in")
	ErrIdentityNotFound = errors.New("auth: no such linked account")
	errNoLinkedContact  = errors.New("auth: the identity's contact is gone")
)

// SignInExternal signs in the person a provider vouched for (SECURITY.md "OAuth"):
//   - the contact already linked to that provider account; else
//   - the member with the same address, linking it, only if the provider says the address is
//     verified (never a staff contact); else
//   - a new member, if the portal allows self-sign-up (and the address is verified); else
//     ErrNoAccount.
//
// Disabled contacts are refused, and a temporary password still has to be replaced.
func (s *Service) SignInExternal(ctx context.Context, p oauth.Profile, meta Meta) (LoginResult, error) {
	var res LoginResult
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := s.externalContact(ctx, tx, p, meta)
		if err != nil {
			return err
		}
		if c.Disabled() {
			return ErrAccountDisabled
		}
		if err := provenAddress(ctx, tx, c, p); err != nil {
			return err
		}
		if err := s.recordLogin(ctx, tx, c, "provider"); err != nil {
			return err
		}
		raw, sess, err := s.startSession(ctx, tx, c, c.PasswordTemporary, MethodProvider, meta)
		res = LoginResult{Token: raw, Session: sess}
		return err
	})
	return res, err
}

func (s *Service) externalContact(ctx context.Context, tx *store.Store, p oauth.Profile, meta Meta) (store.Contact, error) {
	id, err := tx.IdentityFor(ctx, p.Provider, p.Subject)
	if err == nil {
		if err := tx.TouchIdentity(ctx, id.ID, s.now()); err != nil {
			return store.Contact{}, err
		}
		c, err := tx.ContactForUpdate(ctx, id.ContactID)
		if errors.Is(err, store.ErrNotFound) {
			return c, errNoLinkedContact
		}
		return c, err
	} else if !errors.Is(err, store.ErrNotFound) {
		return store.Contact{}, err
	}
	email, emailErr := CheckEmail(p.Email)
	if emailErr != nil {
		return store.Contact{}, ErrNoAccount
	}
	c, err := tx.ContactByEmail(ctx, email)
	switch {
	case err == nil:
		if IsStaff(c.Role) {
			// A staff account would be only as safe as the weakest provider enabled: staff
			// connect providers from Account, never by a matching address (SECURITY.md).
			return c, ErrNoAccount
		}
		if !p.EmailVerified {
			return c, ErrEmailUnverified
		}
		if c.Disabled() {
			return c, ErrAccountDisabled
		}
		return c, s.link(ctx, tx, c, p, "sign_in_verified_email", meta)
	case !errors.Is(err, store.ErrNotFound):
		return c, err
	}
	set, err := tx.Settings(ctx)
	if err != nil {
		return store.Contact{}, err
	}
	if !set.AllowSelfSignup {
		return store.Contact{}, ErrNoAccount
	}
	if !p.EmailVerified {
		return store.Contact{}, ErrEmailUnverified
	}
	c = store.Contact{Email: email, Name: truncate(p.Name, 200), Role: RoleMember}
	if err := tx.CreateContact(ctx, &c); err != nil {
		return c, err
	}
	if _, err := s.events.Emit(ctx, tx, events.Event{Type: events.ContactCreated, ContactID: c.ID}); err != nil {
		return c, err
	}
	if err := s.events.PublishContact(ctx, tx, events.HookContactCreated, c, map[string]any{"source": "self_signup"}); err != nil {
		return c, err
	}
	if err := s.selfAudit(ctx, tx, c, "contact.self_signup", "contact", c.ID, map[string]any{"email": c.Email, "provider": p.Provider}, meta); err != nil {
		return c, err
	}
	return c, s.link(ctx, tx, c, p, viaSelfSignup, meta)
}

// LinkExternal connects a provider account to the signed-in contact (the account page's
// "connect"). The person proved they hold both, so the addresses need not match.
func (s *Service) LinkExternal(ctx context.Context, contactID string, p oauth.Profile, meta Meta) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := tx.ContactForUpdate(ctx, contactID)
		if err != nil {
			return err
		}
		if c.Disabled() {
			return ErrAccountDisabled
		}
		existing, err := tx.IdentityFor(ctx, p.Provider, p.Subject)
		switch {
		case err == nil && existing.ContactID == c.ID:
			return nil // connected already
		case err == nil:
			return ErrIdentityTaken
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		if err := provenAddress(ctx, tx, c, p); err != nil {
			return err
		}
		return s.link(ctx, tx, c, p, "account_page", meta)
	})
}

// provenAddress records the contact's address as verified when the provider vouches for it
// and it is the same address (OpenID Connect's email_verified claim rests on this).
func provenAddress(ctx context.Context, tx *store.Store, c store.Contact, p oauth.Profile) error {
	if !p.EmailVerified || p.Email == "" {
		return nil
	}
	return tx.MarkEmailVerified(ctx, c.ID, p.Email)
}

// viaSelfSignup marks the link that comes with an account created from a provider account.
const viaSelfSignup = "self_signup"

func (s *Service) link(ctx context.Context, tx *store.Store, c store.Contact, p oauth.Profile, via string, meta Meta) error {
	id := store.Identity{ContactID: c.ID, Provider: p.Provider, ProviderUserID: p.Subject, Email: truncate(p.Email, 254), LastUsedAt: s.now()}
	if err := tx.CreateIdentity(ctx, &id); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return ErrIdentityTaken
		}
		return err
	}
	if err := s.selfAudit(ctx, tx, c, "identity.link", "identity", id.ID,
		map[string]any{"provider": p.Provider, "provider_email": id.Email, "via": via}, meta); err != nil {
		return err
	}
	if via == viaSelfSignup {
		return nil // the account was just made from this provider account: nothing was added to it
	}
	// Connected from the account page or by a verified address: the owner hears of it, so a
	// provider account someone else connected does not stay a silent way in.
	label := p.Label
	if label == "" {
		label = p.Provider
	}
	_, err := s.QueueSignInAdded(ctx, tx, c, label, Via{})
	return err
}

// Identities lists the provider accounts linked to a contact.
func (s *Service) Identities(ctx context.Context, contactID string) ([]store.Identity, error) {
	return s.store.ContactIdentities(ctx, contactID)
}

// UnlinkExternal disconnects one of the signed-in contact's provider accounts, unless it is
// their only way to sign in (no password and no other provider).
func (s *Service) UnlinkExternal(ctx context.Context, contactID, identityID string, meta Meta) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := tx.ContactForUpdate(ctx, contactID)
		if err != nil {
			return err
		}
		ids, err := tx.ContactIdentities(ctx, c.ID)
		if err != nil {
			return err
		}
		found := false
		for _, id := range ids {
			found = found || id.ID == identityID
		}
		if !found {
			return ErrIdentityNotFound
		}
		if len(ids) == 1 && c.PasswordHash == "" {
			return ErrLastSignInMethod
		}
		id, err := tx.DeleteIdentity(ctx, c.ID, identityID)
		if err != nil {
			return err
		}
		return s.selfAudit(ctx, tx, c, "identity.unlink", "identity", id.ID,
			map[string]any{"provider": id.Provider, "provider_email": id.Email, "via": "account_page"}, meta)
	})
}

// selfAudit records what a person did to their own account.
func (s *Service) selfAudit(ctx context.Context, tx *store.Store, c store.Contact, action, targetType, targetID string, detail map[string]any, meta Meta) error {
	return tx.AddAudit(ctx, &store.AuditEntry{
		ActorID: c.ID, ActorEmail: c.Email, Action: action, TargetType: targetType, TargetID: targetID,
		ContactID: c.ID, Detail: detail, IP: meta.IP, UserAgent: truncate(meta.UserAgent, 400), CreatedAt: s.now(),
	})
}
