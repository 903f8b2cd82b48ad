package svgmark

import "testing"

func TestWriterEscapesAttributesAndText(t *testing.T) {
	var w Writer
	w.Open("g", "aria-label", `"a" & <b>`)
	w.Text("title", Clean("  名前\t<script>\u202E  "))
	w.Void("circle", "r", "2")
	w.Close("g")
	want := "<g aria-label=\"&quot;a&quot; &amp; &lt;b&gt;\">\n<title>名前 &lt;script&gt;</title>\n<circle r=\"2\"/>\n</g>\n"
	if got := w.B.String(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
