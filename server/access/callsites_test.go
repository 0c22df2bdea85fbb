package access

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// guarded are the store's and auth's functions that change a contact's access or send them a
// way in. Only access calls them (store and auth define them; auth's self-service flows send
// a member's own reset and welcome emails), so a fifth copy of "grant an offer" cannot creep
// back into a handler, a job or a new caller: it has to come through here, with the rules.
var guarded = map[string]bool{
	"CreateGrant": true, "RevokeGrant": true, "QueueWelcome": true, "QueueReset": true,
	"IssueLink": true, "AddMembership": true, "RemoveMembership": true, "EndAccess": true,
	"SetDisabled": true, "Unsuppress": true, "QueueSetPassword": true, "RequeueNotice": true,
}

// allowed packages (directories under server/) and the guarded names each may call.
var allowed = map[string]map[string]bool{
	"access": nil, // everything
	"store":  nil, // the definitions
	"auth":   nil, // the definitions and self-service
	"desk": { // staff-only account work with its own rules: staff invites and role changes end sessions
		"EndAccess": true,
	},
}

// throughAccess reports a call on the access service itself (x.access.SetDisabled), whose
// methods share some names with the store's.
func throughAccess(sel *ast.SelectorExpr) bool {
	recv, ok := sel.X.(*ast.SelectorExpr)
	return ok && recv.Sel.Name == "access"
}

func TestOnlyAccessCallsTheGuardedFunctions(t *testing.T) {
	root := ".."
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		pkg := strings.Split(filepath.ToSlash(rel), "/")[0]
		names, ok := allowed[pkg]
		if ok && names == nil {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !guarded[sel.Sel.Name] || names[sel.Sel.Name] || throughAccess(sel) {
				return true
			}
			{
				t.Errorf("%s: calls %s directly; go through package access (one path per action)", fset.Position(call.Pos()), sel.Sel.Name)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
