package match

import "math"

// earthRadiusKm is the mean earth radius (IUGG).
const earthRadiusKm = 6371.0088

// haversineKm is the great-circle distance between two valid locations.
func haversineKm(a, b Location) float64 {
	const rad = math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLng := (b.Lng - a.Lng) * rad
	s1 := math.Sin(dLat / 2)
	s2 := math.Sin(dLng / 2)
	h := s1*s1 + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*s2*s2
	return 2 * earthRadiusKm * math.Asin(math.Sqrt(min(h, 1)))
}

// unitVector places a location on the unit sphere. The scan compares
// talents by the straight-line (chord) distance between these vectors,
// which orders talents exactly as the great-circle distance does and, below
// 100 km, differs from it by less than one metre.
func unitVector(l Location) [3]float32 {
	if !l.Valid {
		return [3]float32{}
	}
	const rad = math.Pi / 180
	lat, lng := l.Lat*rad, l.Lng*rad
	return [3]float32{
		float32(math.Cos(lat) * math.Cos(lng)),
		float32(math.Cos(lat) * math.Sin(lng)),
		float32(math.Sin(lat)),
	}
}

// locationOf reverses unitVector (to within float32 precision).
func locationOf(v [3]float32) Location {
	x, y, z := float64(v[0]), float64(v[1]), float64(v[2])
	return Location{
		Lat:   math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi,
		Lng:   math.Atan2(y, x) * 180 / math.Pi,
		Valid: true,
	}
}
