package app

// Talents is the service for a talent's profile, consents, notices and bookmarks.
type Talents struct{ app *App }
