package japanmap

import "strings"

// writer builds SVG markup; attributes are given as name, value pairs and
// values are escaped. Text content must already be clean.
type writer struct {
	b strings.Builder
}

func (w *writer) tag(name string, attrs []string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteByte(' ')
		w.b.WriteString(attrs[i])
		w.b.WriteString(`="`)
		escape(&w.b, attrs[i+1])
		w.b.WriteByte('"')
	}
}

// open writes a start tag.
func (w *writer) open(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString(">\n")
}

// close writes an end tag.
func (w *writer) close(name string) {
	w.b.WriteString("</" + name + ">\n")
}

// void writes an element without content.
func (w *writer) void(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString("/>\n")
}

// text writes an element holding text.
func (w *writer) text(name, content string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteByte('>')
	escape(&w.b, content)
	w.b.WriteString("</" + name + ">\n")
}

// dot writes a background dot; it is the bulk of the output, so it is
// written without the generic attribute loop.
func dot(b *strings.Builder, p point) {
	b.WriteString(`<circle cx="`)
	b.WriteString(num(p.X))
	b.WriteString(`" cy="`)
	b.WriteString(num(p.Y))
	b.WriteString(`" r="` + dotRadius + `"/>` + "\n")
}
