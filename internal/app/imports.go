package app

// Imports is the service for entries imported from forms and exported as CSV.
type Imports struct{ app *App }
