package app

// Community is the service for events, RSVPs and ideas.
type Community struct{ app *App }
