package importer

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func readAll(t testing.TB, src string) (header []string, rows [][]string, rowErrs []string, fatal error) {
	r, err := NewReader(strings.NewReader(src))
	if err != nil {
		return nil, nil, nil, err
	}
	for {
		rec, _, err := r.Read()
		var re *RowError
		switch {
		case errors.Is(err, io.EOF):
			return r.Header, rows, rowErrs, nil
		case errors.As(err, &re):
			rowErrs = append(rowErrs, re.Error())
		case err != nil:
			return r.Header, rows, rowErrs, err
		default:
			rows = append(rows, rec)
		}
	}
}

func TestReaderFormats(t *testing.T) {
	for name, src := range map[string]string{
		"comma":      "email,name\na@example.com,Ann\n",
		"semicolon":  "email;name\na@example.com;Ann\n",
		"bom":        "\xEF\xBB\xBFemail,name\na@example.com,Ann\n",
		"quoted":     "\"email\",\"name\"\n\"a@example.com\",\"Ann\"\n",
		"crlf":       "email,name\r\na@example.com,Ann\r\n",
		"no newline": "email,name\na@example.com,Ann",
	} {
		h, rows, errs, err := readAll(t, src)
		if err != nil || len(errs) > 0 || len(rows) != 1 || h[0] != "email" || rows[0][1] != "Ann" {
			t.Errorf("%s: header %q rows %q errs %q err %v", name, h, rows, errs, err)
		}
	}
	_, rows, _, _ := readAll(t, "email;name\n\"b@example.com\";\"Lee; Bo \"\"the\"\" Quoted\"\n")
	if rows[0][1] != `Lee; Bo "the" Quoted` {
		t.Errorf("quoted semicolon: %q", rows[0][1])
	}
}

// The malformed corpus: every bad row gets a clear error of its own and the good rows around
// it still come through.
func TestReaderMalformedRows(t *testing.T) {
	src := "email,name\n" +
		"good1@example.com,One\n" +
		"ragged@example.com\n" +
		"latin1@example.com,Ren\xe9\n" +
		"huge@example.com," + strings.Repeat("x", 1<<20) + "\n" +
		"good2@example.com,Two\n" +
		"bad\"quote@example.com,Three\n" +
		"good3@example.com,Four\n"
	_, rows, errs, err := readAll(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d good rows, want 3: %q", len(rows), rows)
	}
	want := []string{"line 3: the row has 1 cells, the header 2", "line 4: the row is not UTF-8", "line 5: a cell is longer than", "line 7: the row's quotes"}
	if len(errs) != len(want) {
		t.Fatalf("errors: %q", errs)
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i], w) {
			t.Errorf("error %d: %q, want %q…", i, errs[i], w)
		}
	}
}

func TestReaderRefusesOtherEncodings(t *testing.T) {
	if _, err := NewReader(strings.NewReader("\xFF\xFEe\x00m\x00")); !errors.Is(err, ErrNotUTF8) {
		t.Fatalf("UTF-16: %v", err)
	}
	if _, err := NewReader(strings.NewReader("")); err == nil {
		t.Fatal("an empty file was accepted")
	}
}

// FuzzReader: whatever the bytes, the reader never panics and always ends.
func FuzzReader(f *testing.F) {
	for _, seed := range []string{"email,name\na@b.c,x\n", "\"a\n", "a;b;c\n1;2\n\"", "\xEF\xBB\xBF\"\"\"", "a,b\n\"\",\"\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		for i := 0; i < len(data)+2; i++ {
			if _, _, err := r.Read(); errors.Is(err, io.EOF) {
				return
			}
		}
		t.Fatalf("the reader did not end within %d reads", len(data)+2)
	})
}
