package api

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strconv"
	"time"

	"gatehouse/server/store"

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

// newestPage reads ?limit= (default def, at most max) and ?cursor= of a newest-first list. It
// asks the store for one row more than it shows, to know whether a next page exists.
func newestPage(c *fiber.Ctx, def, max int) (store.Page, error) {
	limit, err := queryLimit(c, def, max)
	if err != nil {
		return store.Page{}, err
	}
	p := store.Page{Limit: limit + 1}
	if cur := c.Query("cursor"); cur != "" {
		var pos pagePosition
		if err := decodeCursor(cur, &pos); err != nil || pos.At.IsZero() || !storable(pos.At) || !uuidPattern.MatchString(pos.ID) {
			return store.Page{}, validation(map[string]string{"cursor": "This cursor is not valid; start from the first page."})
		}
		p.Before, p.BeforeID = pos.At, pos.ID
	}
	return p, nil
}

// storable reports whether a time from a request fits PostgreSQL's timestamps as they are
// written (years 1 to 9999): year 0 would be a database error, not the client's.
func storable(t time.Time) bool {
	return t.IsZero() || (t.Year() >= 1 && t.Year() <= 9999)
}

// queryDates reads the ?from= and ?to= dates (YYYY-MM-DD, to inclusive) of a list as the
// range [from, until); problems go into fields.
func queryDates(c *fiber.Ctx, fields map[string]string) (from, until time.Time) {
	for name, dst := range map[string]*time.Time{"from": &from, "to": &until} {
		if v := c.Query(name); v != "" {
			d, err := time.Parse("2006-01-02", v)
			if err != nil || d.Year() < 1 {
				fields[name] = "Use a date like 2026-11-26."
			}
			*dst = d
		}
	}
	if !until.IsZero() {
		until = until.AddDate(0, 0, 1) // the whole of the last day
	}
	return from, until
}

// pagePosition is where a newest-first page ended: its last row's time and id.
type pagePosition struct {
	At time.Time `json:"c"`
	ID string    `json:"i"`
}

// pageOf drops the extra row newestPage asked for and returns the cursor of the next page
// ("" on the last one); pos gives a row's time and id.
func pageOf[T any](list []T, p store.Page, pos func(T) (time.Time, string)) ([]T, string) {
	if len(list) < p.Limit {
		return list, ""
	}
	list = list[:p.Limit-1]
	at, id := pos(list[len(list)-1])
	return list, encodeCursor(pagePosition{At: at, ID: id})
}

// Cursors are opaque to clients: base64 of a small JSON position.
func encodeCursor(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil && jsonHasNUL(b) {
		err = errNUL
	}
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
