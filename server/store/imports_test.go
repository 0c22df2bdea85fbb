package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"gatehouse/server/store"
	"gatehouse/server/testdb"
)

// The import job saves its progress after every chunk, and its end: neither may undo a cancel
// that came in between (the job reads the cancel only at the next chunk).
func TestRunningImportSavesDoNotUndoACancel(t *testing.T) {
	st := testdb.New(t)
	ctx := context.Background()
	im := store.Import{Filename: "a.csv", Options: json.RawMessage("{}"), Status: "running", DryRun: false}
	if err := st.CreateImport(ctx, &im, strings.NewReader("email\na@example.com\n")); err != nil {
		t.Fatal(err)
	}
	job := im // the job's own copy, read before the cancel
	im.Status = "cancelled"
	if err := st.SaveImportState(ctx, &im); err != nil {
		t.Fatal(err)
	}
	job.Done = 1
	if err := st.SaveRunningImport(ctx, &job, "done", "counts"); err != nil {
		t.Fatal(err)
	}
	job.Status = "done"
	if err := st.SaveRunningImport(ctx, &job, "status", "done"); err != nil {
		t.Fatal(err)
	}
	got, err := st.ImportByID(ctx, im.ID, false)
	if err != nil || got.Status != "cancelled" || got.Done != 0 {
		t.Fatalf("after the job's saves: %+v %v", got, err)
	}

	// While it runs, progress is saved.
	run := store.Import{Filename: "b.csv", Options: json.RawMessage("{}"), Status: "running"}
	if err := st.CreateImport(ctx, &run, strings.NewReader("email\n")); err != nil {
		t.Fatal(err)
	}
	run.Done = 7
	if err := st.SaveRunningImport(ctx, &run, "done"); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.ImportByID(ctx, run.ID, false); got.Done != 7 {
		t.Fatalf("progress of a running import: %d", got.Done)
	}
}
