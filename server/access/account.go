package access

import (
	"context"
	"errors"
	"time"

	"gatehouse/server/events"
	"gatehouse/server/store"
)

// CreateContact creates a member (c holds the email, already checked, and the details) and
// records the event workflows react to. An address already in use is store.ErrConflict.
func (s *Service) CreateContact(ctx context.Context, tx *store.Store, a Actor, c *store.Contact) error {
	if err := tx.CreateContact(ctx, c); err != nil {
		return err
	}
	if _, err := s.events.Emit(ctx, tx, events.Event{Type: events.ContactCreated, ContactID: c.ID, Chain: a.Chain}); err != nil {
		return err
	}
	if err := s.events.PublishContact(ctx, tx, events.HookContactCreated, *c, map[string]any{"source": a.Kind}); err != nil {
		return err
	}
	return s.Audit(ctx, tx, a, "contact.create", OnContact(*c), map[string]any{"email": c.Email})
}

// AddToCommunity makes a contact a direct member of a community (not an archived one).
// Adding a member already in it changes nothing and is not an error.
func (s *Service) AddToCommunity(ctx context.Context, tx *store.Store, a Actor, contactID, communityID string) error {
	c, err := s.Lock(ctx, tx, a, contactID, Everyday)
	if err != nil {
		return err
	}
	com, err := tx.CommunityByID(ctx, communityID)
	if err != nil {
		return err
	}
	if !com.ArchivedAt.IsZero() {
		return ErrArchived
	}
	if err := tx.AddMembership(ctx, c.ID, com.ID, a.ID); err != nil {
		return err
	}
	return s.Audit(ctx, tx, a, "community.add_member", OnContact(c), map[string]any{"community_id": com.ID, "community": com.Name})
}

// RemoveFromCommunity ends a contact's direct membership (membership through an offer ends
// with the offer). store.ErrNotFound means they were not a direct member.
func (s *Service) RemoveFromCommunity(ctx context.Context, tx *store.Store, a Actor, contactID, communityID string) error {
	c, err := s.Lock(ctx, tx, a, contactID, Everyday)
	if err != nil {
		return err
	}
	if err := tx.RemoveMembership(ctx, c.ID, communityID); err != nil {
		return err
	}
	if _, err := tx.RevokeTokensNotAdmitted(ctx, c.ID, s.now()); err != nil {
		return err
	}
	return s.Audit(ctx, tx, a, "community.remove_member", OnContact(c), map[string]any{"community_id": communityID})
}

// SignOutEverywhere ends every session of a contact and returns how many ended.
func (s *Service) SignOutEverywhere(ctx context.Context, tx *store.Store, a Actor, contactID string) (int, error) {
	c, err := s.Lock(ctx, tx, a, contactID, Credential)
	if err != nil {
		return 0, err
	}
	n, err := s.auth.EndAccess(ctx, tx, c.ID, false)
	if err != nil {
		return 0, err
	}
	return n, s.Audit(ctx, tx, a, "contact.sign_out", OnContact(c), map[string]any{"sessions": n})
}

// SetDisabled disables an account (it cannot sign in by any path; its sessions and links end)
// or enables it again. Nobody disables their own account.
func (s *Service) SetDisabled(ctx context.Context, tx *store.Store, a Actor, contactID string, disable bool) error {
	if a.ID != "" && contactID == a.ID {
		return ErrSelf
	}
	c, err := s.Lock(ctx, tx, a, contactID, Credential)
	if err != nil {
		return err
	}
	action, at := "contact.enable", time.Time{}
	if disable {
		action, at = "contact.disable", s.now()
		if _, err := s.auth.EndAccess(ctx, tx, c.ID, true); err != nil {
			return err
		}
	}
	if err := tx.SetDisabled(ctx, c.ID, at); err != nil {
		return err
	}
	return s.Audit(ctx, tx, a, action, OnContact(c), nil)
}

// Unsuppress lets email reach a contact's address again after a bounce or complaint.
func (s *Service) Unsuppress(ctx context.Context, tx *store.Store, a Actor, contactID string) error {
	c, err := s.Lock(ctx, tx, a, contactID, Everyday)
	if err != nil {
		return err
	}
	sup, err := tx.SuppressionFor(ctx, c.Email)
	if errors.Is(err, store.ErrNotFound) {
		return ErrNotSuppressed
	}
	if err != nil {
		return err
	}
	if err := tx.Unsuppress(ctx, c.Email); err != nil {
		return err
	}
	return s.Audit(ctx, tx, a, "contact.unsuppress", OnContact(c), map[string]any{"reason": sup.Reason})
}
