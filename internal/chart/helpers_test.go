package chart

import (
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"testing"
)

// node is a parsed XML element.
type node struct {
	name     string
	attrs    map[string]string
	children []*node
	text     string // character data directly inside
}

// parse parses out strictly as XML, proving it well-formed.
func parse(out template.HTML) (*node, error) {
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("several root elements")
				}
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			} else if strings.TrimSpace(string(tok)) != "" {
				return nil, errors.New("text outside the root")
			}
		case xml.ProcInst, xml.Directive, xml.Comment:
			return nil, errors.New("unexpected markup")
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// mustParse parses out or fails the test.
func mustParse(t *testing.T, out template.HTML) *node {
	t.Helper()
	n, err := parse(out)
	if err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, out)
	}
	return n
}

// all returns n and its descendants in document order that match.
func (n *node) all(match func(*node) bool) []*node {
	var out []*node
	if match(n) {
		out = append(out, n)
	}
	for _, c := range n.children {
		out = append(out, c.all(match)...)
	}
	return out
}

// is matches elements by name and, if class is not "", by a class.
func is(name, class string) func(*node) bool {
	return func(n *node) bool {
		return n.name == name && (class == "" || slices.Contains(strings.Fields(n.attrs["class"]), class))
	}
}

// child returns n's first child element with the name, or nil.
func (n *node) child(name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// texts returns the contents of the <text> elements with the class.
func (n *node) texts(class string) []string {
	var out []string
	for _, t := range n.all(is("text", class)) {
		out = append(out, t.text)
	}
	return out
}

// checkAccessible checks what every chart must have: an <svg role="img">
// with a viewBox and width 100%, labelled by its own <title> (and <desc>),
// unique ids, resolvable pattern references and no NaN or infinity.
func checkAccessible(t *testing.T, out template.HTML) *node {
	t.Helper()
	root := mustParse(t, out)
	if root.name != "svg" || root.attrs["role"] != "img" || root.attrs["width"] != "100%" ||
		!strings.HasPrefix(root.attrs["viewBox"], "0 0 ") {
		t.Fatalf("root %s %v", root.name, root.attrs)
	}
	ids := map[string]*node{}
	for _, n := range root.all(func(n *node) bool { return n.attrs["id"] != "" }) {
		if ids[n.attrs["id"]] != nil {
			t.Errorf("duplicate id %q", n.attrs["id"])
		}
		ids[n.attrs["id"]] = n
	}
	refs := strings.Fields(root.attrs["aria-labelledby"])
	if len(refs) == 0 {
		t.Fatal("no aria-labelledby")
	}
	for i, ref := range refs {
		n := ids[ref]
		want := []string{"title", "desc"}[min(i, 1)]
		if n == nil || n.name != want || strings.TrimSpace(n.text) == "" || !slices.Contains(root.children, n) {
			t.Errorf("aria-labelledby %q does not name a non-empty <%s> child of <svg>", ref, want)
		}
	}
	if root.children[0].name != "title" {
		t.Errorf("first child is <%s>, want <title>", root.children[0].name)
	}
	for _, n := range root.all(func(n *node) bool { return strings.HasPrefix(n.attrs["fill"], "url(") }) {
		ref := strings.TrimSuffix(strings.TrimPrefix(n.attrs["fill"], "url(#"), ")")
		if ids[ref] == nil || ids[ref].name != "pattern" {
			t.Errorf("fill %q refers to no pattern", n.attrs["fill"])
		}
	}
	if err := badGeometry(root); err != nil {
		t.Error(err)
	}
	for _, bad := range []string{"<script", "currentColor"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	return root
}

// badGeometry reports a geometry attribute that holds NaN or infinity.
func badGeometry(root *node) error {
	for _, n := range root.all(func(*node) bool { return true }) {
		for _, a := range []string{"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height",
			"points", "d", "viewBox", "transform"} {
			if v := n.attrs[a]; strings.Contains(v, "NaN") || strings.Contains(v, "Inf") {
				return fmt.Errorf("<%s %s=%q>", n.name, a, v)
			}
		}
	}
	return nil
}
