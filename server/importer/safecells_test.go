package importer

import "testing"

func TestSafeCellsDefusesFormulasAfterSeparators(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://evil\")": "'=HYPERLINK(\"http://evil\")",
		"+1":                          "'+1",
		"-1":                          "'-1",
		"@SUM(A1)":                    "'@SUM(A1)",
		"\tx":                         "'\tx",
		"\rx":                         "'\rx",
		" =1+1":                       "' =1+1",
		// A spreadsheet that splits on ";" (many locales) or tab starts a new cell there: the
		// whole cell gets an apostrophe, and so does the formula after the separator.
		"Mozilla;=cmd|' /C calc'!A0": "'Mozilla;'=cmd|' /C calc'!A0",
		"Mozilla,=cmd|' /C calc'!A0": "'Mozilla,'=cmd|' /C calc'!A0",
		"a\t+b":                      "'a\t'+b",
		"a\n@b":                      "'a\n'@b",
		"a\r-b":                      "'a\r'-b",
		"a; -b":                      "'a; '-b",
		"a;\"=b\"":                   "'a;\"'=b\"",
		// Ordinary values stay as they are.
		"Mozilla/5.0 (X11; Linux x86_64)": "Mozilla/5.0 (X11; Linux x86_64)",
		"jean-luc@example.com":            "jean-luc@example.com",
		"a=b":                             "a=b",
		"":                                "",
		"2026-12-04T10:00:00Z":            "2026-12-04T10:00:00Z",
	} {
		if got := SafeCells(in)[0]; got != want {
			t.Errorf("SafeCells(%q) = %q, want %q", in, got, want)
		}
	}
}
