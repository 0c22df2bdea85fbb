package auth

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// Short codes are six digits a member types: a sign-in code, or the code beside an emailed
// link. They are stored as an HMAC keyed with the server key, not with argon2: a six-digit
// code has 20 bits, which no hash makes hard to guess offline, so what protects it is the
// key (a stolen table holds nothing usable without it) and the 5 tries each code gets.
const (
	codeDigits    = 6
	SignInCodeTTL = 10 * time.Minute
	// MACs are per purpose: a sign-in code's can never stand for a link's.
	macSignInCode = "sign-in-code v1"
	macLinkCode   = "link-code v1"
)

// Errors of the code flows (api/errors.go words them).
var (
	ErrCodeFormat  = errors.New("auth: a code is six digits")
	ErrCodeInvalid = errors.New("auth: the code is wrong or has expired")
	ErrCodeDead    = errors.New("auth: too many wrong codes; ask for a new one")
)

// newCode returns six uniformly random digits.
func newCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic("auth: no randomness: " + err.Error())
	}
	return fmt.Sprintf("%0*d", codeDigits, n.Int64())
}

// NormalizeCode reads a code as typed: spaces and dashes (as in "123 456" or "123-456") are
// fine, anything else but exactly six digits is ErrCodeFormat.
func NormalizeCode(s string) (string, error) {
	digits := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\u00a0', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\t':
			return -1
		}
		return r
	}, s)
	if len(digits) != codeDigits {
		return "", ErrCodeFormat
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return "", ErrCodeFormat
		}
	}
	return digits, nil
}
