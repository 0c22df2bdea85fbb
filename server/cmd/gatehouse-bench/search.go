package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gatehouse"
	"gatehouse/server/pglocal"
	"gatehouse/server/store"
)

// benchSearch measures contact search (the SQL the admin API runs) at each size: a name
// substring, an email prefix and a filter by offer, with EXPLAIN ANALYZE of each.
func benchSearch(sizes []int, rounds int) error {
	ctx := context.Background()
	base, err := os.MkdirTemp("", "gatehouse-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(base)
	if err := os.Chmod(base, 0o755); err != nil {
		return err
	}
	pg, err := pglocal.Start(ctx, pglocal.Options{Dir: filepath.Join(base, "pg"), Ephemeral: true})
	if err != nil {
		return err
	}
	defer pg.Stop()
	st, err := store.Open(ctx, pg.URL, 4)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx, gatehouse.Migrations()); err != nil {
		return err
	}
	offerID, err := seedOffer(ctx, st)
	if err != nil {
		return err
	}
	seeded := 0
	for _, n := range sizes {
		start := time.Now()
		if err := seedContacts(ctx, st, seeded, n, offerID); err != nil {
			return err
		}
		seeded = n
		fmt.Printf("\n== %d contacts (seeded in %s) ==\n", n, time.Since(start).Round(time.Millisecond))
		cases := []struct {
			name string
			f    store.ContactFilter
		}{
			{"name substring \"arlow\"", store.ContactFilter{Q: "arlow", Limit: 51}},
			{"email prefix \"user4242\"", store.ContactFilter{Q: "user4242", Limit: 51}},
			{"rare substring \"zz-none\"", store.ContactFilter{Q: "zz-none", Limit: 51}},
			{"filter by offer", store.ContactFilter{OfferID: offerID, Limit: 51}},
			{"name sort, first page", store.ContactFilter{Sort: store.SortName, Limit: 51}},
		}
		fmt.Printf("%-28s %8s %10s %10s\n", "query", "rows", "p50", "p99")
		for _, c := range cases {
			lat := make([]time.Duration, 0, rounds)
			var rows int
			for range rounds {
				t0 := time.Now()
				list, err := st.ListContacts(ctx, c.f)
				if err != nil {
					return err
				}
				lat = append(lat, time.Since(t0))
				rows = len(list)
			}
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			fmt.Printf("%-28s %8d %10s %10s\n", c.name, rows, lat[len(lat)/2].Round(time.Microsecond), lat[len(lat)*99/100].Round(time.Microsecond))
		}
		for _, c := range cases[:4] {
			plan, err := st.ExplainContacts(ctx, c.f)
			if err != nil {
				return err
			}
			fmt.Printf("\nEXPLAIN ANALYZE (%s):\n%s\n", c.name, indent(plan))
		}
	}
	return nil
}

func seedOffer(ctx context.Context, st *store.Store) (string, error) {
	o := store.Offer{Name: "Bench offer"}
	err := st.CreateOffer(ctx, &o)
	return o.ID, err
}

// seedContacts adds contacts from+1..to in one statement each (contacts, then grants for one in
// ten), with varied names so substring search has realistic selectivity.
func seedContacts(ctx context.Context, st *store.Store, from, to int, offerID string) error {
	return st.Exec(ctx, `
		WITH first(n) AS (SELECT unnest(ARRAY['Ada','Ben','Cleo','Dev','Elif','Femi','Gus','Hana','Ivo','Jun','Kai','Lena','Milo','Nia','Omar','Pia','Quin','Rui','Sara','Tomas']) ),
		     last(n)  AS (SELECT unnest(ARRAY['Barlow','Chen','Diaz','Evans','Fox','Garcia','Haas','Ito','Jones','Khan','Lopez','Marlow','Novak','Okoro','Park','Quist','Rossi','Smith','Tran','Ueda','Voss','Weber','Young','Zhou']) ),
		     f AS (SELECT array_agg(n) a FROM first), l AS (SELECT array_agg(n) a FROM last)
		INSERT INTO contacts (email, name, created_at, last_login_at)
		SELECT 'user' || i || '@example' || (i % 97) || '.com',
		       f.a[1 + i % 20] || ' ' || l.a[1 + (i / 20) % 24] || ' ' || i,
		       now() - make_interval(mins => i),
		       CASE WHEN i % 3 = 0 THEN NULL ELSE now() - make_interval(mins => i % 10000) END
		FROM generate_series(?::int + 1, ?::int) i, f, l;
		INSERT INTO offer_grants (contact_id, offer_id)
		SELECT id, ?::uuid FROM contacts c WHERE c.email ~ '^user[0-9]*0@' AND c.created_at IS NOT NULL
		ON CONFLICT DO NOTHING;
		ANALYZE contacts; ANALYZE offer_grants;`, from, to, offerID)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
}
