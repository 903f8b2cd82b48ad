package app

import "github.com/tsunagu-hub/tsunagu/internal/store"

// Hub is the service for the hub's municipalities and programs as the public pages and the API show them.
type Hub struct {
	app      *App
	totals   timed[store.HubStats] // the home page's totals, reused a minute
	programs programFigures        // the home page's program figures, likewise
}
