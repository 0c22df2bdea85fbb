package auth

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
)

// Password length bounds in Unicode code points (SECURITY.md). Staff accounts guard everyone's
// data, so they need longer passwords.
const (
	MinMemberPassword = 12
	MinStaffPassword  = 15
	MaxPassword       = 128
)

// PolicyError says why a password was refused, in words a member can act on.
type PolicyError struct {
	Reason  string // stable: too_short, too_long, too_common, contains_email, contains_portal_name
	Message string
}

func (e *PolicyError) Error() string { return "auth: password refused: " + e.Reason }

// CheckPassword applies the password policy: length by role, no composition rules, and no
// common, guessable or personal passwords (zxcvbn score ≥ 3 with the member's own details as
// extra dictionary words). Passwords are never truncated.
func CheckPassword(password, role, email, portalName string) error {
	min := MinMemberPassword
	if IsStaff(role) {
		min = MinStaffPassword
	}
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return &PolicyError{"invalid", "The password contains characters that are not valid text."}
	case n < min:
		return &PolicyError{"too_short", "Use at least " + strconv.Itoa(min) + " characters. A few unrelated words make a long password easy to remember."}
	case n > MaxPassword:
		return &PolicyError{"too_long", "Use at most " + strconv.Itoa(MaxPassword) + " characters."}
	}
	lower := strings.ToLower(password)
	email = strings.ToLower(strings.TrimSpace(email))
	local, _, _ := strings.Cut(email, "@")
	if email != "" && (strings.Contains(lower, email) || (len(local) >= 4 && strings.Contains(lower, local))) {
		return &PolicyError{"contains_email", "Don't use your email address (or its first part) in your password."}
	}
	if name := strings.ToLower(strings.TrimSpace(portalName)); len(name) >= 4 && strings.Contains(lower, name) {
		return &PolicyError{"contains_portal_name", "Don't use the name of this site in your password."}
	}
	inputs := []string{email, local, portalName}
	if zxcvbn.PasswordStrength(password, inputs).Score < 3 {
		return &PolicyError{"too_common", "This password is too common or easy to guess. Try a longer phrase of unrelated words."}
	}
	return nil
}
