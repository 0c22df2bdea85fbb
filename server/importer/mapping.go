package importer

import (
	"fmt"
	"strings"

	"gatehouse/server/auth"
)

// Fields a column can map to.
const (
	FieldEmail       = "email"
	FieldFirstName   = "first_name"
	FieldLastName    = "last_name"
	FieldName        = "name"
	FieldPhone       = "phone"
	FieldTags        = "tags"
	FieldOffers      = "offers"      // offer ids or names, separated by ; or |
	FieldCommunities = "communities" // community names, separated by ; or |
)

var fields = map[string]bool{FieldEmail: true, FieldFirstName: true, FieldLastName: true, FieldName: true,
	FieldPhone: true, FieldTags: true, FieldOffers: true, FieldCommunities: true}

// Mapping says which header column holds each field (field → column name).
type Mapping map[string]string

// index resolves a mapping against a header: field → column index.
func (m Mapping) index(header []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(h)] = i
	}
	out := map[string]int{}
	for field, name := range m {
		if !fields[field] {
			return nil, fmt.Errorf("unknown field %q (use email, first_name, last_name, name, phone, tags, offers, communities)", field)
		}
		i, ok := col[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			return nil, fmt.Errorf("the file has no column %q (for %s)", name, field)
		}
		out[field] = i
	}
	if _, ok := out[FieldEmail]; !ok {
		return nil, fmt.Errorf("map a column to email")
	}
	return out, nil
}

// Guess maps the header's columns whose names say what they hold ("E-mail", "First name" …).
func Guess(header []string) Mapping {
	m := Mapping{}
	for _, h := range header {
		key := strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(h))
		field := map[string]string{"email": FieldEmail, "emailaddress": FieldEmail, "firstname": FieldFirstName, "givenname": FieldFirstName,
			"lastname": FieldLastName, "surname": FieldLastName, "familyname": FieldLastName, "name": FieldName, "fullname": FieldName,
			"phone": FieldPhone, "phonenumber": FieldPhone, "mobile": FieldPhone, "tags": FieldTags, "offers": FieldOffers, "offer": FieldOffers,
			"communities": FieldCommunities, "community": FieldCommunities, "groups": FieldCommunities}[key]
		if field != "" && m[field] == "" {
			m[field] = h
		}
	}
	return m
}

// row is one parsed line.
type row struct {
	Line        int
	Email       string
	Name        string
	Phone       string
	Tags        []string
	Offers      []string
	Communities []string
}

// parse turns a record into a row, or says why it cannot be imported.
func parse(rec []string, line int, idx map[string]int) (row, string) {
	get := func(f string) string {
		if i, ok := idx[f]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	r := row{Line: line, Phone: get(FieldPhone)}
	email, err := auth.CheckEmail(get(FieldEmail))
	if err != nil {
		r.Email = get(FieldEmail) // as written, so the report shows what was wrong
		if len(r.Email) > 254 {
			r.Email = r.Email[:254]
		}
		return r, "invalid email address"
	}
	r.Email = email
	r.Name = get(FieldName)
	if first, last := get(FieldFirstName), get(FieldLastName); first != "" || last != "" {
		r.Name = strings.TrimSpace(first + " " + last)
	}
	if len([]rune(r.Name)) > 200 || len(r.Phone) > 50 {
		return r, "the name or phone number is too long"
	}
	r.Tags, r.Offers, r.Communities = list(get(FieldTags)), list(get(FieldOffers)), list(get(FieldCommunities))
	return r, ""
}

func list(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' || r == ',' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
