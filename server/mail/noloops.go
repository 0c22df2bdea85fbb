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

// textFuncs replace, for one run of a staff template, the built-in functions that make text.
// printf: fmt pads to a width or precision of up to a million, so a template without loops
// could still spend seconds of CPU on padding that {{len}} or {{if}} then discard, below the
// output cap; the format may come from a variable (a member's name), so it is checked when
// the template runs. And every one of them (print, printf, println, html, js, urlquery)
// refuses to make a value over maxValue, or more than maxWork in the whole run: without that,
// twenty {{$a = print $a $a}} (or nested {{with js .}}) double a value a million-fold, and
// forty ask for terabytes, all thrown away by {{len}} below the output cap. With loops refused
// and the work counted, rendering a template costs at most about maxWork of copying
// (BenchmarkRenderWorstCustom), which matters because it runs inside the transaction that
// queues the email.
func textFuncs() texttemplate.FuncMap {
	spent := 0
	bounded := func(f func(args ...any) string) func(args ...any) (string, error) {
		return func(args ...any) (string, error) {
			in := argsLen(args)
			if in > maxValue || spent+in > maxWork {
				return "", errTooMuchWork
			}
			out := f(args...)
			spent += in + len(out)
			if len(out) > maxValue || spent > maxWork {
				return "", errTooMuchWork
			}
			return out, nil
		}
	}
	return texttemplate.FuncMap{
		"printf": func(format string, args ...any) (string, error) {
			if wideVerb.MatchString(format) {
				return "", errors.New("printf widths and precisions are limited to two digits")
			}
			// The format counts as an argument; Sprintf gets the arguments alone.
			return bounded(func(a ...any) string { return fmt.Sprintf(format, a[1:]...) })(append([]any{format}, args...)...)
		},
		"print":    bounded(fmt.Sprint),
		"println":  bounded(fmt.Sprintln),
		"html":     bounded(texttemplate.HTMLEscaper),
		"js":       bounded(texttemplate.JSEscaper),
		"urlquery": bounded(texttemplate.URLQueryEscaper),
	}
}

// maxValue bounds one value a template function makes, maxWork all of them in one run: far
// above any real use (an offer's description and links are a few thousand characters), far
// below what hurts.
const (
	maxValue = 32 << 10
	maxWork  = 1 << 20
)

var errTooMuchWork = errors.New("this template builds too much text (a value over 32 KB, or over 1 MB in all)")

// argsLen is about how much text args hold: strings by length, anything else (numbers,
// booleans: the template's own constants and fields) as a short word.
func argsLen(args []any) int {
	n := 0
	for _, a := range args {
		if s, ok := a.(string); ok {
			n += len(s)
		} else {
			n += 24
		}
	}
	return n
}

// wideVerb finds a width or precision of three digits or more, or one taken from an argument.
var wideVerb = regexp.MustCompile(`%[-+# 0]*([1-9]\d{2,}|\*|\[)|%[-+# 0]*\d*\.0*([1-9]\d{2,}|\*|\[)`)
