package app

// Credentials is the service for issuing, revoking and verifying experience credentials.
type Credentials struct{ app *App }
