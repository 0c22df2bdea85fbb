package main

import (
	"bufio"
	"context"
	"fmt"
	"gatehouse/server/serverkey"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"gatehouse/server/pglocal"
)

// benchImport imports generated CSV files of each size with the real `gatehouse import` and
// reports wall time and the importer's peak resident memory: streaming means the peak stays
// flat as files grow. PostgreSQL runs outside the measured process (DATABASE_URL): started by
// the importer itself, the database server's memory would count as the importer's.
func benchImport(bin string, sizes []int) error {
	base, err := os.MkdirTemp("", "gatehouse-import-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(base)
	if err := os.Chmod(base, 0o755); err != nil {
		return err
	}
	pg, err := pglocal.Start(context.Background(), pglocal.Options{Dir: filepath.Join(base, "pg")})
	if err != nil {
		return err
	}
	defer pg.Stop()
	fmt.Printf("%-10s %12s %10s %14s %14s\n", "rows", "file", "time", "rows/s", "peak RSS")
	for i, n := range sizes {
		file := filepath.Join(base, fmt.Sprintf("contacts-%d.csv", n))
		size, err := writeCSV(file, n, i)
		if err != nil {
			return err
		}
		cmd := exec.Command(bin, "import", file)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+pg.URL, "GATEHOUSE_SECRET_KEY="+benchKey, "GATEHOUSE_LOG_LEVEL=warn")
		start := time.Now()
		out, err := cmd.CombinedOutput()
		took := time.Since(start)
		if err != nil {
			return fmt.Errorf("import %d: %v: %s", n, err, out)
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB
		fmt.Printf("%-10d %10.1f MiB %10s %14.0f %11.1f MiB\n", n, float64(size)/(1<<20), took.Round(time.Millisecond), float64(n)/took.Seconds(), float64(rss)/1024)
	}
	return nil
}

// writeCSV writes n contacts (distinct addresses per file) and returns the file size.
func writeCSV(path string, n, file int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Email,First name,Last name,Phone,Tags")
	for i := range n {
		fmt.Fprintf(w, "person%d.f%d@example.com,First%d,Last%d,+44 20 7946 %04d,\"vip;cohort-%d\"\n", i, file, i, i, i%10000, i%12)
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	st, err := f.Stat()
	f.Close()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// benchKey is the server key of the measured process (required with DATABASE_URL).
var benchKey = serverkey.New()
