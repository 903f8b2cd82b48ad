package app

// Allocation is the service for matching a cohort to projects and accepting the allocation.
type Allocation struct{ app *App }
