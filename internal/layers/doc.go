// Package layers holds the test that keeps Tsunagu's layering: domain and
// policy at the bottom, the store beneath the application layer
// (internal/app), and handlers, commands and jobs on top. See
// docs/architecture.md.
package layers
