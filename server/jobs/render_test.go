package jobs

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/auth"
	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/resendfake"
	"gatehouse/server/store"
	"gatehouse/server/testdb"
)

// An email is rendered once the transaction that queued it commits, never inside it: in the
// transaction the row holds the message's data and no text; right after the commit, before
// any job, it holds its subject and bodies.
func TestEmailsRenderAfterTheCommit(t *testing.T) {
	st := testdb.New(t)
	fake := newFake(t, resendfake.Options{})
	in := startInstance(t, st, fake.URL(), instanceOptions{insertOnly: true}) // no job runs
	ctx := context.Background()
	o := store.Offer{Name: "Pottery", WelcomeBody: "Hi {{.Name}}, {{.OfferName}} is yours: {{.Link}}"}
	if err := st.CreateOffer(ctx, &o); err != nil {
		t.Fatal(err)
	}
	var id string
	err := st.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c := store.Contact{Email: "ann@example.com", Name: "Ann", Role: auth.RoleMember}
		if err := tx.CreateContact(ctx, &c); err != nil {
			return err
		}
		e, err := in.auth.QueueWelcome(ctx, tx, c, o, auth.Via{})
		if err != nil {
			return err
		}
		id = e.ID
		inTx, err := tx.EmailByID(ctx, id)
		if err != nil {
			return err
		}
		if inTx.Message == "" || inTx.Subject != "" || inTx.TextBody != "" {
			t.Errorf("rendered inside the transaction: %+v", inTx)
		}
		// The stored data holds the placeholders, never the live link or code.
		if inTx.LinkSecret == "" || strings.Contains(inTx.Message, inTx.LinkSecret) || strings.Contains(inTx.Message, inTx.CodeSecret) ||
			!strings.Contains(inTx.Message, mail.LinkPlaceholder) {
			t.Errorf("the stored message and the secrets: %q", inTx.Message)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := st.EmailByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if e.Message != "" || e.Subject != "Your access to Pottery" || e.TextBody == "" || e.Status != store.EmailQueued {
		t.Fatalf("after the commit: %+v", e)
	}
}

// A crash between the commit and the render leaves an email with only its data: its delivery
// job renders it and sends it. One that cannot be rendered fails with the reason, unsent.
func TestDeliveryRendersWhatWasLeft(t *testing.T) {
	st := testdb.New(t)
	fake := newFake(t, resendfake.Options{})
	in := startInstance(t, st, fake.URL(), instanceOptions{})
	ctx := context.Background()
	queue := func(to string, m mail.Message) string {
		t.Helper()
		data, err := mail.EncodeMessage(m)
		if err != nil {
			t.Fatal(err)
		}
		e := store.Email{ToAddress: to, Kind: m.Kind(), Lane: outbox.LaneCredential, Message: data, Status: store.EmailQueued}
		err = st.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
			if err := tx.CreateEmail(ctx, &e); err != nil { // as Queue does, minus the render after the commit
				return err
			}
			_, err := in.client.InsertTx(ctx, tx.SQLTx(), outbox.DeliverArgs{EmailID: e.ID}, &river.InsertOpts{Queue: outbox.LaneCredential})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	brand := mail.Brand{PortalName: "Acme", PublicURL: "https://portal.example.test"}
	good := queue("tom@example.com", mail.PasswordChanged{Brand: brand, Recipient: mail.Recipient{Email: "tom@example.com"}, When: "today"})
	// A name that is a printf format with a wide verb: the staff template refuses it at send time.
	bad := queue("eve@example.com", mail.PasswordChanged{Brand: brand, Recipient: mail.Recipient{Name: "%0999999d", Email: "eve@example.com"},
		Custom: mail.Custom{Body: "{{printf .Name 1}}"}})
	waitSent(t, st, []string{good, bad}, 30*time.Second)
	if e, _ := st.EmailByID(ctx, good); e.Status != store.EmailSent || e.Subject != "Your Acme password was changed" {
		t.Fatalf("the unrendered email: %+v", e)
	}
	e, _ := st.EmailByID(ctx, bad)
	if e.Status != store.EmailFailed || !strings.HasPrefix(e.StatusReason, "could not be rendered: ") || !strings.Contains(e.StatusReason, "printf") || e.Subject != "" {
		t.Fatalf("the email that cannot be rendered: %+v", e)
	}
	for _, m := range fake.Messages() {
		if m.To[0] == "eve@example.com" {
			t.Fatal("sent an email that could not be rendered")
		}
	}
}
