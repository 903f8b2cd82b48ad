package app

// Pool is the service for the shared talent pool and scouting.
type Pool struct{ app *App }
