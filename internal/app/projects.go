package app

// Projects is the service for a business's projects, from draft through review to publication.
type Projects struct{ app *App }
