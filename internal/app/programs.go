package app

// Programs is the service for opening programs and choosing their stages.
type Programs struct{ app *App }
