package japanmap

import (
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/svgmark"
)

// writer builds SVG markup (see svgmark.Writer); the package adds its
// own drawing methods.
type writer struct {
	svgmark.Writer
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
