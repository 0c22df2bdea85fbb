package resendfake

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/mail"
	"regexp"
	"strings"

	"github.com/pb33f/libopenapi"
	liberrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// validator checks email objects against the embedded OpenAPI document.
// Bodies are validated per email (not per HTTP request) because permissive
// batches must report errors by index.
type validator struct {
	model      *v3.Document
	schemas    schema_validation.SchemaValidator
	send       *base.Schema // POST /emails body
	batchItems *base.Schema // items of the POST /emails/batch body
}

func newValidator(spec []byte) (*validator, error) {
	doc, err := libopenapi.NewDocument(spec)
	if err != nil {
		return nil, err
	}
	m, err := doc.BuildV3Model()
	if err != nil {
		return nil, err
	}
	v := &validator{model: &m.Model, schemas: schema_validation.NewSchemaValidator()}
	if v.send, err = v.bodySchema("/emails"); err != nil {
		return nil, err
	}
	batch, err := v.bodySchema("/emails/batch")
	if err != nil {
		return nil, err
	}
	if batch.Items == nil || !batch.Items.IsA() {
		return nil, fmt.Errorf("/emails/batch body is not an array schema")
	}
	v.batchItems = batch.Items.A.Schema()
	return v, nil
}

func (v *validator) bodySchema(path string) (*base.Schema, error) {
	item := v.model.Paths.PathItems.GetOrZero(path)
	if item == nil || item.Post == nil || item.Post.RequestBody == nil {
		return nil, fmt.Errorf("spec has no POST %s request body", path)
	}
	mt := item.Post.RequestBody.Content.GetOrZero("application/json")
	if mt == nil || mt.Schema == nil {
		return nil, fmt.Errorf("spec has no JSON schema for POST %s", path)
	}
	return mt.Schema.Schema(), nil
}

// component returns a named schema from components/schemas (used for the
// webhook event schemas in tests).
func (v *validator) component(name string) *base.Schema {
	p := v.model.Components.Schemas.GetOrZero(name)
	if p == nil {
		return nil
	}
	return p.Schema()
}

var tagPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// validateEmail returns the (normalised) email object or the error Resend
// would answer. The order is presence, then schema, then the documented rules
// the schema cannot express, and only the first problem is reported, as
// Resend reports a single message.
func (v *validator) validateEmail(doc any, inBatch bool) (map[string]any, *apiError) {
	m, ok := doc.(map[string]any)
	if !ok {
		// Checked here because the schema validator skips a JSON null.
		return nil, errValidation("The email must be a JSON object.")
	}
	normalizeAttachments(m)
	// resend-go sends "from":"" and "to":null for unset fields, so absence
	// alone is not enough to detect a missing field.
	for _, f := range []string{"from", "to", "subject"} {
		if blank(m[f]) {
			return nil, errMissingField(f)
		}
	}
	// Checked before the schema (which also caps the array at 50) for a
	// clearer message than the oneOf failure.
	if n := len(stringList(m["to"])); n > 50 {
		return nil, errValidation("Too many recipients in the `to` field: %d given, the maximum is 50.", n)
	}
	schema := v.send
	if inBatch {
		schema = v.batchItems
	}
	if ok, errs := v.schemas.ValidateSchemaObject(schema, m); !ok {
		return nil, schemaError(errs)
	}
	_, hasTemplate := m["template"]
	hasBody := !blank(m["html"]) || !blank(m["text"])
	switch {
	case hasTemplate && hasBody:
		return nil, errValidation("The `template` field cannot be combined with `html` or `text`.")
	case !hasTemplate && !hasBody:
		return nil, newError(422, "missing_required_field", "Missing `html` or `text` field.")
	}
	if inBatch {
		for _, f := range []string{"attachments", "scheduled_at"} {
			if _, ok := m[f]; ok {
				return nil, errValidation("The `%s` field is not supported for batch emails.", f)
			}
		}
	}
	for _, f := range []string{"from", "to", "cc", "bcc", "reply_to"} {
		for _, addr := range stringList(m[f]) {
			if _, err := mail.ParseAddress(addr); err != nil {
				return nil, errValidation("Invalid `%s` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.", f)
			}
		}
	}
	if tags, ok := m["tags"].([]any); ok {
		for _, t := range tags {
			tm, _ := t.(map[string]any)
			name, _ := tm["name"].(string)
			value, _ := tm["value"].(string)
			if !tagPattern.MatchString(name) || (value != "" && !tagPattern.MatchString(value)) {
				return nil, errValidation("Invalid `tags` field. Tag names and values may only contain ASCII letters, numbers, underscores or dashes, and at most 256 characters.")
			}
		}
	}
	if atts, ok := m["attachments"].([]any); ok {
		for _, a := range atts {
			am, _ := a.(map[string]any)
			if blank(am["content"]) && blank(am["path"]) {
				return nil, newError(422, "invalid_attachment", "Attachment must have either a `content` or `path`.")
			}
		}
	}
	return m, nil
}

// normalizeAttachments rewrites attachment content sent as an array of byte
// values (what resend-go marshals []byte into, and what Resend accepts) into
// the base64 string form the spec declares, so that valid SDK requests are
// not rejected by the schema.
func normalizeAttachments(m map[string]any) {
	atts, _ := m["attachments"].([]any)
	for _, a := range atts {
		am, _ := a.(map[string]any)
		arr, ok := am["content"].([]any)
		if !ok {
			continue
		}
		buf := make([]byte, 0, len(arr))
		for _, x := range arr {
			n, ok := x.(json.Number)
			i, err := n.Int64()
			if !ok || err != nil || i < 0 || i > 255 {
				return // leave it for the schema to reject
			}
			buf = append(buf, byte(i))
		}
		am["content"] = base64.StdEncoding.EncodeToString(buf)
	}
}

// schemaError turns libopenapi-validator output into Resend's single-message
// error: missing properties become missing_required_field, anything else a
// validation_error naming the offending field.
func schemaError(errs []*liberrors.ValidationError) *apiError {
	for _, e := range errs {
		if len(e.SchemaValidationErrors) == 0 {
			continue
		}
		first := e.SchemaValidationErrors[0]
		if strings.HasSuffix(first.KeywordLocation, "/required") {
			if _, name, ok := strings.Cut(first.Reason, "'"); ok {
				name, _, _ = strings.Cut(name, "'")
				return errMissingField(strings.Join(append(first.InstancePath, name), "."))
			}
		}
		var reasons []string
		for _, f := range e.SchemaValidationErrors {
			if f.FieldPath == first.FieldPath {
				reasons = append(reasons, f.Reason)
			}
		}
		field := strings.TrimPrefix(first.FieldPath, "$.")
		return errValidation("Invalid `%s` field: %s.", field, strings.Join(reasons, "; "))
	}
	if len(errs) > 0 {
		// No per-field detail means the spec itself could not be used.
		e := errInternal()
		e.Message = errs[0].Message + ": " + errs[0].Reason
		return e
	}
	return errValidation("We found an error with one or more fields in the request.")
}

// blank reports a missing, null, empty or whitespace-only value.
func blank(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	}
	return false
}

// stringList reads Resend's "string or array of strings" address fields.
func stringList(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, s := range x {
			if str, ok := s.(string); ok {
				out = append(out, str)
			}
		}
		return out
	}
	return nil
}
