package mail

import "strings"

// sampleCode is what {{.Code}} prints when a template is checked.
const sampleCode = "123456"

// CheckCode refuses a staff-written body for an email whose whole point is its code (the
// sign-in code) when the body would not print {{.Code}}: the member could not sign in.
func CheckCode(c Custom) error {
	if c.Body == "" {
		return nil
	}
	t, err := parseCustom("body", c.Body)
	if err != nil {
		return err
	}
	out, err := execCustom("body", t, TemplateData{Name: "Sam", Email: "sam@example.com", PortalName: "Portal", Code: sampleCode,
		ExpiresIn: "10 minutes", Device: "Firefox on Windows", When: "today"})
	if err != nil {
		return err
	}
	if !strings.Contains(out, sampleCode) {
		return &TemplateError{Field: "body", Message: "This email carries the member's sign-in code: put {{.Code}} in the text, or the member cannot sign in."}
	}
	return nil
}
