package http

// RouteInfo is a route of the table, for the access-matrix test.
type RouteInfo struct{ Method, Pattern string }

// Routes lists the route table.
func Routes() []RouteInfo {
	var out []RouteInfo
	for _, r := range routes() {
		out = append(out, RouteInfo{r.Method, r.Pattern})
	}
	return out
}

// DummyHashForTest is the hash an unknown username is checked against.
func DummyHashForTest() string { return dummyHash }

// APIRoutes lists the API's route table, for the API's access matrix and the check of
// the OpenAPI document.
func APIRoutes() []RouteInfo {
	var out []RouteInfo
	for _, r := range apiRoutes() {
		out = append(out, RouteInfo{r.Method, r.Pattern})
	}
	return out
}
