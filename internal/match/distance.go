package match

// DistanceKm is the great-circle distance between two places in
// kilometres, or -1 when either has no coordinates.
func DistanceKm(a, b Location) float64 {
	if !a.Valid || !b.Valid {
		return -1
	}
	return haversineKm(a, b)
}
