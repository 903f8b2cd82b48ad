package japanmap

import "math"

// Size of the map's viewBox, in SVG user units (px at 100% zoom).
const (
	width  = 540.0
	height = 580.0
)

// point is a position in the viewBox.
type point struct{ X, Y float64 }

// box is an axis-aligned rectangle in the viewBox.
type box struct{ X, Y, W, H float64 }

func (b box) overlaps(o box) bool {
	return b.X < o.X+o.W && o.X < b.X+b.W && b.Y < o.Y+o.H && o.Y < b.Y+b.H
}

// within reports whether b lies entirely inside o.
func (b box) within(o box) bool {
	return b.X >= o.X && b.Y >= o.Y && b.X+b.W <= o.X+o.W && b.Y+b.H <= o.Y+o.H
}

// frame maps longitude and latitude to the viewBox with an equirectangular
// projection: ref (lng, lat) lands on at, one degree of latitude is scale
// units and one degree of longitude is scale·cos(parallel) units, which
// keeps shapes true near that parallel.
type frame struct {
	refLng, refLat float64
	at             point
	scale          float64
	cosParallel    float64
	border         box // drawn around insets; zero for the main frame
}

func (f frame) project(lat, lng float64) point {
	return point{
		X: f.at.X + (lng-f.refLng)*f.scale*f.cosParallel,
		Y: f.at.Y + (f.refLat-lat)*f.scale,
	}
}

// Scale of the main map: 1° of latitude in user units.
const mainScale = 36.0

// The three frames. The main one shows Kyushu to Hokkaido (30.0–45.7° N,
// 128.4–146.0° E). As on most Japanese maps, the Nansei Islands (Amami
// and Okinawa, south of 29.6° N and west of 135° E) sit in an inset in
// the empty Sea of Japan at the top left, and the Ogasawara Islands (south
// of 29.6° N, east of 135° E) in a small inset south of Tokyo, roughly
// where they are.
func mainFrame() frame {
	return frame{refLng: 128.4, refLat: 45.7, at: point{10, 10}, scale: mainScale,
		cosParallel: math.Cos(37 * math.Pi / 180)}
}

func nanseiFrame() frame {
	return frame{refLng: 122.8, refLat: 28.7, at: point{16, 16}, scale: mainScale * 0.7,
		cosParallel: math.Cos(26 * math.Pi / 180), border: box{10, 10, 210, 128}}
}

func ogasawaraFrame() frame {
	return frame{refLng: 142.2, refLat: 27.1, at: point{405, 542}, scale: mainScale,
		cosParallel: math.Cos(27 * math.Pi / 180), border: box{385, 522, 40, 40}}
}

// frameFor picks the frame that shows a place.
func frameFor(lat, lng float64) frame {
	switch {
	case lat >= 29.6:
		return mainFrame()
	case lng < 135:
		return nanseiFrame()
	default:
		return ogasawaraFrame()
	}
}

// project places a municipality's town hall on the map.
func project(lat, lng float64) point {
	return frameFor(lat, lng).project(lat, lng)
}

// insetBorders are the boxes drawn around the insets.
func insetBorders() []box {
	return []box{nanseiFrame().border, ogasawaraFrame().border}
}
