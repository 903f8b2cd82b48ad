package japanmap

import (
	"encoding/xml"
	"strings"
	"testing"
)

// node is a parsed SVG element.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

// parse parses rendered SVG, failing the test if it is not well-formed.
func parse(t *testing.T, svg string) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal([]byte(svg), &root); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	return root
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// all returns n's descendants (and n) named name, in document order.
func (n node) all(name string) []node {
	var out []node
	if n.XMLName.Local == name {
		out = append(out, n)
	}
	for _, c := range n.Nodes {
		out = append(out, c.all(name)...)
	}
	return out
}

// child returns n's first child named name.
func (n node) child(name string) (node, bool) {
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			return c, true
		}
	}
	return node{}, false
}

// byID returns the element with the given id.
func (n node) byID(id string) (node, bool) {
	if n.attr("id") == id {
		return n, true
	}
	for _, c := range n.Nodes {
		if f, ok := c.byID(id); ok {
			return f, true
		}
	}
	return node{}, false
}

// texts is the text of every <text> under n.
func (n node) texts() []string {
	var out []string
	for _, t := range n.all("text") {
		out = append(out, strings.TrimSpace(t.Text))
	}
	return out
}
