package importer

import (
	"context"
	"errors"
	"hash/fnv"
	"io"
	"strings"
	"time"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// Outcomes of a row.
const (
	WillCreate = "new"       // dry run: would be created
	WillUpdate = "update"    // dry run: would update an existing contact
	Created    = "created"   // run
	Updated    = "updated"   // run
	Invalid    = "invalid"   // bad email, unknown offer, a row that cannot be read …
	Duplicate  = "duplicate" // the same address earlier in the file
	Failed     = "failed"    // the database refused the row; nothing of it was kept
)

// Options say how to import.
type Options struct {
	Mapping      Mapping  `json:"mapping"`
	OfferIDs     []string `json:"offer_ids"`     // granted to every row
	CommunityIDs []string `json:"community_ids"` // joined by every row
	SendWelcome  bool     `json:"send_welcome"`  // the welcome email of each offer newly granted
}

// Outcome is one row's result, for the report.
type Outcome struct {
	Line      int
	Email     string
	Outcome   string
	Detail    string
	ContactID string
}

// Hooks connect a run to its caller: where outcomes go (in the chunk's transaction), how far
// it got, whether to stop.
type Hooks struct {
	Record    func(ctx context.Context, tx *store.Store, out []Outcome) error
	Progress  func(rows int, counts map[string]int)
	Cancelled func(ctx context.Context) bool
	// ResumeAfter skips rows up to this line (they were imported before a restart).
	ResumeAfter int
}

// Importer imports contacts.
type Importer struct {
	store  *store.Store
	access *access.Service
	auth   *auth.Service
	now    func() time.Time
}

// New returns an Importer; every change to a contact goes through ac.
func New(st *store.Store, ac *access.Service, a *auth.Service, now func() time.Time) *Importer {
	return &Importer{store: st, access: ac, auth: a, now: now}
}

// chunkRows is how many rows are classified together and imported in one transaction (one
// savepoint per row, so a bad row takes nothing else with it).
const chunkRows = 500

// Run streams the file: a dry run only classifies; otherwise the good rows are imported. It
// returns the counts by outcome.
func (im *Importer) Run(ctx context.Context, src io.Reader, opt Options, dryRun bool, a access.Actor, h Hooks) (map[string]int, error) {
	r, err := NewReader(src)
	if err != nil {
		return nil, err
	}
	idx, err := opt.Mapping.index(r.Header)
	if err != nil {
		return nil, &FileError{Message: err.Error()}
	}
	cat, err := im.catalog(ctx)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	seen := map[uint64]bool{} // 8 bytes per address: duplicates are found without keeping rows
	rows, done := 0, 0
	var batch []row
	var pre []Outcome
	flush := func() error {
		out, err := im.chunk(ctx, batch, pre, opt, cat, dryRun, a, h)
		for _, o := range out {
			counts[o.Outcome]++
		}
		done += len(batch) + len(pre)
		batch, pre = batch[:0], pre[:0]
		if h.Progress != nil {
			h.Progress(done, counts)
		}
		return err
	}
	for {
		rec, line, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		if err != nil && !errors.As(err, &re) {
			return counts, err
		}
		if rows++; rows > MaxRows {
			return counts, &FileError{Message: "the file has more than 100,000 rows; split it"}
		}
		if line <= h.ResumeAfter && line > 0 {
			continue
		}
		if re != nil {
			pre = append(pre, Outcome{Line: re.Line, Outcome: Invalid, Detail: re.Message})
		} else if parsed, problem := parse(rec, line, idx); problem != "" {
			pre = append(pre, Outcome{Line: line, Email: parsed.Email, Outcome: Invalid, Detail: problem})
		} else if key := hash(parsed.Email); seen[key] {
			pre = append(pre, Outcome{Line: line, Email: parsed.Email, Outcome: Duplicate, Detail: "the same address is earlier in the file"})
		} else {
			seen[key] = true
			batch = append(batch, parsed)
		}
		if len(batch)+len(pre) >= chunkRows {
			if err := flush(); err != nil {
				return counts, err
			}
			if h.Cancelled != nil && h.Cancelled(ctx) {
				return counts, ErrCancelled
			}
		}
	}
	return counts, flush()
}

// ErrCancelled means the import was stopped by staff.
var ErrCancelled = errors.New("importer: cancelled")

// FileError is a problem with the whole file (its mapping, its size).
type FileError struct{ Message string }

func (e *FileError) Error() string { return "importer: " + e.Message }

func hash(email string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.ToLower(email)))
	return h.Sum64()
}

// catalog is the offers and communities rows can name, by id and by lower-case name.
type catalog struct {
	offers      map[string]store.Offer
	communities map[string]store.Community
}

func (im *Importer) catalog(ctx context.Context) (catalog, error) {
	c := catalog{offers: map[string]store.Offer{}, communities: map[string]store.Community{}}
	offers, err := im.store.ListOffers(ctx, false)
	if err != nil {
		return c, err
	}
	for _, o := range offers {
		c.offers[o.ID], c.offers[strings.ToLower(o.Name)] = o, o
	}
	comms, err := im.store.ListCommunities(ctx, false)
	for _, x := range comms {
		c.communities[x.ID], c.communities[strings.ToLower(x.Name)] = x, x
	}
	return c, err
}

// name is an offer's name for a row's report (its id when the catalog does not list it: an
// offer archived after the upload).
func (c catalog) name(offerID string) string {
	if o, ok := c.offers[offerID]; ok {
		return o.Name
	}
	return offerID
}
