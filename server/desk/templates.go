package desk

import (
	"context"
	"errors"

	"gatehouse/server/access"
	"gatehouse/server/mail"
	"gatehouse/server/store"
)

// ErrUnknownKind means a template kind staff cannot edit.
var ErrUnknownKind = errors.New("desk: no editable template of that kind")

// checkTemplate validates a staff-written template; its problems become field errors.
func checkTemplate(c mail.Custom, needsLink bool, subjectField, bodyField string) error {
	err := mail.CheckCustom(c, needsLink)
	var te *mail.TemplateError
	if errors.As(err, &te) {
		field := bodyField
		if te.Field == "subject" {
			field = subjectField
		}
		return &ValidationError{Fields: map[string]string{field: te.Error()}}
	}
	return err
}

// SaveTemplate stores the subject and body staff wrote for a kind of email (empty fields: the
// built-in template). It is refused if it does not parse or run, or if an email that carries
// a one-time link would not print {{.Link}}.
func (d *Service) SaveTemplate(ctx context.Context, a Actor, kind string, c mail.Custom) error {
	if _, ok := mail.EditableKind(kind); !ok {
		return ErrUnknownKind
	}
	if len(c.Subject) > 300 || len(c.Body) > 20000 {
		return &ValidationError{Fields: map[string]string{"body": "Use at most 300 characters for the subject and 20,000 for the text."}}
	}
	if err := checkTemplate(c, mail.LinkKinds[kind], "subject", "body"); err != nil {
		return err
	}
	if mail.CodeKinds[kind] {
		var te *mail.TemplateError
		if err := mail.CheckCode(c); errors.As(err, &te) {
			return &ValidationError{Fields: map[string]string{"body": te.Error()}}
		} else if err != nil {
			return err
		}
	}
	return d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.SaveEmailTemplate(ctx, &store.EmailTemplate{Kind: kind, Subject: c.Subject, Body: c.Body, UpdatedBy: a.ID, UpdatedAt: d.now()}); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "template.update", access.Target{Type: "template", ID: kind}, map[string]any{"custom": c.Body != "" || c.Subject != ""})
	})
}
