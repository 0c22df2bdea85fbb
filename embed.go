// Package gatehouse holds the build artefacts that live outside server/: the
// compiled portal (frontend/dist, written by `npm run build`) and the SQL
// migrations. Go's embed cannot reach parent directories, so both are
// embedded here, at the module root, and handed to the server by main.
package gatehouse

import (
	"embed"
	"io/fs"
)

//go:embed all:frontend/dist
var frontend embed.FS

//go:embed migrations/*.sql
var migrations embed.FS

// Frontend returns the built single-page app rooted at dist/.
func Frontend() fs.FS {
	sub, err := fs.Sub(frontend, "frontend/dist")
	if err != nil {
		panic(err) // unreachable: the directory is part of the embed pattern
	}
	return sub
}

// Migrations returns the SQL migration files rooted at migrations/.
func Migrations() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return sub
}
