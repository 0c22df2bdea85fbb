package mail

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	texttemplate "text/template"
	"text/template/parse"
)

// errLoop marks a staff template refused for a construct that can repeat or recurse.
var errLoop = errors.New("mail: template may loop")

// refuseLoops rejects the constructs that let a staff-written template run for long: {{range}}
// (Go ranges over integers, so nested ranges that print nothing pin a core without ever
// reaching the output cap) and {{define}}, {{template}}, {{block}} (recursion). Without them a
// template runs in time bounded by its length. The error carries the line.
func refuseLoops(field, src string, t *texttemplate.Template) error {
	if t.Tree != nil {
		if err := walkNoLoops(field, src, t.Tree, t.Tree.Root); err != nil {
			return err
		}
	}
	for _, other := range t.Templates() {
		if other != t && other.Tree != nil { // a {{define}}
			return loopError(field, other.Tree, other.Tree.Root, "{{define}}")
		}
	}
	return nil
}

func walkNoLoops(field, src string, tree *parse.Tree, n parse.Node) error {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := walkNoLoops(field, src, tree, c); err != nil {
				return err
			}
		}
	case *parse.IfNode:
		return walkBranch(field, src, tree, &n.BranchNode)
	case *parse.WithNode:
		return walkBranch(field, src, tree, &n.BranchNode)
	case *parse.RangeNode:
		return loopError(field, tree, n, "{{range}}")
	case *parse.TemplateNode:
		// {{block}} parses as a {{define}} plus a {{template}} call: name it as written. The
		// node's position is its name's; the keyword is just before it.
		what := "{{template}}"
		if p := int(n.Position()); p <= len(src) && strings.HasSuffix(strings.TrimRight(src[:p], " \t\r\n"), "block") {
			what = "{{block}}"
		}
		return loopError(field, tree, n, what)
	}
	return nil
}

func walkBranch(field, src string, tree *parse.Tree, b *parse.BranchNode) error {
	if err := walkNoLoops(field, src, tree, b.List); err != nil {
		return err
	}
	return walkNoLoops(field, src, tree, b.ElseList)
}

func loopError(field string, tree *parse.Tree, n parse.Node, what string) error {
	line := 0
	if loc, _ := tree.ErrorContext(n); loc != "" { // "name:line:col"
		if parts := strings.Split(loc, ":"); len(parts) >= 3 {
			line, _ = strconv.Atoi(parts[len(parts)-2])
		}
	}
	return errors.Join(errLoop, &TemplateError{Field: field, Line: line,
		Message: what + " is not allowed in email templates: a template cannot repeat or call another. Use {{if}} and {{with}}."})
}

// boundedFuncs replace the built-in printf: fmt pads to a width or precision of up to a
// million, so a template without loops could still spend seconds of CPU on padding that
// {{len}} or {{if}} then discard, below the output cap. The format may come from a variable
// (a member's name), so it is checked when the template runs.
var boundedFuncs = texttemplate.FuncMap{"printf": boundedPrintf}

// wideVerb finds a width or precision of three digits or more, or one taken from an argument.
var wideVerb = regexp.MustCompile(`%[-+# 0]*([1-9]\d{2,}|\*|\[)|%[-+# 0]*\d*\.0*([1-9]\d{2,}|\*|\[)`)

func boundedPrintf(format string, args ...any) (string, error) {
	if wideVerb.MatchString(format) {
		return "", errors.New("printf widths and precisions are limited to two digits")
	}
	return fmt.Sprintf(format, args...), nil
}
