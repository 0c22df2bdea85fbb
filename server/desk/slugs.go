package desk

import (
	"errors"

	"gatehouse/server/store"
)

// checkSlug words what is wrong with a slug staff typed ("" when it is fine or empty).
func checkSlug(slug string) string {
	if slug != "" && (len(slug) > 60 || !store.SlugPattern.MatchString(slug)) {
		return "Use lower-case letters, digits and single hyphens (like pottery-course), at most 60 characters."
	}
	return ""
}

// slugTaken turns a slug conflict into a field error: a slug once used by another offer (or
// community) stays theirs, so integrations naming it never reach the wrong one.
func slugTaken(err error, slug, kind string) error {
	if slug != "" && errors.Is(err, store.ErrConflict) {
		return &ValidationError{Fields: map[string]string{"slug": "This slug is, or was, used by another " + kind + ". Slugs are never reused; choose another."}}
	}
	return err
}
