package importer

import "strings"

// SafeCells defuses cells a spreadsheet would run as formulas (OWASP "CSV injection"), for
// every CSV Gatehouse writes. A cell that starts with = + - @ (after spaces or quotes), tab or
// CR gets a leading apostrophe, which makes it text. So does a cell that holds , ; tab CR or LF
// followed by one of = + - @: a spreadsheet that splits on another separator than ours (";" in
// many locales, tab) starts a new cell there, so the formula character gets an apostrophe
// before it too. Quoting alone does not help: a quoted "=cmd" is still a formula.
func SafeCells(cells ...string) []string {
	for i, v := range cells {
		cells[i] = safeCell(v)
	}
	return cells
}

func safeCell(v string) string {
	if v == "" {
		return v
	}
	var b strings.Builder
	risky := v[0] == '\t' || v[0] == '\r' || formulaAt(v) >= 0
	for i := 0; i < len(v); i++ {
		b.WriteByte(v[i])
		if !strings.ContainsRune(",;\t\r\n", rune(v[i])) {
			continue
		}
		if k := formulaAt(v[i+1:]); k >= 0 {
			b.WriteString(v[i+1 : i+1+k])
			b.WriteByte('\'')
			i += k
			risky = true
		}
	}
	if !risky {
		return v
	}
	return "'" + b.String()
}

// formulaAt is the index of the = + - @ that starts s once spaces and quotes are skipped, or -1.
func formulaAt(s string) int {
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case ' ', '"':
			continue
		case '=', '+', '-', '@':
			return k
		}
		return -1
	}
	return -1
}
