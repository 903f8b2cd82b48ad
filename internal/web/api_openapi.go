package web

import (
	"net/http"
)

// openAPIDocument serves the OpenAPI 3.1 description of /api/v1, embedded
// from static/openapi.json; a test checks it against the route table.
func (s *Server) openAPIDocument(w http.ResponseWriter, r *http.Request) {
	data, err := assets.ReadFile("static/openapi.json")
	if err != nil {
		http.Error(w, "OpenAPI document missing", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(data)
}
