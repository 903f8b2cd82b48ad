package app

import "github.com/tsunagu-hub/tsunagu/internal/match"

// Catalogue is the service for the public project list, search, facets and recommendations.
type Catalogue struct {
	app    *App
	rarity timed[*match.Rarity] // the hub's skill rarity behind scores, reused for a while
	// model answers the public list from memory (catalogue_model.go).
	model catalogueModel
}
