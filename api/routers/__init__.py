"""HTTP routers, one per resource: thin, they validate, call a service or query, and present."""
