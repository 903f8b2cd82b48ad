package app

// Members is the service for a municipality's members and invitations, and its privacy notice, terms and contact page.
type Members struct{ app *App }
