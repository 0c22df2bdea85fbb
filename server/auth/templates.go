package auth

import (
	"context"
	"fmt"

	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// KindTest marks test emails staff send to themselves from the template editor.
const KindTest = "test"

// sampleProvider names the provider in previews and test sends of the "sign-in method added"
// email, which has no real one to name.
const sampleProvider = "Google"

// templateMessage builds an email of kind for c with the given (possibly unsaved) template,
// with the link placeholder, for previews and test sends. offer is for welcome emails.
func (s *Service) templateMessage(set store.Settings, kind string, c store.Contact, tpl mail.Custom, offer store.Offer) (mail.Message, error) {
	switch kind {
	case mail.KindWelcome, mail.KindPasswordReset, mail.KindSetPassword, mail.KindStaffInvite, mail.KindPasswordChanged, mail.KindSignInAdded:
	case mail.KindSignInCode:
		return mail.SignInCode{Brand: s.outbox.Brand(set), Recipient: recipient(c), Code: mail.CodePlaceholder, ExpiresIn: humanDuration(SignInCodeTTL),
			Device: "Firefox on Windows", When: s.now().UTC().Format("2 January 2006 at 15:04 UTC"), Custom: tpl}, nil
	default:
		return nil, fmt.Errorf("auth: no template for %q", kind)
	}
	ttl := welcomeTTL(set)
	if kind == mail.KindPasswordReset {
		ttl = SelfServiceResetTTL
	}
	return s.message(set, kind, c, tpl, ttl, offer, notice{provider: sampleProvider}), nil
}

// PreviewTemplate renders an email of kind for c with a template as it would be sent (the
// link masked by the caller); nothing is stored or sent.
func (s *Service) PreviewTemplate(ctx context.Context, kind string, c store.Contact, tpl mail.Custom, offer store.Offer) (mail.Rendered, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return mail.Rendered{}, err
	}
	m, err := s.templateMessage(set, kind, c, tpl, offer)
	if err != nil {
		return mail.Rendered{}, err
	}
	return s.outbox.Preview(m)
}

// SendTest emails a staff member (to their own stored address only) an email of kind with a
// template, as a member would get it, except that its link opens nothing.
func (s *Service) SendTest(ctx context.Context, staff store.Contact, kind string, tpl mail.Custom, offer store.Offer) (store.Email, error) {
	var e store.Email
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		set, err := tx.Settings(ctx)
		if err != nil {
			return err
		}
		m, err := s.templateMessage(set, kind, staff, tpl, offer)
		if err != nil {
			return err
		}
		e, err = s.outbox.QueueAs(ctx, tx, KindTest, m, outbox.Draft{ContactID: staff.ID, To: staff.Email, CreatedBy: staff.ID,
			Link: s.outbox.URL("/reset#token=this-is-a-test-email-its-link-does-not-work"), Code: "000000"})
		return err
	})
	return e, err
}
