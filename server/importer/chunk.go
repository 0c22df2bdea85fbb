package importer

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// chunk classifies a batch of parsed rows against the database and, unless dry, imports them
// in one transaction with a savepoint per row; pre are rows already judged (unreadable,
// invalid, duplicate), recorded with the rest.
func (im *Importer) chunk(ctx context.Context, batch []row, pre []Outcome, opt Options, cat catalog, dry bool, actorID string, h Hooks) ([]Outcome, error) {
	emails := make([]string, len(batch))
	for i, r := range batch {
		emails[i] = r.Email
	}
	existing, err := im.store.ContactsByEmails(ctx, emails)
	if err != nil {
		return nil, err
	}
	out := append([]Outcome{}, pre...)
	if dry {
		for _, r := range batch {
			out = append(out, classify(r, existing, opt, cat))
		}
		byLine(out)
		if h.Record == nil {
			return out, nil
		}
		return out, im.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error { return h.Record(ctx, tx, out) })
	}
	err = im.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		for _, r := range batch {
			o := classify(r, existing, opt, cat)
			if o.Outcome == WillCreate || o.Outcome == WillUpdate {
				o = im.importRow(ctx, tx, r, existing, opt, cat, actorID)
			}
			out = append(out, o)
		}
		byLine(out)
		if opt.SendWelcome {
			if err := im.auth.WakeBatcher(ctx, tx); err != nil {
				return err
			}
		}
		if h.Record != nil {
			return h.Record(ctx, tx, out)
		}
		return nil
	})
	return out, err
}

// classify says what importing a row would do, or why it cannot be imported.
func classify(r row, existing map[string]store.Contact, opt Options, cat catalog) Outcome {
	o := Outcome{Line: r.Line, Email: r.Email, Outcome: WillCreate}
	c, ok := existing[strings.ToLower(r.Email)]
	if ok {
		o.Outcome, o.ContactID = WillUpdate, c.ID
		if auth.IsStaff(c.Role) {
			return Outcome{Line: r.Line, Email: r.Email, Outcome: Invalid, Detail: "the address belongs to a staff account"}
		}
	}
	for _, name := range r.Offers {
		if _, ok := cat.offers[strings.ToLower(name)]; !ok {
			return Outcome{Line: r.Line, Email: r.Email, Outcome: Invalid, Detail: fmt.Sprintf("no offer named %q", name)}
		}
	}
	for _, name := range r.Communities {
		if _, ok := cat.communities[strings.ToLower(name)]; !ok {
			return Outcome{Line: r.Line, Email: r.Email, Outcome: Invalid, Detail: fmt.Sprintf("no community named %q", name)}
		}
	}
	return o
}

// importRow creates or updates the contact, grants the offers, joins the communities and
// queues the welcome emails, all or nothing (a savepoint).
func (im *Importer) importRow(ctx context.Context, tx *store.Store, r row, existing map[string]store.Contact, opt Options, cat catalog, actorID string) Outcome {
	o := Outcome{Line: r.Line, Email: r.Email}
	if err := tx.Exec(ctx, "SAVEPOINT import_row"); err != nil {
		return failed(o, err)
	}
	detail, err := im.apply(ctx, tx, r, existing, opt, cat, actorID, &o)
	if err != nil {
		if rerr := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT import_row"); rerr != nil {
			return failed(o, rerr)
		}
		return failed(o, err)
	}
	if err := tx.Exec(ctx, "RELEASE SAVEPOINT import_row"); err != nil {
		return failed(o, err)
	}
	o.Detail = detail
	return o
}

func failed(o Outcome, err error) Outcome {
	o.Outcome, o.Detail, o.ContactID = Failed, "not imported: "+err.Error(), ""
	return o
}

func (im *Importer) apply(ctx context.Context, tx *store.Store, r row, existing map[string]store.Contact, opt Options, cat catalog, actorID string, o *Outcome) (string, error) {
	c, ok := existing[strings.ToLower(r.Email)]
	if ok {
		if err := tx.MergeContactDetails(ctx, c.ID, r.Name, r.Phone, r.Tags); err != nil {
			return "", err
		}
		o.Outcome = Updated
	} else {
		c = store.Contact{Email: r.Email, Name: r.Name, Phone: r.Phone, Tags: r.Tags, Role: auth.RoleMember, CreatedAt: im.now(), UpdatedAt: im.now()}
		if err := tx.CreateContact(ctx, &c); err != nil {
			return "", err
		}
		if _, err := im.events.Emit(ctx, tx, events.Event{Type: events.ContactCreated, ContactID: c.ID}); err != nil {
			return "", err
		}
		o.Outcome = Created
	}
	o.ContactID = c.ID
	offers := append([]string{}, opt.OfferIDs...)
	for _, name := range r.Offers {
		offers = append(offers, cat.offers[strings.ToLower(name)].ID)
	}
	granted := 0
	for _, id := range offers {
		n, err := im.grant(ctx, tx, c, id, opt.SendWelcome, actorID)
		if err != nil {
			return "", err
		}
		granted += n
	}
	communities := append([]string{}, opt.CommunityIDs...)
	for _, name := range r.Communities {
		communities = append(communities, cat.communities[strings.ToLower(name)].ID)
	}
	for _, id := range communities {
		if err := tx.AddMembership(ctx, c.ID, id, actorID); err != nil {
			return "", err
		}
	}
	var parts []string
	if granted > 0 {
		parts = append(parts, fmt.Sprintf("offers granted: %d", granted))
	}
	if len(communities) > 0 {
		parts = append(parts, fmt.Sprintf("communities joined: %d", len(communities)))
	}
	return strings.Join(parts, "; "), nil
}

// grant gives an offer unless the contact holds it, with the welcome email if asked (in the
// bulk lane: an import never delays a member's own reset email).
func (im *Importer) grant(ctx context.Context, tx *store.Store, c store.Contact, offerID string, welcome bool, actorID string) (int, error) {
	o, err := tx.OfferByID(ctx, offerID)
	if err != nil {
		return 0, err
	}
	if !o.ArchivedAt.IsZero() {
		return 0, fmt.Errorf("the offer %q is archived", o.Name)
	}
	if _, err := tx.ActiveGrant(ctx, c.ID, o.ID); err == nil {
		return 0, nil // holds it already
	} else if !errors.Is(err, store.ErrNotFound) {
		return 0, err
	}
	first, err := tx.FirstGrant(ctx, c.ID, o.ID)
	if err != nil {
		return 0, err
	}
	if err := tx.CreateGrant(ctx, &store.Grant{ContactID: c.ID, OfferID: o.ID, GrantedBy: actorID, GrantedAt: im.now()}); err != nil {
		return 0, err
	}
	if _, err := im.events.Emit(ctx, tx, events.Event{Type: events.OfferGranted, ContactID: c.ID, OfferID: o.ID, FirstGrant: first}); err != nil {
		return 0, err
	}
	if welcome && !c.Disabled() {
		if _, err := im.auth.QueueWelcome(ctx, tx, c, o, auth.Via{CreatedBy: actorID, Lane: outbox.LaneBulk}); err != nil {
			return 0, err
		}
	}
	return 1, nil
}

// byLine puts outcomes in file order (rows judged early come first otherwise).
func byLine(out []Outcome) {
	sort.Slice(out, func(i, j int) bool { return out[i].Line < out[j].Line })
}
