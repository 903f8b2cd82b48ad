package legal

import (
	"strings"
)

// BlockKind says how a block of a document is shown.
type BlockKind string

// Block kinds.
const (
	Heading   BlockKind = "heading"
	Paragraph BlockKind = "paragraph"
	List      BlockKind = "list"
)

// Block is a heading, a paragraph or a list of a document.
type Block struct {
	Kind  BlockKind
	Spans []Span   // a heading's or paragraph's text
	Items [][]Span // a list's items
}

// Span is a run of text, a link when Href is set.
type Span struct {
	Text, Href string
}

// Parse reads a document written in the small format the admin page
// explains: a line starting with "#" is a heading, a line starting with
// "- " a list item (items in a row make one list), any other line a
// paragraph; [text](target) is a link to a path on this site ("/me/data"),
// an https:// or http:// address, or a mailto: address. Anything else is
// plain text: no markup of the writer's reaches the page.
func Parse(text string) []Block {
	var out []Block
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			out = append(out, Block{Kind: Heading, Spans: spans(strings.TrimSpace(strings.TrimLeft(line, "#")))})
		case strings.HasPrefix(line, "- "):
			item := spans(strings.TrimSpace(line[2:]))
			if n := len(out); n > 0 && out[n-1].Kind == List {
				out[n-1].Items = append(out[n-1].Items, item)
			} else {
				out = append(out, Block{Kind: List, Items: [][]Span{item}})
			}
		default:
			out = append(out, Block{Kind: Paragraph, Spans: spans(line)})
		}
	}
	return out
}

// spans splits a line into text and [text](target) links.
func spans(line string) []Span {
	var out []Span
	plain := func(s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Href == "" {
			out[n-1].Text += s
			return
		}
		out = append(out, Span{Text: s})
	}
	for line != "" {
		open := strings.Index(line, "[")
		if open < 0 {
			plain(line)
			break
		}
		text, target, rest, ok := link(line[open:])
		if !ok {
			plain(line[:open+1])
			line = line[open+1:]
			continue
		}
		plain(line[:open])
		out = append(out, Span{Text: text, Href: target})
		line = rest
	}
	return out
}

// link reads "[text](target)" at the start of s.
func link(s string) (text, target, rest string, ok bool) {
	closeText := strings.Index(s, "](")
	if closeText < 1 {
		return "", "", "", false
	}
	closeTarget := strings.Index(s[closeText:], ")")
	if closeTarget < 0 {
		return "", "", "", false
	}
	text, target = s[1:closeText], strings.TrimSpace(s[closeText+2:closeText+closeTarget])
	if text == "" || strings.ContainsAny(text, "[]") || !SafeTarget(target) {
		return "", "", "", false
	}
	return text, target, s[closeText+closeTarget+1:], true
}

// SafeTarget reports whether a link may point at target: a path on this
// site, a web address or a mail address, never a script.
func SafeTarget(target string) bool {
	lower := strings.ToLower(target)
	switch {
	case strings.ContainsAny(target, " \t\"'<>\\"):
		return false
	case strings.HasPrefix(target, "/"):
		return !strings.HasPrefix(target, "//")
	case strings.HasPrefix(lower, "https://"), strings.HasPrefix(lower, "http://"):
		return len(target) > len("https://")
	case strings.HasPrefix(lower, "mailto:"):
		return strings.Contains(target, "@")
	}
	return false
}
