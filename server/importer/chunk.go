package importer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// chunk classifies a batch of parsed rows against the database and, unless dry, imports them
// in one transaction with a savepoint per row; pre are rows already judged (unreadable,
// invalid, duplicate), recorded with the rest.
func (im *Importer) chunk(ctx context.Context, batch []row, pre []Outcome, opt Options, cat catalog, dry bool, a access.Actor, h Hooks) ([]Outcome, error) {
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
				o = im.importRow(ctx, tx, r, existing, opt, cat, a)
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
func (im *Importer) importRow(ctx context.Context, tx *store.Store, r row, existing map[string]store.Contact, opt Options, cat catalog, a access.Actor) Outcome {
	o := Outcome{Line: r.Line, Email: r.Email}
	if err := tx.Exec(ctx, "SAVEPOINT import_row"); err != nil {
		return failed(o, err)
	}
	detail, err := im.apply(ctx, tx, r, existing, opt, cat, a, &o)
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

func (im *Importer) apply(ctx context.Context, tx *store.Store, r row, existing map[string]store.Contact, opt Options, cat catalog, a access.Actor, o *Outcome) (string, error) {
	c, ok := existing[strings.ToLower(r.Email)]
	if ok {
		if err := tx.MergeContactDetails(ctx, c.ID, r.Name, r.Phone, r.Tags); err != nil {
			return "", err
		}
		if err := im.access.Audit(ctx, tx, a, "contact.update", access.OnContact(c), map[string]any{"name": r.Name, "phone": r.Phone, "tags": r.Tags}); err != nil {
			return "", err
		}
		if changed := merged(&c, r); len(changed) > 0 {
			if err := im.access.ContactUpdated(ctx, tx, a, c, changed); err != nil {
				return "", err
			}
		}
		o.Outcome = Updated
	} else {
		c = store.Contact{Email: r.Email, Name: r.Name, Phone: r.Phone, Tags: r.Tags, Role: auth.RoleMember, CreatedAt: im.now(), UpdatedAt: im.now()}
		if err := im.access.CreateContact(ctx, tx, a, &c); err != nil {
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
		// The welcome email goes in the bulk lane (the actor's): an import never delays a
		// member's own reset email. A disabled contact is granted the offer and sent nothing.
		_, err := im.access.Grant(ctx, tx, a, c.ID, id, opt.SendWelcome)
		switch {
		case errors.Is(err, access.ErrAlreadyGranted):
			continue // holds it already
		case errors.Is(err, access.ErrArchived):
			return "", fmt.Errorf("the offer %q is archived", cat.name(id))
		case err != nil:
			return "", err
		}
		granted++
	}
	communities := append([]string{}, opt.CommunityIDs...)
	for _, name := range r.Communities {
		communities = append(communities, cat.communities[strings.ToLower(name)].ID)
	}
	for _, id := range communities {
		if err := im.access.AddToCommunity(ctx, tx, a, c.ID, id); errors.Is(err, access.ErrArchived) {
			return "", errors.New("a community is archived")
		} else if err != nil {
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

// byLine puts outcomes in file order (rows judged early come first otherwise).
func byLine(out []Outcome) {
	sort.Slice(out, func(i, j int) bool { return out[i].Line < out[j].Line })
}

// merged applies to c what MergeContactDetails changed in the row (a name or phone only if
// given, tags added) and names the fields that changed, for webhook subscribers.
func merged(c *store.Contact, r row) []string {
	var changed []string
	if r.Name != "" && r.Name != c.Name {
		c.Name, changed = r.Name, append(changed, "name")
	}
	if r.Phone != "" && r.Phone != c.Phone {
		c.Phone, changed = r.Phone, append(changed, "phone")
	}
	added := false
	for _, t := range r.Tags {
		if !slices.Contains(c.Tags, t) {
			c.Tags, added = append(c.Tags, t), true
		}
	}
	if added {
		changed = append(changed, "tags")
	}
	return changed
}
