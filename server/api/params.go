package api

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strconv"

	"github.com/gofiber/fiber/v2"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// pathID returns the :id parameter, or 404 for anything that is not a UUID (such an id cannot
// name a row, and must not reach SQL as a syntax error).
func pathID(c *fiber.Ctx) (string, error) { return pathUUID(c, "id") }

func pathUUID(c *fiber.Ctx, name string) (string, error) {
	id := c.Params(name)
	if !uuidPattern.MatchString(id) {
		return "", &Error{Status: 404, Code: CodeNotFound, Message: "Not found."}
	}
	return id, nil
}

// queryLimit reads ?limit= within [1, max], default def.
func queryLimit(c *fiber.Ctx, def, max int) (int, error) {
	v := c.Query("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > max {
		return 0, validation(map[string]string{"limit": "Must be a whole number from 1 to " + strconv.Itoa(max) + "."})
	}
	return n, nil
}

// Cursors are opaque to clients: base64 of a small JSON position.
func encodeCursor(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		return validation(map[string]string{"cursor": "This cursor is not valid; start from the first page."})
	}
	return nil
}

// boolOr reads an optional JSON boolean.
func boolOr(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}
