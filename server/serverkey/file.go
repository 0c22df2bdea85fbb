package serverkey

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LoadOrCreate reads the key kept in path (the embedded database's data folder), creating it
// with a fresh random key (mode 0600) the first time. With DATABASE_URL the key must come from
// the environment instead, so that every instance shares it.
func LoadOrCreate(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		k := strings.TrimSpace(string(b))
		if _, err := Decode(k); err != nil {
			return "", fmt.Errorf("serverkey: %s: %w", path, err)
		}
		return k, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("serverkey: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("serverkey: %w", err)
	}
	k := New()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) { // another process made it first: use theirs
		return LoadOrCreate(path)
	}
	if err != nil {
		return "", fmt.Errorf("serverkey: %w", err)
	}
	if _, err := f.WriteString(k + "\n"); err != nil {
		f.Close()
		return "", fmt.Errorf("serverkey: %w", err)
	}
	return k, f.Close()
}
