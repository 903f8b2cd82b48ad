package app

// Agreements is the service for the terms of each placement and their acceptance by every party.
type Agreements struct{ app *App }
