package auth

import (
	"context"
	"encoding/hex"
	"errors"
	"strings"

	"gatehouse/server/mail"
	"gatehouse/server/store"
)

// RequestSignInCode is the kind of self-service request "email me a sign-in code" makes.
const RequestSignInCode = "sign_in_code"

// Outcomes of a code request that only staff see (the requester always gets the same answer).
const (
	OutcomeCodesOff      = "code_sign_in_off"
	OutcomeStaffCodesOff = "staff_code_sign_in_off"
	OutcomeSuppressed    = "suppressed"
)

// codeFailureWindow is how long wrong codes for one address from one browser are counted.
const codeFailureWindow = SignInCodeTTL

// RequestCode records an "email me a sign-in code" request from a browser (browserID is the
// random id in that browser's cookie) and queues the job that decides it, like forgot
// password: the same work and answer for every address (known, unknown, disabled, throttled).
func (s *Service) RequestCode(ctx context.Context, email, browserID string, meta Meta) error {
	if err := s.throttle(ctx, "selfservice:ip:"+meta.IP, selfServicePerIP, selfServiceIPWindow); err != nil {
		return err
	}
	r := &store.AccessRequest{Kind: RequestSignInCode, Email: strings.TrimSpace(email), BrowserHash: hashSecret(browserID),
		IP: meta.IP, UserAgent: truncate(meta.UserAgent, 400)}
	return s.enqueueRequest(ctx, r)
}

// codeRefusal says why a code may not be sent to or used by c ("" when it may).
func codeRefusal(set store.Settings, c store.Contact) string {
	switch {
	case !set.AllowCodeSignIn:
		return OutcomeCodesOff
	case IsStaff(c.Role) && !set.AllowStaffCodeSignIn:
		return OutcomeStaffCodesOff // staff sign-in is the crown jewel: off unless owners allow it
	}
	return ""
}

// issueSignInCode makes the code a request asked for, bound to its browser (replacing the code
// that browser had), and queues the email that carries it.
func (s *Service) issueSignInCode(ctx context.Context, tx *store.Store, r store.AccessRequest, c store.Contact) error {
	code, now := newCode(), s.now()
	row := &store.SignInCode{ContactID: c.ID, BrowserHash: r.BrowserHash, CreatedAt: now, ExpiresAt: now.Add(SignInCodeTTL),
		CodeMAC: s.keys.MAC(macSignInCode, c.ID, hex.EncodeToString(r.BrowserHash), code)}
	if err := tx.ReplaceSignInCode(ctx, row); err != nil {
		return err
	}
	set, err := tx.Settings(ctx)
	if err != nil {
		return err
	}
	tpl, err := s.template(ctx, tx, mail.KindSignInCode, store.Offer{})
	if err != nil {
		return err
	}
	m := mail.SignInCode{Brand: s.outbox.Brand(set), Recipient: recipient(c), Code: mail.CodePlaceholder, ExpiresIn: humanDuration(SignInCodeTTL),
		Device: DeviceName(r.UserAgent), When: r.CreatedAt.UTC().Format("2 January 2006 at 15:04 UTC"), Custom: tpl}
	d := draft(c, Via{}, "", "")
	d.Code = code
	_, err = s.outbox.Queue(ctx, tx, m, d)
	return err
}

// VerifyCode signs in with a sign-in code, in the browser that asked for it. A wrong code,
// an unknown address, a code from another browser, an expired or used one all answer
// ErrCodeInvalid; after 5 wrong tries for an address from this browser, ErrCodeDead (for
// every address alike, so the answer never tells whether an account exists).
func (s *Service) VerifyCode(ctx context.Context, email, code, browserID string, meta Meta) (LoginResult, error) {
	code, err := NormalizeCode(code)
	if err != nil {
		return LoginResult{}, err
	}
	if err := s.checkBadTokenBudget(ctx, meta); err != nil {
		return LoginResult{}, err
	}
	browser := hashSecret(browserID)
	failKey := "signincode:miss:" + hex.EncodeToString(browser) + ":" + strings.ToLower(strings.TrimSpace(email))
	now := s.now()
	if n, err := s.store.Peek(ctx, failKey, codeFailureWindow, now); err != nil || n >= store.MaxCodeAttempts {
		if err != nil {
			return LoginResult{}, err
		}
		return LoginResult{}, ErrCodeDead
	}
	fail := func() (LoginResult, error) {
		if err := s.badToken(ctx, meta); !errors.Is(err, ErrTokenInvalid) {
			return LoginResult{}, err
		}
		n, _, err := s.store.Hit(ctx, failKey, codeFailureWindow, now)
		if err != nil {
			return LoginResult{}, err
		}
		if n >= store.MaxCodeAttempts {
			return LoginResult{}, ErrCodeDead
		}
		return LoginResult{}, ErrCodeInvalid
	}
	c, err := s.store.ContactByEmail(ctx, strings.TrimSpace(email))
	if errors.Is(err, store.ErrNotFound) {
		s.keys.MAC(macSignInCode, "", "", code) // the same work as a known address
		return fail()
	}
	if err != nil {
		return LoginResult{}, err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return LoginResult{}, err
	}
	live, err := s.store.LiveSignInCode(ctx, c.ID, browser, now)
	if errors.Is(err, store.ErrNotFound) || (err == nil && codeRefusal(set, c) != "") || (err == nil && c.Disabled()) {
		return fail() // nothing to use: no code for this browser, or it may not be used
	}
	if err != nil {
		return LoginResult{}, err
	}
	if !s.keys.Verify(live.CodeMAC, macSignInCode, c.ID, hex.EncodeToString(browser), code) {
		if _, err := s.store.MissSignInCode(ctx, live.ID); err != nil {
			return LoginResult{}, err
		}
		return fail()
	}
	var res LoginResult
	err = s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.UseSignInCode(ctx, live.ID, now); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return ErrCodeInvalid // another submission used it first
			}
			return err
		}
		if err := s.recordLogin(ctx, tx, c, "code"); err != nil {
			return err
		}
		// On the contact's history (and in the audit log), as staff need to see how a member got in.
		if err := s.selfAudit(ctx, tx, c, "session.code_sign_in", "contact", c.ID, map[string]any{"device": DeviceName(meta.UserAgent)}, meta); err != nil {
			return err
		}
		// The code was emailed to the address: the member reads it (email_verified).
		if err := tx.MarkEmailVerified(ctx, c.ID, c.Email); err != nil {
			return err
		}
		// A code proves the inbox, not the password: a temporary password set by staff
		// still has to be replaced first.
		raw, sess, err := s.startSession(ctx, tx, c, c.PasswordTemporary, MethodCode, meta)
		res = LoginResult{Token: raw, Session: sess}
		return err
	})
	return res, err
}
