// Package importer brings contacts in from CSV files (the admin upload and `gatehouse
// import`): it streams the file row by row, classifies each row (new, update, invalid email,
// duplicate), and imports the good ones (contact, offers, communities, welcome email) while
// bad rows get a clear reason and never stop the rest.
package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits (PRODUCT.md "Import").
const (
	MaxRows     = 100_000
	MaxFileSize = 20 << 20
	MaxCell     = 10_000 // characters
)

// ErrNotUTF8 means the file is in another encoding (UTF-16, say) and must be saved as UTF-8.
var ErrNotUTF8 = errors.New("importer: the file is not UTF-8 text; save it as CSV UTF-8 and upload it again")

// RowError is a problem with one row; the import goes on with the next.
type RowError struct {
	Line    int
	Message string
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// Reader reads a CSV file: UTF-8 with or without a byte-order mark, comma- or
// semicolon-separated (whichever the header uses), quoted fields allowed.
type Reader struct {
	csv    *csv.Reader
	Header []string
	width  int
}

// NewReader reads the header row and prepares to stream the rest.
func NewReader(src io.Reader) (*Reader, error) {
	br := bufio.NewReaderSize(src, 64<<10)
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, ErrNotUTF8
	}
	first, _ := br.Peek(4096)
	r := csv.NewReader(br)
	r.Comma = sniffDelimiter(first)
	r.FieldsPerRecord = -1 // ragged rows are reported per row, not fatal
	r.ReuseRecord = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("importer: the file is empty")
	}
	if err != nil {
		return nil, fmt.Errorf("importer: the header row cannot be read: %w", err)
	}
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, ErrNotUTF8
		}
		header[i] = strings.TrimSpace(h)
	}
	return &Reader{csv: r, Header: header, width: len(header)}, nil
}

// sniffDelimiter picks ; when the first line has more semicolons than commas outside quotes.
func sniffDelimiter(b []byte) rune {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	commas, semis, quoted := 0, 0, false
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// Read returns the next row and its line number. A bad row comes back as a *RowError (keep
// reading); io.EOF ends the file.
func (r *Reader) Read() ([]string, int, error) {
	rec, err := r.csv.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.StartLine, &RowError{Line: pe.StartLine, Message: "the row's quotes do not match up (" + pe.Err.Error() + ")"}
		}
		return nil, 0, err
	}
	line, _ := r.csv.FieldPos(0)
	if len(rec) != r.width {
		return nil, line, &RowError{Line: line, Message: fmt.Sprintf("the row has %d cells, the header %d", len(rec), r.width)}
	}
	for _, cell := range rec {
		if !utf8.ValidString(cell) {
			return nil, line, &RowError{Line: line, Message: "the row is not UTF-8 text (save the file as CSV UTF-8)"}
		}
		if utf8.RuneCountInString(cell) > MaxCell {
			return nil, line, &RowError{Line: line, Message: fmt.Sprintf("a cell is longer than %d characters", MaxCell)}
		}
	}
	return rec, line, nil
}
