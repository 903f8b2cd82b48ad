package app

// Insights is the service for the dashboards and their exports.
type Insights struct{ app *App }
