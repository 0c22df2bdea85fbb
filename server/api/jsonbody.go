package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// decodeJSON reads the request body into dst strictly: exactly one JSON object, only the keys
// dst declares, each once and in its exact case, values of the declared types. Go's decoder
// alone would match keys case-insensitively and let a later duplicate win, which lets a crafted
// body say one thing to a proxy or log and another to us (SECURITY.md: "the email field is
// exactly one string").
func decodeJSON(c *fiber.Ctx, dst any) error {
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return &Error{Status: 400, Code: CodeInvalidJSON, Message: "The request body must be a JSON object."}
	}
	if jsonHasNUL(body) {
		return errNUL
	}
	if fields := checkKeys(body, jsonKeys(dst)); fields != nil {
		if _, bad := fields[""]; bad {
			return &Error{Status: 400, Code: CodeInvalidJSON, Message: "The request body must be one valid JSON object."}
		}
		return validation(fields)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return validation(map[string]string{typeErr.Field: "Must be " + article(typeErr.Type.Kind()) + "."})
		}
		return &Error{Status: 400, Code: CodeInvalidJSON, Message: "The request body must be one valid JSON object."}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &Error{Status: 400, Code: CodeInvalidJSON, Message: "The request body must be one valid JSON object."}
	}
	return nil
}

// decodeOptionalJSON is decodeJSON for requests whose every field is optional: an empty body
// means all defaults.
func decodeOptionalJSON(c *fiber.Ctx, dst any) error {
	if len(bytes.TrimSpace(c.Body())) == 0 {
		return nil
	}
	return decodeJSON(c, dst)
}

// checkKeys walks the top-level object and reports unknown, wrongly cased and repeated keys.
// A nil map means the keys are fine; a "" key means the body is not a JSON object at all.
func checkKeys(body []byte, allowed map[string]bool) map[string]string {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return map[string]string{"": "not an object"}
	}
	fields := map[string]string{}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return map[string]string{"": "malformed"}
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return map[string]string{"": "malformed"}
		}
		fold := strings.ToLower(key)
		switch {
		case seen[fold]:
			fields[key] = "Given more than once."
		case !allowed[key]:
			fields[key] = "Unknown field."
		}
		seen[fold] = true
	}
	if len(fields) == 0 {
		return nil
	}
	return fields
}

// jsonKeys lists the JSON names of dst's fields.
func jsonKeys(dst any) map[string]bool {
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	keys := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		keys[name] = true
	}
	return keys
}

func article(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Float64:
		return "a number"
	}
	return "a value of another type"
}

// emptyBody accepts a request with no body or an empty JSON object, and refuses any field:
// an action that takes no input must not seem to accept one (a "to" address, say).
func emptyBody(c *fiber.Ctx) error {
	if len(bytes.TrimSpace(c.Body())) == 0 {
		return nil
	}
	return decodeJSON(c, &struct{}{})
}

// PostgreSQL text cannot hold the NUL character: one in a value would end as a database error
// (a 500), so input that carries one is refused up front, whichever the field.
var errNUL = &Error{Status: 422, Code: CodeValidation, Message: "Text may not contain the NUL character."}

// jsonHasNUL: raw, or escaped as \u0000 in a JSON string.
func jsonHasNUL(b []byte) bool {
	return bytes.IndexByte(b, 0) >= 0 || bytes.Contains(b, []byte(`\u0000`))
}

// urlHasNUL: in the decoded path, or raw or percent-encoded in the query string.
func urlHasNUL(path, query []byte) bool {
	return bytes.IndexByte(path, 0) >= 0 || bytes.IndexByte(query, 0) >= 0 || bytes.Contains(query, []byte("%00"))
}
